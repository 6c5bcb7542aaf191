"""On a live call: the keys a coach types go where they meant, and nothing is silent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app_helpers import (
    make_app,
    record_notifications,
    screen_text,
    settle,
    tap,
    type_text,
    wait_until,
)
from live_script import short_intake
from textual.pilot import Pilot

from coach_tui.model import InsightKind
from coach_tui.store import Practice
from screens.engagement import EngagementScreen
from screens.session import SessionScreen

pytest_plugins = ["app_fixtures"]


async def start(pilot: Pilot[Any]) -> SessionScreen:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EngagementScreen)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    await wait_until(pilot, lambda: screen._ready and pilot.app.focused is screen._editor)
    return screen


async def go_to(pilot: Pilot[Any], screen: SessionScreen, question_id: str) -> None:
    while screen.question.id != question_id:
        index = screen.index
        await tap(pilot, "ctrl+n")
        await wait_until(
            pilot, lambda: screen.index == index + 1 and screen._editor is pilot.app.focused
        )


async def test_typing_on_a_yes_no_question_goes_to_the_note_not_the_choice(
    empty_root: Path,
) -> None:
    client_id = short_intake(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await start(pilot)
        assert "letters go to the note" in screen_text(app)
        await type_text(pilot, "She asked who sees the notes")
        await wait_until(pilot, lambda: "who sees the notes" in screen_text(app))
        await tap(pilot, "ctrl+n")
        await wait_until(pilot, lambda: screen.index == 1)
        await settle(pilot)
        assert screen.flush_saves()
    record = Practice(empty_root).load(client_id)
    (session,) = record.sessions
    answer = record.answers_of(session.id).get("confidentiality")
    assert answer is None or answer.value is None  # no silent "Yes"
    notes = [i.text for i in record.insights_of(InsightKind.NOTE)]
    assert any("She asked who sees the notes" in n for n in notes)


async def test_space_and_enter_still_choose(empty_root: Path) -> None:
    client_id = short_intake(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await start(pilot)
        await pilot.press("down", "space")
        await tap(pilot, "ctrl+n")
        await wait_until(pilot, lambda: screen.index == 1)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.flush_saves()
    record = Practice(empty_root).load(client_id)
    answers = record.answers_of(record.sessions[0].id)
    assert answers["confidentiality"].value is False
    assert answers["initiator"].value == "My manager's"


async def test_everyday_dates_are_understood_and_nonsense_is_refused_aloud(
    empty_root: Path,
) -> None:
    client_id = short_intake(empty_root)
    app = make_app(empty_root)
    seen = record_notifications(app)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await start(pilot)
        await go_to(pilot, screen, "deadline")
        await type_text(pilot, "15/03/2027")
        await wait_until(pilot, lambda: "Mon 15 Mar 2027" in screen_text(app))
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "sometime soonish")
        await wait_until(pilot, lambda: "not a date I can read" in screen_text(app))
        await tap(pilot, "ctrl+n")
        await wait_until(pilot, lambda: any(t == "Not a date yet" for t, _ in seen))
        assert screen.question.id == "deadline"  # stayed, and said why
        await pilot.press(*["backspace"] * 16)
        await type_text(pilot, "next march")
        await wait_until(pilot, lambda: "Mon 1 Mar 2027" in screen_text(app))
        await tap(pilot, "ctrl+n")
        await wait_until(pilot, lambda: screen.question.id == "story")
        assert screen.flush_saves()
    record = Practice(empty_root).load(client_id)
    assert record.answers_of(record.sessions[0].id)["deadline"].value == "2027-03-01"
