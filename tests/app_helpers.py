"""Helpers for the app's Pilot and snapshot tests (the fixtures: ``app_fixtures.py``).

Every app runs on a data folder under the test's ``tmp_path`` with a frozen clock and
cursors that do not blink, so what the tests see does not depend on the time of day.
"""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import Console
from textual import events
from textual.keys import _character_to_key
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, RadioSet, TextArea

from screens.app import CoachApp, create_app

if TYPE_CHECKING:
    from screens.session import SessionScreen

M = TypeVar("M", bound=Message)

#: The demo's "today" and the app's frozen clock (a Monday morning).
TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 10, 30)


def fixed_clock() -> datetime:
    return NOW


def make_app(root: Path, clock: Callable[[], datetime] = fixed_clock) -> CoachApp:
    """The app as the tests run it: frozen clock, no blinking cursor."""
    return create_app(root, clock=clock, blink=False)


async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Let workers finish and the screen catch up (loads and saves run in threads)."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(
    pilot: Pilot[Any],
    condition: Callable[[], object],
    timeout: float = 10.0,
    idle: bool = True,
) -> None:
    """Pause until ``condition()`` is true; fail with a clear message after ``timeout``.

    ``idle`` then also waits for the app to go idle (slower: saves keep it busy).
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"timed out waiting for {condition}; the screen:\n{screen_text(pilot.app)}"
            )
        await asyncio.sleep(0.01)
    if idle:
        await pilot.pause()


def key_event(app: CoachApp, key: str) -> events.Key:
    """A key as the terminal driver sends it: "a", "-", "enter", "ctrl+s"."""
    if key == "enter":
        event = events.Key("enter", "\r")
    elif len(key) == 1:
        event = events.Key(_character_to_key(key), key)
    else:
        event = events.Key(key, None)
    event.set_sender(app)
    return event


async def send_keys(pilot: Pilot[Any], *keys: str, text: str = "", wait: bool = True) -> None:
    """The one way the tests type: keys as a terminal delivers them, all at once.

    ``keys`` are named ("ctrl+n", "enter", "a"); ``text`` follows, character by
    character (a newline is enter), as a fast typist's keys or a paste arrive. Unlike
    ``pilot.press`` it does not wait for the app to go idle after every key (about
    0.1 s each): a coach typing fast does not wait either. ``wait`` lets the app
    handle the queued keys before returning; ``wait=False`` returns at once, and the
    test waits (``wait_until``) for what the keys should bring about.
    """
    app = pilot.app
    loop = asyncio.get_running_loop()
    for key in [*keys, *("enter" if char == "\n" else char for char in text)]:
        # Posted from the event loop's next turn, in order, as the terminal driver's
        # reader thread hands them over: never ahead of what the app is doing now.
        loop.call_soon(app.post_message, key_event(app, key))
    if not wait:
        return
    await pilot.pause()
    await pilot.press()  # nothing more: only let the queued keys be handled
    await pilot.pause()


class Posted:
    """Every message the app handled, in order: pass as ``run_test(message_hook=...)``.

    Messages posted from worker threads (``CoreDone``, the save queue's reports) are
    seen too, when the screen handles them. ``notifications`` keeps every
    notification's (title, message), however soon it leaves the screen.
    """

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.notifications: list[tuple[str, str]] = []
        self._seen: set[int] = set()

    def __call__(self, message: Message) -> None:
        if id(message) in self._seen:
            return  # the same message bubbling up: each pump it reaches calls the hook
        self._seen.add(id(message))
        self.messages.append(message)
        if isinstance(message, Notify):
            note = message.notification
            self.notifications.append((str(note.title), str(note.message)))

    def of(self, kind: type[M]) -> list[M]:
        return [m for m in self.messages if isinstance(m, kind)]


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste ``text`` (a terminal's bracketed paste): the app hands it to the focus."""
    assert pilot.app.focused is not None, "nothing has focus to paste into"
    asyncio.get_running_loop().call_soon(pilot.app.post_message, events.Paste(text))
    await pilot.pause()


def screen_text(app: CoachApp) -> str:
    """The current screen (with the screens under a dialog) as plain text."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    render = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(render)
    return console.export_text(styles=False)


def widget_texts(widgets: Iterable[Widget]) -> str:
    """What a set of widgets would render, joined: for text scrolled out of view."""
    parts = []
    for widget in widgets:
        visual = widget.visual if hasattr(widget, "visual") else None
        parts.append(str(getattr(visual, "plain", "")) if visual is not None else "")
    return "\n".join(parts)


# ----------------------------------------------------------- the live session


def answer_box(app: CoachApp) -> Widget | None:
    """The live session's answer box on screen (the widget that takes the answer)."""
    boxes = app.screen.query(".editor")
    return boxes.first() if boxes else None


def typing_in_answer(app: CoachApp) -> bool:
    """Whether the keys go to the answer box: it (or its note line) has the focus."""
    box, focused = answer_box(app), app.focused
    return box is not None and focused is not None and (focused is box or box in focused.ancestors)


def shown_text(app: CoachApp, selector: str) -> str:
    """What the widget at ``selector`` on the current screen renders, as plain text."""
    return widget_texts(app.screen.query(selector))


def question_number(app: CoachApp) -> int:
    """Which question the top bar says the session is on (1 for "1/7 Opening")."""
    return int(shown_text(app, "#where").split("/", 1)[0])


def question_count(app: CoachApp) -> int:
    """How many questions the top bar says the session has (7 for "1/7 Opening")."""
    return int(shown_text(app, "#where").split("/", 1)[1].split()[0])


def session_ready(app: CoachApp) -> bool:
    """The session is on screen, its record read ("saved") and the answer box typing."""
    from screens.session import SessionScreen

    return (
        isinstance(app.screen, SessionScreen)
        and "saved" in shown_text(app, "#saved")
        and typing_in_answer(app)
    )


def answer_shown(app: CoachApp) -> str | bool | None:
    """The answer as the box shows it: text, True/False for a yes/no, None if unchosen."""
    box = answer_box(app)
    if isinstance(box, TextArea):
        return box.text
    if isinstance(box, Input):
        return box.value
    if isinstance(box, RadioSet):
        pressed = box.pressed_button
        if pressed is None:
            return None
        label = str(pressed.label)
        return {"Yes": True, "No": False}.get(label, label)
    raise AssertionError(f"no answer box with text on screen: {box!r}")


async def start_session(pilot: Pilot[Any], name: str = "") -> SessionScreen:
    """From the practice: open the executive (the one listed, or the one ``name``
    filters to), press s for the session their stage calls for, wait until it types."""
    from screens.engagement import EngagementScreen
    from screens.session import SessionScreen

    app = pilot.app
    await settle(pilot)
    if name:
        await send_keys(pilot, text=name)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, EngagementScreen), screen_text(app)
    await pilot.press("s")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SessionScreen), screen_text(app)
    await wait_until(pilot, lambda: session_ready(app))
    return screen


async def next_question(pilot: Pilot[Any]) -> None:
    """ctrl+n, then wait until the next question's box takes the keys."""
    app = pilot.app
    number = question_number(app)
    await send_keys(pilot, "ctrl+n", wait=False)
    await wait_until(
        pilot,
        lambda: question_number(app) == number + 1 and typing_in_answer(app),
        idle=False,
    )


async def go_to(pilot: Pilot[Any], question: str) -> None:
    """ctrl+n until the question on screen starts with ``question`` (its words)."""
    while not asks(pilot.app, question):
        await next_question(pilot)
    await pilot.pause()


async def pause_session(pilot: Pilot[Any]) -> None:
    """escape: the session pauses, and it does only once everything typed is on disk."""
    from screens.session import SessionScreen

    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, SessionScreen))


def shown_question(app: CoachApp) -> str:
    """The question on screen, its words on one line (as wrapped, then joined)."""
    return " ".join(shown_text(app, "#question-text").split())


def asks(app: CoachApp, question: str) -> bool:
    """Whether the question on screen is ``question`` (its words, however wrapped)."""
    return shown_question(app).startswith(" ".join(question.split()))


def engagement_shown(app: CoachApp) -> bool:
    """The engagement screen shows the executive's file (its plan panel is filled)."""
    from screens.engagement import EngagementScreen

    return isinstance(app.screen, EngagementScreen) and bool(shown_text(app, "#plan").strip())


async def open_listed_engagement(pilot: Pilot[Any]) -> None:
    """enter on the executive listed first, then wait until their engagement shows
    their file and the app is idle."""
    await settle(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: engagement_shown(pilot.app))
    await settle(pilot)
