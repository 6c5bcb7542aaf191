"""The ``coach-tui`` command (the contract: docs/ARCHITECTURE.md, "Command line").

Textual is imported only when the app opens, so ``check``, ``scripts`` and
``export`` start fast. Every error is one line on stderr: 0 ok, 1 problems found,
2 bad usage or input.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

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


def build_parser(lazy: bool = True) -> argparse.ArgumentParser:
    """The command line's parser; ``lazy=False`` builds every command's parser at once."""
    parser = _Parser(
        prog="coach-tui",
        description="A private, local, keyboard-first terminal app for executive coaches.",
        epilog="Run without a command to open the app on your practice.",
    )
    parser.add_argument("--version", action="version", version=f"coach-tui {__version__}")
    _data_option(parser, top=True)
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, action=_Commands
    )
    assert isinstance(sub, _Commands)
    sub.lazy = lazy
    for name, help_line, configure in COMMANDS:
        sub.add_command(name, help_line, configure)
    return parser


Configure = Callable[[argparse.ArgumentParser], None]

if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[_Parser]
else:
    _SubParsers = argparse._SubParsersAction


class _Commands(_SubParsers):
    """The sub-commands, each parser built only when the command line names it.

    Building all of them took longer than the rest of a ``review``; the top-level help
    and the "invalid choice" error need only the names and help lines. A parser
    built late is made exactly as ``add_parser(name)`` makes it, so its help, usage
    and errors do not change (tests/test_cli_parser.py compares both ways).
    """

    lazy = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending: dict[str, Configure] = {}

    def add_command(self, name: str, help_line: str, configure: Configure) -> None:
        if not self.lazy:
            configure(self.add_parser(name, help=help_line))
            return
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help_line))
        self._name_parser_map[name] = None  # type: ignore[assignment]  # built when named
        self._pending[name] = configure

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        assert isinstance(values, list) and values
        configure = self._pending.pop(values[0], None)
        if configure is not None:
            # What add_parser(name) does, keeping the command's place among the choices.
            command = self._parser_class(prog=f"{self._prog_prefix} {values[0]}")
            configure(command)
            self._name_parser_map[values[0]] = command
        super().__call__(parser, namespace, values, option_string)


def _demo(demo: argparse.ArgumentParser) -> None:
    _data_option(demo)
    demo.add_argument("--no-open", action="store_true", help="only seed; do not open the app")


def _check(check: argparse.ArgumentParser) -> None:
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


def _scripts(scripts: argparse.ArgumentParser) -> None:
    _data_option(scripts)
    scripts.add_argument("action", nargs="?", choices=["check"], help="check script files")
    scripts.add_argument("files", nargs="*", metavar="FILE", help="script files (TOML)")


def _named(command: argparse.ArgumentParser) -> None:
    """``review`` and ``self-assess``: the data folder and one executive."""
    _data_option(command)
    command.add_argument("name", metavar="NAME", help="id or a unique part of the name")


def _kit(kit: argparse.ArgumentParser) -> None:
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


def _report(report: argparse.ArgumentParser) -> None:
    _data_option(report)
    report.add_argument("name", metavar="NAME")
    report.add_argument("--audience", choices=["client", "sponsor"], default="client")
    report.add_argument("--format", choices=["md", "html"], default="md")
    report.add_argument(
        "--kind", choices=["final", "session"], default="final", help="default: final"
    )
    report.add_argument("-o", "--output", metavar="FILE")


def _export(export: argparse.ArgumentParser) -> None:
    _data_option(export)
    export.add_argument("name", metavar="NAME", nargs="?", help="only this executive")
    export.add_argument("--csv", action="store_true", help="answers as CSV for a spreadsheet")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")


def _measure(measure: argparse.ArgumentParser) -> None:
    _data_option(measure)
    measure.add_argument("name", metavar="NAME", help="id or a unique part of the name")
    measure.add_argument("goal", metavar="GOAL", help="the goal's id or a unique part of it")
    measure.add_argument("value", metavar="VALUE", help="what the measure showed, as given")
    measure.add_argument("--on", metavar="DATE", help="the day it describes (default: today)")
    measure.add_argument("--source", metavar="S", help="who or what gave it (dashboard, sponsor)")


def _import(import_: argparse.ArgumentParser) -> None:
    _data_option(import_)
    import_.add_argument("file", metavar="FILE")


# ``encrypt``, ``decrypt``, ``sync`` (coach_tui/sync) and git's merge driver.


def _encrypt(encrypt: argparse.ArgumentParser) -> None:
    _data_option(encrypt)
    encrypt.add_argument(
        "--keyring", action="store_true", help="also keep the passphrase in the system keyring"
    )
    encrypt.add_argument(
        "--scrypt-log2n", type=int, metavar="N", help="key derivation work factor (default 17)"
    )


def _sync(sync: argparse.ArgumentParser) -> None:
    _data_option(sync)
    sync.add_argument("--setup", metavar="REMOTE", help="once per machine: the git remote")


def _merge_driver(driver: argparse.ArgumentParser) -> None:
    for name in ("base", "ours", "theirs", "name"):
        driver.add_argument(name)


#: Every command in the order the help lists them: name, help line, its arguments.
COMMANDS: list[tuple[str, str, Configure]] = [
    ("demo", "seed a realistic demo practice, then open it", _demo),
    ("check", "validate data files and scripts; exit 1 if problems", _check),
    ("scripts", "list scripts; 'scripts check FILE...' validates files", _scripts),
    ("review", "a one-screen brief of an executive, for before a call", _named),
    ("self-assess", "the executive's self-assessment, in this terminal", _named),
    ("kit", "questionnaires for people on other machines", _kit),
    ("report", "a session summary or the final report", _report),
    ("consent", "what the executive agreed the sponsor may see, and what was sent", _named),
    ("export", "everything (or one executive), as one JSON document", _export),
    ("measure", "record a value of an agreed goal's success measure", _measure),
    ("import", "import an export into this data folder", _import),
    ("encrypt", "encrypt the practice at rest (asks a passphrase)", _encrypt),
    ("decrypt", "turn encryption off: the files become plaintext", _data_option),
    ("sync", "sync the practice through a git remote you control", _sync),
    ("merge-driver", "(run by git) merge two versions of a file", _merge_driver),
]


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


#: Commands that read, print or write one thing and end: the cyclic garbage collector
#: is paused while they run. Each pass walks every object made so far (the parsed
#: client file, thousands of decoded records), about a tenth of a ``review``; what
#: these commands leave in reference cycles is a few hundred KB. From the console
#: script they also end without the interpreter's teardown (``run``).
ONE_SHOT = frozenset({"review", "report"})


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the command, turn every expected error into one line."""
    return _run_command(build_parser().parse_args(argv))


def _run_command(args: argparse.Namespace) -> int:
    from coach_tui.sync import passphrase

    passphrase.allow_prompt = True  # the app turns it off: it asks in its own screen
    collecting = gc.isenabled()
    if args.command in ONE_SHOT:
        gc.disable()
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
    finally:
        if collecting:
            gc.enable()


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
    args = build_parser().parse_args()
    code = _run_command(args)
    if args.command in ONE_SHOT:
        end_at_once(code)
    raise SystemExit(code)


def end_at_once(code: int) -> NoReturn:
    """End the process once its output is flushed, skipping the interpreter's teardown.

    A one-shot command has written and closed every file it made (each write is
    atomic and synced before it returns) and starts no threads; what is left is the
    parsed client file and its decoded records. Freeing them one by one at exit, and
    the final collection over them, took 20 to 40 ms of a 0.2 s ``review``: longer
    than reading the file. The kernel releases the memory and any lock at once.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader left, or the stream is closed
            pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    run()
