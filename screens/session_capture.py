"""The live session's capture keys: the line under the cursor becomes an item.

alt+letter (or a function key) turns the current line or selection into a
strength, development area, goal, action, motivation or private note; an action,
or an empty line, asks in a dialog first. Keys are handled as they arrive, after
the letters typed before them (``_after_typed_keys``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.widgets import (
    Input,
    TextArea,
)

from coach_tui.domain.model import InsightKind
from screens.dialogs import ItemDialog
from screens.session_parts import (
    CAPTURE_KINDS,
)
from screens.session_saving import SessionSaving
from screens.widgets.running_views import RunningViewsList


class SessionCapture(SessionSaving):
    """The session screen's captures, item actions, coach-only and consent keys."""

    # ---------------------------------------------------------------- capture

    def _current_line(self) -> str:
        editor = self._editor
        if isinstance(editor, TextArea):
            if editor.selected_text.strip():
                return " ".join(editor.selected_text.split())
            row = editor.cursor_location[0]
            return editor.document.get_line(row).strip(" -*•\t")
        if isinstance(editor, Input):
            return editor.value.strip()
        return ""

    def _asked_for_text(self) -> str:
        """What an action dialog starts with: the selection, or the line under the
        cursor when the answer has several lines (a list, notes line by line) — never
        a whole answer the coach did not point at."""
        editor = self._editor
        if isinstance(editor, TextArea):
            if editor.selected_text.strip():
                return " ".join(editor.selected_text.split())
            lines = [line for line in editor.text.splitlines() if line.strip()]
            return self._current_line() if len(lines) > 1 else ""
        if isinstance(editor, Input) and editor.selected_text.strip():
            return editor.selected_text.strip()
        return ""

    def _after_typed_keys(self, callback: Callable[..., None], *args: object) -> None:
        """Run ``callback`` once the editor has taken the keys typed before it.

        The capture keys and ctrl+f, like ctrl+n (see ``_step``), are handled as soon
        as they arrive, while letters typed just before may still wait in the
        editor's queue: without this, "Plants in Lyon" + alt+s could capture an
        empty line.
        """
        editor = self._editor
        if editor is not None and editor.is_mounted and not self._typing_ahead:
            editor.call_later(callback, *args)
        else:
            self.call_later(callback, *args)

    def action_capture(self, kind_name: str) -> None:
        self._after_typed_keys(self._capture_line, kind_name)

    def _capture_line(self, kind_name: str) -> None:
        """Turn the current line (or selection) into an item of the running views."""
        if not self._ready:
            return
        kind = CAPTURE_KINDS[kind_name]
        self.save_current()
        line = self._current_line()
        if kind is InsightKind.ACTION:
            line = self._asked_for_text()
        if kind is InsightKind.ACTION or not line:

            def typed(result: dict[str, object] | None) -> None:
                if result:
                    raw_due = result.get("due")
                    self._capture(
                        kind, str(result["text"]), raw_due if isinstance(raw_due, date) else None
                    )
                self.action_focus_editor()

            title = f"Capture {kind.label.lower()}" + (
                " (with an optional due date)" if kind is InsightKind.ACTION else ""
            )
            self.app.push_screen(ItemDialog(kind, line, None, title=title), typed)
            return
        self._capture(kind, line, None)

    @on(RunningViewsList.ItemAction, "#views, #plan-panel")
    def _item_action(self, event: RunningViewsList.ItemAction) -> None:
        from screens.capture import handle_item_action

        handle_item_action(self, self.client_id, event.insight, event.action, self.refresh_views)

    def action_coach_only(self) -> None:
        """Make the current answer coach-only, or give it back to the executive."""
        from screens.consent_keys import flip_coach_only

        self.save_current()
        question_id, practice = self.question.id, self.practice
        client_id, session_id, notify = self.client_id, self.session_id, self.app.notify
        self._saves.submit(
            f"coach-only:{question_id}",
            lambda: flip_coach_only(practice, client_id, session_id, question_id, notify),
        )

    def action_consent(self) -> None:
        """The consent screen, its decisions recorded in this session."""
        from screens.consent import ConsentScreen

        self.save_current()
        self.app.push_screen(ConsentScreen(self.client_id, self.session_id))
