"""At 80x24 every screen shows its primary input and the keys to reach the rest."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from app_helpers import (
    NOW,
    answer_box,
    go_to,
    make_app,
    screen_text,
    send_keys,
    settle,
    start_session,
    wait_until,
)
from live_script import ASKED, short_intake

from coach_tui.scripts.library import load_library
from coach_tui.store.practice import Practice
from screens.new_client import NewClientScreen
from screens.wrapup import WrapUpScreen

pytest_plugins = ["app_fixtures"]


def with_last_time(root: Path) -> str:
    """An executive whose last session answered the carried question at length."""
    client_id = short_intake(root)
    earlier = Practice(root, clock=lambda: NOW - timedelta(days=14))
    script = load_library(root).get("awareness-intake")
    session = earlier.start_session(client_id, script)
    story = next(q for q in script.questions if q.id == "story")
    earlier.save_answer(client_id, session.id, story, "\n".join(f"Point {n}" for n in range(9)))
    earlier.end_session(client_id, session.id)
    return client_id


async def test_the_answer_box_keeps_room_when_last_time_is_shown(empty_root: Path) -> None:
    with_last_time(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await go_to(pilot, ASKED["story"])
        await settle(pilot)
        assert "Last time" in screen_text(app)
        box = answer_box(app)
        assert box is not None
        assert box.region.height >= 6, f"answer box {box.region.height} rows"


async def test_the_wrap_up_shows_the_date_first_and_how_to_reach_the_rest(
    empty_root: Path,
) -> None:
    short_intake(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)
        shown = screen_text(app)
        assert "Next session on" in shown and "Script" in shown
        assert "tab: script · notes · captured items and goal scores below" in shown


async def test_the_new_executive_dialog_says_how_to_move_on(empty_root: Path) -> None:
    app = make_app(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, NewClientScreen)
        shown = screen_text(app)
        assert "Name (required)" in shown
        assert "tab or enter: next field (5, the form scrolls) · ctrl+s adds" in shown


async def test_a_date_typed_as_the_wrap_up_opens_is_kept(empty_root: Path) -> None:
    from textual.widgets import Input

    short_intake(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await send_keys(pilot, "ctrl+f", wait=False)
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, WrapUpScreen) and app.screen.query("#next-date"),
            idle=False,
        )
        await send_keys(pilot, text="next friday", wait=False)  # while the wrap-up still loads
        field = app.screen.query_one("#next-date", Input)
        await wait_until(pilot, lambda: field.value.endswith("next friday"))
        await wait_until(pilot, lambda: "→ Fri 6 Mar 2026" in screen_text(app))
