"""The live session: the script, one question at a time, saved as it is typed.

Every answer goes through a ``SaveQueue`` (a background thread): when the coach
leaves the question, on every capture, and two seconds after typing stops. The
indicator in the top bar says saving / saved / not saved (retrying). Captures turn
the current line or selection into a strength, development area, goal, action,
motivation or private note, and the running views update as soon as it is saved.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
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

from coach_tui import plan as planning
from coach_tui.autosave import SaveQueue, SaveResult
from coach_tui.errors import CoachError
from coach_tui.model import AnswerValue, ClientRecord, InsightKind, Session
from coach_tui.scripts import Question
from coach_tui.text import one_line, visible
from screens.base import CoachScreen
from screens.dialogs import ItemDialog, parse_due
from screens.widgets.rating import RatingInput
from screens.widgets.running_views import RunningViewsList

AUTOSAVE_SECONDS = 2.0
GOAL_SEPARATOR = "--goal-"

#: Capture keys: one key each (alt+letter, with a function key for terminals
#: where alt does not reach the app).
CAPTURE_KINDS: dict[str, InsightKind] = {
    "strength": InsightKind.STRENGTH,
    "weakness": InsightKind.WEAKNESS,
    "goal": InsightKind.GOAL,
    "action": InsightKind.ACTION,
    "motivation": InsightKind.MOTIVATION,
    "note": InsightKind.NOTE,
}


def session_questions(
    script_questions: tuple[Question, ...], record: ClientRecord
) -> list[Question]:
    """The script's questions, with a per-goal question asked once per current goal."""
    goals = planning.running_views(record).goals
    expanded: list[Question] = []
    for question in script_questions:
        if not question.per_goal:
            expanded.append(question)
            continue
        for goal in goals:
            expanded.append(
                replace(
                    question,
                    id=f"{question.id}{GOAL_SEPARATOR}{goal.id}",
                    text=f"{question.text}\nGoal: {goal.text}",
                    labels={**question.labels, **goal.gas}
                    if question.scale == (-2, 2)
                    else question.labels,
                )
            )
    return expanded


def goal_of(question_id: str) -> str | None:
    """The goal id a per-goal question was asked about, if any."""
    _, separator, goal_id = question_id.partition(GOAL_SEPARATOR)
    return goal_id if separator else None


def is_answered(value: AnswerValue) -> bool:
    return value not in (None, "", [])


class SessionScreen(CoachScreen):
    """A session in progress."""

    CSS_PATH = "session.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+n", "next", "Next", id="session.next", priority=True),
        Binding("ctrl+b", "previous", "Back", id="session.back", priority=True),
        Binding(
            "alt+s,f2", "capture('strength')", "Strength", id="capture.strength", priority=True
        ),
        Binding(
            "alt+w,f3", "capture('weakness')", "Dev area", id="capture.weakness", priority=True
        ),
        Binding("alt+g,f4", "capture('goal')", "Goal", id="capture.goal", priority=True),
        Binding("alt+a,f5", "capture('action')", "Action", id="capture.action", priority=True),
        Binding(
            "alt+m,f8",
            "capture('motivation')",
            "Motivation",
            id="capture.motivation",
            show=False,
            priority=True,
        ),
        Binding("alt+n,f9", "capture('note')", "Note", id="capture.note", priority=True),
        Binding("ctrl+f", "finish", "Wrap up", id="session.finish", priority=True),
        Binding("ctrl+l", "toggle_list", "Questions", id="session.list", show=False),
        Binding("ctrl+r", "focus_views", "Views", id="session.views", show=False),
        Binding("ctrl+e", "focus_editor", "Editor", id="session.editor", show=False),
        Binding("escape", "pause", "Pause", id="session.pause"),
    ]

    def __init__(self, client_id: str, session_id: str) -> None:
        super().__init__()
        self.client_id = client_id
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
        self._ready = False

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
                    yield Static("", id="previous")
                yield Vertical(id="editor-slot")
                yield Static("", id="editor-hint")
            yield RunningViewsList(id="views")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#questions").border_title = "Questions"
        self.query_one("#views").border_title = "Running views"
        self.query_one("#previous").border_title = "Last time"
        self.load()

    @work(thread=True, exclusive=True, group="session-load")
    def load(self) -> None:
        try:
            record = self.practice.load(self.client_id)
        except CoachError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._start, record)

    def _failed(self, message: str) -> None:
        self.notify(message, title="Cannot open the session", severity="error", timeout=15)
        self.app.pop_screen()

    def _start(self, record: ClientRecord) -> None:
        session = next(s for s in record.sessions if s.id == self.session_id)
        self.record, self.session = record, session
        try:
            script_questions = self.library.get(session.script_id).questions
        except KeyError:
            script_questions = ()
        asked = {q.id for q in session.questions}
        known = [q for q in script_questions if q.id in asked] or list(script_questions)
        if not known:  # the script is gone: ask the questions as they were asked then
            known = [Question(q.id, q.text, q.kind, q.section) for q in session.questions]
        self.questions = session_questions(tuple(known), record)
        for question_id, answer in record.answers_of(session.id).items():
            self.values[question_id] = answer.value
        ids = [q.id for q in self.questions]
        self.index = ids.index(session.cursor) if session.cursor in ids else 0
        self.title = one_line(record.client.name)
        self.sub_title = one_line(session.script_title)
        self._render_question_list()
        self._show_question()
        self._show_views(record)
        self._tick()
        self.set_interval(1.0, self._tick)
        self._set_saved_text(Text("✓ saved", style="green"))
        self._ready = True

    # --------------------------------------------------------------- rendering

    def _render_question_list(self) -> None:
        listing = self.query_one("#questions", OptionList)
        listing.clear_options()
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
        label.append(one_line(first_line, 40))
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

    def _show_question(self) -> None:
        question = self.question
        answered = sum(1 for q in self.questions if is_answered(self.values.get(q.id)))
        where = Text()
        where.append(f"{self.index + 1}/{len(self.questions)} ", style="bold")
        where.append(one_line(question.section or "", 30), style="dim")
        where.append(f"  · {answered} answered", style="dim")
        self.query_one("#where", Static).update(where)
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
        box = self.query_one("#previous", Static)
        previous = None
        if question.carry and self.record is not None and self.session is not None:
            previous = self.record.previous_answer(question.id, self.session)
        if previous is None:
            box.display = False
            return
        box.display = True
        box.border_title = f"Last time ({previous.updated:%d %b})"
        box.update(Text(visible(_as_text(previous.value))))

    def _mount_editor(self, question: Question) -> None:
        slot = self.query_one("#editor-slot", Vertical)
        slot.remove_children()
        editor = self._make_editor(question, self.values.get(question.id))
        self._editor = editor
        slot.mount(editor)
        self.query_one("#editor-hint", Static).update(Text(_hint_for(question), style="dim italic"))
        self.call_after_refresh(editor.focus)

    def _make_editor(self, question: Question, value: AnswerValue) -> Widget:
        kind = question.kind
        blinks = self.app_blinks
        if kind in ("text", "list"):
            shown = "\n".join(value) if isinstance(value, list) else str(value or "")
            area = TextArea(shown, soft_wrap=True, id="editor", classes=f"kind-{kind}")
            area.cursor_blink = blinks
            area.show_line_numbers = False
            area.move_cursor(area.document.end)
            return area
        if kind in ("line", "date"):
            field = Input(
                str(value or ""),
                id="editor",
                placeholder=question.placeholder or _placeholder(kind),
            )
            field.cursor_blink = blinks
            return field
        if kind == "rating":
            low, high = question.scale or (1, 5)
            return RatingInput(
                low,
                high,
                dict(question.labels),
                value if isinstance(value, int) else None,
                id="editor",
            )
        if kind == "choice":
            return RadioSet(
                *(RadioButton(one_line(o), value=o == value) for o in question.options), id="editor"
            )
        if kind == "yesno":
            return RadioSet(
                RadioButton("Yes", value=value is True),
                RadioButton("No", value=value is False),
                id="editor",
            )
        if kind == "choices":
            chosen = set(value) if isinstance(value, list) else set()
            return SelectionList[str](
                *((one_line(o), o, o in chosen) for o in question.options), id="editor"
            )
        area = TextArea(str(value or ""), soft_wrap=True, id="editor")
        area.cursor_blink = blinks
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
        self.query_one("#views", RunningViewsList).show(
            planning.running_views(record), self.app_today()
        )

    def _tick(self) -> None:
        if self.session is None:
            return
        elapsed = max(0, int((self.coach_app.now() - self.session.started).total_seconds()))
        minutes, seconds = divmod(elapsed, 60)
        budget = 0
        try:
            budget = self.library.get(self.session.script_id).minutes
        except KeyError:
            pass
        text = Text(f"⏱ {minutes:d}:{seconds:02d}")
        if budget:
            over = minutes >= budget
            text.append(f" / {budget} min", style="bold red" if over else "dim")
        self.query_one("#clock", Static).update(text)

    def _set_saved_text(self, text: Text) -> None:
        self.query_one("#saved", Static).update(text)

    # ----------------------------------------------------------------- saving

    def _editor_changed(self) -> None:
        if not self._ready:
            return
        value = self._editor_value()
        question = self.question
        if value == self.values.get(question.id) and question.id not in self._dirty:
            return
        self.values[question.id] = value
        self._dirty.add(question.id)
        self._set_saved_text(Text("● editing", style="yellow"))
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(AUTOSAVE_SECONDS, self.save_current)

    @on(TextArea.Changed, "#editor")
    @on(Input.Changed, "#editor")
    @on(RadioSet.Changed, "#editor")
    @on(SelectionList.SelectedChanged, "#editor")
    @on(RatingInput.Changed, "#editor")
    def _changed(self) -> None:
        self._editor_changed()

    def save_current(self) -> None:
        """Queue the current answer (and a GAS score for a per-goal question)."""
        if not self._ready:
            return
        question = self.question
        value = self._editor_value()
        self.values[question.id] = value
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
        self._refresh_mark(self.index)

    def _on_save_thread(self, result: SaveResult) -> None:
        try:
            self.app.call_from_thread(self._on_saved, result)
        except RuntimeError:
            pass  # the app is closing; the save itself has already happened

    def _on_saved(self, result: SaveResult) -> None:
        if not result.ok:
            self._last_error = result.error
            self._set_saved_text(Text("⚠ not saved — retrying", style="bold red"))
            self.notify(
                f"{result.error}\nYour text stays in the editor and is saved as soon as "
                "the disk allows.",
                title="Not saved yet",
                severity="error",
                timeout=8,
            )
            return
        if result.pending:
            self._set_saved_text(Text("● saving…", style="yellow"))
            return
        if self._last_error:
            self.notify("Everything is saved now.", title="Saved")
            self._last_error = ""
        self._set_saved_text(Text(f"✓ saved {self.coach_app.now():%H:%M:%S}", style="green"))
        if result.key.startswith(("capture:", "answer:")):
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
        return self._saves.flush(timeout)

    def warn_unsaved_on_quit(self) -> None:
        self.notify(
            f"{self._last_error or 'Saving is taking longer than usual.'}\n"
            "Nothing was lost: your text is still here. Free some space or fix the folder, "
            "then quit again.",
            title="Not quitting: answers not yet saved",
            severity="error",
            timeout=12,
        )

    # ------------------------------------------------------------- navigation

    def _go(self, index: int) -> None:
        if not self._ready or not 0 <= index < len(self.questions) or index == self.index:
            return
        self.save_current()
        self.index = index
        question_id = self.question.id
        client_id, session_id, practice = self.client_id, self.session_id, self.practice
        self._saves.submit(
            "cursor", lambda: practice.set_cursor(client_id, session_id, question_id)
        )
        self._show_question()

    def action_next(self) -> None:
        if self.index + 1 >= len(self.questions):
            self.save_current()
            self.notify("That was the last question: ctrl+f wraps up the session.")
            return
        self._go(self.index + 1)

    def action_previous(self) -> None:
        self._go(self.index - 1)

    @on(OptionList.OptionSelected, "#questions")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.startswith("q"):
            self._go(int(event.option.id[1:]))
            if self._editor is not None:
                self._editor.focus()

    def action_toggle_list(self) -> None:
        listing = self.query_one("#questions", OptionList)
        if self.has_class("-narrow"):
            listing.toggle_class("-shown")
        else:
            listing.toggle_class("-hidden")
        if listing.display and listing.styles.display != "none":
            listing.focus()

    def action_focus_views(self) -> None:
        self.query_one("#views", RunningViewsList).focus()

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

    def action_capture(self, kind_name: str) -> None:
        """Turn the current line (or selection) into an item of the running views."""
        if not self._ready:
            return
        kind = CAPTURE_KINDS[kind_name]
        self.save_current()
        line = self._current_line()
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

    @on(RunningViewsList.ItemAction, "#views")
    def _item_action(self, event: RunningViewsList.ItemAction) -> None:
        from screens.capture import handle_item_action

        handle_item_action(self, self.client_id, event.insight, event.action, self.refresh_views)

    # ------------------------------------------------------------- leave / end

    def action_pause(self) -> None:
        """Leave the session open (it is offered for resuming) and go back."""
        if not self.flush_saves():
            self.warn_unsaved_on_quit()
            return
        self._saves.close()
        self.notify("Session paused: s on the engagement screen resumes it.")
        self.app.pop_screen()

    def action_finish(self) -> None:
        from screens.wrapup import WrapUpScreen

        if not self._ready:
            return
        if not self.flush_saves():
            self.warn_unsaved_on_quit()
            return
        self.app.push_screen(WrapUpScreen(self.client_id, self.session_id))

    def on_unmount(self) -> None:
        self._saves.close(timeout=5.0)


def _as_text(value: AnswerValue) -> str:
    if isinstance(value, list):
        return "\n".join(f"• {item}" for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _placeholder(kind: str) -> str:
    return "YYYY-MM-DD, +14, next week" if kind == "date" else "A short answer"


def _hint_for(question: Question) -> str:
    feeds = f" · each line feeds {question.feeds}" if question.feeds else ""
    return {
        "text": "Type freely; saved as you go",
        "list": "One item per line" + feeds,
        "line": "One line",
        "date": "A date: YYYY-MM-DD, +14 or next week",
        "rating": "← → or a number; backspace clears",
        "choice": "↑ ↓ then enter or space to choose",
        "yesno": "↑ ↓ then enter or space: yes or no",
        "choices": "↑ ↓ and space to tick any number",
    }.get(question.kind, "")
