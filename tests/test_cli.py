"""The ``coach-tui`` command, end to end (the contract in docs/ARCHITECTURE.md, "Command line").

Every test runs the real command in a subprocess, with ``HOME``, the XDG folders and
``COACH_TUI_DATA`` under ``tmp_path`` so nothing touches the real user folders. Every
run goes through ``_run``, which asserts that no output contains a traceback. The demo
is seeded once per module and copied for the tests that change it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from coach_tui import __version__, locations
from coach_tui.cli.main import build_parser
from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX paths and permissions")

PROJECT = Path(__file__).resolve().parent.parent
PROMPTS = PROJECT / "prompts"

SHIPPED_SCRIPT_IDS = {
    "awareness-intake",
    "analysis-expectations",
    "development-plan",
    "self-assessment",
    "stakeholder-interview",
    "action-checkin",
    "achievement-review",
    "final-session",
    "phase-down",
    "mini-survey",
    "three-way-kickoff",
    "three-way-signoff",
    "three-way-midpoint",
    "three-way-close",
    "assessment-debrief",
    "monthly-review",
    "follow-up",
}

MODULE = (sys.executable, "-m", "coach_tui")
_SCRIPT = shutil.which("coach-tui", path=str(Path(sys.executable).parent))
SCRIPT = (_SCRIPT,) if _SCRIPT else None

#: Both ways of starting the command; the installed script only if it is there.
LAUNCHERS = [
    pytest.param(MODULE, id="python-m"),
    pytest.param(
        SCRIPT,
        id="script",
        marks=pytest.mark.skipif(SCRIPT is None, reason="no coach-tui script next to python"),
    ),
]

GOOD_SCRIPT = """\
id = "quick-check"
title = "Quick check"
stage = "action"
minutes = 20

[[sections]]
title = "Check"

[[sections.questions]]
id = "how"
text = "How did the week go?"
kind = "text"
"""

#: Line 9 holds the unknown kind.
BAD_SCRIPT = """\
id = "broken"
title = "Broken"
stage = "action"
[[sections]]
title = "Only"
[[sections.questions]]
id = "q1"
text = "What?"
kind = "essay"
"""


# --------------------------------------------------------------------------- helpers


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err


def _env(home: Path, data: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COACH_TUI"))}
    env["HOME"] = str(home)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env[locations.ENV_DATA] = str(data if data is not None else home / "no-practice-here")
    env["PYTHONIOENCODING"] = "utf-8"
    env["COLUMNS"] = "120"
    return env


def _run(
    launcher: Sequence[str] | None,
    *args: str | os.PathLike[str],
    home: Path,
    data: Path | None = None,
    timeout: float = 60,
) -> Result:
    """Run the command; no output may ever contain a traceback."""
    assert launcher is not None
    proc = subprocess.run(
        [*launcher, *map(str, args)],
        capture_output=True,
        text=True,
        env=_env(home, data),
        cwd=home,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )
    result = Result(proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in result.both, f"coach-tui {args}:\n{result.both}"
    return result


def _short_error(result: Result) -> list[str]:
    """A usage or input error: one (at most two) lines on stderr."""
    lines = result.err.strip().splitlines()
    assert 1 <= len(lines) <= 2, f"expected a one-line error, got:\n{result.err}"
    return lines


def _client_files(root: Path) -> list[Path]:
    return sorted(locations.clients_dir(root).glob("*.json"))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@dataclass
class Demo:
    root: Path
    seeded: Result


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """The demo practice, seeded once for the whole module (it takes seconds)."""
    home = tmp_path_factory.mktemp("demo-home")
    root = home / "demo-practice"
    seeded = _run(MODULE, "demo", "--no-open", "--data", root, home=home, timeout=120)
    return Demo(root, seeded)


@pytest.fixture
def practice(demo: Demo, tmp_path: Path) -> Path:
    """A private copy of the demo practice that the test may change."""
    target = tmp_path / "practice"
    shutil.copytree(demo.root, target)
    return target


@pytest.fixture(params=LAUNCHERS)
def cli(request: pytest.FixtureRequest) -> Sequence[str]:
    launcher: Sequence[str] = request.param
    return launcher


# ---------------------------------------------------------------- version, help


def _subcommands() -> list[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def test_version(cli: Sequence[str], tmp_path: Path) -> None:
    result = _run(cli, "--version", home=tmp_path)
    assert result.code == 0
    assert result.out.strip() == f"coach-tui {__version__}"


def test_help_lists_every_subcommand(cli: Sequence[str], tmp_path: Path) -> None:
    commands = _subcommands()
    assert {"demo", "check", "scripts", "export"} <= set(commands)
    result = _run(cli, "--help", home=tmp_path)
    assert result.code == 0
    for command in commands:
        assert command in result.out
    for command in commands:
        sub = _run(cli, command, "--help", home=tmp_path)
        assert sub.code == 0, command
        assert sub.out.startswith("usage:")


# ------------------------------------------------------------------------ demo


def test_demo_then_check(demo: Demo, practice: Path, tmp_path: Path) -> None:
    assert demo.seeded.code == 0, demo.seeded.both
    assert "4 executives" in demo.seeded.out
    assert len(_client_files(demo.root)) == 4
    result = _run(MODULE, "check", "--data", practice, home=tmp_path)
    assert result.code == 0, result.both
    assert "4 executive(s)" in result.out
    assert "no problems" in result.out


def test_demo_again_says_already_there(practice: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in _client_files(practice)}
    result = _run(MODULE, "demo", "--no-open", "--data", practice, home=tmp_path)
    assert result.code == 0, result.both
    assert "already" in result.out
    assert {p: p.read_bytes() for p in _client_files(practice)} == before


def test_demo_refuses_a_real_practice(tmp_path: Path) -> None:
    root = tmp_path / "real"
    Practice(root).create_client("Real Person", "Real Co", "CEO")
    before = {p: p.read_bytes() for p in _client_files(root)}
    result = _run(MODULE, "demo", "--no-open", "--data", root, home=tmp_path)
    assert result.code == 2
    assert len(_short_error(result)) == 1
    assert not (root / ".coach-tui-demo").exists()
    assert {p: p.read_bytes() for p in _client_files(root)} == before


# -------------------------------------------------------- where the data lives


def test_coach_tui_data_is_honoured(cli: Sequence[str], practice: Path, tmp_path: Path) -> None:
    result = _run(cli, "check", home=tmp_path, data=practice)
    assert result.code == 0, result.both
    assert "4 executive(s)" in result.out
    assert str(practice) in result.out


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_option_before_or_after_the_subcommand(
    where: str, practice: Path, tmp_path: Path
) -> None:
    data = str(practice)
    args = ["--data", data, "check"] if where == "before" else ["check", "--data", data]
    # COACH_TUI_DATA points elsewhere: --data must win.
    result = _run(MODULE, *args, home=tmp_path, data=tmp_path / "elsewhere")
    assert result.code == 0, result.both
    assert "4 executive(s)" in result.out
    assert not (tmp_path / "elsewhere").exists()


# ----------------------------------------------------------------------- check


def test_check_reports_a_corrupt_file_and_never_touches_it(practice: Path, tmp_path: Path) -> None:
    victim = _client_files(practice)[0]
    with victim.open("r+b") as handle:
        handle.truncate(victim.stat().st_size // 2)
    content, mtime = victim.read_bytes(), victim.stat().st_mtime_ns

    result = _run(MODULE, "check", "--data", practice, home=tmp_path)
    assert result.code == 1, result.both
    assert victim.name in result.out
    assert victim.read_bytes() == content

    repaired = _run(MODULE, "check", "--repair", "--data", practice, home=tmp_path)
    assert repaired.code == 1, repaired.both
    assert victim.name in repaired.out
    assert victim.read_bytes() == content
    assert victim.stat().st_mtime_ns == mtime


def test_check_repair_fixes_permissions(practice: Path, tmp_path: Path) -> None:
    target = _client_files(practice)[1]
    target.chmod(0o644)

    found = _run(MODULE, "check", "--data", practice, home=tmp_path)
    assert found.code == 1, found.both
    assert target.name in found.out

    repaired = _run(MODULE, "check", "--repair", "--data", practice, home=tmp_path)
    assert repaired.code == 0, repaired.both
    assert _mode(target) == 0o600

    again = _run(MODULE, "check", "--data", practice, home=tmp_path)
    assert again.code == 0, again.both


def test_check_trash_and_restore(practice: Path, tmp_path: Path) -> None:
    store = Practice(practice)
    client_id = store.client_ids()[0]
    note = store.capture(client_id, InsightKind.NOTE, "Remember the offsite in March")
    store.delete(client_id, "insights", note.id)
    assert note.id not in {i.id for i in store.load(client_id).insights}

    listed = _run(MODULE, "check", "--trash", "--data", practice, home=tmp_path)
    assert listed.code == 0, listed.both
    lines = [line for line in listed.out.splitlines() if "Remember the offsite" in line]
    assert len(lines) == 1, listed.out
    item = lines[0].split()[0]
    assert item.startswith(f"{client_id}:")

    restored = _run(MODULE, "check", "--restore", item, "--data", practice, home=tmp_path)
    assert restored.code == 0, restored.both
    assert note.id in {i.id for i in Practice(practice).load(client_id).insights}

    listed = _run(MODULE, "check", "--trash", "--data", practice, home=tmp_path)
    assert "Remember the offsite" not in listed.out


def test_check_restore_unknown_item(practice: Path, tmp_path: Path) -> None:
    client_id = _client_files(practice)[0].stem
    result = _run(
        MODULE, "check", "--restore", f"{client_id}:nosuch", "--data", practice, home=tmp_path
    )
    assert result.code == 2
    assert "nosuch" in _short_error(result)[0]


def test_check_restore_unknown_client_leaves_no_trace(practice: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in locations.clients_dir(practice).iterdir())
    result = _run(MODULE, "check", "--restore", "nobody:abc", "--data", practice, home=tmp_path)
    assert result.code == 2
    _short_error(result)
    assert sorted(p.name for p in locations.clients_dir(practice).iterdir()) == before


def test_check_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    result = _run(MODULE, "check", "--data", missing, home=tmp_path)
    assert result.code == 1
    assert "does not exist" in result.out
    assert not missing.exists()


# --------------------------------------------------------------------- scripts


def test_scripts_lists_the_shipped_scripts(cli: Sequence[str], tmp_path: Path) -> None:
    result = _run(cli, "scripts", home=tmp_path)
    assert result.code == 0, result.both
    ids = {line.split()[0] for line in result.out.splitlines() if line.strip()}
    assert ids == SHIPPED_SCRIPT_IDS


def test_scripts_check_good(cli: Sequence[str], tmp_path: Path) -> None:
    good = tmp_path / "GOOD.toml"
    good.write_text(GOOD_SCRIPT, encoding="utf-8")
    result = _run(cli, "scripts", "check", good, home=tmp_path)
    assert result.code == 0, result.both
    shipped = _run(cli, "scripts", "check", *sorted(PROMPTS.glob("*.toml")), home=tmp_path)
    assert shipped.code == 0, shipped.both


def test_scripts_check_bad(cli: Sequence[str], tmp_path: Path) -> None:
    bad = tmp_path / "BAD.toml"
    bad.write_text(BAD_SCRIPT, encoding="utf-8")
    result = _run(cli, "scripts", "check", bad, home=tmp_path)
    assert result.code == 1, result.both
    assert "BAD.toml:9" in result.out
    assert "essay" in result.out

    good = tmp_path / "GOOD.toml"
    good.write_text(GOOD_SCRIPT, encoding="utf-8")
    mixed = _run(cli, "scripts", "check", good, bad, home=tmp_path)
    assert mixed.code == 1
    assert "GOOD.toml" not in mixed.out


def test_scripts_check_missing_file(tmp_path: Path) -> None:
    result = _run(MODULE, "scripts", "check", tmp_path / "missing.toml", home=tmp_path)
    assert result.code in (1, 2)
    lines = result.both.strip().splitlines()
    assert len(lines) == 1, result.both
    assert "missing.toml" in lines[0]


def test_scripts_check_without_files(tmp_path: Path) -> None:
    result = _run(MODULE, "scripts", "check", home=tmp_path)
    assert result.code == 2
    _short_error(result)


# ---------------------------------------------------------------------- export


def test_export_to_file(cli: Sequence[str], practice: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "export.json"
    target.parent.mkdir()
    result = _run(cli, "export", "-o", target, "--data", practice, home=tmp_path)
    assert result.code == 0, result.both
    document = json.loads(target.read_text(encoding="utf-8"))
    assert set(document["clients"]) == {p.stem for p in _client_files(practice)}
    assert len(document["clients"]) == 4


def test_export_to_stdout(cli: Sequence[str], practice: Path, tmp_path: Path) -> None:
    result = _run(cli, "export", home=tmp_path, data=practice)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert set(document["clients"]) == {p.stem for p in _client_files(practice)}


def test_export_into_a_missing_folder(practice: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "export.json"
    result = _run(MODULE, "export", "-o", target, "--data", practice, home=tmp_path)
    assert result.code in (1, 2)
    _short_error(result)


# ------------------------------------------------------------------ bad usage


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["--frobnicate"],
        ["check", "--frobnicate"],
        ["check", "--restore", "nonsense"],
        ["scripts", "list"],
        ["export", "-o"],
    ],
    ids=" ".join,
)
def test_bad_usage_is_one_line(cli: Sequence[str], args: list[str], tmp_path: Path) -> None:
    result = _run(cli, *args, home=tmp_path)
    assert result.code == 2, result.both
    _short_error(result)


@pytest.mark.parametrize("command", ["check", "export"])
def test_data_that_is_a_file(command: str, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("not a practice\n")
    result = _run(MODULE, command, "--data", not_a_folder, home=tmp_path)
    assert result.code in (1, 2)
    _short_error(result)
    assert not_a_folder.read_text() == "not a practice\n"


def test_app_without_a_terminal(cli: Sequence[str], practice: Path, tmp_path: Path) -> None:
    result = _run(cli, "--data", practice, home=tmp_path)
    assert result.code == 2, result.both
    assert result.out == ""
    assert "terminal" in _short_error(result)[0]
