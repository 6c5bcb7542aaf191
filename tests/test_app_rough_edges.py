"""Palette, help and capture rough edges a coach meets on a call."""

from __future__ import annotations

from pathlib import Path

from app_helpers import (
    Posted,
    go_to,
    make_app,
    screen_text,
    send_keys,
    settle,
    start_session,
    wait_until,
)
from live_script import ASKED, short_intake
from textual.widgets import Input

from coach_tui.domain.model import InsightKind
from coach_tui.locations import screenshots_dir
from coach_tui.store.practice import Practice
from screens.dialogs import ItemDialog
from screens.help import HelpScreen
from screens.wrapup import WrapUpScreen

pytest_plugins = ["app_fixtures"]


async def test_the_palette_screenshot_is_saved_and_says_where(empty_root: Path) -> None:
    short_intake(empty_root)
    app = make_app(empty_root)
    posted = Posted()
    seen = posted.notifications  # every notification, as posted
    async with app.run_test(size=(100, 30), message_hook=posted) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await send_keys(pilot, text="Screenshot")
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(title == "Screenshot" for title, _ in seen))
    (saved,) = screenshots_dir().glob("*.svg")
    assert str(saved) in next(message for title, message in seen if title == "Screenshot")
    assert (saved.stat().st_mode & 0o777) == 0o600
    assert empty_root not in saved.parents


async def test_help_names_screens_as_the_coach_knows_them(empty_root: Path) -> None:
    short_intake(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await start_session(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert "Keys on this screen (Live session)" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await go_to(pilot, ASKED["story"])
        await send_keys(pilot, text="Led the rail merger")
        await pilot.press("alt+s")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "Keys on this screen (Wrap-up)" in shown and "WrapUp" not in shown
        assert "On the captured items" in shown
        assert any("x, delete" in row and "remove the item" in row for row in shown.splitlines())


async def test_the_hint_says_development_areas(empty_root: Path) -> None:
    short_intake(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await start_session(pilot)
        await go_to(pilot, ASKED["limits"])
        shown = " ".join(screen_text(app).split())  # the hint wraps under the editor
        assert "One item per line · feeds development areas" in shown
        assert "weaknesses" not in shown


async def test_the_action_dialog_starts_empty_unless_the_coach_pointed_at_text(
    empty_root: Path,
) -> None:
    short_intake(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await start_session(pilot)
        await go_to(pilot, ASKED["story"])
        await send_keys(
            pilot, text="A long paragraph about the merger. She will call Bob by Friday."
        )
        await pilot.press("alt+a")
        await wait_until(pilot, lambda: isinstance(app.screen, ItemDialog))
        assert app.screen.query_one("#text", Input).value == ""  # not the whole answer
        await pilot.press("escape")
        await settle(pilot)
        await go_to(pilot, ASKED["limits"])
        await send_keys(pilot, text="Says yes to everything\nCall Bob by Friday")
        await pilot.press("alt+a")
        await wait_until(pilot, lambda: isinstance(app.screen, ItemDialog))
        assert app.screen.query_one("#text", Input).value == "Call Bob by Friday"


async def test_an_action_ticked_off_stays_struck_through_until_the_end(
    empty_root: Path,
) -> None:
    client_id = short_intake(empty_root)
    Practice(empty_root).capture(client_id, InsightKind.ACTION, "Send Bob the plan")
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await start_session(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        await wait_until(
            pilot,
            lambda: Practice(empty_root).load(client_id).insights_of(InsightKind.ACTION)[0].done,
        )
        await settle(pilot)
        await wait_until(pilot, lambda: "☑ Send Bob the plan" in screen_text(app))
        assert app.screen.query_one("#views").has_focus
