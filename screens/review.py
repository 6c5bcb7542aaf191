"""Review: every session of an executive at a glance, searchable, with charts.

The left column is the timeline (newest first: date, stage, script, length, what was
captured) or, while a search is typed, the search results. The right side reads one
session as it was asked at the time (questions, answers, captures, the plan written
at its end), a filter's overview (every capture of one kind across sessions), or the
charts: each goal's GAS score across sessions, competency ratings baseline vs final,
and sessions per stage.

Self-contained: ``ReviewScreen(client_id)`` loads the executive in a worker thread.
User text is always data: ``rich.text.Text`` built with ``append``, never markup.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach_tui.domain import assess, privacy
from coach_tui.domain.model import (
    STAGES,
    AnswerValue,
    ClientRecord,
    Insight,
    InsightKind,
    Session,
)
from coach_tui.text import one_line, visible
from screens.base import ExecutiveScreen
from screens.widgets.editors import SafeInput
from screens.widgets.stage_track import stage_track_text

#: The answers that are the coach's own private notes (shipped scripts).
PRIVATE_QUESTIONS = privacy.COACH_ONLY_QUESTIONS

#: The filter cycles through these (None: every session).
FILTERS: tuple[InsightKind | None, ...] = (
    None,
    InsightKind.STRENGTH,
    InsightKind.WEAKNESS,
    InsightKind.GOAL,
    InsightKind.ACTION,
    InsightKind.MOTIVATION,
    InsightKind.NOTE,
)
FILTER_LABELS: dict[InsightKind, str] = {
    InsightKind.STRENGTH: "strengths",
    InsightKind.WEAKNESS: "development areas",
    InsightKind.GOAL: "goals",
    InsightKind.ACTION: "actions",
    InsightKind.MOTIVATION: "motivations",
    InsightKind.NOTE: "private notes",
}
SHORT_KIND: dict[InsightKind, tuple[str, str]] = {
    InsightKind.STRENGTH: ("strength", "strengths"),
    InsightKind.WEAKNESS: ("dev area", "dev areas"),
    InsightKind.GOAL: ("goal", "goals"),
    InsightKind.ACTION: ("action", "actions"),
    InsightKind.MOTIVATION: ("motivation", "motivations"),
    InsightKind.NOTE: ("note", "notes"),
}

PRIVATE_MARK = " private · coach only "
PRIVATE_STYLE = "bold reverse magenta"
HIT_STYLE = "bold reverse yellow"
MIN_QUERY = 2
MAX_HITS = 200
SNIPPET = 44


# ------------------------------------------------------------------- pure parts


def value_text(value: AnswerValue) -> str:
    """An answer's value as text to read."""
    if isinstance(value, list):
        return "\n".join(f"• {item}" for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    return str(value)


def gas(score: int) -> str:
    """A GAS score as a coach says it: -1, 0, +2."""
    return f"{score:+d}" if score else "0"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def session_label(record: ClientRecord, session: Session) -> str:
    """The script title, with the stakeholder's relationship (never their name)."""
    label = one_line(session.script_title)
    if session.audience == "stakeholder":
        person = next((p for p in record.stakeholders if p.id == session.stakeholder_id), None)
        label += f" · {person.relationship if person else 'stakeholder'}"
    elif session.audience == "executive":
        label += " · the executive"
    return label


def captured_summary(record: ClientRecord, session: Session) -> str:
    """'1 action, 2 goal scores' — what a session left behind."""
    counts = Counter(i.kind for i in record.insights if i.session_id == session.id)
    parts = [
        _plural(counts[kind], *SHORT_KIND[kind]) for kind in FILTERS[1:] if kind and counts[kind]
    ]
    scores = sum(
        1
        for goal in record.insights
        if goal.kind is InsightKind.GOAL
        for score in goal.scores
        if score.session_id == session.id
    )
    if scores:
        parts.append(_plural(scores, "goal score", "goal scores"))
    return ", ".join(parts) if parts else "nothing captured"


def timeline_option(
    record: ClientRecord, session: Session, kind: InsightKind | None = None
) -> Option:
    line = Text()
    line.append(f"{session.started:%d %b %Y}", style="bold")
    line.append(f"  {session.stage.label:<11}", style="cyan")
    if session.is_open:
        line.append(" interrupted", style="bold yellow")
    else:
        line.append(f" {session.minutes:>3} min", style="dim")
    line.append("\n  ")
    line.append(session_label(record, session))
    line.append("\n  ")
    if kind is None:
        line.append(captured_summary(record, session), style="dim")
    else:
        count = sum(1 for i in record.insights if i.session_id == session.id and i.kind is kind)
        line.append(_plural(count, *SHORT_KIND[kind]), style="bold")
    return Option(line, id=f"session-{session.id}")


def sessions_newest_first(record: ClientRecord, kind: InsightKind | None = None) -> list[Session]:
    sessions = sorted(record.sessions, key=lambda s: s.started, reverse=True)
    if kind is None:
        return sessions
    with_kind = {i.session_id for i in record.insights if i.kind is kind and i.session_id}
    return [s for s in sessions if s.id in with_kind]


@dataclass(frozen=True)
class Hit:
    """One search result: where it is, and a snippet with the match marked."""

    session: Session
    question_id: str | None  # None: a capture of that session
    label: str
    snippet: Text


def _snippet(text: str, start: int, length: int) -> Text:
    flat = text.replace("\n", " ")
    left = max(0, start - SNIPPET // 3)
    right = min(len(flat), start + length + SNIPPET)
    shown = Text()
    if left:
        shown.append("…")
    shown.append(visible(flat[left:start]))
    shown.append(visible(flat[start : start + length]), style=HIT_STYLE)
    shown.append(visible(flat[start + length : right]))
    if right < len(flat):
        shown.append("…")
    return shown


def search(record: ClientRecord, query: str) -> list[Hit]:
    """Every answer and capture of every session that contains ``query`` (any case)."""
    needle = query.strip().casefold()
    if len(needle) < MIN_QUERY:
        return []
    hits: list[Hit] = []
    for session in sorted(record.sessions, key=lambda s: s.started, reverse=True):
        answers = record.answers_of(session.id)
        order = [q.id for q in session.questions] + [
            q for q in answers if q not in {asked.id for asked in session.questions}
        ]
        for question_id in order:
            answer = answers.get(question_id)
            if answer is None:
                continue
            text = value_text(answer.value)
            at = text.casefold().find(needle)
            if at < 0:
                continue
            hits.append(
                Hit(
                    session,
                    question_id,
                    one_line(answer.question_text),
                    _snippet(text, at, len(needle)),
                )
            )
        for insight in record.insights:
            if insight.session_id != session.id:
                continue
            at = insight.text.casefold().find(needle)
            if at >= 0:
                label = f"captured {insight.kind.label.lower()}"
                hits.append(Hit(session, None, label, _snippet(insight.text, at, len(needle))))
        if len(hits) >= MAX_HITS:
            break
    return hits[:MAX_HITS]


def hit_option(index: int, hit: Hit) -> Option:
    line = Text()
    line.append(f"{hit.session.started:%d %b %Y}", style="bold")
    line.append(f"  {one_line(hit.session.script_title, 26)}\n", style="dim")
    line.append("  ")
    line.append(one_line(hit.label, 60), style="italic")
    line.append("\n  ")
    line.append_text(hit.snippet)
    return Option(line, id=f"hit-{index}")


def _highlight(text: Text, query: str) -> Text:
    if query.strip():
        text.highlight_words([query.strip()], style=HIT_STYLE, case_sensitive=False)
    return text


def insight_line(insight: Insight, today: date, kind_label: bool = True) -> Text:
    line = Text("  ")
    if kind_label:
        label = "Private note" if insight.kind is InsightKind.NOTE else insight.kind.label
        line.append(f"{label}: ", style="bold")
    line.append(visible(insight.text))
    if insight.kind is InsightKind.GOAL and insight.scores:
        line.append(f"  GAS {gas(insight.scores[-1].score)}", style="dim")
    if insight.kind is InsightKind.ACTION:
        if insight.done:
            line.append("  done", style="green")
        elif insight.due:
            overdue = insight.is_overdue(today)
            line.append(
                f"  {'overdue ' if overdue else 'due '}{insight.due:%d %b}",
                style="bold red" if overdue else "dim",
            )
    if insight.private or insight.kind is InsightKind.NOTE:
        line.append("  ")
        line.append(PRIVATE_MARK, style=PRIVATE_STYLE)
    return line


# ------------------------------------------------------------------------ charts

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of ``width`` cells at most, in eighths of a cell."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = round(min(value, maximum) / maximum * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def gas_chart(goal: Insight) -> Text:
    """One goal's GAS scores as a dot plot: −2..+2 up, sessions along."""
    text = Text()
    text.append(visible(one_line(goal.text)), style="bold")
    scores = goal.scores
    if not scores:
        text.append("\n  not scored yet\n", style="dim italic")
        return text
    latest = scores[-1].score
    trend = "·"
    if len(scores) >= 2:
        delta = latest - scores[-2].score
        trend = "↑" if delta > 0 else "↓" if delta < 0 else "→"
    text.append(f"   latest {gas(latest)} {trend}\n", style="cyan")
    step = 4
    for level in (2, 1, 0, -1, -2):
        text.append(f"  {level:+d} │" if level else "   0 │", style="dim")
        row = [" " * step] * len(scores)
        for column, score in enumerate(scores):
            if score.score == level:
                row[column] = "  ● "
        line = "".join(row).rstrip()
        style = "green" if level > 0 else "yellow" if level == 0 else "red"
        text.append(line, style=style)
        text.append("\n")
    text.append("     └" + "─" * (step * len(scores)) + "\n", style="dim")
    first, last = scores[0].at, scores[-1].at
    axis = f"      {first:%d %b}"
    if len(scores) > 1:
        end = f"{last:%d %b}"
        gap = max(1, step * len(scores) - len(axis) + 6 - len(end))
        axis += " " * gap + end
    text.append(axis + "\n", style="dim")
    return text


def ratings_chart(record: ClientRecord) -> Text:
    """Competencies baseline vs final: the executive's own and the stakeholders' mean."""
    result = assess.assess(record)
    rows = list(result.rated_changes)
    text = Text()
    if not rows:
        text.append("  No ratings recorded yet.\n", style="dim italic")
        return text
    text.append(f"{'':26}{'baseline':<17}final\n", style="dim")
    for row in rows:
        text.append(f"  {visible(one_line(row.competency))}\n", style="bold")
        for who, before, after in (
            ("self", row.self_baseline, row.self_final),
            ("others", row.others_baseline, row.others_final),
        ):
            text.append(f"    {who:<20}  ", style="dim")
            for value in (before, after):
                if isinstance(value, assess.Group):
                    mean = value.mean
                    if value.count and mean is None:
                        text.append(f"{'(fewer than 3)':<17}", style="dim italic")
                        continue
                    number = mean
                else:
                    number = None if value is None else float(value)
                if number is None:
                    text.append(f"{'–':<17}", style="dim")
                    continue
                shown = f"{number:.1f}" if isinstance(value, assess.Group) else f"{number:.0f}"
                drawn = bar(number, 5, 10)
                style = "cyan" if who == "self" else "green"
                text.append(f"{drawn:<10}", style=style)
                text.append(f" {shown:<6}")
            text.append("\n")
    return text


def stage_chart(record: ClientRecord) -> Text:
    """Sessions per stage: with the executive (█) and with stakeholders or alone (▒)."""
    closed = [s for s in record.sessions if not s.is_open]
    coach = Counter(s.stage for s in closed if s.audience == "coach")
    other = Counter(s.stage for s in closed if s.audience != "coach")
    most = max([coach[s] + other[s] for s in STAGES] + [1])
    width = 30
    text = Text()
    for stage in STAGES:
        text.append(f"  {stage.label:<12}", style="bold")
        own = round(coach[stage] / most * width)
        others = round(other[stage] / most * width)
        text.append("█" * own, style="cyan")
        text.append("▒" * others, style="dim cyan")
        count = f" {coach[stage]}"
        if other[stage]:
            count += f" + {other[stage]}"
        text.append(count + "\n")
    text.append("  █ with the executive   ▒ stakeholders and self-assessments\n", style="dim")
    return text


def charts_text(record: ClientRecord) -> Text:
    text = Text()
    text.append("GAS score of each goal, session by session (−2..+2)\n\n", style="bold underline")
    goals = [i for i in record.insights_of(InsightKind.GOAL)]
    if not goals:
        text.append("  No goals yet.\n", style="dim italic")
    for goal in goals:
        text.append_text(gas_chart(goal))
        text.append("\n")
    text.append("\nCompetency ratings: baseline vs final (1–5)\n\n", style="bold underline")
    text.append_text(ratings_chart(record))
    survey = [row for row in assess.survey_rows(record, record.engagement.id) if row.scores.count]
    if survey:
        text.append(
            "\nMini-survey: stakeholders' view of the change (−3..+3)\n\n", style="bold underline"
        )
        for row in survey:
            text.append(f"  {one_line(row.label, 44):<44} ")
            mean = row.mean
            if mean is None:
                text.append("fewer than 3 responses\n", style="dim italic")
                continue
            text.append(f"{bar(max(mean, 0), 3, 12):<12}", style="green" if mean > 1 else "yellow")
            text.append(f" {mean:+.1f} (n={row.scores.count})\n")
    text.append("\nSessions per stage\n\n", style="bold underline")
    text.append_text(stage_chart(record))
    return text


# ------------------------------------------------------------------------ screen


class ReviewScreen(ExecutiveScreen):
    """Past sessions of one executive: timeline, one session, search, filter, charts."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("slash", "search", "Search", id="review.search"),
        Binding("f", "filter", "Filter kind", id="review.filter"),
        Binding("c", "charts", "Charts", id="review.charts"),
        Binding("t", "timeline", "Timeline", id="review.timeline"),
        Binding("o", "coach_only", "Coach-only answers", show=False, id="review.coach_only"),
        Binding("escape", "back", "Back", id="review.back"),
        Binding("question_mark", "app.help", "Help", show=False, id="review.help"),
    ]

    failure_title = "Cannot review this executive"

    def __init__(self, client_id: str) -> None:
        super().__init__(client_id)
        self.record: ClientRecord | None = None
        self.kind: InsightKind | None = None
        self.session_id: str | None = None
        self.query_text = ""
        self.hits: list[Hit] = []
        self.answer_blocks: dict[str, Static] = {}
        self.captures_block: Static | None = None
        self.jumped_to: Static | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="summary")
        yield Static("", id="sent")
        with Horizontal(id="body"):
            with Vertical(id="side"):
                yield SafeInput(placeholder="/ search every session", id="search")
                yield OptionList(id="timeline", classes="panel")
                yield OptionList(id="results", classes="panel")
            with ContentSwitcher(id="main", initial="reading"):
                yield VerticalScroll(id="reading", classes="panel")
                with VerticalScroll(id="charts", classes="panel"):
                    yield Static("", id="charts-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Review"
        self.query_one("#timeline").border_title = "Sessions"
        self.query_one("#results").border_title = "Found"
        self.query_one("#reading").border_title = "Session"
        self.query_one("#charts").border_title = "Charts"
        self.query_one("#results").display = False
        self.query_one("#timeline").focus()
        self.load()

    def load(self) -> None:
        self.load_record()

    def show_record(self, record: ClientRecord) -> None:
        self.record = record
        client = record.client
        self.title = one_line(client.name)
        self.sub_title = "Review"
        coach = [s for s in record.sessions if s.audience == "coach"]
        others = [s for s in record.sessions if s.audience != "coach" and not s.is_open]
        summary = stage_track_text(record.engagement.stage, compact=True)
        summary.append(f"   {_plural(len(coach), 'session', 'sessions')} with the executive")
        interrupted = sum(1 for s in coach if s.is_open)
        if interrupted:
            summary.append(f" ({interrupted} interrupted)")
        if others:
            summary.append(f" · {_plural(len(others), 'other session', 'other sessions')}")
        summary.append("   / search  f filter  c charts", style="dim")
        self.query_one("#summary", Static).update(summary)
        self._show_sent(record)
        self.query_one("#charts-body", Static).update(charts_text(record))
        self._fill_timeline()

    # -------------------------------------------------------------- timeline

    def _fill_timeline(self) -> None:
        record = self.record
        if record is None:
            return
        timeline = self.query_one("#timeline", OptionList)
        timeline.clear_options()
        sessions = sessions_newest_first(record, self.kind)
        title = Text("Sessions")
        if self.kind is not None:
            title.append(f" · {FILTER_LABELS[self.kind]} only")
        timeline.border_title = title
        if not sessions:
            empty = (
                "No sessions yet."
                if self.kind is None
                else f"No session captured {FILTER_LABELS[self.kind]}."
            )
            timeline.add_option(Option(Text(empty, style="dim italic"), disabled=True))
            if self.kind is None:
                self._show_nothing()
            else:
                self._show_kind(self.kind)
            return
        timeline.add_options(timeline_option(record, s, self.kind) for s in sessions)
        if self.kind is not None:
            self._show_kind(self.kind)
            timeline.highlighted = None
            return
        keep = next((i for i, s in enumerate(sessions) if s.id == self.session_id), 0)
        timeline.highlighted = keep
        self.open_session(sessions[keep].id)

    @on(OptionList.OptionHighlighted, "#timeline")
    def _timeline_moved(self, event: OptionList.OptionHighlighted) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("session-"):
            session_id = option_id.removeprefix("session-")
            if session_id != self.session_id or not self.answer_blocks:
                self.open_session(session_id)

    @on(OptionList.OptionSelected, "#timeline")
    def _timeline_chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("session-"):
            self.open_session(option_id.removeprefix("session-"))
            self.query_one("#reading").focus()

    # --------------------------------------------------------------- reading

    def _reading(self) -> VerticalScroll:
        self.query_one("#main", ContentSwitcher).current = "reading"
        return self.query_one("#reading", VerticalScroll)

    def _replace(self, blocks: list[Static], title: Text | str) -> AwaitMount:
        reading = self._reading()
        reading.remove_children()
        mounted = reading.mount_all(blocks)
        reading.border_title = title if isinstance(title, Text) else Text(title)
        reading.scroll_home(animate=False)
        return mounted

    def _show_nothing(self) -> None:
        self.session_id = None
        self.answer_blocks = {}
        self.captures_block = None
        self._replace(
            [
                Static(
                    Text(
                        "Nothing to review yet: sessions appear here as they are held.",
                        style="dim italic",
                    )
                )
            ],
            "Session",
        )

    def open_session(self, session_id: str, query: str = "") -> AwaitMount | None:
        """Show one session as it was asked at the time (``query`` highlighted)."""
        record = self.record
        if record is None:
            return None
        session = next((s for s in record.sessions if s.id == session_id), None)
        if session is None:
            return None
        self.session_id = session_id
        today = self.app_today()
        blocks: list[Static] = []
        self.answer_blocks = {}
        head = Text()
        head.append(f"{session.started:%A %d %B %Y, %H:%M}", style="bold")
        head.append(f" · {session.stage.label} · ", style="dim")
        head.append(session_label(record, session))
        head.append(
            " · interrupted" if session.is_open else f" · {session.minutes} min", style="dim"
        )
        if session.audience == "stakeholder":
            head.append(
                "\nA stakeholder's words: confidential, never quoted by name.", style="italic dim"
            )
        blocks.append(Static(head, classes="session-head"))
        answers = record.answers_of(session.id)
        asked_ids = {q.id for q in session.questions}
        section: str | None = None
        for asked in session.questions:
            if asked.section and asked.section != section:
                section = asked.section
                blocks.append(
                    Static(Text(visible(section), style="bold underline"), classes="section")
                )
            answer = answers.get(asked.id)
            block = self._answer_block(
                answer.question_text if answer else asked.text,
                answer.value if answer else None,
                asked.id,
                query,
                private=answer is not None and answer.private,
            )
            blocks.append(block)
            self.answer_blocks[asked.id] = block
        for question_id, answer in answers.items():
            if question_id not in asked_ids:
                block = self._answer_block(
                    answer.question_text, answer.value, question_id, query, private=answer.private
                )
                blocks.append(block)
                self.answer_blocks[question_id] = block
        captured = [i for i in record.insights if i.session_id == session.id]
        text = Text("Captured in this session\n", style="bold underline")
        if not captured:
            text.append("  nothing\n", style="dim italic")
        for insight in captured:
            line = insight_line(insight, today)
            if self.kind is not None and insight.kind is self.kind:
                line.stylize("bold")
            text.append_text(_highlight(line, query))
            text.append("\n")
        scored = [
            (goal, score.score)
            for goal in record.insights
            if goal.kind is InsightKind.GOAL
            for score in goal.scores
            if score.session_id == session.id
        ]
        for goal, score in scored:
            text.append(f"  GAS {gas(score):>2}  ", style="bold cyan")
            text.append(visible(one_line(goal.text)) + "\n")
        self.captures_block = Static(text, classes="captures")
        blocks.append(self.captures_block)
        blocks.append(Static(self._plan_text(session), classes="plan"))
        title = Text(f"{session.started:%d %b %Y} · ")
        title.append(one_line(session.script_title, 40))
        return self._replace(blocks, title)

    def _answer_block(
        self, question: str, value: AnswerValue, question_id: str, query: str, private: bool = False
    ) -> Static:
        private = private or question_id in PRIVATE_QUESTIONS
        text = Text()
        text.append(visible(question.strip()), style="bold")
        if private:
            text.append("  ")
            text.append(PRIVATE_MARK, style=PRIVATE_STYLE)
        text.append("\n")
        shown = value_text(value)
        if shown.strip():
            text.append(visible(shown))
        else:
            text.append("— not answered", style="dim italic")
        classes = "answer"
        if private:
            classes += " -private"
        return Static(_highlight(text, query), classes=classes)

    def _show_sent(self, record: ClientRecord) -> None:
        """What the sponsor has been sent (the sharing log), newest first."""
        from coach_tui.domain import sharing

        sent = sharing.sent(record)
        lines = [one_line(sharing.describe(entry)) for entry in sent[:2]]
        if len(sent) > 2:
            lines[-1] += f" (and {len(sent) - 2} earlier)"
        shown = self.query_one("#sent", Static)
        shown.update(Text("\n".join(line[:1].upper() + line[1:] for line in lines)))
        shown.display = bool(lines)

    def action_coach_only(self) -> None:
        """Pick answers of the session on screen to keep for the coach only."""
        from screens.consent_keys import CoachOnlyDialog

        if self.session_id is None:
            self.notify("Open a session first (t for the timeline).")
            return

        def closed(changed: bool | None) -> None:
            if changed:
                self.load()

        self.app.push_screen(CoachOnlyDialog(self.client_id, self.session_id), closed)

    def _plan_text(self, session: Session) -> Text:
        record = self.record
        assert record is not None
        plans = [p for p in record.plans if p.session_id == session.id]
        text = Text("Plan written at the end\n", style="bold underline")
        if not plans:
            text.append("  no plan was written\n", style="dim italic")
            return text
        plan = plans[-1]
        by_id = {i.id: i for i in record.insights}
        if plan.next_date:
            text.append(f"  Next session: {plan.next_date:%a %d %b %Y}")
        else:
            text.append("  Next session: date not set")
        titles = {s.script_id: s.script_title for s in record.sessions}
        if plan.script_id:
            text.append(" · ")
            text.append(one_line(titles.get(plan.script_id, plan.script_id)))
        text.append("\n")
        for label, ids in (
            ("Review", plan.review_actions),
            ("Score", plan.score_goals),
            ("Focus", plan.focus),
        ):
            items = [by_id[i] for i in ids if i in by_id]
            for item in items:
                text.append(f"  {label}: ", style="bold")
                text.append(visible(one_line(item.text)) + "\n")
        if plan.notes.strip():
            text.append("  Notes for next time: ", style="bold")
            text.append(visible(plan.notes.strip()))
            text.append("  ")
            text.append(PRIVATE_MARK, style=PRIVATE_STYLE)
            text.append("\n")
        return text

    def _show_kind(self, kind: InsightKind) -> None:
        """Every capture of one kind across the sessions, newest session first."""
        record = self.record
        if record is None:
            return
        self.session_id = None
        self.answer_blocks = {}
        self.captures_block = None
        today = self.app_today()
        dates = {s.id: s for s in record.sessions}
        items = sorted(
            (i for i in record.insights if i.kind is kind),
            key=lambda i: i.created,
            reverse=True,
        )
        text = Text()
        if not items:
            text.append(f"No {FILTER_LABELS[kind]} captured yet.", style="dim italic")
        for insight in items:
            session = dates.get(insight.session_id or "")
            when = f"{session.started:%d %b %Y}" if session else "added outside a session"
            text.append(f"{when}\n", style="dim")
            text.append_text(insight_line(insight, today, kind_label=False))
            text.append("\n")
        title = Text(f"All {FILTER_LABELS[kind]} ({len(items)})")
        self._replace([Static(text, classes="kind-overview")], title)

    # ---------------------------------------------------------------- search

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        record = self.record
        self.query_text = query
        results = self.query_one("#results", OptionList)
        timeline = self.query_one("#timeline", OptionList)
        if record is None or len(query.strip()) < MIN_QUERY:
            self.hits = []
            results.display = False
            timeline.display = True
            return
        self.hits = search(record, query)
        results.clear_options()
        results.border_title = Text(
            f"Found {len(self.hits)}" + ("+" if len(self.hits) >= MAX_HITS else "")
        )
        if not self.hits:
            results.add_option(Option(Text("Nothing found.", style="dim italic"), disabled=True))
        results.add_options(hit_option(i, hit) for i, hit in enumerate(self.hits))
        results.display = True
        timeline.display = False

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        results = self.query_one("#results", OptionList)
        if self.hits:
            results.focus()
            results.highlighted = 0

    @on(OptionList.OptionSelected, "#results")
    def _hit_chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("hit-"):
            self.open_hit(int(option_id.removeprefix("hit-")))

    def open_hit(self, index: int) -> None:
        """Open the session of a search result and bring the answer into view."""
        hit = self.hits[index]
        mounted = self.open_session(hit.session.id, self.query_text)
        target = (
            self.answer_blocks.get(hit.question_id)
            if hit.question_id is not None
            else self.captures_block
        )
        if mounted is None or target is None:
            return
        target.add_class("-hit")
        self.jumped_to = target
        reading = self.query_one("#reading", VerticalScroll)

        def scroll() -> None:
            reading.scroll_to_widget(target, top=True, animate=False)

        async def jump() -> None:
            await mounted  # the session's blocks are in place...
            self.call_after_refresh(scroll)  # ...and laid out on the next refresh

        self.run_worker(jump(), exclusive=True, group="review-jump")

    # --------------------------------------------------------------- actions

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_filter(self) -> None:
        position = FILTERS.index(self.kind)
        self.kind = FILTERS[(position + 1) % len(FILTERS)]
        self.set_filter(self.kind)

    def set_filter(self, kind: InsightKind | None) -> None:
        self.kind = kind
        self._fill_timeline()
        label = "every session" if kind is None else f"sessions that captured {FILTER_LABELS[kind]}"
        self.notify(f"Showing {label}", timeout=2, markup=False)

    def action_charts(self) -> None:
        switcher = self.query_one("#main", ContentSwitcher)
        if switcher.current == "charts":
            switcher.current = "reading"
        else:
            switcher.current = "charts"
            self.query_one("#charts").focus()

    def action_timeline(self) -> None:
        self.query_one("#main", ContentSwitcher).current = "reading"
        self.query_one("#timeline").focus()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
            self.run_search("")
            self.query_one("#timeline").focus()
            return
        if self.focused is search:
            self.query_one("#timeline").focus()
            return
        if self.query_one("#main", ContentSwitcher).current == "charts":
            self.query_one("#main", ContentSwitcher).current = "reading"
            return
        self.app.pop_screen()
