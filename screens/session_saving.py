"""The live session's saves: answers, the cursor and captures through the save queue.

Every answer goes through a ``SaveQueue`` (a background thread that orders and
retries): when the coach leaves the question, on every capture, and within
``AUTOSAVE_SECONDS`` of a key while typing. The top bar says saving / saved / not
saved (retrying); the running views reload when a save changed what they show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import (
    Input,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)

from coach_tui.domain import plan as planning
from coach_tui.domain.answered import is_answered
from coach_tui.domain.model import ClientRecord, InsightKind
from coach_tui.domain.sessions import goal_of
from coach_tui.scripts.library import Question
from coach_tui.store.autosave import SaveResult
from coach_tui.text import one_line
from screens.session_parts import (
    blank_value,
)
from screens.session_question import SessionQuestionPanel
from screens.widgets.choice import ChoiceSet
from screens.widgets.plan_panel import PlanPanel
from screens.widgets.rating import RatingInput
from screens.widgets.running_views import RunningViewsList
from screens.work import CoreDone, run_core

#: Whatever is typed reaches the save queue at most this long after its first key.
AUTOSAVE_SECONDS = 0.5


class SessionSaving(SessionQuestionPanel):
    """The session screen's saving: the queue, the indicator, the running views."""

    def _show_views(self, record: ClientRecord) -> None:
        """Fill the running views and the plan; the one of them the plan hides
        (``-plan``) is filled when it is first shown (``_fill_views``)."""
        self._views_unfilled = record
        if not self.has_class("-plan"):
            self._fill_views()
        self.query_one("#plan-panel", PlanPanel).show_plan(
            record, record.latest_plan(), self.app_today()
        )

    def _fill_views(self) -> None:
        record, self._views_unfilled = self._views_unfilled, None
        if record is None:
            return
        started = self.session.started if self.session is not None else self.coach_app.now()
        self.query_one("#views", RunningViewsList).show(
            planning.session_views(record, started), self.app_today()
        )

    def _save_cursor(self) -> None:
        """Queue where the coach is and the time on the call (one coalesced save)."""
        if self._clock is None:
            return
        seconds = self._clock.seconds
        self._clock_saved = seconds
        question_id = self.question.id
        client_id, session_id, practice = self.client_id, self.session_id, self.practice
        self._saves.submit(
            "cursor",
            lambda: practice.set_cursor(client_id, session_id, question_id, seconds),
        )

    def _set_saved_text(self, text: Text) -> None:
        # Typing sets "editing" on every key: repaint only when the words change.
        if text.plain == self._saved_shown:
            return
        self._saved_shown = text.plain
        self.query_one("#saved", Static).update(text, layout=False)  # a fixed width

    # ----------------------------------------------------------------- saving

    def _editor_changed(self) -> None:
        if not self._ready:
            return
        value = self._editor_value()
        question = self.question
        if question.kind == "date" and isinstance(self._editor, Input):
            self._show_hint(question, self._editor.value)
        if value == self.values.get(question.id) and question.id not in self._dirty:
            return
        self.values[question.id] = value
        self._dirty.add(question.id)
        self._set_saved_text(Text("● editing", style="yellow"))
        # At most AUTOSAVE_SECONDS after the first unsaved key, however the coach
        # types: one timer per save, not one per key (the queue coalesces saves).
        if self._debounce is None:
            self._debounce = self.set_timer(AUTOSAVE_SECONDS, self._autosave_now)

    def _autosave_now(self) -> None:
        self._debounce = None
        self.save_current()

    @on(TextArea.Changed, ".editor")
    @on(Input.Changed, ".editor")
    @on(RadioSet.Changed, ".editor")
    @on(SelectionList.SelectedChanged, ".editor")
    @on(RatingInput.Changed, ".editor")
    def _changed(self) -> None:
        self._editor_changed()

    def save_current(self) -> None:
        """Queue the current answer (and a GAS score for a per-goal question)."""
        if not self._ready:
            return
        self._flush_typed_ahead()
        question = self.question
        value = self._editor_value()
        before = self.values.get(question.id)
        if value != before and not (blank_value(value) and blank_value(before)):
            self._dirty.add(question.id)  # typed; its Changed event not handled yet
        self.values[question.id] = value
        self._keep_choice_note(question)
        if question.id not in self._dirty:
            return
        self._dirty.discard(question.id)
        client_id, session_id = self.client_id, self.session_id
        practice = self.practice
        goal_id = goal_of(question.id)

        def job() -> None:
            practice.save_answer(client_id, session_id, question, value)
            if goal_id and question.scale == (-2, 2) and isinstance(value, int):
                practice.score_goal(client_id, goal_id, value, session_id)

        self._set_saved_text(Text("● saving…", style="yellow"))
        self._saves.submit(f"answer:{question.id}", job)
        if question.feeds or goal_id:
            self._feeding_saves.add(f"answer:{question.id}")
        if is_answered(value) != self._marked.get(question.id, False):
            # The ✓ in the list and the count: redrawn when answered-ness changes,
            # not on every save while typing (one every half second).
            self._marked[question.id] = is_answered(value)
            self._refresh_mark(self.index)
            self._show_where()

    def _keep_choice_note(self, question: Question) -> None:
        """Words typed under a choice become a private note (said, never silently)."""
        editor = self._editor
        note = editor.note if isinstance(editor, ChoiceSet) else None
        if note is None or not note.value.strip():
            return
        text = f"{one_line(question.text, 50)} — {note.value.strip()}"
        note.value = ""
        self._capture(InsightKind.NOTE, text, None)

    @dataclass
    class SaveDone(Message):
        """The save thread's report of one save (posted, so the saver never waits)."""

        result: SaveResult

    def _on_save_thread(self, result: SaveResult) -> None:
        # post_message is thread-safe and does not wait for the UI: waiting for the UI
        # would block the saver while the UI waits in flush_saves (quit, finish) for
        # that very saver, freezing the app for the whole flush timeout.
        self.post_message(self.SaveDone(result))

    @on(SaveDone)
    def _save_done(self, message: SaveDone) -> None:
        self._on_saved(message.result)

    def _on_saved(self, result: SaveResult) -> None:
        if not result.ok:
            repeated = result.error == self._last_error
            self._last_error = result.error
            self._set_saved_text(Text("⚠ not saved — retrying", style="bold red"))
            if repeated:
                return  # said once; the top bar keeps saying it until a save works
            self.notify(
                f"{result.error}\nYour text stays in the editor and is saved as soon as "
                "the disk allows.",
                title="Not saved yet",
                severity="error",
                timeout=8,
                markup=False,
            )
            return
        # Only what changes the views reloads them: saves while typing an answer
        # that feeds nothing (most of them, every half second) do not.
        if result.key.startswith("capture:") or result.key in self._feeding_saves:
            self._views_stale = True  # shown once the queue is empty (often a cursor save)
        if result.pending:
            self._set_saved_text(Text("● saving…", style="yellow"))
            return
        if self._last_error:
            self.notify("Everything is saved now.", title="Saved", markup=False)
            self._last_error = ""
        self._set_saved_text(Text(f"✓ saved {self.coach_app.now():%H:%M:%S}", style="green"))
        if self._views_stale:
            self._views_stale = False
            self.refresh_views()

    def refresh_views(self) -> None:
        practice, client_id = self.practice, self.client_id
        run_core(self, "session-views", lambda: practice.load(client_id), exclusive=True)

    @on(CoreDone)
    def _views_loaded(self, message: CoreDone) -> None:
        if message.key != "session-views":
            return
        if message.error is not None:
            self.notify(str(message.error), title="Running views not refreshed", severity="error")
            return
        self.record = message.value
        self._show_views(message.value)

    def flush_saves(self, timeout: float = 10.0) -> bool:
        """Queue what is typed and wait until it is on disk (quit and finish use it)."""
        if self._ready:
            self.save_current()
            self._save_cursor()  # and the time on the call so far
        return self._saves.flush(timeout)

    def warn_unsaved_on_quit(self) -> None:
        self.notify(
            f"{self._last_error or 'Saving is taking longer than usual.'}\n"
            "Nothing was lost: your text is still here. Free some space or fix the folder, "
            "then quit again.",
            title="Not quitting: answers not yet saved",
            severity="error",
            timeout=12,
            markup=False,
        )

    def _capture(self, kind: InsightKind, text: str, due: date | None) -> None:
        client_id, session_id, practice = self.client_id, self.session_id, self.practice

        def job() -> None:
            practice.capture(client_id, kind, text, session_id=session_id, due=due)

        self._saves.submit(f"capture:{next(self._capture_ids)}", job)
        label = "Private note" if kind is InsightKind.NOTE else kind.label
        self.notify(Text(one_line(text, 60)).plain, title=f"{label} captured", timeout=3)
