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
from typing import Any

from rich.console import Console
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widget import Widget

from screens.app import CoachApp, create_app

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


async def tap(pilot: Pilot[Any], *keys: str) -> None:
    """Press named keys without waiting for the app to go idle after each one.

    Follow with ``wait_until`` on what the keys should bring about.
    """
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, None)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await asyncio.sleep(0.01)


def key_event(app: CoachApp, key: str) -> events.Key:
    """A key as the terminal driver sends it: "a", "-", "enter", "ctrl+s"."""
    if key == "enter":
        event = events.Key("enter", "\r")
    elif len(key) == 1:
        event = events.Key(key if key.isalnum() else _character_to_key(key), key)
    else:
        event = events.Key(key, None)
    event.set_sender(app)
    return event


def send_burst(app: CoachApp, keys: list[str]) -> None:
    """Keys as a terminal delivers a fast typist's or a paste's: all at once."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        driver.send_message(key_event(app, key))


def record_notifications(app: CoachApp) -> list[tuple[str, str]]:
    """Keep every notification's (title, message), however soon it leaves the screen."""
    seen: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message: str, **kwargs: Any) -> None:
        seen.append((str(kwargs.get("title", "")), str(message)))
        notify(message, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return seen


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` key by key (newlines as enter), as a coach would.

    The keys go through the driver like ``pilot.press`` sends them, but without its
    wait for the app to go idle after every key (about 0.1 s each): a coach typing
    fast does not wait either. Use ``pilot.press`` for keys that move the focus.
    """
    driver = pilot.app._driver
    assert driver is not None
    for char in text:
        if char == "\n":
            event = events.Key("enter", "\r")
        else:
            event = events.Key(_character_to_key(char), char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()
    await pilot.press()  # nothing more: only let the queued keys be handled
    await pilot.pause()


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste ``text`` (a terminal's bracketed paste): the app hands it to the focus."""
    driver = pilot.app._driver
    assert driver is not None
    assert pilot.app.focused is not None, "nothing has focus to paste into"
    driver.send_message(events.Paste(text))
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


def toasts(app: CoachApp) -> list[tuple[str, str]]:
    """The notifications on screen: (title, message) pairs."""
    return [(n.title, n.message) for n in app._notifications]


def widget_texts(widgets: Iterable[Widget]) -> str:
    """What a set of widgets would render, joined: for text scrolled out of view."""
    parts = []
    for widget in widgets:
        visual = widget.visual if hasattr(widget, "visual") else None
        parts.append(str(getattr(visual, "plain", "")) if visual is not None else "")
    return "\n".join(parts)
