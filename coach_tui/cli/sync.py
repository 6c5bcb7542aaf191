"""``coach-tui sync [--setup REMOTE]``: the command around ``coach_tui.sync.run``."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach_tui.sync.run import setup, sync
from coach_tui.text import one_line


def cli_sync(args: argparse.Namespace, root: Path) -> int:
    """``coach-tui sync [--setup REMOTE]``."""
    remote = getattr(args, "setup", None)
    if remote:
        setup(root, remote)
        print(f"Sync set up: {root} <-> {remote}")
    result = sync(root)
    for note in result.notes:
        print(one_line(note))
    if result.offline:
        print(result.message)
        return 0
    got = f"{len(result.received)} file(s) received" if result.received else "nothing new"
    print(f"Synced {root}: {got}; pushed.")
    return 0
