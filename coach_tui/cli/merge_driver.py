"""``coach-tui merge-driver``: run by git to merge two versions of a practice file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from coach_tui.errors import CoachError
from coach_tui.sync.driver import ENV_NOTES, merge_files


def cli_merge_driver(args: argparse.Namespace, root: Path) -> int:
    """Run by git; exit 0 merged, 1 conflict (git stops the merge)."""
    try:
        notes = merge_files(Path(args.base), Path(args.ours), Path(args.theirs), args.name)
    except (CoachError, OSError) as exc:
        print(f"coach-tui merge-driver: {args.name}: {exc}", file=sys.stderr)
        return 1
    target = os.environ.get(ENV_NOTES)
    if target and notes:
        with Path(target).open("a", encoding="utf-8") as handle:
            handle.writelines(note.replace("\n", " ") + "\n" for note in notes)
    return 0
