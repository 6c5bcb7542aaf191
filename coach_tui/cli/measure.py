"""``coach-tui measure NAME GOAL VALUE [--on DATE] [--source S]``: record a measured outcome.

Adds a reading of an agreed goal's success measure (the value as the dashboard, the
sponsor or a survey gave it) without opening the app, then prints the goal's
baseline -> latest. GOAL is the goal's id or a unique part of its text; DATE is read
as the app reads dates (2026-05-12, 12 May, last Friday; default today). User text
is printed through ``one_line`` (control characters made visible). Exit 0 recorded,
2 for an unknown or ambiguous NAME or GOAL, a goal not agreed yet, or a bad value or
date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach_tui.cli.codes import EXIT_OK
from coach_tui.errors import InvalidInputError
from coach_tui.text import one_line


def cli_measure(args: argparse.Namespace, root: Path) -> int:
    from coach_tui.domain import outcomes
    from coach_tui.domain.dates import date_order, parse_date
    from coach_tui.store.practice import Practice

    practice = Practice(root)
    summary = practice.find(args.name)
    record = practice.load(summary.id)
    goal = outcomes.find_goal(record, args.goal)
    today = practice.clock().date()
    try:
        on = parse_date(args.on or "", today, date_order()) or today
    except ValueError as exc:
        raise InvalidInputError(f"--on: {exc}") from None
    goal = practice.record_reading(summary.id, goal.id, args.value, on, args.source or "")
    change = outcomes.change(goal)
    out = [f"Recorded for '{one_line(goal.text, 60)}' ({one_line(summary.name, 40)})."]
    if change is not None:
        out.append(f"Measure: {one_line(change.describe(), 140)}")
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK
