"""The review's timeline: one line per session, what was captured, the item lines.

Pure functions from a ``ClientRecord`` to ``rich.text.Text`` / options (user text
is appended as data, never markup); ``screens.review`` lays them out.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from rich.text import Text
from textual.widgets.option_list import Option

from coach_tui.domain import privacy
from coach_tui.domain.model import (
    AnswerValue,
    ClientRecord,
    Insight,
    InsightKind,
    Session,
)
from coach_tui.text import one_line, visible

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


def plural(count: int, one: str, many: str) -> str:
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
        plural(counts[kind], *SHORT_KIND[kind]) for kind in FILTERS[1:] if kind and counts[kind]
    ]
    scores = sum(
        1
        for goal in record.insights
        if goal.kind is InsightKind.GOAL
        for score in goal.scores
        if score.session_id == session.id
    )
    if scores:
        parts.append(plural(scores, "goal score", "goal scores"))
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
        line.append(plural(count, *SHORT_KIND[kind]), style="bold")
    return Option(line, id=f"session-{session.id}")


def sessions_newest_first(record: ClientRecord, kind: InsightKind | None = None) -> list[Session]:
    sessions = sorted(record.sessions, key=lambda s: s.started, reverse=True)
    if kind is None:
        return sessions
    with_kind = {i.session_id for i in record.insights if i.kind is kind and i.session_id}
    return [s for s in sessions if s.id in with_kind]


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
