"""The live session: the script, one question at a time, saved as it is typed.

The screen is built in layers, one concern a module: ``session_question`` (the
question list, the prompt, the editor and the keys typed ahead), ``session_saving``
(the save queue, the saved indicator, the running views), ``session_capture`` (the
capture keys and item actions) and this module (the keys, the layout, moving between
questions, pausing and finishing). How a script's questions become the session's is
core: ``coach_tui.domain.sessions``.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    OptionList,
    Static,
)

from coach_tui.domain.model import AnswerValue, ClientRecord, Session
from coach_tui.domain.sessions import questions_of
from coach_tui.scripts.library import Question, Script
from coach_tui.store.autosave import SaveQueue
from coach_tui.store.clientfile import new_id
from coach_tui.text import one_line
from screens.first_frame import LaidOutOnce
from screens.session_capture import SessionCapture
from screens.session_clock import SAVE_EVERY_SECONDS, CallClock
from screens.session_parts import (
    CAPTURE,
    CAPTURE_KEYS,
    CAPTURE_KINDS,
    MOVE,
    blank_value,
    capture_legend,
    new_session,
)
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader
from screens.widgets.lean_options import LeanOptionList
from screens.widgets.plan_panel import PlanPanel, has_content
from screens.widgets.running_views import RunningViewsList
from screens.work import CoreDone, run_core


class SessionScreen(LaidOutOnce, SessionCapture):
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
        Binding(
            "ctrl+o",
            "coach_only",
            "This answer: coach only / shared",
            id="session.coach-only",
            show=False,
        ),
        Binding(
            "ctrl+g", "consent", "Consent: what the sponsor sees", id="session.consent", show=False
        ),
        Binding(
            "escape",
            "pause",
            "Pause",
            tooltip="Leave the session open: s on the engagement resumes it",
            id="session.pause",
        ),
    ]

    failure_title = "Cannot open the session"
    #: Nothing takes the focus by itself: the answer box takes it once it is there,
    #: and keys typed until then wait for it (``on_key``).
    AUTO_FOCUS = ""

    def __init__(self, client_id: str, session_id: str) -> None:
        super().__init__(client_id)
        self.session_id = session_id
        #: (script, stakeholder id) of a session this screen writes before showing it.
        self._starting: tuple[Script, str | None] | None = None
        self._held: ClientRecord | None = None
        #: The new session as written from ``_held`` (``_write_new``).
        self._new: Session | None = None
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
        self._focus_at_once = False
        #: The question whose answer box was composed with the screen (``_first_editor``).
        self._composed_for: str | None = None
        self._views_unfilled: ClientRecord | None = None
        #: Composed ahead (``ahead``): the session is written at ``begin``, not before.
        self._held_back = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        # The classes the first frame needs, set before the widgets are styled: each
        # one set later restyles the whole screen (the plan's when the record is shown).
        self.set_breakpoint_classes()
        held = self._held
        if held is not None and has_content(held.latest_plan()):
            self.add_class("-plan")
        if held is not None and self._starting is not None:
            if self._held_back:  # composed ahead: written when the coach presses s
                script, stakeholder_id = self._starting
                self._new = new_session(
                    held, script, stakeholder_id, self.session_id, self.coach_app.now()
                )
            else:
                self._write_new(held, *self._starting)
        yield CoachHeader()
        with Horizontal(id="topbar"):
            yield Static("", id="where")
            yield Static("", id="clock")
            yield Static("", id="saved")
        with Horizontal(id="body"):
            yield LeanOptionList(id="questions")
            with Vertical(id="centre"):
                with VerticalScroll(id="prompt"):
                    yield Static("", id="question-text")
                    yield Static("", id="guidance")
                with VerticalScroll(id="previous"):
                    yield Static("", id="previous-answer")
                yield Vertical(*self._first_editor(), id="editor-slot")
                yield Static("", id="editor-hint")
                yield Static(capture_legend(), id="capture-legend")
            yield RunningViewsList(id="views")
            yield PlanPanel(id="plan-panel")
        yield CoachFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#questions").border_title = "Questions"
        self.query_one("#views").border_title = "Running views"
        self.query_one("#plan-panel").border_title = "Plan for today"
        self.query_one("#plan-panel").border_subtitle = "space done · ^t views"
        self.query_one("#views").border_subtitle = "^t plan"
        self.query_one("#previous").border_title = "Last time"
        self.load()

    @classmethod
    def starting(
        cls,
        client_id: str,
        script: Script,
        stakeholder_id: str | None = None,
        record: ClientRecord | None = None,
    ) -> SessionScreen:
        """The screen of a new session, shown while the session is written (off the UI
        thread, with the id given here); a failure is said and the screen closes.

        ``record`` is the executive as the screen below has just shown it: given, the
        first question is on screen in the first frame, while the session is written
        (the file is not read again).
        """
        screen = cls(client_id, new_id())
        screen._starting = (script, stakeholder_id)
        screen._held = record
        screen.failure_title = "Cannot start the session"
        return screen

    def load(self) -> None:
        if self._new is not None:
            self._show_new(self._new)
        elif self._starting is not None:
            self._start_then_load()
        else:
            self.load_record()

    def _start_then_load(self) -> None:
        """Write the new session, then read the executive: off the UI thread, the
        result handled like any load (``ExecutiveScreen._record_loaded``)."""
        practice, client_id, session_id = self.practice, self.client_id, self.session_id
        starting = self._starting

        def job() -> ClientRecord:
            if starting is not None:
                script, stakeholder_id = starting
                practice.start_session(client_id, script, stakeholder_id, session_id=session_id)
                self._starting = None
            return practice.load(client_id)

        run_core(self, "executive-load", job, exclusive=True)

    @classmethod
    def ahead(cls, client_id: str, script: Script, record: ClientRecord) -> SessionScreen:
        """The session ``s`` would start, composed while the coach reads the engagement
        (``first_frame.build_ahead``); nothing is written before ``begin`` (s pressed)."""
        screen = cls.starting(client_id, script, None, record)
        screen._held_back = True
        return screen

    def begin(self) -> None:
        """The coach started the session: it starts now (its time, its clock) and is
        written off the UI thread. Nothing to do for a screen not composed ahead."""
        if not self._held_back:
            return
        self._held_back = False
        if self._new is None or self._starting is None or self._held is None:
            return  # not composed yet: compose writes it
        session = replace(self._new, started=self.coach_app.now())
        self._new = session
        if self.session is not None:  # already shown from the session composed ahead
            self.session = session
            self.record = replace(self._held, sessions=[*self._held.sessions, session])
            self._clock = CallClock(session.active_seconds)
        self._write(session, *self._starting)

    def _write_new(self, record: ClientRecord, script: Script, stakeholder_id: str | None) -> None:
        """Write the new session off the UI thread, from the first moment (while the
        screen is built and shown from ``record``: ``_show_new``)."""
        session = new_session(record, script, stakeholder_id, self.session_id, self.coach_app.now())
        self._new = session
        self._write(session, script, stakeholder_id)

    def _write(self, session: Session, script: Script, stakeholder_id: str | None) -> None:
        practice, client_id, session_id = self.practice, self.client_id, self.session_id

        def job() -> Session:
            return practice.start_session(
                client_id, script, stakeholder_id, at=session.started, session_id=session_id
            )

        run_core(self, "session-start", job, exclusive=True)

    def _show_new(self, session: Session) -> None:
        """The new session on screen, its answer box typing; saves may go (and the
        top bar says "saved") once it is on disk (``_started``)."""
        assert self._held is not None
        self._focus_at_once = True
        self._show(replace(self._held, sessions=[*self._held.sessions, session]), session)
        if self._starting is None:  # written already
            self._become_ready()
        else:
            self._set_saved_text(Text("● starting…", style="yellow"))

    @on(CoreDone)
    def _started(self, message: CoreDone) -> None:
        if message.key != "session-start":
            return
        self._starting = None
        if message.error is not None:
            self._load_failed(str(message.error))
            return
        if message.value != self._new:
            # The executive's file had changed since the screen below read it (a new
            # stage, say): show the session as written, with what was typed meanwhile.
            self._new = None
            typed = self._editor_value() if self.session is not None else None
            if not blank_value(typed):
                self.values[self.question.id] = typed
                self._dirty.add(self.question.id)  # saved once shown (``show_record``)
            self.load_record()
            return
        if self.session is None:
            return  # not on screen yet: shown ready (``_show_new``)
        self._become_ready()
        if not blank_value(self._editor_value()):
            self._editor_changed()  # what was typed while the session was being written

    def show_record(self, record: ClientRecord) -> None:
        session = next(s for s in record.sessions if s.id == self.session_id)
        self._show(record, session)
        self._become_ready()
        if self._dirty:
            self.save_current()

    def _show(self, record: ClientRecord, session: Session) -> None:
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
        if self._clock is None and has_content(record.latest_plan()):
            # What was planned comes first; ctrl+t for the views. Set before the views
            # are filled: hidden, they are laid out when first shown, not now.
            self.add_class("-plan")
        self._show_views(record)
        if self._clock is None:
            self._clock = CallClock(session.active_seconds)
            self._clock_saved = session.active_seconds
        self._tick()

    def _become_ready(self) -> None:
        """The session is on disk: saves may go, the clock runs."""
        if not self._ready:
            self.set_interval(1.0, self._tick)
        self._set_saved_text(Text("✓ saved", style="green"))
        self._ready = True

    def action_toggle_plan(self) -> None:
        """Swap the running views and the plan for this session (ctrl+t)."""
        self.toggle_class("-plan")
        if not self.has_class("-plan"):
            self._fill_views()
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
