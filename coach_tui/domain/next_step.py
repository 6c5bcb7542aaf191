"""Which script comes next, and what else is due: chosen from what has been held.

A seasoned coach does not run the intake twice or the development plan after the
plan was signed off. Each stage has its one-off sessions in the order they are
usually held; the next one not yet held comes first. Action is the stage of
recurring calls: a fortnightly check-in, a fuller monthly review every third call or
so, and the mid-point three-way after about six calls (some three months). When a stage's
one-off sessions are all held, the first of the next stage is proposed (the coach
moves the stage). A coach can always pick another script; this is only the proposal.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from coach_tui.domain.evidence import History
from coach_tui.domain.model import ClientRecord, InsightKind, Stage
from coach_tui.domain.pulses import pulses

#: One-off coach sessions of each stage, in the order they are usually held.
ONE_OFF: Final[dict[Stage, tuple[str, ...]]] = {
    Stage.AWARENESS: ("awareness-intake", "three-way-kickoff"),
    Stage.ANALYSIS: (
        "analysis-expectations",
        "assessment-debrief",
        "development-plan",
        "three-way-signoff",
    ),
    Stage.ACTION: (),
    Stage.ACHIEVEMENT: (
        "achievement-review",
        "phase-down",
        "final-session",
        "three-way-close",
        "follow-up",
    ),
}
CHECKIN = "action-checkin"
MONTHLY = "monthly-review"
MIDPOINT = "three-way-midpoint"
#: Action calls held before the mid-point three-way is due.
MIDPOINT_AFTER_CALLS: Final = 6
#: A monthly review after this many check-ins in a row.
CHECKINS_PER_MONTHLY: Final = 2
#: Pulse mini-surveys are due this many days after the plan was agreed.
PULSE_DAYS: Final[tuple[int, ...]] = (90, 180)
ORDER: Final[tuple[Stage, ...]] = tuple(Stage)
THREE_WAY_NAMES: Final[dict[str, str]] = {
    "three-way-kickoff": "the kick-off",
    "three-way-signoff": "the plan sign-off",
    MIDPOINT: "the mid-point review",
    "three-way-close": "the close",
}


def next_script(record: ClientRecord, today: date, wrapping: str | None = None) -> str:
    """The script the next coach session should run, from what has been held.

    ``wrapping`` is the session being wrapped up: it counts as held, so the intake's
    wrap-up never proposes the intake again. Once every one-off session is held (the
    follow-up after the close included) nothing is proposed: ``""``.
    """
    history = History.of(record, today, wrapping)
    held = {s.script_id for s in history.sessions}
    stage = record.engagement.stage
    if stage is Stage.ACTION:
        return _action_call(history)
    for script_id in ONE_OFF[stage]:
        if script_id not in held:
            return script_id
    later = ORDER[ORDER.index(stage) + 1 :]
    for following in later:
        if following is Stage.ACTION:
            return CHECKIN
        for script_id in ONE_OFF[following]:
            if script_id not in held:
                return script_id
    return ""


def _action_call(history: History) -> str:
    calls = [s.script_id for s in history.sessions if s.stage is Stage.ACTION]
    regular = [c for c in calls if c in (CHECKIN, MONTHLY)]
    if len(regular) >= MIDPOINT_AFTER_CALLS and MIDPOINT not in calls:
        return MIDPOINT
    since_monthly = 0
    for script_id in reversed(regular):
        if script_id == MONTHLY:
            break
        since_monthly += 1
    if regular and since_monthly >= CHECKINS_PER_MONTHLY:
        return MONTHLY
    return CHECKIN


def reminders(record: ClientRecord, today: date, wrapping: str | None = None) -> list[str]:
    """What else is due besides the next call: surveys, interviews, a three-way."""
    history = History.of(record, today, wrapping)
    stage = record.engagement.stage
    held = {s.script_id for s in history.sessions}
    notes: list[str] = []
    due = [
        a
        for a in history.insights(InsightKind.ACTION)
        if not a.done and a.due is not None and a.due <= today + timedelta(days=14)
    ]
    if due:
        notes.append(f"{len(due)} commitment(s) due by the next call")
    stakeholders = [s for s in record.stakeholders if s.engagement_id == record.engagement.id]
    interviewed = {
        s.stakeholder_id for s in history.sessions if s.script_id == "stakeholder-interview"
    }
    if stage is Stage.ANALYSIS and stakeholders:
        waiting = [s for s in stakeholders if s.id not in interviewed]
        if waiting and len(interviewed) < 3:
            notes.append(f"stakeholder interviews outstanding: {len(waiting)}")
    pulse = pulse_due(record, today)
    if pulse:
        notes.append(pulse)
    three_way = {
        Stage.AWARENESS: "three-way-kickoff",
        Stage.ANALYSIS: "three-way-signoff",
        Stage.ACHIEVEMENT: "three-way-close",
    }.get(stage)
    if stage is Stage.ACTION and _action_call(history) == MIDPOINT:
        three_way = MIDPOINT
    if three_way and three_way not in held and _three_way_due(history, stage):
        notes.append(f"three-way meeting due: {THREE_WAY_NAMES[three_way]}")
    return notes


def pulse_starts(record: ClientRecord) -> list[date]:
    """The day each pulse mini-survey began, grouped as the review and the reports
    group them (``domain.pulses``), so all three count the same pulses."""
    return [pulse.first for pulse in pulses(record)]


def pulse_due(record: ClientRecord, today: date) -> str:
    """Which pulse mini-survey is due, if one is ('' when none).

    Pulses are run once the plan is agreed: about 3 and 6 months after the first goal
    was agreed (in Action) and once more at the close (in Achievement).
    """
    stage = record.engagement.stage
    agreed = [
        g.agreed_at for g in History.of(record, today).agreed_goals() if g.agreed_at is not None
    ]
    if not agreed or stage not in (Stage.ACTION, Stage.ACHIEVEMENT):
        return ""
    first = min(agreed).date()
    starts = [d for d in pulse_starts(record) if d >= first]
    if stage is Stage.ACHIEVEMENT:
        reached = [c.at for c in record.engagement.changes if c.stage is stage]
        closing = any(
            s.at >= reached[-1] if reached else s.at.date() >= first
            for s in record.surveys
            if s.engagement_id == record.engagement.id
        )
        return "" if closing else "the closing pulse mini-survey is due"
    passed = [days for days in PULSE_DAYS if (today - first).days >= days]
    if len(starts) >= len(passed):
        return ""
    months = passed[len(starts)] // 30
    return f"the {months}-month pulse mini-survey is due"


def _three_way_due(history: History, stage: Stage) -> bool:
    held = {s.script_id for s in history.sessions}
    if stage is Stage.AWARENESS:
        return "awareness-intake" in held
    if stage is Stage.ANALYSIS:
        return "development-plan" in held
    if stage is Stage.ACHIEVEMENT:
        return "final-session" in held
    return True
