"""The one way screens run core work off the UI thread.

``run_core(node, key, job)`` runs ``job`` in a thread worker and posts a
``CoreDone`` message back to ``node`` with what it returned, or the
``CoachError`` it raised (one clear line for the coach). The screen handles it
with ``@on(CoreDone)`` on the UI thread and tells the jobs apart by ``key``.
Anything else a job raises is a defect: the worker fails loudly, as Textual does.

``exclusive=True`` cancels the running job of the same key: a cancelled job's
result is stale (a newer load replaced it) and is not posted. Code that must wait
for the result where it stands (the command palette's ``startup``) awaits the
worker instead: its result is the same ``CoreDone``.

The live session's answers go through the save queue (``coach_tui.store.autosave``)
instead: it orders and retries saves, which a one-off job does not need.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from textual.dom import DOMNode
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from coach_tui.errors import CoachError


@dataclass
class CoreDone(Message):
    """A core job finished: ``value`` is its result, or ``error`` says why it failed."""

    key: str
    value: Any = None
    error: CoachError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def run_core(
    node: Widget | DOMNode,
    key: str,
    job: Callable[[], Any],
    *,
    exclusive: bool = False,
) -> Worker[CoreDone]:
    """Run ``job`` off the UI thread; ``node`` receives ``CoreDone(key, ...)``."""

    def work() -> CoreDone:
        try:
            done = CoreDone(key, value=job())
        except CoachError as exc:
            done = CoreDone(key, error=exc)
        if not get_current_worker().is_cancelled:  # else a newer job of this key replaced it
            node.post_message(done)
        return done

    return node.run_worker(work, name=key, group=key, thread=True, exclusive=exclusive)


def when_done(
    node: Widget | DOMNode, key: str, pending: Awaitable[Any], then: Callable[[], Any]
) -> None:
    """Call ``then`` on the UI thread once ``pending`` (a mount, say) has finished.

    Not core work: an await on the event loop, kept here so that this module stays
    the one place in screens/ that starts a worker.
    """

    async def wait() -> None:
        await pending
        then()

    node.run_worker(wait(), name=key, group=key)
