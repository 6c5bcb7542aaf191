"""``run_core``: the one way screens call the core off the UI thread, seen from outside.

A small app runs jobs the way the screens do; the tests read the ``CoreDone``
messages the app handled (``run_test(message_hook=...)``), not the screen's state.
"""

from __future__ import annotations

import threading

from app_helpers import Posted, wait_until
from textual.app import App, ComposeResult
from textual.widgets import Static

from coach_tui.errors import CoachError
from screens.work import CoreDone, run_core


class Jobs(App[None]):
    """Shows the last result it was handed, as a screen would."""

    def compose(self) -> ComposeResult:
        yield Static("", id="shown")

    def on_core_done(self, message: CoreDone) -> None:
        shown = str(message.value) if message.ok else f"error: {message.error}"
        self.query_one("#shown", Static).update(shown)


def done(posted: Posted, key: str) -> list[CoreDone]:
    return [m for m in posted.of(CoreDone) if m.key == key]


async def test_a_result_and_a_coach_error_come_back_as_messages() -> None:
    posted = Posted()
    app = Jobs()
    async with app.run_test(message_hook=posted) as pilot:
        run_core(app, "sum", lambda: 1 + 2)
        await wait_until(pilot, lambda: done(posted, "sum"))
        (result,) = done(posted, "sum")
        assert result.ok and result.value == 3

        def refuse() -> None:
            raise CoachError("cannot read clients/ann.json")

        run_core(app, "read", refuse)
        await wait_until(pilot, lambda: done(posted, "read"))
        (failed,) = done(posted, "read")
        assert not failed.ok and str(failed.error) == "cannot read clients/ann.json"
        await pilot.pause()
        assert "error: cannot read clients/ann.json" in str(app.query_one("#shown").render())


async def test_an_exclusive_job_replaces_the_one_running_its_result_is_not_posted() -> None:
    """A newer load of the same key wins: the older, slower one is stale."""
    posted = Posted()
    started, release = threading.Event(), threading.Event()
    app = Jobs()
    async with app.run_test(message_hook=posted) as pilot:

        def slow() -> str:
            started.set()
            release.wait(10)
            return "stale"

        run_core(app, "load", slow, exclusive=True)
        await wait_until(pilot, started.is_set)  # running: cancelling cannot stop it
        run_core(app, "load", lambda: "fresh", exclusive=True)
        await wait_until(pilot, lambda: done(posted, "load"))
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [m.value for m in done(posted, "load")] == ["fresh"]
        assert str(app.query_one("#shown").render()) == "fresh"


async def test_jobs_of_other_keys_all_come_back() -> None:
    posted = Posted()
    app = Jobs()
    async with app.run_test(message_hook=posted) as pilot:
        for number in range(5):
            run_core(app, f"save-{number}", lambda number=number: number, exclusive=True)
        await wait_until(pilot, lambda: len(posted.of(CoreDone)) == 5)
        assert sorted(m.value for m in posted.of(CoreDone)) == [0, 1, 2, 3, 4]
