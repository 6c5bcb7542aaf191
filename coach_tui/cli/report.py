"""``coach-tui report NAME``: the final report or a session summary, to a file or stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach_tui.errors import StoreError
from coach_tui.reports.writing import AUDIENCE_LABELS, describe, render_report, write_report
from coach_tui.text import one_line


def cli_report(args: argparse.Namespace, root: Path) -> int:
    """``coach-tui report NAME [--kind] [--audience] [--format] [-o FILE]``."""
    from coach_tui.store.practice import Practice

    practice = Practice(root, read_only=True)
    summary = practice.find(args.name)
    kind = getattr(args, "kind", "final")
    if args.output:
        target = write_report(
            practice, summary.id, kind, args.audience, args.format, Path(args.output)
        )
        reader = AUDIENCE_LABELS[args.audience]
        shown = one_line(str(target))
        print(f"Wrote the {kind} report for the {reader} to {shown}", file=sys.stderr)
        return 0
    record = practice.load(summary.id)
    shared = None
    if args.audience == "sponsor":
        from coach_tui.reports import sponsor_render

        text, shared = sponsor_render.render(record, kind, args.format, practice.clock().date())
    else:
        text = render_report(record, kind, args.audience, args.format, practice.clock().date())
    sys.stdout.write(text)
    sys.stdout.flush()
    try:
        if shared is not None:
            from coach_tui.domain import sharing

            sharing.log_sent(practice, summary.id, shared, "the terminal", kind)
        practice.log_event(
            summary.id,
            "report",
            describe(kind, args.audience, args.format, record) + " to the terminal",
        )
    except StoreError as exc:  # a read-only practice still prints its reports
        print(f"coach-tui: not recorded in the history: {one_line(str(exc))}", file=sys.stderr)
    return 0
