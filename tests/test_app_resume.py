"""Quitting mid-session and resuming in a new app on the same data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app_helpers import (
    answer_shown,
    asks,
    make_app,
    next_question,
    screen_text,
    send_keys,
    session_ready,
    settle,
    start_session,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import RadioSet

from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice
from screens.dialogs import ConfirmDialog
from screens.engagement import EngagementScreen
from screens.practice import PracticeScreen

pytest_plugins = ["app_fixtures"]

SCOPE = "Budget of 40m\nTwo plants in Lyon\nThird line, typed just before quitting"


async def run_until_quit(root: Path, client_id: str) -> str:
    """Start an intake, answer three questions and capture a line, then ctrl+q at once.

    Nothing waits for the autosave: the last words are typed right before quitting.
    Returns the session id (the session left open on disk).
    """
    app = make_app(root)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await pilot.press("enter")  # yes: confidentiality explained
        for text in ("VP Operations", "Budget of 40m\nTwo plants in Lyon"):
            await next_question(pilot)
            await send_keys(pilot, text=text)
        await pilot.press("alt+s")  # "Two plants in Lyon" becomes a strength
        await send_keys(pilot, text="\nThird line, typed just before quitting")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
    session = Practice(root).load(client_id).open_session()
    assert session is not None
    return session.id


def asked(app: Any, question_id: str) -> str:
    return str(app.library.get("awareness-intake").question(question_id).text)


async def check_every_answer(pilot: Pilot[Any]) -> None:
    """The session is back where it was, with every answer in its editor."""
    app = pilot.app
    await wait_until(pilot, lambda: session_ready(app))
    assert asks(app, asked(app, "scope"))
    assert answer_shown(app) == SCOPE
    await wait_until(pilot, lambda: "Two plants in Lyon" in screen_text(app))
    assert "Strengths (1)" in screen_text(app)
    await pilot.press("ctrl+b")
    await wait_until(pilot, lambda: asks(app, asked(app, "role")))
    assert answer_shown(app) == "VP Operations"
    await pilot.press("ctrl+b")
    await wait_until(pilot, lambda: isinstance(app.focused, RadioSet))
    assert answer_shown(app) is True


async def test_quit_mid_session_and_resume_from_the_offer_on_start(empty_root: Path) -> None:
    client_id = Practice(empty_root).create_client("Ann Lee").id
    session_id = await run_until_quit(empty_root, client_id)
    # On disk before the second app starts: everything typed, the place, the capture.
    record = Practice(empty_root).load(client_id)
    assert {q: a.value for q, a in record.answers_of(session_id).items()} == {
        "confidentiality": True,
        "role": "VP Operations",
        "scope": SCOPE,
    }
    assert record.open_session() is not None
    assert record.open_session().cursor == "scope"  # type: ignore[union-attr]
    assert [(i.kind, i.text) for i in record.insights] == [
        (InsightKind.STRENGTH, "Two plants in Lyon")
    ]

    app = make_app(empty_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        shown = screen_text(app)
        assert "Resume the interrupted session?" in shown
        assert "A session with Ann Lee was interrupted: Intake interview" in shown
        assert "3 questions answered so far" in " ".join(shown.split())
        await pilot.press("y")
        await check_every_answer(pilot)
    # The session resumed is the one left open: no second one.
    assert [s.id for s in Practice(empty_root).load(client_id).sessions] == [session_id]


async def test_resume_later_with_s_on_the_engagement(empty_root: Path) -> None:
    client_id = Practice(empty_root).create_client("Ann Lee").id
    session_id = await run_until_quit(empty_root, client_id)
    app = make_app(empty_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # Later
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert "● Ann Lee" in screen_text(app)  # marked: a session is open
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await wait_until(pilot, lambda: "interrupted session: s resumes it" in screen_text(app))
        assert "interrupted" in screen_text(app).split("─ Sessions ─")[1]
        await pilot.press("s")
        await check_every_answer(pilot)
    # Resuming opened no second session.
    assert [s.id for s in Practice(empty_root).load(client_id).sessions] == [session_id]
