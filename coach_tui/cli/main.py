"""The ``coach-tui`` command (the contract: docs/ARCHITECTURE.md, "Command line").

Textual is imported only when the app opens, so ``check``, ``scripts`` and
``export`` start fast. Every error is one line on stderr: 0 ok, 1 problems found,
2 bad usage or input.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from coach_tui import __version__, locations
from coach_tui.cli.codes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from coach_tui.errors import CoachError, InvalidInputError
from coach_tui.text import one_line


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line that points at --help."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {one_line(message)} (see {self.prog} --help)\n")
        raise SystemExit(EXIT_USAGE)


def _data_option(parser: argparse.ArgumentParser, top: bool = False) -> None:
    parser.add_argument(
        "--data",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help=f"the practice's data folder (default: ${locations.ENV_DATA} or the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coach-tui",
        description="A private, local, keyboard-first terminal app for executive coaches.",
        epilog="Run without a command to open the app on your practice.",
    )
    parser.add_argument("--version", action="version", version=f"coach-tui {__version__}")
    _data_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", help="seed a realistic demo practice, then open it")
    _data_option(demo)
    demo.add_argument("--no-open", action="store_true", help="only seed; do not open the app")

    check = sub.add_parser("check", help="validate data files and scripts; exit 1 if problems")
    _data_option(check)
    check.add_argument(
        "--repair", action="store_true", help="fix permissions, rebuild the index, clear temp files"
    )
    check.add_argument(
        "--trash", action="store_true", help="list deleted items that can be restored"
    )
    check.add_argument(
        "--restore", metavar="ID", help="restore a deleted item (an id from --trash)"
    )

    scripts = sub.add_parser(
        "scripts", help="list scripts; 'scripts check FILE...' validates files"
    )
    _data_option(scripts)
    scripts.add_argument("action", nargs="?", choices=["check"], help="check script files")
    scripts.add_argument("files", nargs="*", metavar="FILE", help="script files (TOML)")

    review = sub.add_parser("review", help="a one-screen brief of an executive, for before a call")
    _data_option(review)
    review.add_argument("name", metavar="NAME", help="id or a unique part of the name")

    self_assess = sub.add_parser(
        "self-assess", help="the executive's self-assessment, in this terminal"
    )
    _data_option(self_assess)
    self_assess.add_argument("name", metavar="NAME", help="id or a unique part of the name")

    kit = sub.add_parser("kit", help="questionnaires for people on other machines")
    kit_sub = kit.add_subparsers(dest="kit_command", metavar="ACTION", parser_class=_Parser)
    kit_export = kit_sub.add_parser("export", help="write a self-contained questionnaire")
    _data_option(kit_export)
    kit_export.add_argument("name", metavar="NAME")
    kit_export.add_argument(
        "--for", dest="audience", choices=["self", "stakeholder"], required=True
    )
    kit_export.add_argument("--format", choices=["json", "md"], default="json")
    kit_export.add_argument("-o", "--output", metavar="FILE", required=True)
    kit_fill = kit_sub.add_parser(
        "fill", help="answer a JSON kit in this terminal (no data folder)"
    )
    kit_fill.add_argument("file", metavar="FILE")
    kit_fill.add_argument("-o", "--output", metavar="RESPONSE", required=True)
    kit_import = kit_sub.add_parser("import", help="import a filled kit (JSON or Markdown)")
    _data_option(kit_import)
    kit_import.add_argument("file", metavar="RESPONSE")

    report = sub.add_parser("report", help="a session summary or the final report")
    _data_option(report)
    report.add_argument("name", metavar="NAME")
    report.add_argument("--audience", choices=["client", "sponsor"], default="client")
    report.add_argument("--format", choices=["md", "html"], default="md")
    report.add_argument(
        "--kind", choices=["final", "session"], default="final", help="default: final"
    )
    report.add_argument("-o", "--output", metavar="FILE")

    consent_ = sub.add_parser(
        "consent", help="what the executive agreed the sponsor may see, and what was sent"
    )
    _data_option(consent_)
    consent_.add_argument("name", metavar="NAME", help="id or a unique part of the name")

    export = sub.add_parser("export", help="everything (or one executive), as one JSON document")
    _data_option(export)
    export.add_argument("name", metavar="NAME", nargs="?", help="only this executive")
    export.add_argument("--csv", action="store_true", help="answers as CSV for a spreadsheet")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    measure = sub.add_parser("measure", help="record a value of an agreed goal's success measure")
    _data_option(measure)
    measure.add_argument("name", metavar="NAME", help="id or a unique part of the name")
    measure.add_argument("goal", metavar="GOAL", help="the goal's id or a unique part of it")
    measure.add_argument("value", metavar="VALUE", help="what the measure showed, as given")
    measure.add_argument("--on", metavar="DATE", help="the day it describes (default: today)")
    measure.add_argument("--source", metavar="S", help="who or what gave it (dashboard, sponsor)")

    import_ = sub.add_parser("import", help="import an export into this data folder")
    _data_option(import_)
    import_.add_argument("file", metavar="FILE")
    _sync_commands(sub)
    return parser


def _sync_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    """``encrypt``, ``decrypt``, ``sync`` (coach_tui/sync) and git's merge driver."""
    encrypt = sub.add_parser("encrypt", help="encrypt the practice at rest (asks a passphrase)")
    _data_option(encrypt)
    encrypt.add_argument(
        "--keyring", action="store_true", help="also keep the passphrase in the system keyring"
    )
    encrypt.add_argument(
        "--scrypt-log2n", type=int, metavar="N", help="key derivation work factor (default 17)"
    )
    decrypt = sub.add_parser("decrypt", help="turn encryption off: the files become plaintext")
    _data_option(decrypt)
    sync = sub.add_parser("sync", help="sync the practice through a git remote you control")
    _data_option(sync)
    sync.add_argument("--setup", metavar="REMOTE", help="once per machine: the git remote")
    driver = sub.add_parser("merge-driver", help="(run by git) merge two versions of a file")
    for name in ("base", "ours", "theirs", "name"):
        driver.add_argument(name)


#: Commands implemented in their own modules: command -> (module, function). Each
#: function takes (args, data folder) and returns the exit code; it raises CoachError
#: for the one-line errors. Imported only when the command runs.
HANDLERS: dict[str, tuple[str, str]] = {
    "demo": ("coach_tui.cli.demo", "cli_demo"),
    "check": ("coach_tui.cli.check", "cli_check"),
    "scripts": ("coach_tui.cli.scripts", "cli_scripts"),
    "review": ("coach_tui.cli.review", "cli_review"),
    "self-assess": ("coach_tui.cli.self_assess", "cli_self_assess"),
    "kit": ("coach_tui.cli.kit", "cli_kit"),
    "report": ("coach_tui.cli.report", "cli_report"),
    "consent": ("coach_tui.cli.consent", "cli_consent"),
    "measure": ("coach_tui.cli.measure", "cli_measure"),
    "import": ("coach_tui.cli.exchange", "cli_import"),
    "export": ("coach_tui.cli.exchange", "cli_export"),
    "encrypt": ("coach_tui.cli.crypto", "cli_encrypt"),
    "decrypt": ("coach_tui.cli.crypto", "cli_decrypt"),
    "sync": ("coach_tui.cli.sync", "cli_sync"),
    "merge-driver": ("coach_tui.cli.merge_driver", "cli_merge_driver"),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the command, turn every expected error into one line."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from coach_tui.sync import passphrase

    passphrase.allow_prompt = True  # the app turns it off: it asks in its own screen
    try:
        return _dispatch(args)
    except CoachError as exc:
        print(f"coach-tui: {one_line(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("coach-tui: interrupted; everything saved so far is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # the last net: a file the checks above did not foresee
        where = f"{exc.filename}: " if exc.filename else ""
        reason = (exc.strerror or exc.__class__.__name__).lower()
        print(f"coach-tui: {one_line(where + reason)}", file=sys.stderr)
        return EXIT_PROBLEMS


def _root(args: argparse.Namespace) -> Path:
    return locations.data_dir(getattr(args, "data", None))


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command is None:
        from coach_tui.cli.app import open_app

        return open_app(_root(args))
    if command in HANDLERS:
        module_name, function_name = HANDLERS[command]
        try:
            module = importlib.import_module(module_name)
            handler = getattr(module, function_name)
        except (ImportError, AttributeError):
            raise InvalidInputError(f"'{command}' is not available in this version") from None
        result: int = handler(args, _root(args))
        return result
    raise InvalidInputError(f"unknown command '{command}'")


def run() -> None:
    """Console-script wrapper used by ``python -m coach_tui``."""
    raise SystemExit(main())


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    run()
