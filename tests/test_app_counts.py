"""Counts agree: skipped questions are not answers, an interrupted session is a session."""

from __future__ import annotations

from pathlib import Path

from app_helpers import make_app, screen_text, send_keys, settle, wait_until
from live_script import short_intake

from coach_tui.domain.answered import answered_count, is_answered
from coach_tui.scripts.library import load_library
from coach_tui.store.practice import Practice
from screens.engagement import EngagementScreen
from screens.review import ReviewScreen

pytest_plugins = ["app_fixtures"]


def half_answered(root: Path, end: bool) -> tuple[str, str]:
    """Two answers given, two questions skipped (stored empty), as the session saves them."""
    client_id = short_intake(root)
    practice = Practice(root)
    script = load_library(root).get("awareness-intake")
    session = practice.start_session(client_id, script)
    by_id = {q.id: q for q in script.questions}
    practice.save_answer(client_id, session.id, by_id["confidentiality"], True)
    practice.save_answer(client_id, session.id, by_id["story"], "Two years at Acme.")
    practice.save_answer(client_id, session.id, by_id["key-relationships"], [])
    practice.save_answer(client_id, session.id, by_id["deadline"], None)
    if end:
        practice.end_session(client_id, session.id)
    return client_id, session.id


def test_the_one_rule() -> None:
    assert not is_answered("  ") and not is_answered([]) and not is_answered(None)
    assert is_answered(False) and is_answered(0) and is_answered(["x"])
    assert answered_count({"a": "x", "b": "", "c": [], "d": False}) == 2


async def test_the_sessions_list_counts_answers_not_skipped_questions(empty_root: Path) -> None:
    half_answered(empty_root, end=True)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await wait_until(pilot, lambda: "2 answered" in screen_text(app))
        assert "4 answers" not in screen_text(app)


async def test_an_interrupted_session_is_counted_and_labelled(empty_root: Path) -> None:
    client_id, _ = half_answered(empty_root, end=False)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        # The practice offers to resume it, with the same count.
        await wait_until(pilot, lambda: "2 questions answered so far" in screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        app.push_screen(ReviewScreen(client_id))
        await settle(pilot)
        await wait_until(pilot, lambda: "1 session with the executive" in screen_text(app))
        assert "(1 interrupted)" in screen_text(app)


async def test_a_session_resumed_from_the_offer_ends_on_its_engagement(empty_root: Path) -> None:

    from screens.wrapup import WrapUpScreen

    client_id, _ = half_answered(empty_root, end=False)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: "answered so far" in screen_text(app))
        await pilot.press("y")
        await settle(pilot)
        await send_keys(pilot, "ctrl+f", wait=False)
        await wait_until(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await settle(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
        await wait_until(pilot, lambda: "Ann Lee" in screen_text(app))  # whose file opened
    assert Practice(empty_root).load(client_id).open_session() is None  # ended


async def test_a_name_typed_into_the_resume_offer_does_not_resume(empty_root: Path) -> None:
    """The y of "Priya", typed as the offer opened, used to mean "Resume"."""

    from screens.dialogs import ConfirmDialog
    from screens.practice import PracticeScreen

    half_answered(empty_root, end=False)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await send_keys(pilot, text="priya", wait=False)
        await wait_until(pilot, lambda: "Typing reached this question" in screen_text(app))
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
