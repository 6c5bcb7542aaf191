"""``coach-tui demo``: seed a realistic demo practice, then open it."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach_tui import locations
from coach_tui.cli.app import open_app
from coach_tui.cli.codes import EXIT_OK


def cli_demo(args: argparse.Namespace, root: Path) -> int:
    """Seed into ``--data`` if given, else the demo folder (never the practice)."""
    from coach_tui.demo.seed import seed_demo

    explicit = getattr(args, "data", None)
    root = Path(explicit).expanduser() if explicit else locations.demo_dir()
    created = seed_demo(root)
    if created:
        print(f"Seeded a demo practice of {len(created)} executives in {root}")
    else:
        print(f"The demo practice is already in {root}")
    if args.no_open:
        return EXIT_OK
    return open_app(root)
