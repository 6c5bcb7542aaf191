"""The coach's keymap file: applied at start; a bad one changes nothing and says so in one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from app_helpers import Posted, make_app, screen_text, settle, wait_until

from coach_tui.errors import CoachError
from coach_tui.locations import keymap_file
from screens.keymap import read_keymap

pytest_plugins = ["app_fixtures"]


def write_keymap(text: str) -> Path:
    path = keymap_file()
    assert str(path).startswith(os.environ["XDG_CONFIG_HOME"])  # never the real config
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_is_no_change(tmp_path: Path) -> None:
    assert read_keymap(tmp_path / "none.toml") == {}


def test_dotted_and_quoted_ids_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('session.next = "ctrl+j"\n"app.help" = "f6"\n', encoding="utf-8")
    assert read_keymap(path) == {"session.next": "ctrl+j", "app.help": "f6"}


@pytest.mark.parametrize("text", ['app.help = "f1', "app.help = 6", 'app.help = ""', "app = [1]"])
def test_a_malformed_keymap_is_one_line_naming_the_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CoachError) as caught:
        read_keymap(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


async def test_a_rebound_key_works_at_start(empty_root: Path) -> None:
    write_keymap('app.help = "f6"\n')
    app = make_app(empty_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await wait_until(pilot, lambda: "Keys on this screen" in screen_text(app))


async def test_a_bad_keymap_is_reported_and_keys_stay(empty_root: Path) -> None:
    path = write_keymap('app.help = "f6\n')
    app = make_app(empty_root)
    posted = Posted()
    async with app.run_test(size=(100, 30), message_hook=posted) as pilot:
        await settle(pilot)
        assert any(
            title == "Keymap not applied" and str(path) in text
            for title, text in posted.notifications
        )
        await pilot.press("f1")
        await wait_until(pilot, lambda: "Keys on this screen" in screen_text(app))
