"""The review's reading pane: one session as it was asked at the time, or one kind.

``session_reading`` builds the blocks for one session (its head, each question and
answer, what was captured and scored, the plan written at its end) and keeps the
answer blocks by question id, so that a search hit can scroll to its answer;
``kind_overview`` lists every capture of one kind across sessions. The screen
(``screens.review``) mounts them. User text is data: ``rich.text.Text`` built with
``append``, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rich.text import Text
from textual.widgets import Static

from coach_tui.domain.model import AnswerValue, ClientRecord, InsightKind, Session
from coach_tui.text import one_line, visible
from screens.review_search import highlight
from screens.review_timeline import (
    FILTER_LABELS,
    PRIVATE_MARK,
    PRIVATE_QUESTIONS,
    PRIVATE_STYLE,
    gas,
    insight_line,
    session_label,
    value_text,
)


@dataclass
class SessionReading:
    """What the reading pane shows for one session, and where its answers are."""

    title: Text
    blocks: list[Static] = field(default_factory=list)
    answer_blocks: dict[str, Static] = field(default_factory=dict)
    captures_block: Static | None = None


def session_reading(
    record: ClientRecord, session: Session, kind: InsightKind | None, query: str, today: date
) -> SessionReading:
    """One session as it was asked at the time (``query`` highlighted, ``kind`` in bold)."""
    title = Text(f"{session.started:%d %b %Y} · ")
    title.append(one_line(session.script_title, 40))
    reading = SessionReading(title)
    blocks = reading.blocks
    blocks.append(Static(_head(record, session), classes="session-head"))
    answers = record.answers_of(session.id)
    asked_ids = {q.id for q in session.questions}
    section: str | None = None
    for asked in session.questions:
        if asked.section and asked.section != section:
            section = asked.section
            blocks.append(Static(Text(visible(section), style="bold underline"), classes="section"))
        answer = answers.get(asked.id)
        block = answer_block(
            answer.question_text if answer else asked.text,
            answer.value if answer else None,
            asked.id,
            query,
            private=answer is not None and answer.private,
        )
        blocks.append(block)
        reading.answer_blocks[asked.id] = block
    for question_id, answer in answers.items():
        if question_id not in asked_ids:
            block = answer_block(
                answer.question_text, answer.value, question_id, query, private=answer.private
            )
            blocks.append(block)
            reading.answer_blocks[question_id] = block
    reading.captures_block = Static(
        _captures_text(record, session, kind, query, today), classes="captures"
    )
    blocks.append(reading.captures_block)
    blocks.append(Static(plan_text(record, session), classes="plan"))
    return reading


def _head(record: ClientRecord, session: Session) -> Text:
    head = Text()
    head.append(f"{session.started:%A %d %B %Y, %H:%M}", style="bold")
    head.append(f" · {session.stage.label} · ", style="dim")
    head.append(session_label(record, session))
    head.append(" · interrupted" if session.is_open else f" · {session.minutes} min", style="dim")
    if session.audience == "stakeholder":
        head.append(
            "\nA stakeholder's words: confidential, never quoted by name.", style="italic dim"
        )
    return head


def answer_block(
    question: str, value: AnswerValue, question_id: str, query: str, private: bool = False
) -> Static:
    """One question and its answer; the coach's own notes marked private."""
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
    return Static(highlight(text, query), classes=classes)


def _captures_text(
    record: ClientRecord, session: Session, kind: InsightKind | None, query: str, today: date
) -> Text:
    """What was captured in the session, and the goal scores given in it."""
    captured = [i for i in record.insights if i.session_id == session.id]
    text = Text("Captured in this session\n", style="bold underline")
    if not captured:
        text.append("  nothing\n", style="dim italic")
    for insight in captured:
        line = insight_line(insight, today)
        if kind is not None and insight.kind is kind:
            line.stylize("bold")
        text.append_text(highlight(line, query))
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
    return text


def plan_text(record: ClientRecord, session: Session) -> Text:
    """The plan written at the end of ``session`` (its notes are the coach's own)."""
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


def kind_overview(record: ClientRecord, kind: InsightKind, today: date) -> tuple[Text, Text]:
    """Every capture of one kind across the sessions, newest first; and its title."""
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
    return text, Text(f"All {FILTER_LABELS[kind]} ({len(items)})")
