"""A save that fails: the coach is told, the text stays, and it is saved once it can be.

Tests run as root, where a read-only folder does not stop writes; the disk is made
"full" instead by making ``safefile.atomic_write`` (every write of the store goes
through it) refuse, the way it does when the disk is full.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

import pytest
from app_helpers import (
    Posted,
    answer_shown,
    make_app,
    question_number,
    screen_text,
    send_keys,
    settle,
    start_session,
    wait_until,
)

from coach_tui.domain.model import InsightKind
from coach_tui.errors import WriteFailedError
from coach_tui.store import safefile
from coach_tui.store.autosave import SaveQueue
from coach_tui.store.practice import Practice

pytest_plugins = ["app_fixtures"]

FULL = "could not save (the disk is full)"


class Disk:
    """``atomic_write`` that refuses while ``full``, as a full disk does."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        self.refused = 0
        real = safefile.atomic_write

        def atomic_write(path: Path, *args: Any, **kwargs: Any) -> Any:
            if self.full:
                self.refused += 1
                raise WriteFailedError(f"{path}: {FULL}; the previous version is intact")
            return real(path, *args, **kwargs)

        monkeypatch.setattr(safefile, "atomic_write", atomic_write)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    # Retry every 0.1 s instead of every 3 s, and autosave 0.1 s after typing stops.
    monkeypatch.setattr(
        "screens.session.SaveQueue", functools.partial(SaveQueue, retry_seconds=0.1)
    )
    monkeypatch.setattr("screens.session_saving.AUTOSAVE_SECONDS", 0.1)
    return Disk(monkeypatch)


async def test_a_failing_save_is_shown_kept_and_retried(empty_root: Path, disk: Disk) -> None:
    client_id = Practice(empty_root).create_client("Ann Lee").id
    app = make_app(empty_root)
    posted = Posted()
    notes = posted.notifications  # every notification, as posted
    async with app.run_test(size=(100, 30), message_hook=posted) as pilot:
        await start_session(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await wait_until(pilot, lambda: question_number(app) == 3)  # "scope": free text

        disk.full = True
        await send_keys(pilot, text="Typed while the disk was full")
        await wait_until(pilot, lambda: "⚠ not saved — retrying" in screen_text(app))
        _, message = next(n for n in notes if n[0] == "Not saved yet")
        assert FULL in message
        assert "Your text stays in the editor" in message
        assert answer_shown(app) == "Typed while the disk was full"
        # The coach keeps working: more words, a capture, the next question.
        await send_keys(pilot, text="\nPlants in Lyon")
        await pilot.press("alt+s")
        await pilot.press("ctrl+n")
        await send_keys(pilot, text="12 direct")
        # "● editing" shows while the last words wait for their autosave; once that
        # save is refused too, the warning is back.
        await wait_until(
            pilot,
            lambda: disk.refused >= 3 and "⚠ not saved — retrying" in screen_text(app),
        )
        # The retries do not repeat the warning every few seconds.
        assert [t for t, _ in notes].count("Not saved yet") == 1
        # Quitting now would lose the text: the app says so at once and stays.
        started = time.monotonic()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert time.monotonic() - started < 3
        assert app.is_running
        assert any(t == "Not quitting: answers not yet saved" for t, _ in notes)
        assert Practice(empty_root).load(client_id).answers == []

        disk.full = False  # space freed: the queued saves go through on their own
        await wait_until(pilot, lambda: "✓ saved" in screen_text(app))
        assert ("Saved", "Everything is saved now.") in notes
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    record = Practice(empty_root).load(client_id)
    session = record.sessions[0]
    assert {q: a.value for q, a in record.answers_of(session.id).items()} == {
        "scope": "Typed while the disk was full\nPlants in Lyon",
        "team-size": "12 direct",
    }
    assert [(i.kind, i.text) for i in record.insights] == [(InsightKind.STRENGTH, "Plants in Lyon")]
    assert session.cursor == "team-size"


async def test_pausing_while_the_disk_is_full_keeps_the_session(
    empty_root: Path, disk: Disk
) -> None:
    client_id = Practice(empty_root).create_client("Ann Lee").id
    app = make_app(empty_root)
    posted = Posted()
    notes = posted.notifications  # every notification, as posted
    async with app.run_test(size=(100, 30), message_hook=posted) as pilot:
        screen = await start_session(pilot)
        await pilot.press("ctrl+n")
        disk.full = True
        await send_keys(pilot, text="VP Operations")
        await pilot.press("escape")  # pause: not while the answer is unsaved
        await pilot.pause()
        assert app.screen is screen
        assert answer_shown(app) == "VP Operations"
        assert any(t == "Not quitting: answers not yet saved" for t, _ in notes)
        await pilot.press("ctrl+f")  # nor wrap up
        await pilot.pause()
        assert app.screen is screen
        disk.full = False
        await wait_until(pilot, lambda: "✓ saved" in screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not screen
    record = Practice(empty_root).load(client_id)
    assert [a.value for a in record.answers] == ["VP Operations"]
