"""``coach-tui review NAME``: the pre-call brief, one terminal screen (80×24).

What a coach reads in the minute before a call: where the engagement stands, what
happened last time, which commitments are due or overdue, how each goal is moving,
what the next session was planned to cover, and the stakeholders' input as themes
(counts and means, never a name beside anyone's words).

Plain text, no Rich and no Textual: this path must start fast. Every piece of user
text goes through ``coach_tui.text.one_line`` and is cut to the width in terminal
cells, so a name full of wide characters or an ANSI escape cannot break the layout.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from coach_tui.domain import goals, next_step, privacy
from coach_tui.domain.model import STAGES, ClientRecord, Insight, InsightKind, Session
from coach_tui.reports import survey_figures
from coach_tui.text import one_line

#: 24 rows, less the one the shell prompt takes after the brief.
DEFAULT_HEIGHT = 23
MIN_WIDTH = 40

#: GAS −2..+2 as a block per score.
_SPARK = {-2: "▁", -1: "▂", 0: "▄", 1: "▆", 2: "█"}

#: Answers that make good highlights when a session captured little.
_HIGHLIGHT_QUESTIONS = (
    "takeaway",
    "chosen-option",
    "new-behaviour",
    "what-changed",
    "session-goal",
    "goal-progress",
)


# ------------------------------------------------------------------ cell widths


def cells(text: str) -> int:
    """Terminal cells ``text`` takes: wide (CJK) characters count 2, combining 0."""
    if text.isascii():
        return len(text)  # every ASCII character is one cell: the common case, fast
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, with an ellipsis when something was dropped."""
    if cells(text) <= width:
        return text
    if text.isascii():
        return text[: max(0, width - 1)] + "…"
    out: list[str] = []
    used = 0
    for char in text:
        size = (
            0
            if unicodedata.combining(char)
            else 2
            if unicodedata.east_asian_width(char) in ("W", "F")
            else 1
        )
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"


def _safe(text: str, width: int) -> str:
    return cut(one_line(text), width)


# ---------------------------------------------------------------------- helpers


def _day(when: date) -> str:
    return f"{when:%a} {when.day} {when:%b}"


def _relative(when: date, today: date) -> str:
    days = (when - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def stage_track(record: ClientRecord) -> str:
    """``●●◉○ Action``: done, current and coming stages."""
    current = record.engagement.stage.position
    marks = "".join(
        "●" if position < current else "◉" if position == current else "○"
        for position, _ in enumerate(STAGES)
    )
    return f"{marks} {record.engagement.stage.label}"


def sparkline(scores: list[int], length: int = 8) -> str:
    return "".join(_SPARK.get(max(-2, min(2, s)), "?") for s in scores[-length:])


def trend(scores: list[int]) -> str:
    if len(scores) < 2:
        return "·"
    delta = scores[-1] - scores[-2]
    return "↑" if delta > 0 else "↓" if delta < 0 else "→"


def coach_sessions(record: ClientRecord) -> list[Session]:
    """The current engagement's sessions with the executive that ended."""
    return [
        s
        for s in record.sessions_of(record.engagement.id)
        if s.audience == "coach" and not s.is_open
    ]


def sessions_read(record: ClientRecord) -> list[str]:
    """The sessions whose answers and questions as asked the brief reads: the last held.

    ``review`` reads only these (``Practice.load_part``); the brief must read no other
    (tests/test_brief_part.py renders both ways on random and generated records).
    """
    held = coach_sessions(record)
    return [held[-1].id] if held else []


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _mean(values: list[int]) -> float:
    return sum(values) / len(values)


def _score(score: int) -> str:
    """A GAS score as the coach says it: -1, 0, +2."""
    return f"{score:+d}" if score else "0"


# ------------------------------------------------------------------- the brief


@dataclass
class _Block:
    """A section: a heading, its item lines, and how few items it may shrink to."""

    heading: str
    items: list[str] = field(default_factory=list)
    keep: int = 1
    more_label: str = "more"

    def lines(self, shown: int | None = None) -> list[str]:
        count = len(self.items) if shown is None else shown
        out = [self.heading, *self.items[:count]]
        hidden = len(self.items) - count
        if hidden > 0:
            out.append(f"    … {hidden} {self.more_label}")
        return out


def _fit(blocks: list[_Block], height: int) -> list[str]:
    """Shrink the longest blocks (never below their ``keep``) until all fit ``height``."""
    shown = [len(b.items) for b in blocks]

    def total() -> int:
        size = 0
        for block, count in zip(blocks, shown, strict=True):
            size += 1 + count + (1 if count < len(block.items) else 0)
        return size

    while total() > height:
        candidates = [i for i, block in enumerate(blocks) if shown[i] > block.keep]
        if not candidates:
            break
        longest = max(candidates, key=lambda i: (shown[i] - blocks[i].keep, -i))
        # Hiding the first item of a block costs a "… N more" line: hide two then.
        shown[longest] -= 2 if shown[longest] == len(blocks[longest].items) else 1
        shown[longest] = max(shown[longest], blocks[longest].keep)
    lines: list[str] = []
    for block, count in zip(blocks, shown, strict=True):
        lines.extend(block.lines(count))
    return lines[:height]


def render_brief(
    record: ClientRecord, today: date, width: int = 80, height: int = DEFAULT_HEIGHT
) -> str:
    """The pre-call brief of one executive as plain text, ``width`` × ``height`` at most."""
    width = max(MIN_WIDTH, width)
    blocks = [
        _header(record, today, width),
        _last_session(record, today, width),
        _commitments(record, today, width),
        _goals(record, width),
        _next_session(record, today, width),
        _stakeholder_input(record, width),
    ]
    lines = _fit([b for b in blocks if b.heading], height)
    return "\n".join(cut(line.rstrip(), width) for line in lines) + "\n"


def _header(record: ClientRecord, today: date, width: int) -> _Block:
    client = record.client
    where = " · ".join(p for p in (client.role, client.organisation) if p)
    stamp = f"brief {_day(today)}"
    title = one_line(client.name) + (f" — {one_line(where)}" if where else "")
    title = cut(title, width - cells(stamp) - 2)
    heading = title + " " * max(2, width - cells(title) - cells(stamp)) + stamp
    held = coach_sessions(record)
    in_stage = [s for s in held if s.stage is record.engagement.stage]
    started = record.engagement.started
    weeks = f" · week {(today - started.date()).days // 7 + 1}" if started else ""
    status = (
        f"{stage_track(record)} · {_plural(len(held), 'session')} held"
        f" ({len(in_stage)} in {record.engagement.stage.label}){weeks}"
    )
    interrupted = record.open_session()
    if interrupted is not None:
        status += " · an interrupted session to resume"
    return _Block(heading, [status], keep=1)


def _last_session(record: ClientRecord, today: date, width: int) -> _Block:
    held = coach_sessions(record)
    if not held:
        return _Block("Last session: none yet — the first call starts the engagement", [])
    last = held[-1]
    day = last.started.date()
    heading = (
        f"Last session: {_day(day)} ({one_line(last.script_title)}, {last.minutes} min)"
        f" — {_relative(day, today)}"
    )
    items: list[str] = []
    captured = [i for i in record.insights if i.session_id == last.id]
    # Commitments and goals first: they are what the next call picks up.
    order = {
        InsightKind.ACTION: 0,
        InsightKind.GOAL: 1,
        InsightKind.WEAKNESS: 2,
        InsightKind.STRENGTH: 3,
        InsightKind.MOTIVATION: 4,
        InsightKind.NOTE: 5,
    }
    for insight in sorted(captured, key=lambda i: (order[i.kind], i.created)):
        label = "private note" if insight.kind is InsightKind.NOTE else insight.kind.label.lower()
        if insight.private and insight.kind is not InsightKind.NOTE:
            label += ", private"
        items.append(f"  • {_safe(insight.text, width - cells(label) - 8)} ({label})")
    answers = record.answers_of(last.id)
    for question_id in _HIGHLIGHT_QUESTIONS:
        if len(items) >= 3:
            break
        answer = answers.get(question_id)
        if answer is None or not isinstance(answer.value, str) or not answer.value.strip():
            continue
        label = question_id.replace("-", " ")
        items.append(f"  • {label}: {_safe(answer.value, width - cells(label) - 6)}")
    for asked in last.questions:
        if len(items) >= 2:
            break
        answer = answers.get(asked.id)
        if (
            answer is None
            or asked.id in _HIGHLIGHT_QUESTIONS
            or asked.id in privacy.COACH_ONLY_QUESTIONS
            or asked.kind not in ("text", "line")
            or not isinstance(answer.value, str)
            or not answer.value.strip()
        ):
            continue
        label = asked.id.replace("-", " ")
        items.append(f"  • {label}: {_safe(answer.value, width - cells(label) - 6)}")
    scored = [
        (goal, score.score)
        for goal in record.insights_of(InsightKind.GOAL)
        for score in goal.scores
        if score.session_id == last.id
    ]
    if scored:
        marks = ", ".join(_score(s) for _, s in scored)
        items.append(f"  • goals scored {marks}")
    return _Block(heading, items[:3], keep=1, more_label="more captured")


def _commitments(record: ClientRecord, today: date, width: int) -> _Block:
    actions = [
        a for a in record.insights_of(InsightKind.ACTION) if not a.done and not a.private
    ] + [a for a in record.insights_of(InsightKind.ACTION) if not a.done and a.private]
    if not actions:
        return _Block("Commitments: none open", [])
    overdue = sorted((a for a in actions if a.is_overdue(today)), key=_due_key)
    dated = sorted(
        (a for a in actions if a.due is not None and not a.is_overdue(today)), key=_due_key
    )
    undated = [a for a in actions if a.due is None]
    items: list[str] = []
    for action in overdue:
        assert action.due is not None
        items.append(_action_line(action, f"! overdue {_day(action.due)}", width))
    for action in dated:
        assert action.due is not None
        items.append(_action_line(action, f"  due {_day(action.due)}", width))
    for action in undated:
        items.append(_action_line(action, "  no date", width))
    counts = [f"{len(overdue)} overdue"] if overdue else []
    counts.append(f"{len(actions)} open")
    return _Block(f"Commitments ({', '.join(counts)})", items, keep=min(2, len(items)))


def _due_key(action: Insight) -> date:
    return action.due or date.max


def _action_line(action: Insight, prefix: str, width: int) -> str:
    lead = f"  {prefix:<18} "
    private = " (private)" if action.private else ""
    return lead + _safe(action.text, width - cells(lead) - cells(private)) + private


def _goals(record: ClientRecord, width: int) -> _Block:
    found = record.insights_of(InsightKind.GOAL)
    if not found:
        return _Block("Goals: none agreed yet", [])
    items = []
    for goal in found:
        scores = [s.score for s in goal.scores]
        latest = _score(scores[-1]) if scores else "–"
        lead = f"  {latest:>2} {trend(scores)} {sparkline(scores):<8} "
        status = goals.status_of(goal)
        mark = "" if status is goals.GoalStatus.AGREED else f" ({status.value})"
        items.append(lead + _safe(goal.text, width - cells(lead) - cells(mark)) + mark)
    return _Block("Goals (GAS −2..+2: latest, trend, scores so far)", items, keep=len(items))


def _script_title(record: ClientRecord, script_id: str) -> str:
    """A script's title as a past session knew it (no need to load the scripts)."""
    for session in reversed(record.sessions):
        if session.script_id == script_id:
            return session.script_title
    from coach_tui.scripts.library import shipped_scripts  # rarely needed: parsing is slow

    shipped = shipped_scripts().get(script_id)
    return shipped.title if shipped else script_id.replace("-", " ").capitalize()


def _next_session(record: ClientRecord, today: date, width: int) -> _Block:
    plan = record.latest_plan()
    if plan is None:
        return _Block("Next session: no plan yet (written when a session is wrapped up)", [])
    when = (
        f"{_day(plan.next_date)} ({_relative(plan.next_date, today)})"
        if plan.next_date
        else "date not set"
    )
    script = f" · {one_line(_script_title(record, plan.script_id))}" if plan.script_id else ""
    items: list[str] = []
    if plan.notes.strip():
        items.append(cut(f"  Your notes (private): {one_line(plan.notes)}", width))
    by_id = {i.id: i for i in record.insights}
    for focus in (by_id[i] for i in plan.focus if i in by_id):
        label = "  focus goal: " if focus.kind is InsightKind.GOAL else "  focus area: "
        items.append(label + _safe(focus.text, width - cells(label)))
    for reminder in next_step.reminders(record, today):
        items.append(cut(f"  due: {reminder}", width))
    return _Block(
        f"Next session: {when}{script}", items, keep=min(1, len(items)), more_label="more in focus"
    )


def _stakeholder_input(record: ClientRecord, width: int) -> _Block:
    engagement_id = record.engagement.id
    interviews = [
        s
        for s in record.sessions_of(engagement_id)
        if s.audience == "stakeholder" and not s.is_open
    ]
    people = {p.id: p for p in record.stakeholders if p.engagement_id == engagement_id}
    surveys = [s for s in record.surveys if s.engagement_id == engagement_id]
    ratings = [
        r for r in record.ratings if r.engagement_id == engagement_id and r.source == "stakeholder"
    ]
    if not (interviews or surveys or ratings or people):
        return _Block("Stakeholder input: none yet", [])
    items: list[str] = []
    if interviews:
        groups: dict[str, int] = {}
        for session in interviews:
            person = people.get(session.stakeholder_id or "")
            relationship = person.relationship if person else "other"
            groups[relationship] = groups.get(relationship, 0) + 1
        detail = ", ".join(_plural(n, rel) for rel, n in sorted(groups.items()))
        items.append(f"  {_plural(len(interviews), 'interview')} held ({detail})")
    if surveys:
        # The latest pulse of each agreed goal, with its trend: the same figures as the
        # reports (survey_figures), never only the replies of the latest day.
        for survey in survey_figures.goal_surveys(record):
            latest = survey.latest
            if latest is None:
                continue
            name = "overall leadership" if survey.goal_id is None else survey.label
            figures = survey_figures.headline(survey, noun="replies")
            line = f"  {latest.last.day} {latest.last:%b}: {figures}  "
            items.append(line + _safe(name, width - cells(line)))
    phase = "final" if any(r.phase == "final" for r in ratings) else "baseline"
    gaps = _blind_spots(record, phase)
    if ratings:
        raters = {r.stakeholder_id for r in ratings if r.phase == phase}
        line = f"  {phase} ratings from {_plural(len(raters), 'stakeholder')}"
        if gaps:
            line += "; blind spots: " + ", ".join(gaps)
        items.append(line)
    elif people and not interviews:
        items.append(f"  {_plural(len(people), 'stakeholder')} chosen; no input yet")
    return _Block(
        "Stakeholder input (themes, no names; latest pulse per agreed goal)",
        items,
        keep=min(1, len(items)),
    )


def _blind_spots(record: ClientRecord, phase: str) -> list[str]:
    """Competencies the executive rates ≥ 1 point above the stakeholders' mean."""
    from coach_tui.domain.assess import assess

    view = assess(record).phases[phase]
    return [row.competency for row in view.blind_spots]
