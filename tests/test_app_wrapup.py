"""The wrap-up: what was captured, goal scores, and the next-session plan it writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from app_helpers import (
    TODAY,
    Posted,
    answer_shown,
    make_app,
    question_count,
    screen_text,
    send_keys,
    settle,
    start_session,
    wait_until,
    widget_texts,
)
from textual.pilot import Pilot

from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice
from screens.engagement import EngagementScreen
from screens.session import SessionScreen
from screens.widgets.rating import RatingInput
from screens.work import CoreDone
from screens.wrapup import WrapUpScreen

pytest_plugins = ["app_fixtures"]

SOFIA = "sofia-lindqvist"


async def start_sofias_checkin(pilot: Pilot[Any]) -> str:
    """Sofia is in the Action stage: `s` starts the check-in her plan names.

    Returns the session's id (from her file: the session open on disk)."""
    await start_session(pilot, "sofia")
    app = pilot.app
    assert app.library.get("action-checkin").title in screen_text(app)
    session = Practice(app.practice.root).load(SOFIA).open_session()
    assert session is not None and session.script_id == "action-checkin"
    return session.id


async def test_the_wrap_up_writes_the_plan_the_engagement_then_shows(demo_root: Path) -> None:
    practice = Practice(demo_root)
    goals = practice.load(SOFIA).insights_of(InsightKind.GOAL)
    assert len(goals) == 2
    app = make_app(demo_root)
    posted = Posted()
    async with app.run_test(size=(100, 30), message_hook=posted) as pilot:
        session_id = await start_sofias_checkin(pilot)
        total = question_count(app)
        await send_keys(pilot, text="Prepare the board offsite\nSend the Q2 roadmap to the board")
        await pilot.press("alt+a")
        await settle(pilot)
        await pilot.press("tab")
        await send_keys(pilot, text="2026-03-20")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        wrap = app.screen
        assert isinstance(wrap, WrapUpScreen)
        shown = screen_text(app)
        assert f"1 of {total} questions answered · 1 item(s) captured in this session" in shown
        assert "Send the Q2 roadmap to the board" in shown
        # The date field has the focus, at the top: the next session comes first.
        assert app.focused is wrap.query_one("#next-date")
        await send_keys(pilot, text="2026-03-20")
        await pilot.press("tab", "tab")  # the script, then the notes
        assert app.focused is wrap.query_one("#notes")
        await send_keys(pilot, text="\nAsk how the offsite went.")
        # Below: what was captured, then the goal scores (the screen scrolls to them).
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, RatingInput)
        await pilot.press("minus", "1")
        await pilot.press("tab")
        assert isinstance(app.focused, RatingInput)
        await pilot.press("2")
        await settle(pilot)
        assert "Goal scores (GAS −2..+2)" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        engagement = app.screen
        assert isinstance(engagement, EngagementScreen)
        await wait_until(pilot, lambda: "Next session: Fri 20 Mar 2026" in screen_text(app))
        shown = screen_text(app)
        # The plan's first line, whole (at 100 columns the panel wraps it).
        assert "(in 18 days)" in widget_texts([engagement.query_one("#plan")])
        assert "Ask how the offsite went." in shown
        assert "Send the Q2 roadmap to the board" in shown
        # Sofia's last call was her monthly review, the mid-point is held: a check-in next.
        assert "Script: Action check-in (GROW)" in shown
        assert "interrupted" not in shown
        # The plan was written off the UI thread, once, and said so when done.
        written = [m for m in posted.of(CoreDone) if m.key == "wrapup-finish"]
        assert [m.ok for m in written] == [True]
    record = Practice(demo_root).load(SOFIA)
    ended = next(s for s in record.sessions if s.id == session_id)
    assert not ended.is_open
    plan = record.latest_plan()
    assert plan is not None and plan.session_id == session_id
    assert plan.next_date == date(2026, 3, 20)
    assert plan.script_id == "action-checkin"
    # The notes carried over from the last plan, with the new line after them.
    assert plan.notes == (
        "Ask next time whether the Sunday work is about control or about fear of judgement."
        "\nAsk how the offsite went."
    )
    action = next(i for i in record.insights if i.text == "Send the Q2 roadmap to the board")
    assert action.kind is InsightKind.ACTION and action.due == date(2026, 3, 20)
    assert action.id in plan.review_actions
    assert set(plan.score_goals) == {g.id for g in goals}
    scores = {
        g.text: [s.score for s in g.scores if s.session_id == session_id]
        for g in record.insights_of(InsightKind.GOAL)
    }
    assert sorted(scores.values()) == [[-1], [2]]


async def test_a_wrong_date_keeps_the_wrap_up_open(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_sofias_checkin(pilot)
        await send_keys(pilot, text="Prepare the board offsite")
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)
        await send_keys(pilot, text="next tuesday-ish")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)
        assert "“next tuesday-ish” is not a date" in screen_text(app)
        # esc goes back to the session, the answer still there.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert answer_shown(app) == "Prepare the board offsite"
    record = Practice(demo_root).load(SOFIA)
    assert record.open_session() is not None
    assert record.latest_plan() is not None
    assert record.latest_plan().next_date != TODAY  # type: ignore[union-attr]


async def test_an_awareness_wrap_up_has_no_goal_scores(empty_root: Path) -> None:
    client_id = Practice(empty_root).create_client("Ann Lee").id
    app = make_app(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)
        shown = screen_text(app)
        assert "0 of 17 questions answered · nothing captured in this session" in shown
        assert not app.screen.query_one("#goals").display
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
    plan = Practice(empty_root).load(client_id).latest_plan()
    assert plan is not None
    assert plan.next_date == date(2026, 3, 16)  # the usual two weeks
    # The intake was just held: the next is the kick-off, never the intake again.
    assert plan.script_id == "three-way-kickoff"


async def test_a_date_typed_fast_then_ctrl_s_is_the_date_planned(demo_root: Path) -> None:
    """ctrl+s acts at once; the date's last keys, still on their way, must count."""
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_sofias_checkin(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        wrap = app.screen
        assert isinstance(wrap, WrapUpScreen)
        assert app.focused is wrap.query_one("#next-date")
        await send_keys(pilot, *"2026-03-27", "ctrl+s", wait=False)
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
    plan = Practice(demo_root).load(SOFIA).latest_plan()
    assert plan is not None and plan.next_date == date(2026, 3, 27)
