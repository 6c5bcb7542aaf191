"""The command line builds a command's parser only when it is named, with no change.

``build_parser()`` makes the parser of the command the arguments name and no other
(building all of them took longer than the rest of ``coach-tui review``);
``build_parser(lazy=False)`` builds every one at once, as before. Both must accept
the same arguments into the same values and print the same help, usage and errors.
"""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

import pytest

from coach_tui.cli.main import COMMANDS, build_parser

CASES = [
    [],
    ["--help"],
    ["--version"],
    ["--data"],
    ["--data", "d"],
    ["--data", "d", "--help"],
    ["frobnicate"],
    ["review"],
    ["review", "ann", "--data", "d"],
    ["--data", "d", "review", "ann"],
    ["--data=d", "review", "ann", "--data", "e"],
    ["review", "a", "b"],
    ["review", "ann", "--dat", "d"],
    ["report", "x", "--form", "html", "--aud", "sponsor"],
    ["review", "--frob", "x"],
    ["review", "--help"],
    ["check", "--repair", "--trash", "--restore", "x1"],
    ["scripts"],
    ["scripts", "bogus"],
    ["scripts", "check", "a.toml", "b.toml"],
    ["kit"],
    ["kit", "frob"],
    ["kit", "export", "x", "--for", "self", "-o", "f", "--format", "md"],
    ["kit", "export", "x", "--for", "nobody", "-o", "f"],
    ["kit", "export", "--help"],
    ["kit", "fill", "k.json", "-o", "r.json"],
    ["kit", "import", "r.json", "--data", "d"],
    ["report", "x", "--format", "pdf"],
    ["report", "x", "--audience", "sponsor", "--format", "html", "--kind", "session", "-o", "f"],
    ["export"],
    ["export", "a", "--csv", "-o", "f"],
    ["export", "a", "b"],
    ["measure", "a", "g", "7", "--on", "2026-01-02", "--source", "s"],
    ["measure", "a"],
    ["import", "f.json"],
    ["encrypt", "--keyring", "--scrypt-log2n", "10"],
    ["encrypt", "--scrypt-log2n", "abc"],
    ["decrypt", "extra"],
    ["sync", "--setup", "remote"],
    ["merge-driver", "a", "b", "c", "d"],
    ["merge-driver", "a"],
    *[[name, "--help"] for name, _, _ in COMMANDS],
    *[["kit", action, "--help"] for action in ("export", "fill", "import")],
]


def outcome(lazy: bool, argv: list[str], capsys: pytest.CaptureFixture[str]) -> object:
    try:
        args = build_parser(lazy=lazy).parse_args(argv)
    except SystemExit as exc:
        captured = capsys.readouterr()
        return ("exit", exc.code, captured.out, captured.err)
    return ("args", sorted(vars(args).items()))


@pytest.mark.parametrize("argv", CASES, ids=" ".join)
def test_a_command_built_when_named_parses_and_speaks_as_before(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert outcome(True, argv, capsys) == outcome(False, argv, capsys)


def _commands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_only_the_named_command_is_built() -> None:
    parser = build_parser()
    parser.parse_args(["review", "ann"])
    built = [name for name, sub in _commands(parser).choices.items() if sub is not None]
    assert built == ["review"]
    assert list(_commands(parser).choices) == [name for name, _, _ in COMMANDS]


def test_every_command_has_a_help_line_and_builds() -> None:
    eager = build_parser(lazy=False)
    for name, sub in _commands(eager).choices.items():
        assert isinstance(sub, argparse.ArgumentParser), name
        assert sub.prog == f"coach-tui {name}"


def test_a_one_shot_command_pauses_the_collector_and_gives_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``review`` runs with the cyclic collector paused; a caller gets it back enabled."""
    from coach_tui.cli import main as cli
    from coach_tui.store.practice import Practice

    client_id = Practice(tmp_path).create_client("Ann Lee").id
    seen: list[bool] = []
    real = cli._dispatch

    def dispatch(args: argparse.Namespace) -> int:
        seen.append(gc.isenabled())
        return real(args)

    monkeypatch.setattr(cli, "_dispatch", dispatch)
    assert gc.isenabled()
    assert cli.main(["review", client_id, "--data", str(tmp_path)]) == 0
    assert cli.main(["review", "nobody", "--data", str(tmp_path)]) == 2
    assert cli.main(["check", "--data", str(tmp_path)]) in (0, 1)
    assert seen == [False, False, True]
    assert gc.isenabled()
    assert "Ann Lee" in capsys.readouterr().out
