"""The live session: the script, one question at a time, saved as it is typed.

Every answer goes through a ``SaveQueue`` (a background thread): when the coach
leaves the question, on every capture, and within half a second of a key while typing. The
indicator in the top bar says saving / saved / not saved (retrying). Captures turn
the current line or selection into a strength, development area, goal, action,
motivation or private note, and the running views update as soon as it is saved.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    Footer,
    Header,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from coach_tui.domain import plan as planning
from coach_tui.domain.answered import is_answered
from coach_tui.domain.model import AnswerValue, ClientRecord, InsightKind, Session
from coach_tui.domain.sessions import goal_of, questions_of
from coach_tui.scripts.library import Question
from coach_tui.store.autosave import SaveQueue, SaveResult
from coach_tui.text import one_line, visible
from screens.base import ExecutiveScreen
from screens.dialogs import ItemDialog, parse_due
from screens.session_clock import SAVE_EVERY_SECONDS, CallClock
from screens.session_parts import (
    CAPTURE,
    CAPTURE_KEYS,
    CAPTURE_KINDS,
    MOVE,
    answer_text,
    blank_value,
    capture_legend,
    hint_for,
    placeholder_for,
)
from screens.widgets.choice import ChoiceSet
from screens.widgets.date_reading import date_reading_text
from screens.widgets.editors import SafeInput
from screens.widgets.plan_panel import PlanPanel, has_content
from screens.widgets.rating import RatingInput
from screens.widgets.running_views import RunningViewsList
from screens.widgets.text_editor import SafeTextArea

#: Whatever is typed reaches the save queue at most this long after its first key.
AUTOSAVE_SECONDS = 0.5


class SessionScreen(ExecutiveScreen):
    """A session in progress."""

    CSS_PATH = "session.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    #: Under 30 rows the answer box keeps its room: a shorter prompt and "Last time",
    #: and the capture legend left to the footer.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = [
        Binding("ctrl+n", "next", "Next question", id="session.next", priority=True, group=MOVE),
        Binding(
            "ctrl+b", "previous", "Previous question", id="session.back", priority=True, group=MOVE
        ),
        *(
            Binding(
                f"alt+{letter},{fkey}",
                f"capture('{kind}')",
                f"Capture the line as {CAPTURE_KINDS[kind].label.lower()}",
                key_display="alt+s" if letter == "s" else letter,
                id=f"capture.{kind}",
                priority=True,
                group=CAPTURE,
                show=kind != "motivation",
            )
            for letter, fkey, kind in CAPTURE_KEYS
        ),
        Binding("ctrl+f", "finish", "Wrap up", id="session.finish", priority=True),
        Binding("ctrl+t", "toggle_plan", "Plan", id="session.plan", priority=True),
        Binding("ctrl+l", "toggle_list", "Question list", id="session.list", show=False),
        Binding(
            "ctrl+r", "focus_views", "Running views (edit items)", id="session.views", show=False
        ),
        Binding("ctrl+e", "focus_editor", "Back to the answer", id="session.editor", show=False),
        Binding("ctrl+o", "coach_only", "This answer: coach only / shared", show=False),
        Binding("ctrl+g", "consent", "Consent: what the sponsor sees", show=False),
        Binding(
            "escape",
            "pause",
            "Pause",
            tooltip="Leave the session open: s on the engagement resumes it",
            id="session.pause",
        ),
    ]

    failure_title = "Cannot open the session"

    def __init__(self, client_id: str, session_id: str) -> None:
        super().__init__(client_id)
        self.session_id = session_id
        self.record: ClientRecord | None = None
        self.session: Session | None = None
        self.questions: list[Question] = []
        self.values: dict[str, AnswerValue] = {}
        self.index = 0
        self._dirty: set[str] = set()
        self._debounce: Timer | None = None
        self._editor: Widget | None = None
        self._saves = SaveQueue(self._on_save_thread)
        self._capture_ids = itertools.count(1)
        self._last_error = ""
        self._views_stale = False
        self._typing_ahead = True  # until the first editor has the focus
        self._typed_ahead: list[events.Key] = []
        self._ready = False
        self._saved_shown = ""
        self._editor_serial = 0
        self._date_warned = ""
        self._feeding_saves: set[str] = set()
        self._marked: dict[str, bool] = {}
        self._clock: CallClock | None = None
        self._clock_saved = 0
        self._clock_shown = ""

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="topbar"):
            yield Static("", id="where")
            yield Static("", id="clock")
            yield Static("", id="saved")
        with Horizontal(id="body"):
            yield OptionList(id="questions")
            with Vertical(id="centre"):
                with VerticalScroll(id="prompt"):
                    yield Static("", id="question-text")
                    yield Static("", id="guidance")
                with VerticalScroll(id="previous"):
                    yield Static("", id="previous-answer")
                yield Vertical(id="editor-slot")
                yield Static("", id="editor-hint")
                yield Static(capture_legend(), id="capture-legend")
            yield RunningViewsList(id="views")
            yield PlanPanel(id="plan-panel")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#questions").border_title = "Questions"
        self.query_one("#views").border_title = "Running views"
        self.query_one("#plan-panel").border_title = "Plan for today"
        self.query_one("#plan-panel").border_subtitle = "space done · ^t views"
        self.query_one("#views").border_subtitle = "^t plan"
        self.query_one("#previous").border_title = "Last time"
        self.load()

    def load(self) -> None:
        self.load_record()

    def show_record(self, record: ClientRecord) -> None:
        session = next(s for s in record.sessions if s.id == self.session_id)
        self.record, self.session = record, session
        self.questions = questions_of(session, self.library, record)
        for question_id, answer in record.answers_of(session.id).items():
            self.values[question_id] = answer.value
        ids = [q.id for q in self.questions]
        self.index = ids.index(session.cursor) if session.cursor in ids else 0
        self.title = one_line(record.client.name)
        self.sub_title = one_line(session.script_title)
        self._render_question_list()
        self._show_question()
        first_show = self._clock is None
        self._show_views(record)
        if first_show and has_content(record.latest_plan()):
            self.add_class("-plan")  # what was planned comes first; ctrl+t for the views
        if self._clock is None:
            self._clock = CallClock(session.active_seconds)
            self._clock_saved = session.active_seconds
        self._tick()
        self.set_interval(1.0, self._tick)
        self._set_saved_text(Text("✓ saved", style="green"))
        self._ready = True

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

    def _mount_editor(self, question: Question) -> None:
        """Put the editor for ``question`` in place, without losing a key typed meanwhile.

        The same kind of editor is reused (its content replaced at once, so what the
        coach types right after ctrl+n lands in the new question). A different kind is
        mounted anew; printable keys typed until it has the focus are kept and replayed
        into it (``on_key``).
        """
        value = self.values.get(question.id)
        self._show_hint(question, str(value or "") if question.kind == "date" else "")
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
        slot.mount(editor)
        if isinstance(editor, ChoiceSet):
            slot.mount(editor.note)
        # Through the screen's own queue: keys the app handed to the screen while
        # there was no focus are handled (kept) before the editor takes over.
        self.call_after_refresh(self.post_message, self.EditorReady(editor))

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

    def _show_views(self, record: ClientRecord) -> None:
        started = self.session.started if self.session is not None else self.coach_app.now()
        self.query_one("#views", RunningViewsList).show(
            planning.session_views(record, started), self.app_today()
        )
        self.query_one("#plan-panel", PlanPanel).show_plan(
            record, record.latest_plan(), self.app_today()
        )

    def action_toggle_plan(self) -> None:
        """Swap the running views and the plan for this session (ctrl+t)."""
        self.toggle_class("-plan")
        if self.focused in (self.query_one("#views"), self.query_one("#plan-panel")):
            panel = "#plan-panel" if self.has_class("-plan") else "#views"
            self.query_one(panel).focus()

    def _tick(self) -> None:
        if self.session is None or self._clock is None:
            return
        budget = 0
        try:
            budget = self.library.get(self.session.script_id).minutes
        except KeyError:
            pass
        shown = self._clock.text(budget)
        if shown.plain != self._clock_shown:  # once a minute, not every tick
            self._clock_shown = shown.plain
            self.query_one("#clock", Static).update(shown, layout=False)
        if self._ready and self._clock.seconds - self._clock_saved >= SAVE_EVERY_SECONDS:
            self._save_cursor()

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
        # post_message is thread-safe and does not wait for the UI: call_from_thread
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

    @work(thread=True, exclusive=True, group="session-views")
    def refresh_views(self) -> None:
        record = self.practice.load(self.client_id)
        self.app.call_from_thread(self._views_loaded, record)

    def _views_loaded(self, record: ClientRecord) -> None:
        self.record = record
        self._show_views(record)

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

    # ------------------------------------------------------------- navigation

    def _go(self, index: int) -> None:
        if not self._ready or not 0 <= index < len(self.questions) or index == self.index:
            return
        self.save_current()
        self.index = index
        self._save_cursor()
        self._show_question()

    def action_next(self) -> None:
        self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        """Move on only after the editor has taken every key typed before the move.

        ctrl+n and ctrl+b are app-level bindings, handled as soon as they arrive, while
        letters typed just before wait in the editor's own queue; moving through that
        queue keeps each letter with the question it was typed for. Keys typed after
        the move wait (``_typed_ahead``) for the next question's editor.
        """
        editor = self._editor
        if not self._ready or editor is None:
            self._move(delta)
            return
        if self._typing_ahead or not editor.is_mounted:
            # Keys typed meanwhile wait in the screen's queue: move after them.
            self.call_later(self._move, delta)
            return
        self._typing_ahead = True
        self.set_focus(None)
        editor.call_later(self._move, delta)

    def _move(self, delta: int) -> None:
        problem = self._unreadable_date() if self._ready else ""
        if problem and problem != self._date_warned:
            # Never leave a date behind silently: say why, stay; a second move goes on.
            self._date_warned = problem
            self.notify(
                f"{problem}\nFix it, clear it, or press the key again to leave it unanswered.",
                title="Not a date yet",
                severity="warning",
                markup=False,
            )
            self._give_focus_back()
            return
        self._date_warned = ""
        index = self.index + delta
        if self._ready and 0 <= index < len(self.questions):
            self._go(index)
            if not self._pending_new_editor():
                self._give_focus_back()  # the editor was reused: it takes the keys now
            return
        if delta > 0 and self._ready:
            self.save_current()
            self.notify("That was the last question: ctrl+f wraps up the session.", markup=False)
        self._give_focus_back()

    def _pending_new_editor(self) -> bool:
        """Whether a new editor is being mounted (it takes the focus when ready)."""
        editor = self._editor
        return editor is not None and not editor.is_mounted

    def _give_focus_back(self) -> None:
        editor = self._editor
        if editor is None or not editor.is_mounted:
            return
        self._flush_typed_ahead()
        self.set_focus(editor)
        self._typing_ahead = False

    @on(OptionList.OptionSelected, "#questions")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.startswith("q"):
            self._go(int(event.option.id[1:]))
            if self.has_class("-narrow"):
                self.remove_class("-list")  # the views come back beside the question
            if self._editor is not None:
                self._editor.focus()

    def action_toggle_list(self) -> None:
        """Show or hide the question list (on a narrow terminal it takes the views' place)."""
        listing = self.query_one("#questions", OptionList)
        if self.has_class("-narrow"):
            shown = not self.has_class("-list")
            self.set_class(shown, "-list")
        else:
            shown = listing.has_class("-hidden")
            listing.set_class(not shown, "-hidden")
        if shown:
            listing.focus()
        else:
            self.action_focus_editor()

    def action_focus_views(self) -> None:
        self.query_one("#plan-panel" if self.has_class("-plan") else "#views").focus()

    def action_focus_editor(self) -> None:
        if self._editor is not None:
            self._editor.focus()

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

    def _capture(self, kind: InsightKind, text: str, due: date | None) -> None:
        client_id, session_id, practice = self.client_id, self.session_id, self.practice

        def job() -> None:
            practice.capture(client_id, kind, text, session_id=session_id, due=due)

        self._saves.submit(f"capture:{next(self._capture_ids)}", job)
        label = "Private note" if kind is InsightKind.NOTE else kind.label
        self.notify(Text(one_line(text, 60)).plain, title=f"{label} captured", timeout=3)

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

    # ------------------------------------------------------------- leave / end

    def action_pause(self) -> None:
        """Leave the session open (it is offered for resuming) and go back."""
        if not self.flush_saves():
            self.warn_unsaved_on_quit()
            return
        self._saves.close()
        self.notify("Session paused: s on the engagement screen resumes it.", markup=False)
        self.app.pop_screen()

    def action_finish(self) -> None:
        self._after_typed_keys(self._finish)

    def _finish(self) -> None:
        from screens.wrapup import WrapUpScreen

        if not self._ready:
            return
        if not self.flush_saves():
            self.warn_unsaved_on_quit()
            return
        self.app.push_screen(WrapUpScreen(self.client_id, self.session_id))

    def on_unmount(self) -> None:
        self._saves.close(timeout=5.0)
