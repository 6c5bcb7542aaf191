"""Snapshots of what a coach sees: the first run, the practice, an engagement, a live
session and its wrap-up on the demo practice.

Frozen: the demo is seeded relative to ``TODAY``, the app's clock is ``NOW``, cursors
do not blink, notifications are cleared before the picture is taken. Regenerate with
``pytest tests/test_app_snapshots.py --snapshot-update`` and look at every SVG in
``tests/__snapshots__/test_app_snapshots/`` before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from app_helpers import (
    asks,
    engagement_shown,
    make_app,
    next_question,
    send_keys,
    settle,
    shown_text,
    start_session,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import DataTable

from coach_tui.locations import DEMO_MARKER
from screens.consent import ConsentScreen
from screens.session import SessionScreen
from screens.wrapup import WrapUpScreen

pytest_plugins = ["app_fixtures"]

SnapCompare = Callable[..., bool]


async def still(pilot: Pilot[Any]) -> None:
    """Everything loaded and saved, no toast on screen."""
    await settle(pilot)
    app = pilot.app
    if isinstance(app.screen, SessionScreen):
        # What was typed is saved before the picture, and the top bar says so. Saved
        # now, not left to the autosave: "✓ saved" may still be the cursor's save
        # from moving to the question, while the keys typed since are being handled.
        assert app.screen.flush_saves()
        await settle(pilot)
        await wait_until(pilot, lambda: "✓ saved" in shown_text(app, "#saved"))
    await settle(pilot)
    app.clear_notifications()
    await settle(pilot)


async def open_sofia(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await send_keys(pilot, text="sofia")
    await pilot.press("enter")
    await settle(pilot)
    await wait_until(pilot, lambda: engagement_shown(pilot.app))


async def start_checkin(pilot: Pilot[Any], questions: int) -> None:
    """Sofia's check-in, moved on ``questions`` questions."""
    await start_session(pilot, "sofia")
    for _ in range(questions):
        await next_question(pilot)


def steps(*actions: Callable[[Pilot[Any]], Awaitable[object]]) -> Callable[..., Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        for action in actions:
            await action(pilot)
        await still(pilot)

    return run_before


def test_first_run(snap_compare: SnapCompare, empty_root: Path) -> None:
    assert snap_compare(make_app(empty_root), terminal_size=(100, 30), run_before=steps())


def not_a_demo(root: Path) -> Path:
    """The demo's data without its marker: the status line would show the tmp folder."""
    (root / DEMO_MARKER).unlink()
    return root


def test_practice(snap_compare: SnapCompare, demo_root: Path) -> None:
    demo_root = not_a_demo(demo_root)
    assert snap_compare(make_app(demo_root), terminal_size=(100, 30), run_before=steps())


def test_practice_80x24(snap_compare: SnapCompare, demo_root: Path) -> None:
    demo_root = not_a_demo(demo_root)
    assert snap_compare(make_app(demo_root), terminal_size=(80, 24), run_before=steps())


def test_engagement(snap_compare: SnapCompare, demo_root: Path) -> None:
    assert snap_compare(make_app(demo_root), terminal_size=(100, 30), run_before=steps(open_sofia))


async def to_commitments_with_an_answer(pilot: Pilot[Any]) -> None:
    """At "what happened with your commitments": last time's answer beside the editor."""
    await start_checkin(pilot, 1)
    app = pilot.app
    assert asks(app, app.library.get("action-checkin").question("commitments-review").text)
    await send_keys(
        pilot, text="Asked Tomás and Aiko for feedforward\nQ3 priorities not shared yet"
    )


def test_live_session(snap_compare: SnapCompare, demo_root: Path) -> None:
    assert snap_compare(
        make_app(demo_root),
        terminal_size=(120, 34),
        run_before=steps(to_commitments_with_an_answer),
    )


def test_live_session_80x24(snap_compare: SnapCompare, demo_root: Path) -> None:
    assert snap_compare(
        make_app(demo_root),
        terminal_size=(80, 24),
        run_before=steps(to_commitments_with_an_answer),
    )


async def to_wrap_up(pilot: Pilot[Any]) -> None:
    await start_checkin(pilot, 0)
    await send_keys(pilot, text="Prepare the board offsite\nSend the Q2 roadmap to the board")
    await pilot.press("alt+a")
    await settle(pilot)
    await pilot.press("tab")
    await send_keys(pilot, text="+10")
    await pilot.press("enter")
    await settle(pilot)
    await send_keys(pilot, text="\nCalm when the board pushed back")
    await pilot.press("alt+s")
    await still(pilot)
    await pilot.press("ctrl+f")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WrapUpScreen)


def test_wrap_up(snap_compare: SnapCompare, demo_root: Path) -> None:
    assert snap_compare(make_app(demo_root), terminal_size=(100, 30), run_before=steps(to_wrap_up))


async def to_consent(pilot: Pilot[Any]) -> None:
    """Sofia's consent screen, the cursor on her first development area."""
    await open_sofia(pilot)
    await pilot.press("c")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ConsentScreen)
    await wait_until(pilot, lambda: screen.query_one("#items", DataTable).row_count > 0)
    await pilot.press("down", "down", "down")


def test_consent_80x24(snap_compare: SnapCompare, demo_root: Path) -> None:
    assert snap_compare(make_app(demo_root), terminal_size=(80, 24), run_before=steps(to_consent))
