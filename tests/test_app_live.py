"""On a live call: the keys a coach types go where they meant, and nothing is silent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app_helpers import (
    Posted,
    answer_shown,
    asks,
    go_to,
    make_app,
    next_question,
    pause_session,
    screen_text,
    send_keys,
    settle,
    start_session,
    wait_until,
)
from live_script import ASKED, short_intake

from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice

pytest_plugins = ["app_fixtures"]


DEADLINE, STORY = ASKED["deadline"], ASKED["story"]


async def test_typing_on_a_yes_no_question_goes_to_the_note_not_the_choice(
    empty_root: Path,
) -> None:
    client_id = short_intake(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await start_session(pilot)
        assert "letters go to the note" in screen_text(app)
        await send_keys(pilot, text="She asked who sees the notes")
        await wait_until(pilot, lambda: "who sees the notes" in screen_text(app))
        await next_question(pilot)
        await pause_session(pilot)
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
        await start_session(pilot)
        await pilot.press("down", "space")
        await next_question(pilot)
        await pilot.press("down", "enter")
        await pause_session(pilot)
    record = Practice(empty_root).load(client_id)
    answers = record.answers_of(record.sessions[0].id)
    assert answers["confidentiality"].value is False
    assert answers["initiator"].value == "My manager's"


async def test_everyday_dates_are_understood_and_nonsense_is_refused_aloud(
    empty_root: Path,
) -> None:
    client_id = short_intake(empty_root)
    app = make_app(empty_root)
    posted = Posted()
    seen = posted.notifications  # every notification, as posted
    async with app.run_test(size=(120, 34), message_hook=posted) as pilot:
        await start_session(pilot)
        await go_to(pilot, DEADLINE)
        await send_keys(pilot, text="15/03/2027")
        await wait_until(pilot, lambda: "Mon 15 Mar 2027" in screen_text(app))
        await pilot.press(*["backspace"] * 10)
        await send_keys(pilot, text="sometime soonish")
        await wait_until(pilot, lambda: "not a date I can read" in screen_text(app))
        await send_keys(pilot, "ctrl+n", wait=False)
        await wait_until(pilot, lambda: any(t == "Not a date yet" for t, _ in seen))
        assert asks(app, DEADLINE)  # stayed, and said why
        await pilot.press(*["backspace"] * 16)
        await send_keys(pilot, text="next march")
        await wait_until(pilot, lambda: "Mon 1 Mar 2027" in screen_text(app))
        await send_keys(pilot, "ctrl+n", wait=False)
        await wait_until(pilot, lambda: asks(app, STORY))
        await pause_session(pilot)
    record = Practice(empty_root).load(client_id)
    assert record.answers_of(record.sessions[0].id)["deadline"].value == "2027-03-01"


async def test_a_burst_of_single_keys_is_typed_in_a_few_edits_not_one_per_key(
    empty_root: Path, monkeypatch: Any
) -> None:
    """5,000 keys froze the UI for seconds: each key was one edit that re-wrapped
    the paragraph. The work is counted, not timed: edits per burst."""
    from screens.widgets.text_editor import SafeTextArea

    edits: list[int] = []
    real_edit = SafeTextArea.edit

    def counting_edit(self: SafeTextArea, edit: Any) -> Any:
        edits.append(1)
        return real_edit(self, edit)

    monkeypatch.setattr(SafeTextArea, "edit", counting_edit)
    client_id = short_intake(empty_root)
    app = make_app(empty_root)
    text = ("she tried the new approach in the board meeting " * 50)[:2000]
    async with app.run_test(size=(120, 34)) as pilot:
        await start_session(pilot)
        await go_to(pilot, STORY)
        edits.clear()
        await send_keys(pilot, text=text, wait=False)
        await wait_until(pilot, lambda: answer_shown(app) == text, timeout=60)
        assert len(edits) <= len(text) // 20, f"{len(edits)} edits for {len(text)} keys"
        await pause_session(pilot)
    record = Practice(empty_root).load(client_id)
    assert record.answers_of(record.sessions[0].id)["story"].value == text


async def test_continuous_typing_is_saved_without_waiting_for_a_pause(empty_root: Path) -> None:
    """Saves used to wait for a 2 s pause: typing on, nothing reached the disk."""
    import asyncio

    client_id = short_intake(empty_root)
    app = make_app(empty_root)
    practice = Practice(empty_root)

    def on_disk() -> str:
        record = practice.load(client_id)
        answer = record.answers_of(record.sessions[0].id).get("story")
        return str(answer.value) if answer else ""

    async with app.run_test(size=(120, 34)) as pilot:
        await start_session(pilot)
        await go_to(pilot, STORY)
        typed = ""
        saved = ""
        for number in range(150):  # 15 s of typing without a pause, if need be
            key = "abcdefghij"[number % 10]
            await send_keys(pilot, key, wait=False)
            typed += key
            await asyncio.sleep(0.1)
            saved = on_disk()
            if len(saved) >= 5:
                break
        assert len(saved) >= 5, "nothing saved while the coach kept typing"
        assert typed.startswith(saved)
        await pause_session(pilot)


async def test_the_clock_shows_time_on_the_call_not_since_the_start(empty_root: Path) -> None:
    """Resumed three hours after it started, with ten minutes of work saved."""
    from datetime import timedelta

    from app_helpers import NOW

    from coach_tui.scripts.library import load_library

    client_id = short_intake(empty_root)
    earlier = Practice(empty_root, clock=lambda: NOW - timedelta(hours=3))
    session = earlier.start_session(client_id, load_library(empty_root).get("awareness-intake"))
    earlier.set_cursor(client_id, session.id, "confidentiality", active_seconds=600)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        app.resume_session(client_id, session.id)
        await settle(pilot)
        await wait_until(pilot, lambda: "⏱ 10 of 45 min" in screen_text(app))
        await pilot.press("escape")  # pause: the time on the call is kept
        await settle(pilot)
    stored = Practice(empty_root).load(client_id).sessions[0]
    assert 600 <= stored.active_seconds < 900
