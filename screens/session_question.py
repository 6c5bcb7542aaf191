"""The live session's question panel: the question list, the prompt, the editor.

One editor per kind of question, reused when the next question needs the same kind
so that keys typed right after ctrl+n land in it; keys typed while a new editor is
mounted are kept and replayed into it. The session screen (``screens.session``)
builds on this with the saves (``session_saving``) and captures (``session_capture``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from rich.text import Text
from textual import events, on
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from coach_tui.domain.answered import is_answered
from coach_tui.domain.model import AnswerValue, ClientRecord, Session
from coach_tui.domain.sessions import goal_of, questions_of
from coach_tui.scripts.library import Question
from coach_tui.store.autosave import SaveQueue
from coach_tui.text import one_line, visible
from screens.base import ExecutiveScreen
from screens.dialogs import parse_due
from screens.session_clock import CallClock
from screens.session_parts import (
    answer_text,
    hint_for,
    placeholder_for,
)
from screens.widgets.choice import ChoiceSet
from screens.widgets.date_reading import date_reading_text
from screens.widgets.editors import SafeInput
from screens.widgets.rating import RatingInput
from screens.widgets.text_editor import SafeTextArea
from screens.work import when_done


class SessionQuestionPanel(ExecutiveScreen):
    """The part of the session screen that shows a question and edits its answer."""

    # The screen's state, set in ``SessionScreen.__init__`` (declared here for the
    # parts of the screen that read it).
    session_id: str
    record: ClientRecord | None
    session: Session | None
    questions: list[Question]
    values: dict[str, AnswerValue]
    index: int
    _dirty: set[str]
    _debounce: Timer | None
    _editor: Widget | None
    _saves: SaveQueue
    _capture_ids: Iterator[int]
    _last_error: str
    _views_stale: bool
    _typing_ahead: bool
    _typed_ahead: list[events.Key]
    _ready: bool
    _saved_shown: str
    _editor_serial: int
    _date_warned: str
    _feeding_saves: set[str]
    _marked: dict[str, bool]
    _clock: CallClock | None
    _clock_saved: int
    _clock_shown: str
    _focus_at_once: bool
    _views_unfilled: ClientRecord | None
    _held: ClientRecord | None
    _new: Session | None
    _composed_for: str | None

    # --------------------------------------------------------------- rendering

    def _render_question_list(self) -> None:
        listing = self.query_one("#questions", OptionList)
        listing.clear_options()
        self._marked = {q.id: is_answered(self.values.get(q.id)) for q in self.questions}
        options: list[Option] = []
        section = None
        for number, question in enumerate(self.questions):
            if question.section != section:
                section = question.section
                options.append(
                    Option(Text(one_line(section or "Questions", 30), style="bold"), disabled=True)
                )
            options.append(Option(self._question_label(number, question), id=f"q{number}"))
        listing.add_options(options)
        self._highlight_current()

    def _question_label(self, number: int, question: Question) -> Text:
        mark = "✓" if is_answered(self.values.get(question.id)) else "·"
        style = "green" if mark == "✓" else "dim"
        label = Text(f" {mark} ", style=style)
        first_line = question.text.splitlines()[0] if question.text else question.id
        if goal_of(question.id):
            first_line = question.text.splitlines()[-1]
        label.append(one_line(first_line, 24))
        return label

    def _highlight_current(self) -> None:
        listing = self.query_one("#questions", OptionList)
        try:
            listing.highlighted = listing.get_option_index(f"q{self.index}")
        except Exception:
            pass

    def _refresh_mark(self, number: int) -> None:
        listing = self.query_one("#questions", OptionList)
        try:
            listing.replace_option_prompt(
                f"q{number}", self._question_label(number, self.questions[number])
            )
        except Exception:
            pass

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    def _show_where(self) -> None:
        """The top bar: which question, in which section, and how many are answered."""
        question = self.question
        answered = sum(1 for q in self.questions if is_answered(self.values.get(q.id)))
        where = Text()
        where.append(f"{self.index + 1}/{len(self.questions)} ", style="bold")
        where.append(one_line(question.section or "", 30), style="dim")
        where.append(f"  · {answered} answered", style="dim")
        if self.has_class("-narrow"):
            where.append("  · ^l list", style="dim")
        self.query_one("#where", Static).update(where)

    def _show_question(self) -> None:
        question = self.question
        self._show_where()
        text = Text(visible(question.text), style="bold")
        if question.required:
            text.append("  (required)", style="dim italic")
        self.query_one("#question-text", Static).update(text)
        guidance = Text()
        if question.guidance:
            guidance.append(visible(question.guidance), style="italic")
        for probe in question.probes:
            guidance.append(f"\n  › {visible(probe)}", style="dim")
        guide = self.query_one("#guidance", Static)
        guide.update(guidance)
        guide.display = bool(guidance.plain)
        self._show_previous(question)
        self._mount_editor(question)
        self._highlight_current()
        self.query_one("#prompt", VerticalScroll).scroll_home(animate=False)

    def _show_previous(self, question: Question) -> None:
        box = self.query_one("#previous", VerticalScroll)
        previous = None
        if question.carry and self.record is not None and self.session is not None:
            previous = self.record.previous_answer(question.id, self.session)
        if previous is None:
            box.display = False
            return
        box.display = True
        box.border_title = f"Last time ({previous.updated:%d %b})"
        shown = Text(visible(answer_text(previous.value)))
        self.query_one("#previous-answer", Static).update(shown)
        box.scroll_home(animate=False)

    def _first_editor(self) -> list[Widget]:
        """A new session's first answer box, composed with the screen.

        Mounted after the first layout, it cost a second layout and paint of the whole
        screen (35-50 ms of starting a session, traced). Only a text or one-line box:
        ``_mount_editor`` reuses it for the first question and gives it the focus.
        """
        if self._held is None or self._new is None:
            return []
        record = replace(self._held, sessions=[*self._held.sessions, self._new])
        questions = questions_of(self._new, self.library, record)
        first = next((q for q in questions if q.id == self._new.cursor), None)
        if first is None and questions:
            first = questions[0]
        if first is None or first.kind not in ("text", "list", "line", "date"):
            return []
        editor = self._make_editor(first, None)
        self._editor_serial += 1
        editor.id = f"editor-{self._editor_serial}"
        editor.add_class("editor")
        self._editor = editor
        self._composed_for = first.id
        return [editor]

    def _mount_editor(self, question: Question) -> None:
        """Put the editor for ``question`` in place, without losing a key typed meanwhile.

        The same kind of editor is reused (its content replaced at once, so what the
        coach types right after ctrl+n lands in the new question). A different kind is
        mounted anew; printable keys typed until it has the focus are kept and replayed
        into it (``on_key``).
        """
        value = self.values.get(question.id)
        self._show_hint(question, str(value or "") if question.kind == "date" else "")
        composed, self._composed_for = self._composed_for, None
        if composed == question.id and value is None and self._editor is not None:
            # The first answer box, composed empty with the screen for this question:
            # it takes the focus as it is (loading it again would read as typing).
            self._focus_at_once = False
            self.set_focus(self._editor)
            self._typing_ahead = False
            self._flush_typed_ahead()
            return
        if self._reuse_editor(question, value):
            return
        slot = self.query_one("#editor-slot", Vertical)
        self._typing_ahead = True
        self.set_focus(None)  # not the prompt nor the views: keys come to on_key
        slot.remove_children()
        self._editor_serial += 1
        editor = self._make_editor(question, value)
        editor.id = f"editor-{self._editor_serial}"
        editor.add_class("editor")
        self._editor = editor
        mounted = slot.mount(editor)
        if isinstance(editor, ChoiceSet):
            slot.mount(editor.note)
        if self._focus_at_once and isinstance(editor, TextArea | Input):
            # The screen's first frame, before any key could reach it: the box takes
            # the focus now (its keys wait in its queue until it is mounted).
            self._focus_at_once = False
            self.set_focus(editor)
            self._typing_ahead = False

        # Through the screen's own queue: keys the app handed to the screen while there
        # was no focus are handled (kept) before the editor takes over. Once mounted: a
        # ChoiceSet mounts its buttons first, and may not be after one refresh (its
        # focus would then never come).
        when_done(
            self,
            "editor-ready",
            mounted,
            lambda: self.call_after_refresh(self.post_message, self.EditorReady(editor)),
        )

    def _show_hint(self, question: Question, typed_date: str = "") -> None:
        """Under the editor: how to answer (for a date, the date understood) and the captures."""
        if question.kind == "date":
            hint = date_reading_text(typed_date, self.app_today())
        else:
            hint = Text(hint_for(question), style="dim italic")
        self.query_one("#editor-hint", Static).update(hint)

    def _unreadable_date(self) -> str:
        """The problem with the date typed on a date question ("" when it reads)."""
        editor = self._editor
        if self.question.kind != "date" or not isinstance(editor, Input):
            return ""
        try:
            parse_due(editor.value, self.app_today())
        except ValueError as exc:
            return str(exc)
        return ""

    def _reuse_editor(self, question: Question, value: AnswerValue) -> bool:
        """Load ``value`` into the current editor if it is the kind the question needs."""
        editor, kind = self._editor, question.kind
        if isinstance(editor, TextArea) and kind in ("text", "list"):
            editor.load_text("\n".join(value) if isinstance(value, list) else str(value or ""))
            editor.move_cursor(editor.document.end)
            editor.set_class(kind == "list", "kind-list")
            editor.set_class(kind == "text", "kind-text")
            editor.scroll_home(animate=False)
            return True
        if isinstance(editor, Input) and kind in ("line", "date"):
            editor.value = str(value or "")
            editor.placeholder = question.placeholder or placeholder_for(kind)
            editor.action_end()
            return True
        return False

    @dataclass
    class EditorReady(Message):
        """A new editor is on screen."""

        editor: Widget

    @on(EditorReady)
    def _editor_ready(self, message: EditorReady) -> None:
        """The new editor takes the focus, and the keys typed while it was coming."""
        editor = message.editor
        if editor is not self._editor or not editor.is_mounted:
            return
        self._flush_typed_ahead()
        self.set_focus(editor)
        self._typing_ahead = False

    def _flush_typed_ahead(self) -> None:
        """Give the current editor the keys typed before it had the focus.

        Called when it gets the focus, and before anything reads or leaves it (the
        coach may type and press ctrl+n again before a new editor is on screen).
        """
        keys, self._typed_ahead = self._typed_ahead, []
        if not keys:
            return
        editor = self._editor
        typed = "".join(key.character or "" for key in keys)
        if not isinstance(editor, TextArea):
            typed = typed.replace("\n", "")
        if isinstance(editor, TextArea):
            editor.load_text(editor.text + typed)
            editor.move_cursor(editor.document.end)
        elif isinstance(editor, Input):
            editor.value += typed
            editor.action_end()
        elif isinstance(editor, RatingInput):
            for key in keys:
                editor.on_key(key)
        elif isinstance(editor, ChoiceSet):
            note = editor.note
            note.insert_text_at_cursor(typed)
            self.call_after_refresh(note.focus)

    def on_key(self, event: events.Key) -> None:
        """Printable keys that reached the screen rather than the editor go to the editor.

        While an editor is being replaced there is no focus: the app hands keys to
        the screen, and may still do so for keys it took in just before the new
        editor got the focus. They are kept (``_typed_ahead``) or typed into it.
        """
        editor = self._editor
        character = event.character if event.is_printable else None
        if event.key == "enter" and isinstance(editor, TextArea):
            character = "\n"  # a new line in a text answer
        if not character:
            return
        if self._typing_ahead and isinstance(editor, ChoiceSet) and character == "\n":
            return
        if self._typing_ahead:
            self._typed_ahead.append(events.Key(event.key, character))
        elif self.focused is not None and self.focused is not editor:
            return  # the question list or the views: not meant for the answer
        elif isinstance(editor, TextArea):
            editor.insert(character)
        elif isinstance(editor, Input) and character != "\n":
            editor.insert_text_at_cursor(character)
        else:
            return
        event.stop()
        event.prevent_default()

    def _make_editor(self, question: Question, value: AnswerValue) -> Widget:
        kind = question.kind
        if kind in ("text", "list"):
            shown = "\n".join(value) if isinstance(value, list) else str(value or "")
            area = SafeTextArea(shown, soft_wrap=True, classes=f"kind-{kind}")
            area.show_line_numbers = False
            area.move_cursor(area.document.end)
            return area
        if kind in ("line", "date"):
            # Coming back to an answer and typing adds to it: nothing is selected.
            field = SafeInput(
                str(value or ""),
                placeholder=question.placeholder or placeholder_for(kind),
                select_on_focus=False,
            )
            return field
        if kind == "rating":
            low, high = question.scale or (1, 5)
            return RatingInput(
                low,
                high,
                dict(question.labels),
                value if isinstance(value, int) else None,
            )
        if kind == "choice":
            return ChoiceSet(
                *(RadioButton(Text(one_line(o)), value=o == value) for o in question.options)
            )
        if kind == "yesno":
            return ChoiceSet(
                RadioButton("Yes", value=value is True),
                RadioButton("No", value=value is False),
            )
        if kind == "choices":
            chosen = set(value) if isinstance(value, list) else set()
            return SelectionList[str](
                *((Text(one_line(o)), o, o in chosen) for o in question.options)
            )
        area = SafeTextArea(str(value or ""), soft_wrap=True)
        return area

    def _editor_value(self) -> AnswerValue:
        editor = self._editor
        kind = self.question.kind
        if isinstance(editor, TextArea):
            if kind == "list":
                return [
                    line.strip(" -*•\t")
                    for line in editor.text.splitlines()
                    if line.strip(" -*•\t")
                ]
            return editor.text
        if isinstance(editor, Input):
            if kind == "date":
                raw = editor.value.strip()
                if not raw:
                    return None
                try:
                    due = parse_due(raw, self.app_today())
                except ValueError:
                    return self.values.get(self.question.id)  # keep the last valid date
                return due.isoformat() if due else None
            return editor.value
        if isinstance(editor, RatingInput):
            return editor.value
        if isinstance(editor, RadioSet):
            index = editor.pressed_index
            if index < 0:
                return None
            if kind == "yesno":
                return index == 0
            return self.question.options[index]
        if isinstance(editor, SelectionList):
            return list(editor.selected)
        return None

    def action_focus_editor(self) -> None:
        if self._editor is not None:
            self._editor.focus()
