"""The ``coach-tui kit`` command.

``kit fill`` asks its questions through ``coach_tui.selfassess``, imported only when
it runs, so importing this module never loads questionary or prompt_toolkit.
"""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from coach_tui.errors import InvalidInputError
from coach_tui.kit.exporting import export_kit
from coach_tui.kit.importing import import_response
from coach_tui.kit.model import KitError
from coach_tui.scripts.library import load_library
from coach_tui.store.practice import Practice
from coach_tui.text import one_line


def cli_kit(args: argparse.Namespace, root: Path) -> int:
    """``coach-tui kit export|fill|import``."""
    command = getattr(args, "kit_command", None)
    if command == "fill":
        return _kit_fill(args)
    if command == "export":
        practice = Practice(root)
        summary = practice.find(args.name)
        output = Path(args.output)
        kit = export_kit(
            practice, load_library(root), summary.id, args.audience, args.format, output
        )
        count = len(kit.questions)
        print(
            f"Wrote a {kit.audience} kit ({kit.phase}, {count} questions) for "
            f"{one_line(summary.name)} to {one_line(str(output))}"
        )
        if args.format == "json":
            print(
                f"It is answered with: coach-tui kit fill {one_line(output.name)} -o response.json"
            )
        else:
            print("It is filled in with any text editor and sent back as it is.")
        print(f"Import the answers with: coach-tui kit import RESPONSE (kit {kit.kit_id})")
        return 0
    if command == "import":
        import sys

        practice = Practice(root)
        try:
            result = import_response(practice, load_library(root), Path(args.file), args.file)
        except KitError as exc:
            for problem in exc.problems:
                print(one_line(str(problem)), file=sys.stderr)
            count = len(exc.problems)
            raise InvalidInputError(
                f"nothing was imported: {count} problem{'s' if count != 1 else ''} in "
                f"{args.file}; correct {'them' if count != 1 else 'it'} and import again"
            ) from None
        print(result.summary())
        return 0
    raise InvalidInputError(
        "kit needs an action: export, fill or import (see coach-tui kit --help)"
    )


def _kit_fill(args: argparse.Namespace) -> int:
    """``coach-tui kit fill FILE -o RESPONSE`` (no data folder is used)."""
    from coach_tui.selfassess import need_terminal, run_kit_fill

    need_terminal("kit fill", "or fill in the Markdown form with a text editor")
    again = shlex.join(["coach-tui", "kit", "fill", str(args.file), "-o", str(args.output)])
    return run_kit_fill(Path(args.file), Path(args.output), again)
