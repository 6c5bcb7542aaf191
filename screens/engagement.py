"""Engagement: where an executive stands, what is known, and what comes next."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach_tui.domain import plan as planning
from coach_tui.domain import suggestions
from coach_tui.domain.answered import answered_count
from coach_tui.domain.model import Answer, ClientRecord, Insight, Session, Stage
from coach_tui.domain.stakeholder_proposals import Proposal, proposals_for
from coach_tui.errors import CoachError
from coach_tui.text import one_line, visible
from screens.base import ExecutiveScreen
from screens.first_frame import LaidOutOnce, build_ahead, discard_built, still_fits
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader
from screens.widgets.lean_options import LeanOptionList
from screens.widgets.running_views import RunningViewsList
from screens.widgets.stage_track import StageTrack
from screens.work import CoreDone, run_core


def plan_text(record: ClientRecord, today: date, library_titles: dict[str, str]) -> Text:
    """The next-session plan as the coach reads it before a call."""
    plan = record.latest_plan()
    text = Text()
    if plan is None:
        text.append("No plan yet: it is written when a session is wrapped up.", style="dim italic")
        return text
    when = "date not set"
    if plan.next_date:
        days = (plan.next_date - today).days
        relative = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(
            days, f"in {days} days" if days > 0 else f"{-days} days ago"
        )
        when = f"{plan.next_date:%a %d %b %Y} ({relative})"
    text.append("Next session: ", style="bold")
    text.append(when + "\n")
    if plan.script_id:
        text.append("Script: ", style="bold")
        text.append(one_line(library_titles.get(plan.script_id, plan.script_id)) + "\n")
    items = planning.plan_items(record, plan)
    for key, title in (
        ("review_actions", "Review commitments"),
        ("score_goals", "Score goals"),
        ("focus_goals", "Focus goals"),
        ("focus", "Development areas in focus"),
    ):
        if items[key]:
            text.append(f"{title}:\n", style="bold")
            for insight in items[key]:
                mark = "☑" if insight.done else "•"
                text.append(f"  {mark} {one_line(insight.text, 70)}\n")
    if plan.notes.strip():
        text.append("Notes for next time:\n", style="bold")
        text.append(visible(plan.notes.strip()) + "\n")
    return text


def checklist_text(record: ClientRecord, today: date) -> Text:
    text = Text()
    stage = record.engagement.stage
    text.append(f"Before leaving {stage.label}:\n", style="bold")
    for state in planning.checklist(record, today):
        text.append(" ✓ " if state.done else " ✗ ", style="green" if state.done else "red")
        text.append(state.item.text + "\n")
    skipped = [c for c in record.engagement.changes if c.skipped]
    for change in skipped:
        text.append(
            f" (moved to {change.stage.label} with {len(change.skipped)} item(s) skipped)\n",
            style="dim",
        )
    return text


def stakeholders_text(record: ClientRecord, proposed: list[Proposal] | None = None) -> Text:
    people = [s for s in record.stakeholders if s.engagement_id == record.engagement.id]
    proposed = proposed or []
    if not people and not proposed:
        return Text(
            "None yet — k adds the people whose view of the change counts.", style="dim italic"
        )
    text = Text()
    for person in people:
        text.append(f"• {one_line(person.name, 40)}")
        text.append(f"  {person.relationship}\n", style="dim")
    if proposed:
        text.append(f"Proposed from the answers ({len(proposed)}) — k to confirm:\n", style="bold")
        for proposal in proposed:
            text.append(f"? {one_line(proposal.name, 40)}", style="yellow")
            text.append(f"  {proposal.relationship}?\n", style="dim")
    return text


def header_titles(record: ClientRecord) -> tuple[str, str]:
    """The header's title and subtitle: who, their role, and an interrupted session."""
    client = record.client
    sub_title = one_line(" · ".join(p for p in (client.role, client.organisation) if p))
    if record.open_session() is not None:
        sub_title += "  ·  interrupted session: s resumes it"
    return one_line(client.name), sub_title


def session_option(session: Session, answers: int) -> Option:
    line = Text(f"{session.started:%d %b %Y}  ")
    line.append(one_line(session.script_title, 34))
    said = f"{answers} answered" if answers != 1 else "1 answered"
    if session.is_open:
        line.append("  interrupted", style="bold yellow")
        line.append(f" · {said}", style="dim")
    else:
        line.append(f"  {session.minutes} min · {said}", style="dim")
    return Option(line, id=session.id)


class SessionAhead(NamedTuple):
    """The session ``s`` would start, composed ahead (``EngagementScreen._prepare_session``)."""

    screen: Any
    script_id: str
    record: ClientRecord


class EngagementScreen(LaidOutOnce, ExecutiveScreen):
    """One executive's engagement: stage, running views, stakeholders, the plan."""

    CSS_PATH = "engagement.tcss"
    BINDINGS = [
        # The footer shows what a coach needs before a call and fits 80 columns; the
        # rest is in the help (f1), with a description that says what the key does.
        Binding("s", "start", "Session", tooltip="Start or resume", id="engagement.start"),
        Binding("S", "choose_script", "Start another script", show=False, id="engagement.choose"),
        Binding("a", "add_item", "Add to the running views", show=False, id="engagement.add"),
        Binding("greater_than_sign", "advance", "Next stage", id="engagement.advance"),
        Binding("k", "stakeholders", "Stakeholders", id="engagement.stakeholders"),
        Binding("r", "review", "Review", id="engagement.review"),
        Binding("c", "consent", "Consent", show=False, id="engagement.consent"),
        Binding("u", "suggestions", "Suggestions", show=False, id="engagement.suggestions"),
        Binding("A", "agree_goal", "Agree the goal (three-way)", show=False, id="engagement.agree"),
        Binding("m", "measure", "Record a goal's measure", show=False, id="engagement.measure"),
        Binding("M", "readings", "Correct a reading", show=False, id="engagement.readings"),
        Binding("g", "link_goal", "Link to a goal", show=False, id="engagement.link"),
        Binding("z", "close_area", "Close or reopen an area", show=False, id="engagement.close"),
        Binding("v", "assessment", "Assessment", show=False, id="engagement.assessment"),
        Binding("p", "report", "Report", show=False, id="engagement.report"),
        Binding("h", "history", "Sessions list", show=False, id="engagement.history"),
        Binding("escape", "back", "Back", id="engagement.back"),
        Binding("question_mark", "app.help", "Help", show=False, id="engagement.help"),
    ]

    def __init__(self, client_id: str, record: ClientRecord | None = None) -> None:
        super().__init__(client_id)
        self.record: ClientRecord | None = record
        self._read_on_resume = record is None  # else the record given is shown at mount
        #: The session composed ahead, with its script and the record it was composed from.
        self._session_ahead: SessionAhead | None = None
        if record is not None:
            # In the header from its first frame: a title changed later lays it out again.
            self.title, self.sub_title = header_titles(record)

    def compose(self) -> ComposeResult:
        yield CoachHeader()
        stage = self.record.engagement.stage if self.record is not None else Stage.AWARENESS
        yield StageTrack(stage, id="track")
        with Horizontal(id="columns"):
            with VerticalScroll(id="left"):
                yield Static("", id="plan", classes="panel")
                yield Static("", id="checklist", classes="panel")
                yield Static("", id="stakeholders", classes="panel")
                yield LeanOptionList(id="sessions", classes="panel")
            yield RunningViewsList(id="views", classes="panel")
        yield CoachFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#plan").border_title = "Next session"
        # Keys the 80-column footer has no room for, shown where they act.
        self.query_one("#plan").border_subtitle = "S other script · p report · c consent"
        self.query_one("#views").border_subtitle = "a add · e edit · x remove"
        self.query_one("#checklist").border_title = "Checklist"
        self.query_one("#checklist").border_subtitle = "> next stage · v assessment"
        self.query_one("#stakeholders").border_title = "Stakeholders"
        self.query_one("#sessions").border_title = "Sessions"
        self.query_one("#sessions").border_subtitle = "h go here · enter opens"
        self.query_one("#views").border_title = "Running views"
        if self.record is not None:
            self.show_record(self.record)

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first pushed: the one read of the record, unless
        # the screen was opened with it. Back from another screen, the file is read again.
        if self._read_on_resume:
            self.reload()
        else:
            self.call_after_refresh(self._prepare_session)
        self._read_on_resume = True

    def reload(self) -> None:
        self.load_record()

    def show_record(self, record: ClientRecord) -> None:
        self.record = record
        today = self.app_today()
        self.title, self.sub_title = header_titles(record)
        self.query_one("#track", StageTrack).set_stage(record.engagement.stage)
        titles = {s.id: s.title for s in self.library.all()}
        plan = plan_text(record, today, titles)
        waiting = suggestions.pending(record, self.library)
        if waiting:
            plan.append(
                f"{len(waiting)} suggestion{'s' if len(waiting) != 1 else ''} from the "
                "executive's own words: u to go through them\n",
                style="bold yellow",
            )
        self.query_one("#plan", Static).update(plan)
        self.query_one("#checklist", Static).update(checklist_text(record, today))
        self.query_one("#checklist").border_title = f"Checklist · {record.engagement.stage.label}"
        proposed = proposals_for(record, self.library)
        self.query_one("#stakeholders", Static).update(stakeholders_text(record, proposed))
        sessions = self.query_one("#sessions", OptionList)
        sessions.clear_options()
        history = list(reversed(record.sessions_of(record.engagement.id)))
        if not history:
            sessions.add_option(
                Option(
                    Text("No sessions yet — s starts the first.", style="dim italic"), disabled=True
                )
            )
        # One pass over the answers for all the sessions, and one update of the list.
        answers: dict[str, dict[str, Answer]] = {}
        for answer in record.answers:
            answers.setdefault(answer.session_id, {})[answer.question_id] = answer
        sessions.add_options(
            session_option(session, answered_count(answers.get(session.id, {})))
            for session in history
        )
        self.query_one("#views", RunningViewsList).show(planning.running_views(record), today)
        if self.is_current:  # else once it is (``on_screen_resume``)
            self.call_after_refresh(self._prepare_session)

    # --------------------------------------------------------------- actions

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_start(self) -> None:
        record = self.record
        if record is None:
            return
        interrupted = record.open_session()
        if interrupted is not None:
            self.coach_app.resume_session(self.client_id, interrupted.id)
            return
        self._start(self._script_to_start(record))

    def _script_to_start(self, record: ClientRecord) -> str:
        """The script ``s`` starts: the one the plan names, else the stage's own."""
        plan = record.latest_plan()
        if plan and plan.script_id and plan.script_id in self.library.scripts:
            return plan.script_id
        return planning.default_script_for(record.engagement.stage)

    def _start(self, script_id: str, stakeholder_id: str | None = None) -> None:
        ahead = self._take_session_ahead(script_id, stakeholder_id)
        try:
            self.coach_app.start_session(self.client_id, script_id, stakeholder_id, ahead)
        except (CoachError, KeyError) as exc:
            self.notify(str(exc), title="Cannot start the session", severity="error", markup=False)

    def _prepare_session(self) -> None:
        """Compose the session ``s`` would start, while the coach reads the engagement:
        ``s`` then only writes it and shows it (``SessionScreen.ahead``)."""
        from screens.session import SessionScreen

        record = self.record
        if self._session_ahead is not None and self._session_ahead.record is record:
            return  # composed from this record already
        self._drop_session_ahead()
        if record is None or record.open_session() is not None or self.app.screen is not self:
            return
        script_id = self._script_to_start(record)
        script = self.library.scripts.get(script_id)
        if script is None:
            return
        screen = SessionScreen.ahead(self.client_id, script, record)
        self._session_ahead = SessionAhead(screen, script_id, record)
        build_ahead(self.app, screen)

    def _take_session_ahead(self, script_id: str, stakeholder_id: str | None) -> Any:
        """The session composed ahead, if it is the one asked for and still fits (this
        size, this day); else it is removed."""
        held, self._session_ahead = self._session_ahead, None
        if held is None:
            return None
        if (
            held.script_id == script_id
            and stakeholder_id is None
            and still_fits(self.app, held.screen)
        ):
            return held.screen
        discard_built(self.app, held.screen)
        return None

    def _drop_session_ahead(self) -> None:
        held, self._session_ahead = self._session_ahead, None
        if held is not None:
            discard_built(self.app, held.screen)

    def on_unmount(self) -> None:
        self._drop_session_ahead()

    def action_choose_script(self) -> None:
        from screens.dialogs import PickScriptDialog

        record = self.record
        if record is None:
            return
        stage = record.engagement.stage
        scripts = sorted(
            (s for s in self.library.all() if s.audience == "coach"),
            key=lambda s: (s.stage is not stage, s.stage.position, s.title),
        )

        def chosen(script_id: str | None) -> None:
            if script_id:
                self._start(script_id)

        self.app.push_screen(PickScriptDialog(scripts), chosen)

    def action_add_item(self) -> None:
        from screens.capture import AddItemDialog

        def added(result: Insight | None) -> None:
            if result is not None:
                self.reload()

        self.app.push_screen(AddItemDialog(self.client_id), added)

    def action_stakeholders(self) -> None:
        from screens.stakeholders import StakeholdersScreen

        self.app.push_screen(StakeholdersScreen(self.client_id))

    def action_advance(self) -> None:
        from screens.advance import AdvanceDialog

        if self.record is None:
            return
        if self.record.engagement.stage.next() is None:
            self.notify(
                "Achievement is the last stage: the engagement ends with the final session.",
                markup=False,
            )
            return

        def moved(stage: object) -> None:
            if stage is not None:
                self.reload()

        self.app.push_screen(AdvanceDialog(self.client_id), moved)

    def action_review(self) -> None:
        """The review screen: timeline, search across sessions, charts."""
        from screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.client_id))

    def action_consent(self) -> None:
        """With the executive: what the sponsor may see, line by line."""
        from screens.consent import ConsentScreen

        self.app.push_screen(ConsentScreen(self.client_id))

    def action_suggestions(self) -> None:
        """The executive's own words, to accept, reword or drop with them."""
        from screens.suggestions import SuggestionsScreen

        self.app.push_screen(SuggestionsScreen(self.client_id))

    def action_agree_goal(self) -> None:
        """Agree the goal under the cursor in a three-way meeting, with its baseline."""
        from screens.measures import agree_goal

        agree_goal(self, self.client_id, self._selected(), self.reload)

    def action_measure(self) -> None:
        """Record a value of an agreed goal's measure (the goal under the cursor first)."""
        from screens.measures import record_reading

        if self.record is not None:
            selected = self._selected()
            record_reading(self, self.record, self.reload, selected.id if selected else None)

    def action_readings(self) -> None:
        """Correct or remove a reading typed wrong (the goal under the cursor first)."""
        from screens.readings import fix_readings

        if self.record is not None:
            selected = self._selected()
            fix_readings(self, self.record, self.reload, selected.id if selected else None)

    def action_link_goal(self) -> None:
        from screens.areas import link_to_goal

        if self.record is not None:
            link_to_goal(self, self.record, self._selected())

    def action_close_area(self) -> None:
        from screens.areas import close_or_reopen

        if self.record is not None:
            close_or_reopen(self, self.record, self._selected())

    def _selected(self) -> Insight | None:
        option = self.query_one("#views", RunningViewsList).highlighted_option
        if option is None or self.record is None:
            return None
        return next((i for i in self.record.insights if i.id == option.id), None)

    @on(CoreDone)
    def _core_done(self, message: CoreDone) -> None:
        from screens.areas import handle_done

        handle_done(self, message, self.reload)

    def action_assessment(self) -> None:
        """Self beside stakeholders, blind spots, baseline to final, the mini-survey."""
        from screens.assessment import AssessmentScreen

        self.app.push_screen(AssessmentScreen(self.client_id))

    def action_report(self) -> None:
        """Write a session summary or a final report, for the executive or the sponsor."""
        from screens.report_dialog import ReportDialog

        def chosen(choice: tuple[str, str, str] | None) -> None:
            if choice is not None:
                self._write_report(*choice)

        self.app.push_screen(ReportDialog(), chosen)

    def _write_report(self, kind: str, audience: str, fmt: str) -> None:
        from coach_tui.reports.report import write_report

        practice, client_id = self.practice, self.client_id
        run_core(
            self,
            "engagement-report",
            lambda: write_report(practice, client_id, kind, audience, fmt),
        )

    @on(CoreDone)
    def _report_written(self, message: CoreDone) -> None:
        if message.key != "engagement-report":
            return
        if message.error is not None:
            self.notify(str(message.error), title="No report written", severity="error")
            return
        self.notify(str(message.value), title="Report written", timeout=10)

    def action_history(self) -> None:
        """To the session list, the latest session under the cursor: enter opens it."""
        sessions = self.query_one("#sessions", OptionList)
        sessions.focus()
        if sessions.highlighted is None:
            sessions.action_first()

    @on(OptionList.OptionSelected, "#sessions")
    def _open_session(self, event: OptionList.OptionSelected) -> None:
        from screens.session_view import SessionViewScreen

        if event.option.id is None or self.record is None:
            return
        session = next((s for s in self.record.sessions if s.id == event.option.id), None)
        if session is None:
            return
        if session.is_open:
            self.coach_app.resume_session(self.client_id, session.id)
        else:
            self.app.push_screen(SessionViewScreen(self.client_id, session.id))

    @on(RunningViewsList.ItemAction)
    def _item_action(self, event: RunningViewsList.ItemAction) -> None:
        from screens.capture import handle_item_action

        handle_item_action(self, self.client_id, event.insight, event.action, self.reload)
