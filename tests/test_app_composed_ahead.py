"""Screens composed while the coach reads the one before: what enter and s then show.

The practice composes the engagement of the executive the coach pauses on (with the
file read ahead), and the engagement composes the session ``s`` would start. The
key then only lays the screen out and paints it. Composing ahead must never write:
the session is written, and starts its time, when the coach presses s; a screen
composed for another size, script or record is not used.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from app_helpers import (
    NOW,
    make_app,
    open_listed_engagement,
    session_ready,
    settle,
    shown_text,
    wait_until,
)

from coach_tui.store.practice import Practice
from screens.engagement import EngagementScreen
from screens.session import SessionScreen

pytest_plugins = ["app_fixtures"]


class Clock:
    """A clock the test moves on."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> Any:
        return self.now


def _count_composes(monkeypatch: pytest.MonkeyPatch, screen_class: type) -> list[object]:
    composed: list[object] = []
    compose = screen_class.compose

    def counted(self: Any) -> Any:
        composed.append(self)
        return compose(self)

    monkeypatch.setattr(screen_class, "compose", counted)
    return composed


async def test_s_shows_the_session_composed_ahead_which_wrote_nothing_before_s(
    empty_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = Practice(empty_root)
    client_id = practice.create_client("Ann Lee").id
    composed = _count_composes(monkeypatch, SessionScreen)
    clock = Clock()
    app = make_app(empty_root, clock=clock)
    async with app.run_test(size=(120, 34)) as pilot:
        await open_listed_engagement(pilot)
        await wait_until(pilot, lambda: len(composed) == 1)
        await settle(pilot)
        # Composed, and nothing written: no session, no live file.
        assert practice.load(client_id).sessions == []
        assert practice.live_session_ids(client_id) == []
        clock.now = NOW + timedelta(minutes=12)  # the coach reads for a while
        await pilot.press("s")
        await wait_until(pilot, lambda: session_ready(app))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert composed == [screen]  # the one composed ahead, not a new one
        assert "saved" in shown_text(app, "#saved")
        assert "⏱ 0" in shown_text(app, "#clock")
        await settle(pilot)
        sessions = practice.load(client_id).sessions
    assert [s.id for s in sessions] == [screen.session_id]
    assert sessions[0].started == clock.now  # when s was pressed, not when composed
    assert screen.session is not None and screen.session.started == clock.now


async def test_back_on_the_practice_nothing_composed_ahead_is_written(
    empty_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = Practice(empty_root)
    client_id = practice.create_client("Ann Lee").id
    composed = _count_composes(monkeypatch, SessionScreen)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await open_listed_engagement(pilot)
        await wait_until(pilot, lambda: len(composed) == 1)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, EngagementScreen)
        assert not composed[0].is_attached  # removed with the engagement
    assert practice.load(client_id).sessions == []
    assert practice.live_session_ids(client_id) == []


async def test_a_session_composed_for_another_size_is_composed_again(
    empty_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Practice(empty_root).create_client("Ann Lee")
    composed = _count_composes(monkeypatch, SessionScreen)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await open_listed_engagement(pilot)
        await wait_until(pilot, lambda: len(composed) == 1)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: session_ready(app))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen is not composed[0] and screen in composed
        assert screen.has_class("-narrow") and screen.has_class("-short")
        assert not composed[0].is_attached


async def test_enter_shows_the_engagement_composed_while_the_coach_paused(
    empty_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = Practice(empty_root)
    for name in ("Ann Lee", "Bo Chan"):
        practice.create_client(name)
    composed = _count_composes(monkeypatch, EngagementScreen)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # the coach pauses on Bo: Bo's is composed
        await wait_until(pilot, lambda: len(composed) == 1)
        first = composed[0]
        await pilot.press("up")  # and on Ann: Bo's is removed, Ann's composed
        await wait_until(pilot, lambda: len(composed) == 2)
        await settle(pilot)
        assert not first.is_attached
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
        assert app.screen is composed[1] and len(composed) == 2
        assert app.screen.title == "Ann Lee"
