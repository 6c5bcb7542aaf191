"""The consent screen, driven with real keys: what is on screen and what is on disk."""

from __future__ import annotations

from pathlib import Path

from app_helpers import (
    NOW,
    make_app,
    screen_text,
    send_keys,
    settle,
    shown_text,
    start_session,
    wait_until,
)
from textual.widgets import DataTable

from coach_tui.domain import consent
from coach_tui.reports.report import sponsor_scrub
from coach_tui.store.practice import Practice
from screens.consent import ConsentScreen
from screens.engagement import EngagementScreen

pytest_plugins = ["app_fixtures"]


async def _open(pilot: object, app: object, client_id: str) -> ConsentScreen:
    await settle(pilot)  # type: ignore[arg-type]
    app.open_client(client_id)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, EngagementScreen)  # type: ignore[attr-defined]
    await pilot.press("c")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ConsentScreen)
    table = screen.query_one("#items", DataTable)
    await wait_until(pilot, lambda: table.row_count > 0)  # type: ignore[arg-type]
    return screen


def _rows(root: Path, client_id: str) -> list[consent.Candidate]:
    """The lines the consent screen lists, in its order (the core's candidates)."""
    record = Practice(root).load(client_id)
    return consent.candidates(record, sponsor_scrub(record))


def _decisions(root: Path, client_id: str) -> dict[str, bool]:
    record = Practice(root).load(client_id)
    return {key: d.shared for key, d in consent.in_force(record).items()}


async def test_space_shares_and_keeps_each_line_and_saves_it(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot, app, "priya-raman")
        text = screen_text(app)
        assert "no consent recorded yet" in text
        # The words the sponsor would read are on screen, each one not yet decided.
        assert "Deep technical credibility" in text
        assert "· not yet" in text and "✓ shared" not in text
        first, second = _rows(demo_root, "priya-raman")[:2]
        await pilot.press("space")
        await wait_until(pilot, lambda: _decisions(demo_root, "priya-raman") == {first.key: True})
        await settle(pilot)
        assert "✓ shared" in screen_text(app)
        assert "1 shared · 0 kept" in screen_text(app)
        await pilot.press("enter")  # again: keep it between the executive and the coach
        await wait_until(pilot, lambda: _decisions(demo_root, "priya-raman") == {first.key: False})
        await settle(pilot)
        assert "✗ kept" in screen_text(app)
        await pilot.press("down", "y")
        await wait_until(
            pilot,
            lambda: _decisions(demo_root, "priya-raman") == {first.key: False, second.key: True},
        )
        await settle(pilot)
        assert "in force: the executive's consent recorded on" in screen_text(app)
        record = Practice(demo_root).load("priya-raman")
        saved = consent.in_force(record)[second.key]
        assert saved.at == NOW and saved.session_id is None
        assert saved.text == second.text  # the words the executive agreed to
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)


async def test_agreed_goals_are_shown_but_not_toggled(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot, app, "sofia-lindqvist")
        assert _rows(demo_root, "sofia-lindqvist")[0].fixed
        before = _decisions(demo_root, "sofia-lindqvist")
        await pilot.press("space")
        await settle(pilot)
        assert "agreed" in screen_text(app)
        assert _decisions(demo_root, "sofia-lindqvist") == before


async def test_review_o_makes_an_answer_coach_only_and_shows_what_was_sent(
    demo_root: Path,
) -> None:
    from coach_tui.reports.report import write_report
    from screens.consent_keys import CoachOnlyDialog
    from screens.review import ReviewScreen
    from screens.review_timeline import PRIVATE_MARK

    practice = Practice(demo_root, clock=lambda: NOW)
    write_report(practice, "sofia-lindqvist", "final", "sponsor", "md")
    app = make_app(demo_root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_client("sofia-lindqvist")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert "Report sent to the sponsor on 2 Mar 2026: 2 goals, scores" in screen_text(app)
        session_id = review.session_id
        assert session_id is not None
        record = Practice(demo_root).load("sofia-lindqvist")
        first = next(iter(record.answers_of(session_id).values()))
        assert not first.private
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, CoachOnlyDialog)
        await pilot.press("enter")

        def private_now() -> bool:
            answers = Practice(demo_root).load("sofia-lindqvist").answers_of(session_id)
            return answers[first.question_id].private

        await wait_until(pilot, private_now)
        await settle(pilot)
        assert "coach only" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        block = review.answer_blocks[first.question_id]
        assert PRIVATE_MARK in str(block.render())


async def test_session_ctrl_o_makes_the_current_answer_coach_only(demo_root: Path) -> None:
    said = "She laughed when she said it, but it clearly stings"
    app = make_app(demo_root)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_session(pilot, "sofia")
        session = Practice(demo_root).load("sofia-lindqvist").open_session()
        assert session is not None
        await send_keys(pilot, text=said)
        await pilot.press("ctrl+o")

        def coach_only() -> bool:
            answers = Practice(demo_root).load("sofia-lindqvist").answers_of(session.id)
            return any(a.value == said and a.private for a in answers.values())

        await wait_until(pilot, coach_only)
        # ctrl+g: consent opened from the session records what is decided in it.
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, ConsentScreen)
        await pilot.press("down", "down", "down", "space")  # past the agreed goals

        def decided_in_the_session() -> bool:
            record = Practice(demo_root).load("sofia-lindqvist")
            return any(d.session_id == session.id for d in consent.in_force(record).values())

        await wait_until(pilot, decided_in_the_session)
        where = f"in the session '{session.script_title}'"
        await wait_until(pilot, lambda: where in shown_text(app, "#consent-state"))


def _self_assessment_with(root: Path, question_id: str, lines: list[str]) -> None:
    """The executive's own answer, as the self-assessment or a kit saves it."""
    from coach_tui.scripts.library import load_library

    practice = Practice(root, clock=lambda: NOW)
    script = load_library(root).get("self-assessment")
    session = practice.start_session("marcus-bell", script)
    question = next(q for q in script.questions if q.id == question_id)
    practice.save_answer("marcus-bell", session.id, question, lines)
    practice.end_session("marcus-bell", session.id)


async def test_suggestions_are_accepted_reworded_or_dropped_with_keys(demo_root: Path) -> None:

    from coach_tui.domain.model import InsightKind
    from screens.suggestions import SuggestionsScreen

    words = "My CEO asked me to do this after the plant closure went badly"
    _self_assessment_with(demo_root, "self-goals", [words, "Be a credible CEO candidate"])
    before = {g.text for g in Practice(demo_root).load("marcus-bell").insights}
    assert words not in before
    app = make_app(demo_root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_client("marcus-bell")
        await settle(pilot)
        assert "2 suggestions from the executive's own words: u" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SuggestionsScreen)
        assert words in screen_text(app)
        await pilot.press("x")  # the first: dropped
        await wait_until(pilot, lambda: words not in screen_text(app))
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k")  # clear the line in the dialog
        await send_keys(pilot, text="Be seen as a credible successor by the board")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "No suggestions waiting." in screen_text(app))
    record = Practice(demo_root).load("marcus-bell")
    goals = {g.text: g for g in record.insights_of(InsightKind.GOAL)}
    assert words not in goals
    accepted = goals["Be seen as a credible successor by the board"]
    assert accepted.status == "draft"
    assert {d.decision for d in record.suggestions} == {"accepted", "dropped"}


async def test_capital_a_agrees_the_goal_under_the_cursor(demo_root: Path) -> None:
    from coach_tui.domain.model import InsightKind
    from screens.widgets.running_views import RunningViewsList

    app = make_app(demo_root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_client("marcus-bell")  # Analysis: goals written, not yet agreed
        await settle(pilot)
        views = app.screen.query_one("#views", RunningViewsList)
        for _ in range(8):
            if app.focused is views:
                break
            await pilot.press("tab")
        assert app.focused is views
        await pilot.press("home")  # the first goal (Goals come first)
        await pilot.press("A")
        await settle(pilot)
        await pilot.press("ctrl+s")  # the baseline (−1 unless changed) and agree
        await settle(pilot)
        record = Practice(demo_root).load("marcus-bell")
        highlighted = views.highlighted_option
        assert highlighted is not None
        goal = next(g for g in record.insights_of(InsightKind.GOAL) if g.id == highlighted.id)
        assert goal.status == "agreed" and goal.agreed_at == NOW


async def test_f1_says_who_sees_what(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.open_client("sofia-lindqvist")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(app)
        assert "Who sees what" in text
        assert "Coach only: your private notes and coach-only answers." in text
        assert "The sponsor: goals agreed in a three-way meeting" in text
        assert "Consent" in text and "Suggestions" in text  # the engagement's new keys
