"""Wrap-up: confirm what was captured, score the goals, write the next-session plan."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from coach_tui.domain import plan as planning
from coach_tui.domain.answered import is_answered
from coach_tui.domain.model import GAS_LEVELS, ClientRecord, Stage
from coach_tui.domain.plan import RunningViews
from coach_tui.domain.sessions import Finish, finish_session, questions_of
from coach_tui.scripts.library import Script
from coach_tui.text import one_line
from screens.base import CoachScreen
from screens.dialogs import parse_due
from screens.widgets.date_reading import date_reading_text
from screens.widgets.editors import SafeInput
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader
from screens.widgets.rating import RatingInput
from screens.widgets.running_views import SECTIONS, RunningViewsList
from screens.widgets.text_editor import SafeTextArea
from screens.work import CoreDone, run_core


class WrapUpScreen(CoachScreen):
    """The end of a session: what was heard becomes the plan for the next one."""

    CSS_PATH = "wrapup.tcss"
    BINDINGS = [
        Binding("ctrl+s", "write_plan", "Write plan & end", id="wrapup.write", priority=True),
        Binding("escape", "back", "Back to session", id="wrapup.back"),
    ]

    def __init__(self, client_id: str, session_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.session_id = session_id
        self.record: ClientRecord | None = None
        self.goal_ids: list[str] = []
        self._proposed = ""
        self._writing = False

    def compose(self) -> ComposeResult:
        yield CoachHeader()
        with VerticalScroll(id="wrap"):
            yield Static("", id="summary")
            # At 80x24 the rest is below the fold: say how to get there.
            yield Static(
                Text(
                    "tab: script · notes · captured items and goal scores below · ctrl+s ends",
                    style="dim",
                ),
                id="wrap-keys",
            )
            with Vertical(id="next", classes="panel"):
                with Horizontal(classes="row"):
                    yield Label("Next session on ", classes="label")
                    yield SafeInput(id="next-date", placeholder="15 Mar, next Friday, in 2 weeks")
                    yield Static("", id="next-date-reading")
                # Right under the date: what is wrong shows where the coach is looking.
                yield Static("", id="problem", classes="error")
                with Horizontal(classes="row"):
                    yield Label("Script ", classes="label")
                    yield Select[str](
                        [(Text(one_line(s.title)), s.id) for s in self._coach_scripts()],
                        id="next-script",
                        allow_blank=False,
                    )
                yield Static("", id="plan-preview")
                yield Label("Notes for next time (private to you)")
                yield SafeTextArea(id="notes", soft_wrap=True)
            yield RunningViewsList(id="captured", classes="panel")
            yield Vertical(id="goals", classes="panel")
            with Horizontal(classes="buttons"):
                yield Button("Back to session  esc", id="back")
                yield Button("Write plan & end session  ctrl+s", id="write", variant="primary")
        yield CoachFooter(compact=True)

    def _coach_scripts(self) -> list[Script]:
        return [s for s in self.library.all() if s.audience == "coach"]

    def on_mount(self) -> None:
        self.query_one("#captured").border_title = "Captured in this session (e edit · x remove)"
        self.query_one("#goals").border_title = "Goal scores (GAS −2..+2)"
        self.query_one("#next").border_title = "The next session"
        # The date takes the keys from the start: the record loads in a thread, and a
        # coach who types the date as the wrap-up opens must not lose it.
        self.call_after_refresh(self._focus_date)
        self.load()

    def _focus_date(self) -> None:
        """The date field takes the keys, unless the coach has moved elsewhere."""
        if self.focused is None or self.focused is self.query_one("#wrap"):
            self.query_one("#next-date", Input).focus(scroll_visible=False)

    def on_key(self, event: events.Key) -> None:
        """Letters typed before the date field has the focus are the date's.

        A letter that reaches the screen while the date field has the focus was sent
        here before the field took it (the field itself takes every letter): it is
        the date's too.
        """
        if not (event.is_printable and event.character):
            return
        field = self.query_one("#next-date", Input)
        if self.focused not in (None, self.query_one("#wrap"), field):
            return
        if field.value == self._proposed:
            field.value = ""  # typing replaces the proposal, as in the focused field
        field.insert_text_at_cursor(event.character)
        event.stop()
        event.prevent_default()
        self._focus_date()

    def load(self) -> None:
        practice, client_id = self.practice, self.client_id
        run_core(self, "wrapup-load", lambda: practice.load(client_id), exclusive=True)

    @on(CoreDone)
    def _loaded(self, message: CoreDone) -> None:
        if message.key != "wrapup-load":
            return
        if message.error is not None:
            self.notify(str(message.error), title="Cannot read this executive", severity="error")
            return
        self._show(message.value)

    def _show(self, record: ClientRecord) -> None:
        first_time = self.record is None
        self.record = record
        session = next(s for s in record.sessions if s.id == self.session_id)
        today = self.app_today()
        self.title = one_line(record.client.name)
        self.sub_title = f"Wrap-up · {one_line(session.script_title)}"
        asked = questions_of(session, self.library, record)
        answers = record.answers_of(session.id)
        answered = sum(1 for q in asked if q.id in answers and is_answered(answers[q.id].value))
        mine = [i for i in record.insights if i.session_id == session.id]
        summary = Text()
        summary.append(f"{answered} of {len(asked)} questions answered · ", style="bold")
        summary.append(
            f"{len(mine)} item(s) captured in this session"
            if mine
            else "nothing captured in this session"
        )
        self.query_one("#summary", Static).update(summary)
        captured = RunningViews()
        for insight in sorted(mine, key=lambda i: i.created):
            captured.of(insight.kind).append(insight)
        view = self.query_one("#captured", RunningViewsList)
        view.kinds = tuple(kind for kind, _ in SECTIONS if captured.of(kind))
        view.display = bool(mine)
        view.show(captured, today)
        if first_time:
            self._fill_plan_fields(record, session.stage)

    def _fill_plan_fields(self, record: ClientRecord, stage: Stage) -> None:
        today = self.app_today()
        draft = planning.draft_next_plan(record, today, session_id=self.session_id)
        field = self.query_one("#next-date", Input)
        if not field.value:  # what the coach typed while this loaded stays
            self._proposed = draft.next_date.isoformat() if draft.next_date else ""
            field.value = self._proposed
        self.query_one("#next-date-reading", Static).update(
            date_reading_text(field.value, self.app_today())
        )
        scripts = self._coach_scripts()
        select = self.query_one("#next-script", Select)
        if draft.script_id in {s.id for s in scripts}:
            select.value = draft.script_id
        notes = self.query_one("#notes", TextArea)
        notes.text = draft.notes
        notes.move_cursor(notes.document.end)  # what the coach types adds to them
        goals = planning.scorable_goals(record)
        box = self.query_one("#goals", Vertical)
        scoring = stage in (Stage.ACTION, Stage.ACHIEVEMENT)
        box.display = bool(goals) and scoring
        self.goal_ids = [g.id for g in goals] if scoring else []
        for goal in goals if scoring else []:
            this_session = next(
                (s.score for s in goal.scores if s.session_id == self.session_id), None
            )
            labels = {level: goal.gas.get(level, meaning) for level, meaning in GAS_LEVELS.items()}
            box.mount(Static(Text(one_line(goal.text), style="bold")))
            if goal.measure:
                box.mount(Static(Text(f"Measure: {one_line(goal.measure)}", style="dim")))
            box.mount(RatingInput(-2, 2, labels, this_session, id=f"score-{goal.id}"))
        preview = Text()
        preview.append("The plan will also carry: ", style="bold")
        preview.append(f"{len(draft.review_actions)} open commitment(s) to review, ")
        preview.append(f"{len(draft.score_goals)} goal(s) to score, ")
        preview.append(f"{len(draft.focus_areas)} development area(s) in focus.")
        self.query_one("#plan-preview", Static).update(preview)
        # The date has the focus and is at the top: the next session first, then what
        # was captured and the goal scores (tab reaches them; the screen scrolls).
        self._focus_date()

    @on(Input.Changed, "#next-date")
    def _date_typed(self, event: Input.Changed) -> None:
        """Beside the field: the date understood, or why it is not one."""
        self.query_one("#next-date-reading", Static).update(
            date_reading_text(event.value, self.app_today())
        )

    @on(RunningViewsList.ItemAction, "#captured")
    def _item_action(self, event: RunningViewsList.ItemAction) -> None:
        from screens.capture import handle_item_action

        handle_item_action(self, self.client_id, event.insight, event.action, self.load)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#write")
    def action_write_plan(self) -> None:
        """ctrl+s acts at once: the date typed just before it must be in."""
        self.coach_app.after_typed_keys(self._write_plan)

    def _write_plan(self) -> None:
        """End the session: scores, then the plan, then back to the engagement."""
        record = self.record
        if record is None:
            return
        problem = self.query_one("#problem", Static)
        raw_date = self.query_one("#next-date", Input).value
        try:
            next_date = parse_due(raw_date, self.app_today())
        except ValueError as exc:
            problem.update(Text(str(exc)))
            self.query_one("#next-date", Input).focus()
            self.call_after_refresh(problem.scroll_visible, animate=False)
            return
        scores = {}
        for goal_id in self.goal_ids:
            value = self.query_one(f"#score-{goal_id}", RatingInput).value
            if value is not None:
                scores[goal_id] = value
        script_value = self.query_one("#next-script", Select).value
        script_id = script_value if isinstance(script_value, str) else ""
        notes = self.query_one("#notes", TextArea).text
        if self._writing:
            return  # ctrl+s again while the first one is being written
        self._writing = True
        finish = Finish(scores=scores, next_date=next_date, script_id=script_id, notes=notes)
        practice, client_id, session_id = self.practice, self.client_id, self.session_id
        today = self.app_today()

        def job() -> None:
            # Read again here: items edited in the wrap-up are in the plan's draft.
            fresh = practice.load(client_id)
            finish_session(practice, fresh, session_id, finish, today)

        run_core(self, "wrapup-finish", job, exclusive=True)

    @on(CoreDone)
    def _finished(self, message: CoreDone) -> None:
        """The session is ended and the plan written (or nothing is, and it says why)."""
        if message.key != "wrapup-finish":
            return
        self._writing = False
        if message.error is not None:
            problem = self.query_one("#problem", Static)
            text = f"{message.error} — nothing is lost; fix it and press ctrl+s again."
            problem.update(Text(text))
            self.notify(text, title="The plan is not written yet", severity="error", markup=False)
            self.call_after_refresh(problem.scroll_visible, animate=False)
            return
        self.notify(
            "Session ended; the plan for next time is written.", title="Saved", markup=False
        )
        from screens.session import SessionScreen

        # Back to the engagement: close the wrap-up and the session beneath it.
        self.app.pop_screen()
        if isinstance(self.app.screen, SessionScreen):
            self.app.pop_screen()
        from screens.engagement import EngagementScreen

        if not isinstance(self.app.screen, EngagementScreen):
            # A session resumed from the practice's offer: the engagement was not open.
            self.coach_app.open_client(self.client_id)
