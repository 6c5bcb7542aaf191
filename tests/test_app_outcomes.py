"""Measured outcomes and the life of areas, driven with real keys on the demo practice.

A goal agreed with ``A`` records its baseline GAS score and (if typed) the measure's
value today; ``m`` records a later value from the engagement and from the review,
whose charts then show baseline -> latest; ``g`` links an area to a goal; ``z``
closes an area (it leaves the running views) and reopens it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from app_helpers import (
    NOW,
    TODAY,
    make_app,
    screen_text,
    send_keys,
    session_ready,
    settle,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import Input

from coach_tui.domain import goals
from coach_tui.domain.model import Insight, InsightKind
from coach_tui.store.practice import Practice
from screens.app import CoachApp
from screens.engagement import EngagementScreen
from screens.measures import AgreeGoalDialog, ReadingDialog
from screens.review import ReviewScreen
from screens.widgets.running_views import RunningViewsList

pytest_plugins = ["app_fixtures"]

HOSTILE = "[/] [@click=app.quit]x[/] \u202e 🙂 " + "long " * 12


async def open_views(pilot: Pilot[Any], app: CoachApp, client_id: str) -> RunningViewsList:
    await settle(pilot)
    app.open_client(client_id)
    await settle(pilot)
    assert isinstance(app.screen, EngagementScreen)
    views = app.screen.query_one("#views", RunningViewsList)
    for _ in range(8):
        if app.focused is views:
            break
        await pilot.press("tab")
    assert app.focused is views
    return views


async def move_to(pilot: Pilot[Any], views: RunningViewsList, item_id: str) -> None:
    await pilot.press("home")
    for _ in range(40):
        option = views.highlighted_option
        if option is not None and option.id == item_id:
            return
        await pilot.press("down")
    raise AssertionError(f"{item_id} is not in the running views")


def goal_named(root: Path, client_id: str, start: str) -> Insight:
    record = Practice(root).load(client_id)
    return next(g for g in record.insights_of(InsightKind.GOAL) if g.text.startswith(start))


def without_readings(root: Path, client_id: str, start: str) -> Insight:
    """The demo's goal with its readings cleared, so a test starts from a known measure."""
    goal = goal_named(root, client_id, start)
    return Practice(root).update_insight(client_id, goal.id, readings=[])


async def test_agreeing_asks_the_baseline_and_the_measure_today(demo_root: Path) -> None:
    app = make_app(demo_root)
    goal = goal_named(demo_root, "marcus-bell", "Involve peers")
    assert goal.status == "draft"
    async with app.run_test(size=(100, 40)) as pilot:
        views = await open_views(pilot, app, "marcus-bell")
        await move_to(pilot, views, goal.id)
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreeGoalDialog))
        text = screen_text(app)
        assert "Agree the goal (three-way meeting)" in text and "Baseline GAS score" in text
        assert app.screen.query_one("#baseline", Input).value == "-1"
        await pilot.press("tab")  # the baseline stays −1
        await send_keys(pilot, text="2 of 6 peers consulted")
        await pilot.press("tab")
        await send_keys(pilot, text="peer survey")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
    agreed = goal_named(demo_root, "marcus-bell", "Involve peers")
    assert goals.is_agreed(agreed) and agreed.agreed_at == NOW
    assert [s.score for s in agreed.scores] == [-1]
    assert [(r.value, r.on, r.source) for r in agreed.readings] == [
        ("2 of 6 peers consulted", TODAY, "peer survey")
    ]


async def test_a_bad_baseline_is_refused_in_the_dialog_and_nothing_saved(
    demo_root: Path,
) -> None:
    app = make_app(demo_root)
    goal = goal_named(demo_root, "marcus-bell", "Involve peers")
    before = Practice(demo_root).client_path("marcus-bell").read_bytes()
    async with app.run_test(size=(100, 40)) as pilot:
        views = await open_views(pilot, app, "marcus-bell")
        await move_to(pilot, views, goal.id)
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreeGoalDialog))
        app.screen.query_one("#baseline", Input).value = "5"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "between -2 and +2" in screen_text(app))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
    assert Practice(demo_root).client_path("marcus-bell").read_bytes() == before


async def test_m_records_a_reading_from_the_engagement(demo_root: Path) -> None:
    app = make_app(demo_root)
    goal = without_readings(demo_root, "sofia-lindqvist", "Set and hold")
    async with app.run_test(size=(100, 40)) as pilot:
        views = await open_views(pilot, app, "sofia-lindqvist")
        await move_to(pilot, views, goal.id)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingDialog))
        assert "Set and hold three clear priorities" in screen_text(app)
        await send_keys(pilot, text=HOSTILE)
        await pilot.press("tab")
        await send_keys(pilot, text="2026-02-27")
        await pilot.press("tab")
        await send_keys(pilot, text="[b]team[/b] survey")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
        assert app.is_running, "the hostile value ran no action"
    (reading,) = goal_named(demo_root, "sofia-lindqvist", "Set and hold").readings
    assert reading.value.startswith("[/] [@click=app.quit]x[/]") and "🙂 long" in reading.value
    assert "\u202e" not in reading.value  # the input keeps no bidi override
    assert reading.on == date(2026, 2, 27) and reading.source == "[b]team[/b] survey"


async def test_a_future_day_is_refused_in_one_line(demo_root: Path) -> None:
    app = make_app(demo_root)
    goal = without_readings(demo_root, "sofia-lindqvist", "Set and hold")
    async with app.run_test(size=(100, 40)) as pilot:
        views = await open_views(pilot, app, "sofia-lindqvist")
        await move_to(pilot, views, goal.id)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingDialog))
        await send_keys(pilot, text="3")
        await pilot.press("tab")
        await send_keys(pilot, text="in 2 weeks")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "cannot be dated in the future" in screen_text(app))
        assert isinstance(app.screen, ReadingDialog)
    assert goal_named(demo_root, "sofia-lindqvist", "Set and hold").readings == []


async def test_m_on_the_review_records_and_the_charts_show_it(demo_root: Path) -> None:
    practice = Practice(demo_root, clock=lambda: NOW)
    goal = without_readings(demo_root, "sofia-lindqvist", "Set and hold")
    practice.record_reading("sofia-lindqvist", goal.id, "9 priorities", date(2025, 12, 1), "plan")
    app = make_app(demo_root)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.open_client("sofia-lindqvist")
        await settle(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await settle(pilot)
        await pilot.press("m")
        await wait_until(pilot, lambda: "Record the measure of which goal?" in screen_text(app))
        await pilot.press("enter")  # the first agreed goal: priorities
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingDialog))
        await send_keys(pilot, text="4 priorities")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        charts = str(app.screen.query_one("#charts-body").render())
        assert "9 priorities (1 Dec 2025) → 4 priorities (2 Mar 2026), −5" in charts
        assert "▇" in charts or "█" in charts, "a sparkline of the numbers"
    readings = goal_named(demo_root, "sofia-lindqvist", "Set and hold").readings
    assert [r.value for r in readings] == ["9 priorities", "4 priorities"]


async def test_g_links_an_area_and_z_closes_and_reopens_it(demo_root: Path) -> None:
    record = Practice(demo_root).load("sofia-lindqvist")
    area = record.insights_of(InsightKind.WEAKNESS)[0]
    app = make_app(demo_root)
    async with app.run_test(size=(100, 40)) as pilot:
        views = await open_views(pilot, app, "sofia-lindqvist")
        await move_to(pilot, views, area.id)
        await pilot.press("g")
        await wait_until(pilot, lambda: "Which goal does this development area" in screen_text(app))
        await pilot.press("enter")  # the first goal
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
        goal = record.insights_of(InsightKind.GOAL)[0]
        await wait_until(
            pilot,
            lambda: (
                {i.id: i.goal_id for i in Practice(demo_root).load("sofia-lindqvist").insights}[
                    area.id
                ]
                == goal.id
            ),
        )
        await move_to(pilot, views, area.id)
        await pilot.press("z")
        await wait_until(pilot, lambda: "Close the development area" in screen_text(app))
        await send_keys(pilot, text="worked through")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: area.text[:16] not in screen_text(app))
        closed = next(
            i for i in Practice(demo_root).load("sofia-lindqvist").insights if i.id == area.id
        )
        assert closed.done and closed.closed_reason == "worked through"
        await pilot.press("z")  # not on an open area: offers the closed ones
        await wait_until(pilot, lambda: "Reopen which closed area?" in screen_text(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: area.text[:16] in screen_text(app))
    reopened = next(
        i for i in Practice(demo_root).load("sofia-lindqvist").insights if i.id == area.id
    )
    assert not reopened.done and reopened.closed_reason == ""


async def test_only_agreed_goals_are_scored_in_the_session_and_the_wrap_up(
    demo_root: Path,
) -> None:
    from screens.session import SessionScreen
    from screens.widgets.rating import RatingInput
    from screens.wrapup import WrapUpScreen

    practice = Practice(demo_root, clock=lambda: NOW)
    agreed = practice.load("sofia-lindqvist").insights_of(InsightKind.GOAL)
    draft = practice.capture("sofia-lindqvist", InsightKind.GOAL, "Draft: coach two leads")
    levels = {k: f"draft level {k}" for k in range(-2, 3)}
    practice.update_insight("sofia-lindqvist", draft.id, measure="leads say so", gas=levels)
    bare = practice.capture("sofia-lindqvist", InsightKind.GOAL, "Bare: no levels at all")
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_client("sofia-lindqvist")
        await settle(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.screen
        assert isinstance(session, SessionScreen)
        await wait_until(pilot, lambda: session_ready(app))
        scored = {q.id for q in session.questions if q.scale == (-2, 2)}
        assert scored == {f"goal-score--goal-{g.id}" for g in agreed}
        await pilot.press("ctrl+f")
        await wait_until(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await settle(pilot)
        wrap = app.screen
        ratings = {r.id for r in wrap.query(RatingInput)}
        assert ratings == {f"score-{g.id}" for g in agreed}
        panel = wrap.query_one("#goals")
        shown = "\n".join(str(w.render()) for w in panel.query("Static"))
        assert agreed[0].text in shown
        assert draft.text not in shown and bare.text not in shown


def test_snapshot_the_reading_dialog(demo_root: Path, snap_compare: Any) -> None:
    """Recording a measure, at 80×24: the goal, its measure and readings so far, the fields."""
    practice = Practice(demo_root, clock=lambda: NOW)
    goal = without_readings(demo_root, "sofia-lindqvist", "Set and hold")
    practice.record_reading("sofia-lindqvist", goal.id, "9 priorities", date(2025, 12, 1), "plan")
    practice.record_reading("sofia-lindqvist", goal.id, "5 priorities", date(2026, 2, 2), "team")
    app = make_app(demo_root)

    async def run_before(pilot: Pilot[Any]) -> None:
        views = await open_views(pilot, app, "sofia-lindqvist")
        await move_to(pilot, views, goal.id)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingDialog))
        await send_keys(pilot, text="4 priorities")
        await settle(pilot)
        app.clear_notifications()
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_hostile_goal_and_readings_render_as_data_in_the_dialogs(demo_root: Path) -> None:
    practice = Practice(demo_root, clock=lambda: NOW)
    goal = goal_named(demo_root, "marcus-bell", "Involve peers")
    hostile = "[@click=app.quit]x[/] [b]bold\x1b[2J \u202e 🙂"
    practice.update_insight("marcus-bell", goal.id, text=hostile, measure="[/] " + hostile)
    app = make_app(demo_root)
    async with app.run_test(size=(100, 40)) as pilot:
        views = await open_views(pilot, app, "marcus-bell")
        await move_to(pilot, views, goal.id)
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreeGoalDialog))
        text = screen_text(app)
        assert "[@click=app.quit]x[/] [b]bold␛[2J" in text
        assert "Measure: [/] [@click=app.quit]x[/]" in text
        await pilot.press("tab")
        await send_keys(pilot, text="[/]wrong")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingDialog))
        assert "[/]wrong" in screen_text(app) and "baseline" in screen_text(app)
        assert app.is_running


async def test_capital_m_corrects_and_removes_a_reading_typed_wrong(demo_root: Path) -> None:
    from screens.readings import ReadingsDialog

    practice = Practice(demo_root, clock=lambda: NOW)
    goal = without_readings(demo_root, "sofia-lindqvist", "Set and hold")
    practice.record_reading("sofia-lindqvist", goal.id, "9 priorities", date(2025, 12, 1), "plan")
    practice.record_reading("sofia-lindqvist", goal.id, "50 priorities", date(2026, 2, 2), "team")
    app = make_app(demo_root)
    async with app.run_test(size=(100, 40)) as pilot:
        views = await open_views(pilot, app, "sofia-lindqvist")
        await move_to(pilot, views, goal.id)
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingsDialog))
        assert "01 Dec 2025: 9 priorities (plan)  baseline" in screen_text(app)
        await pilot.press("down", "e")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingDialog))
        assert "Correct the reading" in screen_text(app)
        value = app.screen.query_one("#value", Input)
        assert value.value == "50 priorities"
        await pilot.press(*["backspace"] * 30)
        await send_keys(pilot, text="5 priorities")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingsDialog))
        await wait_until(pilot, lambda: "02 Feb 2026: 5 priorities (team)" in screen_text(app))
        await pilot.press("home", "x")
        await wait_until(pilot, lambda: "Remove this reading?" in screen_text(app))
        await pilot.press("y")
        await wait_until(pilot, lambda: "9 priorities" not in screen_text(app))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
    fixed = goal_named(demo_root, "sofia-lindqvist", "Set and hold")
    assert [(r.value, r.on, r.source) for r in fixed.readings] == [
        ("5 priorities", date(2026, 2, 2), "team")
    ]
    earlier = [e.value for e in fixed.history]
    assert ["reading", "2026-02-02", "50 priorities", "team"] in earlier
    assert ["reading", "2025-12-01", "9 priorities", "plan"] in earlier


async def test_a_dialog_taller_than_the_screen_keeps_its_keys_in_view(demo_root: Path) -> None:
    """At 80×24 the reading form scrolls its save button away: the border still says
    how to save and how to cancel, since the dialog covers the screen's footer."""
    app = make_app(demo_root)
    goal = goal_named(demo_root, "sofia-lindqvist", "Set and hold")
    assert len(goal.readings) > 3, "the demo's goal has a history of readings"
    async with app.run_test(size=(80, 24)) as pilot:
        views = await open_views(pilot, app, "sofia-lindqvist")
        await move_to(pilot, views, goal.id)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingDialog))
        await settle(pilot)
        shown = screen_text(app)
        assert "^s save" in shown and "esc cancel" in shown
        assert "… 1 more" in shown, "the baseline and the two latest readings, no more"
