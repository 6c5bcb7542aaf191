"""``coach-tui check``: validate the data files and scripts; exit 1 if problems."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach_tui.cli.codes import EXIT_OK, EXIT_PROBLEMS
from coach_tui.errors import InvalidInputError
from coach_tui.store.check import check
from coach_tui.store.practice import Practice
from coach_tui.text import one_line


def cli_check(args: argparse.Namespace, root: Path) -> int:
    """Validate data files and scripts; ``--repair``, ``--trash``, ``--restore``."""
    if args.restore:
        client_id, _, trash_id = args.restore.partition(":")
        if not trash_id:
            raise InvalidInputError("--restore takes CLIENT:ID as listed by check --trash")
        label = Practice(root).restore(client_id, trash_id)
        print(f"Restored {one_line(label)}")
        return EXIT_OK
    result = check(root, repair=args.repair)
    for line in result.repaired:
        print(f"repaired: {one_line(line)}")
    for line in result.problems:
        print(f"problem: {one_line(line)}")
    for line in result.notes:
        print(f"note: {one_line(line)}")
    if args.trash:
        print(f"{len(result.trash)} item(s) in the trash (restore with check --restore ID):")
        for line in result.trash:
            print(f"  {one_line(line)}")
    verdict = "no problems" if not result.problems else f"{len(result.problems)} problem(s)"
    counts = f"{result.clients} executive(s), {result.scripts} script(s)"
    print(f"{one_line(str(root))}: {counts}; {verdict}")
    return EXIT_PROBLEMS if result.problems else EXIT_OK
