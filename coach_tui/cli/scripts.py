"""``coach-tui scripts``: list the scripts; ``scripts check FILE...`` validates files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach_tui.cli.codes import EXIT_OK, EXIT_PROBLEMS
from coach_tui.errors import InvalidInputError
from coach_tui.scripts import library as scripts
from coach_tui.text import one_line


def cli_scripts(args: argparse.Namespace, root: Path) -> int:
    """List the scripts, or validate script files (``scripts check FILE...``)."""
    if args.action == "check":
        if not args.files:
            raise InvalidInputError("scripts check needs at least one FILE")
        problems = scripts.check_files([Path(f) for f in args.files], root)
        for problem in problems:
            print(one_line(str(problem)))
        if problems:
            return EXIT_PROBLEMS
        print(f"{len(args.files)} script file(s): no problems")
        return EXIT_OK
    if args.files:
        raise InvalidInputError("did you mean 'coach-tui scripts check FILE...'?")
    library = scripts.load_library(root)
    for script in library.all():
        origin = "" if script.source == "shipped" else f"  ({script.source})"
        print(
            f"{script.id:24} {script.stage.label:12} {script.audience:12} "
            f"{script.minutes:>3} min  {len(script.questions):>2} q  {one_line(script.title)}"
            f"{one_line(origin)}"
        )
    for problem in library.problems:
        print(f"problem: {one_line(str(problem))}", file=sys.stderr)
    return EXIT_PROBLEMS if library.problems else EXIT_OK
