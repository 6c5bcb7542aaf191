"""Saving off the UI thread, in order, without losing a save that fails.

The live session hands every save (an answer, the cursor) to a ``SaveQueue``. One
background thread runs them in the order given; a newer save of the same thing
replaces an older one that has not started yet (typing fast never queues a backlog).
A save that fails stays queued and is retried, so text typed while the disk is
full or read-only is written as soon as it can be; the caller is told each outcome
through ``on_result`` (called on the saving thread: a UI must hop back itself).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from coach_tui.errors import CoachError

RETRY_SECONDS = 3.0


@dataclass(frozen=True)
class SaveResult:
    key: str
    ok: bool
    error: str = ""
    pending: int = 0
    seconds: float = 0.0


Job = Callable[[], object]


class SaveQueue:
    """One ordered, coalescing, retrying saver per open session."""

    def __init__(
        self, on_result: Callable[[SaveResult], None], retry_seconds: float | None = None
    ) -> None:
        self._on_result = on_result
        self._retry_seconds = RETRY_SECONDS if retry_seconds is None else retry_seconds
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._busy = False
        self._closed = False
        self._wake = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="coach-tui-save", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> int:
        """Saves queued or running: zero means everything given has reached the disk."""
        with self._wake:
            return len(self._jobs) + (1 if self._busy else 0)

    def submit(self, key: str, job: Job) -> None:
        """Queue ``job``; it replaces a queued job with the same key."""
        with self._wake:
            if self._closed:
                raise RuntimeError("the save queue is closed")
            self._jobs.pop(key, None)
            self._jobs[key] = job
            self._wake.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued save has been attempted; True if all succeeded."""
        deadline = time.monotonic() + timeout
        with self._wake:
            self._wake.notify_all()
            while self._jobs or self._busy:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._wake.wait(min(remaining, 0.05))
                if self._failing and not self._busy:
                    return False
        return True

    def close(self, timeout: float = 10.0) -> bool:
        """Flush, then stop the thread. Returns False if saves were left unsaved."""
        saved = self.flush(timeout)
        with self._wake:
            self._closed = True
            self._wake.notify_all()
        self._thread.join(timeout=1.0)
        return saved

    _failing = False

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._jobs and not self._closed:
                    self._wake.wait()
                if self._closed and not self._jobs:
                    return
                key, job = self._jobs.popitem(last=False)
                self._busy = True
            started = time.perf_counter()
            try:
                job()
            except Exception as exc:  # CoachError, or a bug: either way keep the save
                message = str(exc) if isinstance(exc, CoachError) else f"unexpected error: {exc!r}"
                self._requeue(key, job)
                with self._wake:
                    # Not busy before reporting: a flush waiting on the UI must not wait
                    # for a callback that itself waits on the UI.
                    self._failing = True
                    self._busy = False
                    self._wake.notify_all()
                self._report(SaveResult(key, False, message, self.pending))
                with self._wake:
                    if self._closed:
                        return  # closing while the disk refuses: the caller was told
                    self._wake.wait(self._retry_seconds)
                continue
            with self._wake:
                self._busy = False
                self._failing = False
                self._wake.notify_all()
            self._report(SaveResult(key, True, "", self.pending, time.perf_counter() - started))

    def _requeue(self, key: str, job: Job) -> None:
        with self._wake:
            if key not in self._jobs:  # a newer save of the same thing wins
                self._jobs[key] = job
                self._jobs.move_to_end(key, last=False)

    def _report(self, result: SaveResult) -> None:
        try:
            self._on_result(result)
        except Exception:
            pass  # the UI may be shutting down; the save itself is what matters
