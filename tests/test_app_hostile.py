"""Hostile text: user text is data, never markup, on every screen that shows it.

Names, answers and notes made of markup, a Windows path, ANSI escapes, emoji,
right-to-left text and a 20,000-character answer go through the practice list, the
engagement, the live session (previous answer, running views, notifications), the
wrap-up, a past session, the help and the palette: nothing crashes, the text shows
as typed (control characters as visible symbols, ␛ for ESC), and no action runs.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from app_helpers import (
    NOW,
    TODAY,
    Posted,
    answer_shown,
    engagement_shown,
    go_to,
    make_app,
    paste,
    screen_text,
    send_keys,
    session_ready,
    settle,
    wait_until,
)
from textual.pilot import Pilot

from coach_tui.domain.model import InsightKind
from coach_tui.scripts.library import load_library
from coach_tui.store.practice import Practice
from coach_tui.text import visible
from screens.dialogs import ConfirmDialog
from screens.engagement import EngagementScreen
from screens.help import HelpScreen
from screens.new_client import NewClientScreen
from screens.practice import PracticeScreen
from screens.session import SessionScreen
from screens.session_view import SessionViewScreen
from screens.widgets.running_views import RunningViewsList
from screens.wrapup import WrapUpScreen

pytest_plugins = ["app_fixtures"]

HOSTILE = [
    "[/]",
    "[TODO]",
    "[@click=app.quit]x[/]",
    "[link=http://x]y[/link]",
    "C:\\dir\\",
    "\x1b[31mred\x1b[0m",
    "emoji 🧭🙂 done",
    "עברית and العربية",
]
#: 20,000 characters with a recognisable start and end.
LONG = ("START " + "".join(f"word{n} " for n in range(4000)))[:19996] + " END"
assert len(LONG) == 20_000

NAME = "[@click=app.quit]x[/] [TODO]"
ORGANISATION = "[link=http://x]y[/link]"
ROLE = "\x1b[31mred\x1b[0m C:\\dir\\"


def shown(text: str) -> str:
    """How user text must appear on screen: literally, control characters visible."""
    return visible(text)


def assert_all_shown(app: Any, texts: list[str]) -> None:
    screen = screen_text(app)
    missing = [t for t in texts if shown(t) not in screen]
    assert not missing, f"not shown literally: {missing!r}\n{screen}"
    assert "\x1b" not in screen


def seed(root: Path) -> str:
    """An executive in the Action stage whose every text is hostile, and a few more."""
    practice = Practice(root, clock=lambda: NOW - timedelta(days=14))
    library = load_library(root)
    client_id = practice.create_client(NAME, organisation=ORGANISATION, role=ROLE).id
    practice.advance_stage(client_id)
    practice.advance_stage(client_id)
    practice.add_stakeholder(client_id, HOSTILE[3], "peer", email=HOSTILE[4])
    script = library.get("action-checkin")
    session = practice.start_session(client_id, script)
    questions = {q.id: q for q in script.questions}
    practice.save_answer(client_id, session.id, questions["session-goal"], "\n".join(HOSTILE))
    practice.save_answer(client_id, session.id, questions["commitments-review"], HOSTILE)
    practice.save_answer(client_id, session.id, questions["new-behaviour"], LONG)
    practice.save_answer(client_id, session.id, questions["obstacles"], HOSTILE[2])
    kinds = list(InsightKind)
    for number, text in enumerate(HOSTILE):
        kind = kinds[number % len(kinds)]
        due = TODAY + timedelta(days=3) if kind is InsightKind.ACTION else None
        practice.capture(client_id, kind, text, session_id=session.id, due=due)
    practice.capture(client_id, InsightKind.NOTE, LONG, session_id=session.id)
    practice.end_session(client_id, session.id, at=NOW - timedelta(days=14, hours=-1))
    practice.write_plan(
        client_id,
        session_id=session.id,
        next_date=TODAY + timedelta(days=1),
        script_id="action-checkin",
        notes="\n".join(HOSTILE),
    )
    for text in HOSTILE:  # the practice list: one executive per hostile name
        practice.create_client(text, organisation=text, role=text)
    return client_id


async def open_main_executive(pilot: Pilot[Any]) -> EngagementScreen:
    app = pilot.app
    await settle(pilot)
    assert isinstance(app.screen, PracticeScreen)
    await pilot.press("slash")
    await send_keys(pilot, text="quit]x [todo")  # only the main executive's name has both
    await pilot.pause()
    assert "1 of 9 executives" in screen_text(app)
    await pilot.press("enter")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, EngagementScreen)
    await wait_until(pilot, lambda: engagement_shown(app))
    return screen


async def test_the_practice_list_and_dialogs(empty_root: Path) -> None:
    seed(empty_root)
    # An interrupted session: the offer to resume it names the executive.
    practice = Practice(empty_root, clock=lambda: NOW)
    open_id = practice.find("C:\\dir\\").id
    practice.start_session(open_id, load_library(empty_root).get("awareness-intake"))
    app = make_app(empty_root)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "A session with C:\\dir\\ was interrupted" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert_all_shown(app, [NAME, *HOSTILE])
        # Filtering by hostile text finds it and says so literally.
        await pilot.press("slash")
        await send_keys(pilot, text="[/]zz")
        await pilot.pause()
        assert "No executive matches “[/]zz”" in screen_text(app)
        await pilot.press("escape")
        # A duplicate name is reported literally.
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, NewClientScreen)
        await send_keys(pilot, text="[@click=app.quit]x[/]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "[@click=app.quit]x[/] is already in your practice" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        # The help and the palette list the executives without reading markup.
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await send_keys(pilot, text="click")
        await wait_until(pilot, lambda: f"Open {NAME}" in screen_text(app))
        await pilot.press("down")
        await settle(pilot)
        assert ORGANISATION in screen_text(app)  # the hit's help line: the organisation
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, PracticeScreen)


async def test_engagement_session_wrap_up_and_past_session(empty_root: Path) -> None:
    client_id = seed(empty_root)
    (last_time,) = Practice(empty_root).load(client_id).sessions
    app = make_app(empty_root)
    posted = Posted()
    notes = posted.notifications  # every notification, as posted
    async with app.run_test(size=(200, 60), message_hook=posted) as pilot:
        engagement = await open_main_executive(pilot)
        # Engagement: header, stakeholders, plan notes, running views.
        assert_all_shown(app, [NAME, ORGANISATION, ROLE, *HOSTILE])
        # The long private note is at the end of the running views.
        views = engagement.query_one("#views", RunningViewsList)
        views.focus()
        await pilot.press("end")
        await settle(pilot)
        item = str(views.highlighted_option.prompt).strip()  # type: ignore[union-attr]
        assert item == LONG[:239] + "…"  # cut for glancing; e opens the whole text
        assert "START word0 word1 word2" in screen_text(app)

        # The live session: the answers carried from last time, literally.
        await pilot.press("s")
        await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen)
        await wait_until(pilot, lambda: session_ready(app))
        started = Practice(empty_root).load(client_id).open_session()
        assert started is not None and started.id != last_time.id  # a new session, not the old
        for question_id in ("commitments-review", "new-behaviour"):
            await go_to(pilot, app.library.get("action-checkin").question(question_id).text)
            box = session.query_one("#previous-answer")
            if question_id == "commitments-review":
                assert_all_shown(app, [f"• {h}" for h in HOSTILE[:5]])
                session.query_one("#previous").scroll_end(animate=False)
                await settle(pilot)
                assert_all_shown(app, [f"• {h}" for h in HOSTILE[3:]])
            else:
                assert "START word0 word1" in screen_text(app)
                assert str(box.render()).endswith(" END")  # type: ignore[attr-defined]

        # Pasted and typed hostile answers stay as typed; captures announce them.
        await paste(pilot, "\n".join([*HOSTILE, LONG]))
        await pilot.press("ctrl+b", "ctrl+n")  # leave the question: saved
        await settle(pilot)
        assert answer_shown(app) == "\n".join([*map(visible, HOSTILE), LONG])
        await paste(pilot, "\n")
        await send_keys(pilot, text="[@click=app.quit]q[/] [b]bold[/b]")
        await pilot.press("alt+w")
        await settle(pilot)
        assert ("Development area captured", "[@click=app.quit]q[/] [b]bold[/b]") in notes
        await wait_until(pilot, lambda: "[@click=app.quit]q[/] [b]bold[/b]" in screen_text(app))
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)

        # The wrap-up: the captured items and the notes carried from the plan.
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)
        wrap_text = app.screen.query_one("#notes").text  # type: ignore[attr-defined]
        assert wrap_text == "\n".join(map(visible, HOSTILE))
        assert "[@click=app.quit]q[/] [b]bold[/b]" in screen_text(app)
        await pilot.press("tab", "tab")
        await send_keys(pilot, text="\n[/] [link=http://x]next[/link]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is engagement
        await wait_until(pilot, lambda: "[link=http://x]next[/link]" in screen_text(app))
        assert_all_shown(app, HOSTILE)

        # The session just ended, read back: every answer as given.
        await pilot.press("h", "enter")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, SessionViewScreen)
        assert_all_shown(app, HOSTILE)
        text = str(view.query_one("#session").render())  # type: ignore[attr-defined]
        assert LONG in text
        # Clicking the would-be link runs nothing.
        lines = screen_text(app).splitlines()
        y = next(n for n, line in enumerate(lines) if "[@click=app.quit]x[/]" in line)
        x = lines[y].index("[@click=app.quit]x[/]") + 1
        await pilot.click(offset=(x, y))
        await pilot.click(offset=(x + 17, y))
        await settle(pilot)
        assert app.is_running
        assert app.screen is view
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is engagement
    record = Practice(empty_root).load(client_id)
    latest = record.sessions[-1]
    answer = record.answers_of(latest.id)["new-behaviour"].value
    assert answer == "\n".join([*map(visible, HOSTILE), LONG, "[@click=app.quit]q[/] [b]bold[/b]"])
    assert record.latest_plan().notes.endswith("\n[/] [link=http://x]next[/link]")  # type: ignore[union-attr]
