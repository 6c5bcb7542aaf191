"""Processes the benchmark runs and times from outside (``python -m bench.drivers …``).

Each driver does one thing a user would feel and exits, so the parent can time the
whole process and read its peak memory:

    startup coach DIR   open coach-tui on DIR until the practice screen shows its rows
    startup minimal     a minimal Textual app (Header, Static, Footer) until first paint
    keys coach DIR      type into a live session's editor; prints ms per keystroke
    keys bare           type into a bare app holding only a TextArea
    save DIR N          N durable answer saves on DIR's largest executive; prints ms each
    open DIR            in the app, enter on the largest executive, then s: each from the
                        key until its screen has shown the record and been painted;
                        prints ms of both
    burst N             N single keys sent at once into a session's text answer (and the
                        same text as one bracketed paste); prints seconds until each is in
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

KEYS = 120
#: Seconds the app is left on the practice screen before the timed enter.
SETTLE_SECONDS = 1.0


def _now() -> float:
    """The clock of the open/start figures (one place, so a profiler can hook it)."""
    return time.perf_counter()


def _painted_then_exit(app: Any) -> None:
    """Tell the parent the first frame is up (a line on stdout), then end the app.

    The parent times both: from the start of the process to this line (the first
    frame) and to the end of the process.
    """
    sys.stdout.write("painted\n")
    sys.stdout.flush()
    app.exit()


def startup_minimal() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(_painted_then_exit, self)

    Minimal().run(headless=True)


def startup_coach(root: Path) -> None:
    from screens import practice
    from screens.app import create_app

    app = create_app(root)
    shown = practice.PracticeScreen._show

    def show_then_exit(screen: practice.PracticeScreen, summaries: list[object]) -> None:
        shown(screen, summaries)  # type: ignore[arg-type]
        app.call_after_refresh(_painted_then_exit, app)

    practice.PracticeScreen._show = show_then_exit  # type: ignore[assignment, method-assign]
    app.run(headless=True)


def largest_client(root: Path) -> str:
    from coach_tui.store.practice import Practice

    practice = Practice(root)
    sizes = {cid: practice.client_path(cid).stat().st_size for cid in practice.client_ids()}
    return max(sizes, key=lambda cid: sizes[cid])


def keys_coach(root: Path) -> list[float]:
    from screens.app import create_app
    from screens.session import SessionScreen

    async def run() -> list[float]:
        app = create_app(root, blink=False)
        async with app.run_test(size=(120, 34)) as pilot:
            await app.workers.wait_for_complete()
            client_id = largest_client(root)
            app.start_session(client_id, "action-checkin")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            timings = await _type(pilot)
            screen.flush_saves()
            # Leave the practice as found: the typed session is ended.
            app.practice.end_session(client_id, screen.session_id)
            return timings

    return asyncio.run(run())


def keys_bare() -> list[float]:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            area = TextArea()
            area.cursor_blink = False
            yield area

    async def run() -> list[float]:
        app = Bare()
        async with app.run_test(size=(120, 34)) as pilot:
            await pilot.pause()
            return await _type(pilot)

    return asyncio.run(run())


async def _type(pilot: object) -> list[float]:
    """Milliseconds from key press until the screen has been refreshed, per key."""
    timings = []
    text = "the executive tried the new approach in the board meeting "
    for index in range(KEYS):
        key = text[index % len(text)]
        started = time.perf_counter()
        await pilot.press("space" if key == " " else key)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        timings.append((time.perf_counter() - started) * 1000)
    return timings[10:]  # the first keys warm caches up


def save(root: Path, count: int) -> list[float]:
    """Durable saves (fsync'd, atomic) of one answer on the largest executive."""
    from coach_tui.scripts.library import load_library
    from coach_tui.store.practice import Practice

    practice = Practice(root)
    client_id = largest_client(root)
    script = load_library(root).get("action-checkin")
    question = next(q for q in script.questions if q.kind == "text")
    session = practice.start_session(client_id, script)
    timings = []
    for index in range(count):
        started = time.perf_counter()
        practice.save_answer(client_id, session.id, question, f"typed so far {index} " * 8)
        timings.append((time.perf_counter() - started) * 1000)
    practice.end_session(client_id, session.id)
    return timings


def open_and_start(root: Path) -> dict[str, float]:
    """What a coach feels before a call: the engagement opening, then a session starting.

    The real app (headless), driven by keys as a coach would: the largest executive's
    name typed into the practice screen's filter (not timed), then ``enter`` (timed
    until the engagement screen shows the record and has been painted), then ``s``
    (timed until the session screen shows the first question, its editor has the
    focus, and it has been painted). Nothing is loaded or parsed beforehand that
    the app would not have loaded itself, and the app is left on the practice screen
    for ``SETTLE_SECONDS`` first, as a coach reads it; the session is ended again
    afterwards.
    """
    from textual import events
    from textual.widgets import OptionList

    from coach_tui.domain.plan import running_views
    from screens.app import create_app
    from screens.engagement import EngagementScreen
    from screens.session import SessionScreen
    from screens.widgets.running_views import SECTIONS

    async def press(app: Any, key: str, character: str | None) -> float:
        """Send one key as the terminal would; the moment it was sent."""
        event = events.Key(key, character)
        event.set_sender(app)
        started = _now()
        app._driver.send_message(event)
        return started

    async def painted(app: Any, shown: Any) -> float:
        """Wait until ``shown()`` is true, then for the screen's next refresh."""
        while not shown():
            await asyncio.sleep(0.001)
        done = asyncio.Event()
        app.call_after_refresh(done.set)
        await done.wait()
        return _now()

    expected: dict[int, tuple[set[str], set[str]]] = {}

    def engagement_shown(app: Any, name: str) -> bool:
        """The executive's name in the title, and every session of the engagement and
        every running-view item of the record in their lists (not just the first)."""
        screen = app.screen
        record = getattr(screen, "record", None)
        if not isinstance(screen, EngagementScreen) or not screen.is_mounted:
            return False
        if screen.title != name or record is None:
            return False
        if id(record) not in expected:  # once per record read, not on every look
            views = running_views(record)
            expected[id(record)] = (
                {s.id for s in record.sessions_of(record.engagement.id)},
                {i.id for kind, _ in SECTIONS for i in views.of(kind)},
            )
        sessions, items = expected[id(record)]
        listed = [
            {o.id for o in screen.query_one(f"#{part}", OptionList).options}
            for part in ("sessions", "views")
        ]
        return bool(listed[0]) and sessions <= listed[0] and items <= listed[1]

    def session_shown(app: Any) -> bool:
        screen = app.screen
        if not isinstance(screen, SessionScreen):
            return False
        saved = screen.query("#saved")
        focused = app.focused
        # As a coach sees it: the record read ("saved" in the top bar), the answer
        # box on screen and typing.
        return (
            bool(saved)
            and "saved" in str(saved.first().render())
            and focused is not None
            and focused.has_class("editor")
        )

    async def run() -> dict[str, float]:
        app = create_app(root, blink=False)
        async with app.run_test(size=(120, 34)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            client_id = largest_client(root)
            name = app.practice.find(client_id).name  # the index row: no client file read
            await pilot.press(*name)
            # A coach reads the list for a moment before choosing: what the app does
            # once it is on screen (its warm-up) is over before the timed key.
            await asyncio.sleep(SETTLE_SECONDS)
            await app.workers.wait_for_complete()
            await pilot.pause()
            started = await press(app, "enter", "\r")
            opened = (await painted(app, lambda: engagement_shown(app, name)) - started) * 1000
            await app.workers.wait_for_complete()
            await pilot.pause()
            started = await press(app, "s", "s")
            begun = (await painted(app, lambda: session_shown(app)) - started) * 1000
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            await app.workers.wait_for_complete()
            screen.flush_saves()
            app.practice.end_session(client_id, screen.session_id)
            return {"open": opened, "start": begun}

    return asyncio.run(run())


def burst(count: int) -> dict[str, float]:
    """A burst of single keystrokes vs a paste of the same text, until all are in."""
    import tempfile

    from textual import events
    from textual.keys import _character_to_key

    from bench.crashloss import SCRIPT
    from coach_tui.locations import scripts_dir
    from coach_tui.store.practice import Practice
    from screens.app import create_app

    root = Path(tempfile.mkdtemp(prefix="coach-tui-burst-")) / "data"
    client = Practice(root).create_client("Burst Test")
    scripts_dir(root).mkdir(parents=True)
    (scripts_dir(root) / "burst.toml").write_text(SCRIPT, encoding="utf-8")
    text = ("she tried the new approach in the board meeting " * (count // 40 + 1))[:count]

    async def run() -> dict[str, float]:
        app = create_app(root, blink=False)
        async with app.run_test(size=(120, 34)) as pilot:
            await app.workers.wait_for_complete()
            app.start_session(client.id, "awareness-intake")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            editor = app.focused
            driver = app._driver
            assert editor is not None and driver is not None
            times = {}
            for how in ("keys", "paste"):
                editor.text = ""  # type: ignore[attr-defined]
                await pilot.pause()
                started = time.perf_counter()
                if how == "keys":
                    for char in text:
                        event = events.Key(_character_to_key(char), char)
                        event.set_sender(app)
                        driver.send_message(event)
                else:
                    driver.send_message(events.Paste(text))
                while editor.text != text:  # type: ignore[attr-defined]
                    await asyncio.sleep(0.005)
                times[how] = time.perf_counter() - started
            return times

    return asyncio.run(run())


def main(argv: list[str]) -> int:
    what, *rest = argv
    if what == "burst":
        print(json.dumps(burst(int(rest[0]))))
        return 0
    if what == "startup":
        if rest[0] == "minimal":
            startup_minimal()
        else:
            startup_coach(Path(rest[1]))
        return 0
    if what == "keys":
        timings = keys_bare() if rest[0] == "bare" else keys_coach(Path(rest[1]))
        print(json.dumps(timings))
        return 0
    if what == "save":
        print(json.dumps(save(Path(rest[0]), int(rest[1]))))
        return 0
    if what == "open":
        print(json.dumps(open_and_start(Path(rest[0]))))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
