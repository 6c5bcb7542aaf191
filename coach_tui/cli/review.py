"""``coach-tui review NAME``: the pre-call brief, printed to fit the terminal."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from coach_tui.reports.brief import MIN_WIDTH, render_brief, sessions_read


def cli_review(args: argparse.Namespace, root: Path) -> int:
    """``coach-tui review NAME``: print the brief, as wide as the terminal allows (≤ 80)."""
    from coach_tui.store.practice import Practice

    practice = Practice(root, read_only=True)
    summary = practice.find(args.name)
    record = practice.load_part(summary.id, sessions_read)  # the brief reads no more
    columns = shutil.get_terminal_size((80, 24)).columns
    width = min(80, max(MIN_WIDTH, columns))
    sys.stdout.write(render_brief(record, practice.clock().date(), width))
    sys.stdout.flush()
    return 0
