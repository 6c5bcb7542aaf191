"""The live session: an awareness intake with answers of every kind, and captures."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from app_helpers import (
    TODAY,
    Posted,
    answer_shown,
    asks,
    make_app,
    next_question,
    pause_session,
    question_number,
    screen_text,
    send_keys,
    settle,
    shown_question,
    start_session,
    typing_in_answer,
    wait_until,
)
from textual.pilot import Pilot

from coach_tui.domain.model import AnswerValue, InsightKind
from coach_tui.scripts.library import Question, load_library
from coach_tui.store.practice import Practice
from screens.dialogs import ConfirmDialog, ItemDialog
from screens.engagement import EngagementScreen
from screens.session import SessionScreen
from screens.widgets.running_views import RunningViewsList
from screens.wrapup import WrapUpScreen

pytest_plugins = ["app_fixtures"]


def new_executive(root: Path, name: str = "Ann Lee") -> str:
    return Practice(root).create_client(name, organisation="Acme Rail", role="COO").id


async def answer(pilot: Pilot[Any], question: Question) -> AnswerValue:
    """Answer ``question`` with real keys; returns the value the store should hold."""
    qid = question.id
    if question.kind == "yesno":
        # The first yes/no is answered "yes", the others "no".
        if qid == "confidentiality":
            await pilot.press("enter")
            return True
        await pilot.press("down", "enter")
        return False
    if question.kind == "choice":
        await pilot.press("down", "down", "enter")
        return question.options[2]
    if question.kind == "choices":
        await pilot.press("space", "down", "down", "space")
        return [question.options[0], question.options[2]]
    if question.kind == "rating":
        await pilot.press("1", "0")  # 1 then 0 on a 1–10 scale is 10
        return 10
    if question.kind == "date":
        if qid == "deadline":
            await send_keys(pilot, text="2026-06-30")
            return "2026-06-30"
        await send_keys(pilot, text="+14")
        return (TODAY + timedelta(days=14)).isoformat()
    if question.kind == "line":
        await send_keys(pilot, text=f"{qid}: a short answer")
        return f"{qid}: a short answer"
    if question.kind == "list":
        await send_keys(pilot, text=f"{qid} one\n- {qid} two\n\n")
        return [f"{qid} one", f"{qid} two"]
    assert question.kind == "text"
    await send_keys(pilot, text=f"{qid} said\nmore on {qid}")
    return f"{qid} said\nmore on {qid}"


async def test_an_awareness_intake_to_the_end_with_answers_of_every_kind(
    empty_root: Path,
) -> None:
    client_id = new_executive(empty_root)
    script = load_library(empty_root).get("awareness-intake")
    assert {q.kind for q in script.questions} == {
        "text",
        "line",
        "list",
        "rating",
        "choice",
        "yesno",
    }  # the intake has no date or multiple-choice question since it was tightened
    expected: dict[str, AnswerValue] = {}
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await start_session(pilot)
        for number, question in enumerate(script.questions):
            assert asks(app, question.text), (question.id, shown_question(app))
            assert f"{number + 1}/{len(script.questions)}" in screen_text(app)
            expected[question.id] = await answer(pilot, question)
            if number + 1 < len(script.questions):
                await next_question(pilot)
        # The running views filled up from the answers that feed them.
        await pilot.press("ctrl+b", "ctrl+n")  # leave and come back: saves the last one
        await settle(pilot)
        await wait_until(pilot, lambda: "strengths one" in screen_text(app))
        shown = screen_text(app)
        for line in ("coaching-goals one", "development-areas two", "motivations one"):
            assert line in shown
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)
        assert f"{len(script.questions)} of {len(script.questions)} questions answered" in (
            screen_text(app)
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
    record = Practice(empty_root).load(client_id)
    (session,) = record.sessions
    assert not session.is_open
    answers = record.answers_of(session.id)
    assert {qid: a.value for qid, a in answers.items()} == expected
    assert {a.kind for a in answers.values()} == {q.kind for q in script.questions}
    strengths = [i.text for i in record.insights_of(InsightKind.STRENGTH)]
    assert strengths == ["strengths one", "strengths two"]
    goals = [i.text for i in record.insights_of(InsightKind.GOAL)]
    assert goals == ["coaching-goals one", "coaching-goals two"]


async def test_move_freely_skip_and_come_back(empty_root: Path) -> None:
    client_id = new_executive(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await next_question(pilot)  # skip the first question
        await send_keys(pilot, text="VP Operations")
        await next_question(pilot)
        await send_keys(pilot, text="Budget of 40m")
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: question_number(app) == 2)
        assert answer_shown(app) == "VP Operations"
        # Jump with the question list (ctrl+l) to the last question and back.
        last = len(load_library(empty_root).get("awareness-intake").questions)
        await pilot.press("ctrl+l", "end", "enter")
        await wait_until(pilot, lambda: question_number(app) == last)
        await send_keys(pilot, text="notes at the end")
        await pilot.press("ctrl+l", "home", "down", "down", "enter")  # headers are skipped
        await wait_until(pilot, lambda: question_number(app) == 3)
        await wait_until(pilot, lambda: typing_in_answer(app))
        assert answer_shown(app) == "Budget of 40m"
        assert "3 answered" in screen_text(app)
        await pilot.press("escape")  # pause: back to the engagement, the session stays open
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await wait_until(pilot, lambda: "interrupted" in screen_text(app))
    record = Practice(empty_root).load(client_id)
    session = record.open_session()
    assert session is not None
    assert {q: a.value for q, a in record.answers_of(session.id).items()} == {
        "role": "VP Operations",
        "scope": "Budget of 40m",
        "coach-notes": "notes at the end",
    }
    assert session.cursor == "scope"


async def test_an_answer_is_saved_after_a_pause_in_typing(
    empty_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("screens.session_saving.AUTOSAVE_SECONDS", 0.05)
    client_id = new_executive(empty_root)
    practice = Practice(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await next_question(pilot)
        await send_keys(pilot, text="Head of Sales")

        def saved() -> bool:
            record = practice.load(client_id)
            values = [a.value for a in record.answers]
            return "Head of Sales" in values

        await wait_until(pilot, saved)
        await wait_until(pilot, lambda: "✓ saved 10:30:00" in screen_text(app))
        assert question_number(app) == 2  # still on the question: nothing had to be left


CAPTURE_LINES = {
    "strength": ("Calm under pressure", InsightKind.STRENGTH),
    "weakness": ("Interrupts peers in meetings", InsightKind.WEAKNESS),
    "goal": ("Lead the merger integration", InsightKind.GOAL),
    "motivation": ("Building teams from scratch", InsightKind.MOTIVATION),
    "note": ("Check energy levels next time", InsightKind.NOTE),
}


@pytest.mark.parametrize(
    "keys",
    [
        {"strength": "alt+s", "weakness": "alt+w", "goal": "alt+g", "motivation": "alt+m"}
        | {"note": "alt+n", "action": "alt+a"},
        {"strength": "f2", "weakness": "f3", "goal": "f4", "motivation": "f8"}
        | {"note": "f9", "action": "f5"},
    ],
    ids=["alt-keys", "function-keys"],
)
async def test_capture_each_kind_of_insight(empty_root: Path, keys: dict[str, str]) -> None:
    client_id = new_executive(empty_root)
    app = make_app(empty_root)
    posted = Posted()
    notes = posted.notifications  # every notification, as posted
    async with app.run_test(size=(120, 34), message_hook=posted) as pilot:
        await start_session(pilot)
        await next_question(pilot)
        await next_question(pilot)  # "scope": free text
        for kind, (line, _) in CAPTURE_LINES.items():
            await send_keys(pilot, text=line)
            await pilot.press(keys[kind])
            await pilot.pause()
            assert isinstance(app.screen, SessionScreen), kind
            await pilot.press("enter")
        # An action opens a dialog: the line, and an optional due date.
        await send_keys(pilot, text="Book a skip-level lunch")
        await pilot.press(keys["action"])
        await settle(pilot)
        assert isinstance(app.screen, ItemDialog)
        assert "Capture action" in screen_text(app)
        await pilot.press("tab")
        await send_keys(pilot, text="+7")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert typing_in_answer(app)
        # Everything appears in the running views and was announced.
        await wait_until(pilot, lambda: "Book a skip-level lunch" in screen_text(app))
        shown = screen_text(app)
        for line, _ in CAPTURE_LINES.values():
            assert line in shown
        assert "Private notes (1)" in shown
        for line, kind in CAPTURE_LINES.values():
            label = "Private note" if kind is InsightKind.NOTE else kind.label
            assert (f"{label} captured", line) in notes
        assert ("Action captured", "Book a skip-level lunch") in notes
        # The answer keeps every line typed.
        assert answer_shown(app) == "\n".join(
            [line for line, _ in CAPTURE_LINES.values()] + ["Book a skip-level lunch"]
        )
    record = Practice(empty_root).load(client_id)
    session = record.sessions[0]
    captured = {(i.kind, i.text) for i in record.insights if i.session_id == session.id}
    assert captured == {(kind, line) for line, kind in CAPTURE_LINES.values()} | {
        (InsightKind.ACTION, "Book a skip-level lunch")
    }
    (action,) = record.insights_of(InsightKind.ACTION)
    assert action.due == TODAY + timedelta(days=7)
    (note,) = record.insights_of(InsightKind.NOTE)
    assert note.private


async def test_capture_on_an_empty_line_asks_for_the_text(empty_root: Path) -> None:
    client_id = new_executive(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)  # a yes/no question: there is no line to take
        await pilot.press("alt+g")
        await settle(pilot)
        assert isinstance(app.screen, ItemDialog)
        await send_keys(pilot, text="Be heard in the board")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        await wait_until(pilot, lambda: "Goals (1)" in screen_text(app))
        assert "Be heard in the" in screen_text(app)
        # Cancelling captures nothing.
        await pilot.press("alt+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
    record = Practice(empty_root).load(client_id)
    assert [(i.kind, i.text) for i in record.insights] == [
        (InsightKind.GOAL, "Be heard in the board")
    ]


async def test_captured_items_can_be_edited_and_removed_in_the_running_views(
    empty_root: Path,
) -> None:
    client_id = new_executive(empty_root)
    practice = Practice(empty_root)
    practice.capture(client_id, InsightKind.STRENGTH, "Calm")
    practice.capture(client_id, InsightKind.WEAKNESS, "Rushes decisions")
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await start_session(pilot)
        await pilot.press("ctrl+r")  # the running views
        await pilot.pause()
        views = app.screen.query_one("#views", RunningViewsList)
        assert app.focused is views
        for _ in range(10):
            option = views.highlighted_option
            if option is not None and "Calm" in str(option.prompt):
                break
            await pilot.press("down")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ItemDialog)
        await pilot.press("end")
        await send_keys(pilot, text=" under pressure")
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "Calm under pressure" in screen_text(app))
        await pilot.press("down", "down", "down")  # to "Rushes decisions"
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        await wait_until(pilot, lambda: "Rushes decisions" not in screen_text(app))
        await pilot.press("ctrl+e")
        assert typing_in_answer(app)
    record = practice.load(client_id)
    assert [(i.kind, i.text) for i in record.insights] == [
        (InsightKind.STRENGTH, "Calm under pressure")
    ]
    assert record.insights[0].history[0].value == "Calm"


async def test_a_capture_or_wrap_up_right_after_typing_keeps_every_letter(
    empty_root: Path,
) -> None:
    """alt+s and ctrl+f act at once; the letters typed before them must count."""
    client_id = new_executive(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await next_question(pilot)
        await next_question(pilot)  # "scope": free text
        await send_keys(
            pilot, *"Plants in Lyon", "alt+s", "enter", *"Runs 40m", "ctrl+f", wait=False
        )
        await wait_until(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        record = Practice(empty_root).load(client_id)
        answers = {q: a.value for q, a in record.answers_of(record.sessions[0].id).items()}
        assert answers.get("scope") == "Plants in Lyon\nRuns 40m", answers
        assert [i.text for i in record.insights_of(InsightKind.STRENGTH)] == ["Plants in Lyon"]


async def test_the_last_words_before_ctrl_q_are_saved(empty_root: Path) -> None:
    client_id = new_executive(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await next_question(pilot)
        await next_question(pilot)  # "scope": free text
        await send_keys(pilot, *"Last words", "ctrl+q", wait=False)
        await wait_until(pilot, lambda: not app.is_running)
    record = Practice(empty_root).load(client_id)
    answers = {q: a.value for q, a in record.answers_of(record.sessions[0].id).items()}
    assert answers.get("scope") == "Last words"


async def test_keys_typed_right_after_moving_on_are_kept(empty_root: Path) -> None:
    """A fast coach: ctrl+n and straight on typing, while the next editor comes up."""
    client_id = new_executive(empty_root)
    app = make_app(empty_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        keys = ["ctrl+n", *"VP", "ctrl+n", *"40m", "enter", *"2 plants", "ctrl+n", *"12"]
        keys += ["ctrl+n", *"Bo", "ctrl+b", "ctrl+b", "ctrl+b", "ctrl+b", *"!"]
        for key in keys:  # 60 ms apart, without waiting for the app to catch up
            await send_keys(pilot, key, wait=False)
            await asyncio.sleep(0.06)
        await settle(pilot)
        assert question_number(app) == 1
        await pause_session(pilot)  # everything saved
    record = Practice(empty_root).load(client_id)
    answers = record.answers_of(record.sessions[0].id)
    assert {q: a.value for q, a in answers.items() if a.value is not None} == {
        "role": "VP",
        "scope": "40m\n2 plants",
        "team-size": "12",
        "key-relationships": ["Bo"],
    }
