"""The summary of one session, sent to the executive after the call.

What was covered (the questions as they were asked, coach-only answers and private
lines left out), what was noted, the goals' scores, the commitments and the next
session. The sponsor's note of a session is made from ``SponsorSessionView``
(``coach_tui.reports.sponsor``), never from this text.
"""

from __future__ import annotations

from datetime import date

from coach_tui.domain.answered import value_lines as lines
from coach_tui.domain.model import GAS_LEVELS, AnswerValue, ClientRecord, InsightKind, Session
from coach_tui.errors import InvalidInputError, NotFoundError
from coach_tui.reports.confidential import (
    PRIVATE_QUESTIONS,
    Confidential,
    coach_sessions,
    shown_goals,
    shown_items,
)
from coach_tui.reports.frame import Audience, check_audience, footer, header
from coach_tui.reports.markdown import day, long_day, md_block, md_escape, score
from coach_tui.text import one_line


def summary_session(record: ClientRecord, session_id: str | None) -> Session:
    """The session a summary is about: the one named, or the latest held."""
    if session_id is not None:
        for session in record.sessions:
            if session.id == session_id:
                if session.audience != "coach":
                    raise InvalidInputError(
                        "a session summary is for a session with the executive, not "
                        f"a {session.audience} session"
                    )
                return session
        raise NotFoundError(f"no session '{session_id}'")
    held = coach_sessions(record)
    if not held:
        raise InvalidInputError(
            f"{one_line(record.client.name)} has no finished session to summarise yet"
        )
    return held[-1]


def _value_lines(kind: str, value: AnswerValue) -> list[str]:
    if kind == "date" and isinstance(value, str):
        try:
            return [long_day(date.fromisoformat(value))]
        except ValueError:
            return [value]
    if kind == "rating" and isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    return lines(value)


def build_session_summary(
    record: ClientRecord,
    audience: Audience = "client",
    session_id: str | None = None,
    today: date | None = None,
) -> str:
    """A summary of one session (the latest by default), to send after the call."""
    check_audience(audience)
    today = today or date.today()
    if audience == "sponsor":
        from coach_tui.reports import sponsor_render

        return sponsor_render.render(record, "session", "md", today, session_id)[0]
    guard = Confidential(record)
    session = summary_session(record, session_id)
    out = header(record, "session", today)
    out += [
        f"{md_escape(session.script_title)} · {long_day(session.started.date())} · "
        f"{session.minutes} min · {session.stage.label} stage",
        "",
    ]
    out += _covered(record, session, guard)
    out += _captured(record, session, guard)
    out += _session_scores(record, session, guard)
    out += _session_commitments(record, session, guard)
    out += _session_next(record, session)
    out += footer()
    return "\n".join(out).rstrip() + "\n"


def _covered(record: ClientRecord, session: Session, guard: Confidential) -> list[str]:
    out = ["## What we covered", ""]
    answers = record.answers_of(session.id)
    asked = {q.id: q for q in session.questions}
    order = [q.id for q in session.questions] + [qid for qid in answers if qid not in asked]
    section: str | None = None
    shown = 0
    for question_id in order:
        answer = answers.get(question_id)
        if answer is None or answer.private or question_id in PRIVATE_QUESTIONS:
            continue
        kept = [
            line for line in _value_lines(answer.kind, answer.value) if not guard.is_secret(line)
        ]
        if not kept:
            continue
        question = asked.get(question_id)
        if question is not None and question.section != section and question.section:
            section = question.section
            out += [f"### {md_escape(section)}", ""]
        out.append(f"**{md_escape(one_line(answer.question_text))}**")
        out.append("")
        if answer.kind in ("list", "choices") and len(kept) > 0:
            out += [f"- {md_escape(line)}" for line in kept]
        else:
            out.append(md_block("\n".join(kept)))
        out.append("")
        shown += 1
    if not shown:
        out += ["Nothing was written down in this session.", ""]
    return out


def _captured(record: ClientRecord, session: Session, guard: Confidential) -> list[str]:
    captured = [
        i
        for i in record.insights
        if i.session_id == session.id and guard.item_ok(i) and i.kind is not InsightKind.ACTION
    ]
    if not captured:
        return []
    out = ["## What we noted", ""]
    for kind in (
        InsightKind.GOAL,
        InsightKind.STRENGTH,
        InsightKind.WEAKNESS,
        InsightKind.MOTIVATION,
    ):
        items = [i for i in captured if i.kind is kind]
        if items:
            out.append(f"- **{kind.label}s:** " + "; ".join(md_escape(i.text) for i in items))
    return [*out, ""]


def _session_scores(record: ClientRecord, session: Session, guard: Confidential) -> list[str]:
    out = ["## Goals", ""]
    goals = shown_goals(record, guard)
    if not goals:
        return [*out, "No goals agreed yet.", ""]
    for goal in goals:
        before = [s for s in goal.scores if s.at <= (session.ended or session.started)]
        here = [s for s in goal.scores if s.session_id == session.id]
        line = f"- {md_escape(goal.text)}"
        if here:
            latest = here[-1].score
            earlier = [s for s in before if s.session_id != session.id]
            was = f" (was {score(earlier[-1].score)})" if earlier else ""
            line += f": GAS {score(latest)}{was} — {GAS_LEVELS[latest]}"
        else:
            line += ": not scored in this session"
        out.append(line)
    return [*out, ""]


def _session_commitments(record: ClientRecord, session: Session, guard: Confidential) -> list[str]:
    out = ["## Commitments", ""]
    actions = [a for a in shown_items(record, InsightKind.ACTION, guard) if not a.done]
    made = [a for a in actions if a.session_id == session.id]
    earlier = [a for a in actions if a.session_id != session.id]
    if not actions:
        return [*out, "No open commitments.", ""]
    for action in made:
        due = f" — by {long_day(action.due)}" if action.due else ""
        out.append(f"- {md_escape(action.text)}{due}")
    if earlier:
        if made:
            out += ["", "Still open from before:", ""]
        for action in earlier:
            due = f" — by {day(action.due)}" if action.due else ""
            out.append(f"- {md_escape(action.text)}{due}")
    return [*out, ""]


def _session_next(record: ClientRecord, session: Session) -> list[str]:
    out = ["## Next session", ""]
    plans = [p for p in record.plans if p.session_id == session.id]
    plan = plans[-1] if plans else None
    if plan is None or plan.next_date is None:
        return [*out, "To be arranged.", ""]
    title = ""
    for candidate in reversed(record.sessions):
        if candidate.script_id == plan.script_id:
            title = f" · {md_escape(candidate.script_title)}"
            break
    return [*out, f"{long_day(plan.next_date)}{title}", ""]
