"""The coach's scripts folder: special and huge files never hang a command or the app,
``scripts check`` says what the app will skip, and a plain ``mkdir scripts`` is fine."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import make_app, screen_text, settle, wait_until
from hostile_cli import run

from coach_tui.store.practice import Practice
from screens.engagement import EngagementScreen
from screens.practice import PracticeScreen

pytest_plugins = ["app_fixtures"]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and devices")

GOOD = """\
id = "{id}"
title = "Own script"
stage = "{stage}"
minutes = 20

[[sections]]
title = "Check"

[[sections.questions]]
id = "how"
text = "How did the week go?"
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    Practice(root).create_client("Ana Example")
    (root / "scripts").mkdir(mode=0o700)
    return root


@contextlib.contextmanager
def released(fifo: Path) -> Iterator[None]:
    """Whatever happens, let a reader stuck on ``fifo`` go (old code blocked on it)."""
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def _special(root: Path, kind: str) -> Path:
    path = root / "scripts" / "special.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(b"# padding\n" * 300_000)  # 3 MB of comments
    return path


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "huge"])
@pytest.mark.parametrize("command", ["check", "scripts", "scripts-check"])
def test_special_and_huge_files_never_hang(
    kind: str, command: str, root: Path, tmp_path: Path
) -> None:
    path = _special(root, kind)
    args = ["scripts", "check", path] if command == "scripts-check" else [command]
    with released(path):
        result = run(*args, "--data", root, home=tmp_path, timeout=30)
    assert result.code == 1, result.both
    expected = {"fifo": "named pipe", "dev-zero": "a device", "huge": "at most 256 kB"}[kind]
    lines = [line for line in result.both.splitlines() if expected in line]
    assert len(lines) == 1, result.both
    assert "special.toml" in lines[0]


async def test_a_fifo_script_does_not_blank_the_engagement(root: Path) -> None:
    fifo = _special(root, "fifo")
    with released(fifo):
        app = make_app(root)
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            if not isinstance(app.screen, PracticeScreen):  # a script problem is reported
                await pilot.press("escape")
                await settle(pilot)
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
            screen = app.screen
            assert isinstance(screen, EngagementScreen)
            await wait_until(pilot, lambda: screen.record is not None, timeout=15)
            assert "Ana Example" in screen_text(app)


# --------------------------------------------------------------- scripts check


def test_scripts_check_reports_a_shipped_id_with_another_stage(root: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(GOOD.format(id="action-checkin", stage="analysis"))
    result = run("scripts", "check", mine, "--data", root, home=tmp_path)
    assert result.code == 1, result.both
    assert f"{mine}:1: " in result.out
    assert "must keep stage 'action'" in result.out


def test_scripts_check_reports_an_id_another_own_file_has(root: Path, tmp_path: Path) -> None:
    (root / "scripts" / "a-first.toml").write_text(GOOD.format(id="weekly", stage="action"))
    mine = tmp_path / "weekly.toml"
    mine.write_text(GOOD.format(id="weekly", stage="action"))
    result = run("scripts", "check", mine, "--data", root, home=tmp_path)
    assert result.code == 1, result.both
    assert f"{mine}:1: " in result.out and "a-first.toml" in result.out
    # The same two files named on the command line: the second is the one skipped.
    other = tmp_path / "other.toml"
    other.write_text(GOOD.format(id="weekly", stage="analysis"))
    both = run("scripts", "check", mine, other, "--data", tmp_path / "none", home=tmp_path)
    assert both.code == 1, both.both
    assert f"{other}:1: " in both.out and str(mine) in both.out
    # And check says the same, with the line.
    (root / "scripts" / "b-second.toml").write_text(GOOD.format(id="weekly", stage="action"))
    check = run("check", "--data", root, home=tmp_path)
    assert check.code == 1
    assert "b-second.toml:1: " in check.out


def test_scripts_check_of_a_file_in_the_folder_is_not_a_clash_with_itself(
    root: Path, tmp_path: Path
) -> None:
    mine = root / "scripts" / "weekly.toml"
    mine.write_text(GOOD.format(id="weekly", stage="action"))
    result = run("scripts", "check", mine, "--data", root, home=tmp_path)
    assert result.code == 0, result.both
    assert "no problems" in result.out


def test_a_scripts_folder_made_with_mkdir_is_fine(tmp_path: Path) -> None:
    root = tmp_path / "data"
    Practice(root).create_client("Ana Example")
    folder = root / "scripts"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (folder / "weekly.toml").write_text(GOOD.format(id="weekly", stage="action"))
    (folder / "weekly.toml").chmod(0o644)
    result = run("check", "--data", root, home=tmp_path)
    assert result.code == 0, result.both
    assert "no problems" in result.out
