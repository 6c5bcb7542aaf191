"""The Review screen: timeline, one session, search, filter by kind, charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from app_helpers import Posted, make_app, screen_text, settle, wait_until, widget_texts
from review_demo import NOW, demo_copy, demo_template, fixed_clock
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, Input, OptionList, Static

from coach_tui.domain.model import InsightKind, Session
from coach_tui.scripts.library import load_library
from coach_tui.store.practice import Practice
from screens.app import CoachApp
from screens.review import ReviewScreen
from screens.review_charts import bar, charts_text, gas_chart
from screens.review_search import search
from screens.review_timeline import FILTER_LABELS, PRIVATE_MARK

CLIENT = "sofia-lindqvist"
#: A phrase only one old session holds (added by the test to the intake interview).
NEEDLE = "Zanzibar offsite"


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    root = demo_copy(tmp_path_factory, tmp_path / "data")
    practice = Practice(root, clock=fixed_clock)
    record = practice.load(CLIENT)
    intake = next(s for s in record.sessions if s.script_id == "awareness-intake")
    question = load_library(root).get("awareness-intake").question("scope")
    practice.save_answer(
        CLIENT, intake.id, question, f"The {NEEDLE} in 2019 was the last real attempt."
    )
    return root


async def open_review(pilot: Pilot[Any], client_id: str = CLIENT) -> ReviewScreen:
    await settle(pilot)
    screen = ReviewScreen(client_id)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    assert pilot.app.screen is screen
    await wait_until(pilot, lambda: screen.query_one("#timeline", OptionList).option_count > 0)
    return screen


def reading_text(screen: ReviewScreen) -> str:
    return widget_texts(screen.query("#reading > Static"))


def reading(screen: ReviewScreen, session: Session) -> bool:
    """Whether the reading pane shows ``session`` (its head names the day and hour)."""
    return f"{session.started:%A %d %B %Y, %H:%M}" in reading_text(screen)


def answer_block(screen: ReviewScreen, question: str) -> Static:
    """The reading pane's block of the answer to ``question`` (its words first)."""
    blocks = [b for b in screen.query("#reading > .answer") if isinstance(b, Static)]
    return next(b for b in blocks if widget_texts([b]).startswith(question.strip()))


def _static_text(widget: Static) -> str:
    return widget_texts([widget])


# ---------------------------------------------------------------------- pilot


async def test_the_timeline_opens_on_the_latest_session(root: Path) -> None:
    record = Practice(root).load(CLIENT)
    app = make_app(root)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot)
        timeline = screen.query_one("#timeline", OptionList)
        assert timeline.option_count == len(record.sessions)
        latest = max(record.sessions, key=lambda s: s.started)
        assert reading(screen, latest)
        text = reading_text(screen)
        assert "Monthly review" in text
        assert "Captured in this session" in text
        assert "Plan written at the end" in text
        # The coach's private note is marked on screen.
        asked = next(q for q in latest.questions if q.id == "coach-notes")
        coach_notes = answer_block(screen, asked.text)
        assert coach_notes.has_class("-private")
        assert PRIVATE_MARK in _static_text(coach_notes)
        # Moving down the timeline opens the session under the cursor.
        await pilot.press("down")
        await settle(pilot)
        second = sorted(record.sessions, key=lambda s: s.started)[-2]
        assert reading(screen, second)


async def test_search_finds_an_old_answer_and_opens_it(root: Path) -> None:
    record = Practice(root).load(CLIENT)
    intake = next(s for s in record.sessions if s.script_id == "awareness-intake")
    tried = next(q for q in intake.questions if q.id == "scope")
    app = make_app(root)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot)
        assert not reading(screen, intake)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"zanzibar")
        await settle(pilot)
        results = screen.query_one("#results", OptionList)
        assert results.display and not screen.query_one("#timeline").display
        assert results.option_count == 1
        assert "Found 1" in str(results.border_title)
        # The one result: the intake's answer, the match highlighted.
        found = results.get_option_at_index(0).prompt
        assert isinstance(found, Text)
        assert f"{intake.started:%d %b %Y}" in found.plain and NEEDLE in found.plain
        marked = [found.plain[s.start : s.end] for s in found.spans if "reverse" in str(s.style)]
        assert marked == [NEEDLE[: len("zanzibar")]]
        # Enter goes to the results; enter again opens the session at the answer.
        await pilot.press("enter")
        assert app.focused is results
        await pilot.press("enter")
        await settle(pilot)
        assert reading(screen, intake)
        block = answer_block(screen, tried.text)
        assert block.has_class("-hit")
        assert NEEDLE in _static_text(block)
        reading_pane = screen.query_one("#reading")
        await wait_until(pilot, lambda: reading_pane.scroll_y > 0)  # it jumped to the answer...
        assert reading_pane.region.contains_region(block.region)  # ...which is in view
        # Escape clears the search and brings the timeline back.
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#search", Input).value == ""
        assert screen.query_one("#timeline").display


async def test_filter_by_kind(root: Path) -> None:
    record = Practice(root).load(CLIENT)
    app = make_app(root)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot)
        timeline = screen.query_one("#timeline", OptionList)
        for expected in (InsightKind.STRENGTH, InsightKind.WEAKNESS, InsightKind.GOAL):
            await pilot.press("f")
            await settle(pilot)
            assert f"{FILTER_LABELS[expected]} only" in str(timeline.border_title)
        goal_sessions = {i.session_id for i in record.insights if i.kind is InsightKind.GOAL}
        shown = {
            (timeline.get_option_at_index(i).id or "").removeprefix("session-")
            for i in range(timeline.option_count)
        }
        assert shown == goal_sessions
        text = reading_text(screen)
        goals = [i for i in record.insights if i.kind is InsightKind.GOAL]
        assert f"All goals ({len(goals)})" in str(screen.query_one("#reading").border_title)
        for goal in goals:
            assert goal.text in text
        # Private notes: every one of them marked as the coach's only.
        for _ in range(3):
            await pilot.press("f")
        await settle(pilot)
        assert "private notes only" in str(timeline.border_title)
        notes = [i for i in record.insights if i.kind is InsightKind.NOTE]
        text = reading_text(screen)
        for note in notes:
            assert note.text in text
        assert text.count(PRIVATE_MARK) == len(notes)
        # Round again to every session.
        await pilot.press("f")
        await settle(pilot)
        assert str(timeline.border_title) == "Sessions"
        assert timeline.option_count == len(record.sessions)


async def test_charts_and_back(root: Path) -> None:
    app = make_app(root)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert screen.query_one("#main", ContentSwitcher).current == "charts"
        charts = _static_text(screen.query_one("#charts-body", Static))
        assert "GAS score of each goal" in charts
        assert "Competency ratings: baseline vs final" in charts
        assert "Sessions per stage" in charts
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#main", ContentSwitcher).current == "reading"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)


async def test_small_terminal_and_an_executive_with_nothing_yet(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data", clock=fixed_clock)
    client = practice.create_client("Ada [b]Example[/b]")
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot, client.id)
        assert "Nothing to review yet" in reading_text(screen)
        assert "Ada [b]Example[/b]" in screen_text(app)  # the title, literally
        await pilot.press("c")
        await settle(pilot)
        assert "No goals yet." in _static_text(screen.query_one("#charts-body", Static))


async def test_an_unknown_executive_closes_with_a_message(tmp_path: Path) -> None:
    Practice(tmp_path / "data")
    app = make_app(tmp_path / "data")
    posted = Posted()
    async with app.run_test(size=(80, 24), message_hook=posted) as pilot:
        await settle(pilot)
        await app.push_screen(ReviewScreen("nobody"))
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)
        assert any("nobody" in message for _, message in posted.notifications)


# ---------------------------------------------------------------- pure parts


def test_search_is_case_insensitive_and_covers_captures(root: Path) -> None:
    record = Practice(root).load(CLIENT)
    assert [h.question_id for h in search(record, "ZANZIBAR")] == ["scope"]
    assert search(record, "z") == []  # too short to search
    captured = [h for h in search(record, "partner-portal") if h.question_id is None]
    assert captured and all(h.label == "captured action" for h in captured)


def test_charts_are_drawn_with_blocks(demo_record_root: Path) -> None:
    record = Practice(demo_record_root).load("daniel-okafor")
    goal = next(i for i in record.insights if i.kind is InsightKind.GOAL)
    chart = gas_chart(goal).plain
    assert chart.count("●") == len(goal.scores)
    assert "latest +2 ↑" in chart
    text = charts_text(record).plain
    assert "Mini-survey" in text and "(n=10)" in text  # two pulses of five, pooled
    assert bar(5, 5, 10) == "█" * 10
    assert bar(2.5, 5, 10) == "█" * 5
    assert bar(0.06, 5, 10) == "▏"  # one eighth of a cell
    assert bar(0, 5, 10) == ""


@pytest.fixture(scope="module")
def demo_record_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_template(tmp_path_factory)


# ------------------------------------------------------------------ snapshots


def _review(root: Path, presses: tuple[str, ...] = ()) -> tuple[CoachApp, Any]:
    app = make_app(root)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_review(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)

    return app, run_before


def test_snapshot_timeline(root: Path, snap_compare: Any) -> None:
    """The timeline, newest first, with the latest session open beside it."""
    app, run_before = _review(root)
    assert snap_compare(app, terminal_size=(110, 34), run_before=run_before)


def test_snapshot_one_session(root: Path, snap_compare: Any) -> None:
    """The development-plan session: answers as asked, captures, the plan it wrote."""
    app, run_before = _review(root, ("down",) * 5 + ("enter", "end"))
    assert snap_compare(app, terminal_size=(110, 34), run_before=run_before)


def test_snapshot_charts(root: Path, snap_compare: Any) -> None:
    app, run_before = _review(root, ("c",))
    assert snap_compare(app, terminal_size=(110, 34), run_before=run_before)


def test_the_clock_is_frozen() -> None:
    assert fixed_clock() == NOW
