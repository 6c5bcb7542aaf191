"""``coach-tui export`` and ``coach-tui import``: the exchange format on the command line.

What is exported and how an import is validated lives in ``coach_tui.exchange``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach_tui.exchange import export_csv, export_json, import_backup, read_document
from coach_tui.reports import outputs
from coach_tui.store.practice import Practice
from coach_tui.sync import crypto
from coach_tui.text import first_few, one_line


def write_out(data: bytes, output: str | None, root: Path) -> Path | None:
    """Write to ``-o`` (refusing unsafe targets), or to stdout without one."""
    if not output:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    return outputs.write(outputs.resolve(output, root), data)


def cli_export(args: argparse.Namespace, root: Path) -> int:
    """``coach-tui export [NAME] [--csv] [-o FILE]``."""
    practice = Practice(root, read_only=True)
    ids: list[str] | None = None
    if getattr(args, "name", None):
        ids = [practice.find(args.name).id]
    count = len(ids) if ids is not None else len(practice.client_ids())
    problems: list[str] = []
    target_path = getattr(args, "output", None)
    if target_path:
        outputs.resolve(target_path, root)  # refused before the work, not after
    if getattr(args, "csv", False):
        data = export_csv(practice, ids, problems)
        what = "answers"
    else:
        data = export_json(practice, ids, problems)
        what = "everything"
    data = crypto.seal_export(root, data)  # ciphertext when the practice is encrypted
    target = write_out(data, target_path, root)
    if target is not None:
        shown = one_line(str(target))
        print(f"Exported {what} of {count} executive(s) to {shown}", file=sys.stderr)
    for problem in problems:
        print(f"coach-tui: {one_line(problem)}", file=sys.stderr)
    return 1 if problems else 0


def cli_import(args: argparse.Namespace, root: Path) -> int:
    """``coach-tui import FILE``: add the executives of an export to this practice."""
    source = Path(args.file).expanduser()
    document = read_document(source, root)
    practice = Practice(root)
    outcome = import_backup(practice, document, str(source))
    added = outcome.added
    names = []
    for summary in practice.list_clients():
        if summary.id in added:
            names.append(one_line(summary.name, 40))
    where = one_line(str(root))
    if added:
        print(f"Imported {len(added)} executive(s) into {where}: {first_few(names)}")
    if outcome.already:
        print(
            f"{len(outcome.already)} executive(s) of {one_line(str(source))} were already in "
            f"{where}, identical: nothing to do for them"
        )
    for reason in list(outcome.damaged.values())[:5]:
        print(f"coach-tui: not imported: {one_line(reason)}", file=sys.stderr)
    if len(outcome.damaged) > 5:
        print(f"coach-tui: and {len(outcome.damaged) - 5} more damaged", file=sys.stderr)
    return 1 if outcome.damaged else 0
