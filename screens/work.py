"""The one way screens run core work off the UI thread.

``run_core(node, key, job)`` runs ``job`` in a thread worker and posts a
``CoreDone`` message back to ``node`` with what it returned, or the
``CoachError`` it raised (one clear line for the coach). The screen handles it
with ``@on(CoreDone)`` on the UI thread and tells the jobs apart by ``key``.
Anything else a job raises is a defect: the worker fails loudly, as Textual does.

The live session's answers go through the save queue (``coach_tui.store.autosave``)
instead: it orders and retries saves, which a one-off job does not need.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.dom import DOMNode
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

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
) -> Worker[None]:
    """Run ``job`` off the UI thread; ``node`` receives ``CoreDone(key, ...)``."""

    def work() -> None:
        try:
            value = job()
        except CoachError as exc:
            node.post_message(CoreDone(key, error=exc))
            return
        node.post_message(CoreDone(key, value=value))

    return node.run_worker(work, name=key, group=key, thread=True, exclusive=exclusive)
