"""The one-key switch of a single answer between coach-only and the executive's.

The session and review screens call this from their save thread or a worker; the
result is told with a notification (``App.notify`` posts a message, so it is safe to
call from a thread).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from coach_tui.domain.model import ClientRecord
from coach_tui.errors import CoachError
from coach_tui.store.practice import Practice
from coach_tui.text import one_line
from screens.base import CoachModal
from screens.work import CoreDone, run_core

ONLY_COACH = "Coach only: this answer is left out of everything the executive or the sponsor gets."
SHARED = "This answer is the executive's again (never the sponsor's without consent)."


def flip_coach_only(
    practice: Practice,
    client_id: str,
    session_id: str,
    question_id: str,
    notify: Callable[..., Any],
) -> bool | None:
    """Flip the answer's audience; returns the new ``private`` (None: no answer yet)."""
    try:
        record = practice.load(client_id)
        answer = record.answers_of(session_id).get(question_id)
        if answer is None:
            notify("Write the answer first, then make it coach only.", markup=False)
            return None
        changed = practice.set_answer_private(client_id, answer.id, not answer.private)
    except CoachError as exc:
        notify(str(exc), title="Not changed", severity="error", markup=False)
        return None
    notify(ONLY_COACH if changed.private else SHARED, markup=False)
    return changed.private


class CoachOnlyDialog(CoachModal):
    """The answers of one session: enter makes the one under the cursor coach-only.

    Opened from the review screen (``o``). Each flip is saved in a worker; the marks
    are redrawn from the file once it is saved. Dismisses with whether anything changed.
    """

    BINDINGS = [Binding("escape", "close", "Done", id="coach-only.close")]

    def __init__(self, client_id: str, session_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.session_id = session_id
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Which answers are for the coach only?", style="bold"))
            yield OptionList(id="answers")
            yield Label("↑↓ choose · enter coach only / shared · esc done", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._load()

    def _load(self) -> None:
        practice, client_id = self.practice, self.client_id
        run_core(self, "coach-only-load", lambda: practice.load(client_id), exclusive=True)

    @on(CoreDone)
    def _loaded(self, message: CoreDone) -> None:
        if message.key not in ("coach-only-load", "coach-only-flip"):
            return
        if message.error is not None:
            self.notify(str(message.error), severity="error")
            return
        self._show(message.value)

    def _show(self, record: ClientRecord) -> None:
        answers = record.answers_of(self.session_id)
        options = self.query_one(OptionList)
        keep = options.highlighted
        options.clear_options()
        for question_id, answer in answers.items():
            line = Text(
                "coach only  " if answer.private else "executive   ",
                style="bold magenta" if answer.private else "dim",
            )
            line.append(one_line(answer.question_text, 60))
            options.add_option(Option(line, id=question_id))
        if answers:
            options.highlighted = min(keep or 0, len(answers) - 1)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.changed = True
            self._flip(event.option.id)

    def _flip(self, question_id: str) -> None:
        practice, client_id, session_id = self.practice, self.client_id, self.session_id
        notify = self.app.notify  # posts a message: safe from the worker thread

        def job() -> ClientRecord:
            flip_coach_only(practice, client_id, session_id, question_id, notify)
            return practice.load(client_id)

        run_core(self, "coach-only-flip", job)

    def action_close(self) -> None:
        self.dismiss(self.changed)
