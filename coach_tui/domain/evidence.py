"""What really ticks each stage-checklist item: the answers and events that satisfy it.

A checklist item is ticked by evidence, not by anything that looks like it: the
sponsor's expectations are those recorded at the three-way kick-off, the manager's
approval of the stakeholders is the sign-off's "yes", the goals are the agreed ones.
Each function takes the engagement's history and answers one item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final

from coach_tui.domain import goals as goal_life
from coach_tui.domain.model import (
    AnswerValue,
    ClientRecord,
    Insight,
    InsightKind,
    Session,
    Stage,
)


@dataclass(frozen=True)
class History:
    """The current engagement's closed sessions and insights, read once per checklist."""

    record: ClientRecord
    sessions: list[Session]
    today: date

    @classmethod
    def of(cls, record: ClientRecord, today: date, wrapping: str | None = None) -> History:
        """The history; ``wrapping`` is a session being wrapped up, counted as held."""
        engagement = record.engagement
        sessions = [
            s for s in record.sessions_of(engagement.id) if not s.is_open or s.id == wrapping
        ]
        return cls(record, sessions, today)

    def held(self, script_id: str) -> list[Session]:
        return [s for s in self.sessions if s.script_id == script_id]

    def answer(self, script_ids: tuple[str, ...], question_id: str) -> AnswerValue | None:
        """The latest non-empty answer to ``question_id`` in a held session of the scripts."""
        found: AnswerValue | None = None
        for session in self.sessions:
            if session.script_id not in script_ids:
                continue
            answer = self.record.answers_of(session.id).get(question_id)
            if answer is not None and answered(answer.value):
                found = answer.value
        return found

    def insights(self, kind: InsightKind) -> list[Insight]:
        return self.record.insights_of(kind)

    def agreed_goals(self) -> list[Insight]:
        return [g for g in self.insights(InsightKind.GOAL) if goal_life.is_agreed(g)]

    def working_goals(self) -> list[Insight]:
        """Goals still in play: agreed ones once any is agreed, else the drafts."""
        agreed = self.agreed_goals()
        if agreed:
            return agreed
        return [
            g
            for g in self.insights(InsightKind.GOAL)
            if goal_life.status_of(g) is goal_life.GoalStatus.DRAFT and not g.private
        ]


def answered(value: AnswerValue | None) -> bool:
    """Whether an answer says something (a "no" is an answer; an empty list is not)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(str(v).strip() for v in value)
    return True


KICKOFF = "three-way-kickoff"
SIGNOFF = "three-way-signoff"
MIDPOINT = "three-way-midpoint"
CLOSE = "three-way-close"
#: Scripts whose "manager-approved" answer approves the stakeholder list.
APPROVING: Final[tuple[str, ...]] = (SIGNOFF, "development-plan")


def _outcomes(h: History) -> bool:
    executive = bool(h.insights(InsightKind.GOAL)) or answered(
        h.answer(("awareness-intake",), "coaching-goals")
    )
    sponsor = answered(h.answer((KICKOFF,), "sponsor-expectations"))
    return executive and sponsor


def _kickoff(h: History) -> bool:
    return h.answer((KICKOFF,), "roles-agreed") is True and (
        h.answer((KICKOFF,), "confidentiality-agreed") is True
    )


def _goals_measured(h: History) -> bool:
    goals = h.working_goals()
    return 1 <= len(goals) <= 3 and all(g.measure.strip() for g in goals)


def _gas_levels(h: History) -> bool:
    goals = h.working_goals()
    return bool(goals) and all(not goal_life.missing_for_agreement(g) for g in goals)


def _stakeholders(h: History) -> bool:
    engagement_id = h.record.engagement.id
    chosen = any(s.engagement_id == engagement_id for s in h.record.stakeholders)
    return chosen and h.answer(APPROVING, "manager-approved") is True


def _baseline(h: History) -> bool:
    ratings = [r for r in h.record.ratings if r.engagement_id == h.record.engagement.id]
    return any(r.phase == "baseline" and r.source == "self" for r in ratings) and any(
        r.phase == "baseline" and r.source == "stakeholder" for r in ratings
    )


def _schedule(h: History) -> bool:
    plan = h.record.latest_plan()
    return plan is not None and plan.next_date is not None and plan.next_date >= h.today


def _signed_off(h: History) -> bool:
    return (
        bool(h.held(SIGNOFF))
        and h.answer((SIGNOFF,), "goals-agreed") is True
        and bool(h.agreed_goals())
    )


def _calls_held(h: History) -> bool:
    calls = [s for s in h.sessions if s.script_id in ("action-checkin", "monthly-review")]
    return len(calls) >= 3


def _goals_scored(h: History) -> bool:
    goals = h.agreed_goals()
    return bool(goals) and all(g.scores for g in goals)


def _no_overdue(h: History) -> bool:
    actions = [a for a in h.insights(InsightKind.ACTION) if not a.done]
    return not any(a.is_overdue(h.today) for a in actions)


def _pulse(h: History) -> bool:
    """A mini-survey recorded since the first goal was agreed (a pulse needs a plan)."""
    engagement_id = h.record.engagement.id
    agreed = [g.agreed_at for g in h.agreed_goals() if g.agreed_at is not None]
    return bool(agreed) and any(
        s.engagement_id == engagement_id and s.at >= min(agreed) for s in h.record.surveys
    )


def _midpoint(h: History) -> bool:
    return answered(h.answer((MIDPOINT,), "goals-still-right"))


def _final_self(h: History) -> bool:
    return any(
        r.phase == "final" and r.source == "self" and r.engagement_id == h.record.engagement.id
        for r in h.record.ratings
    )


def _final_stakeholders(h: History) -> bool:
    """Final stakeholder ratings, or a mini-survey since the move to Achievement.

    The pulses of Action (about 3 and 6 months) are not the closing input: only a
    survey recorded once the engagement reached Achievement counts here.
    """
    engagement = h.record.engagement
    if any(
        r.phase == "final" and r.source == "stakeholder" and r.engagement_id == engagement.id
        for r in h.record.ratings
    ):
        return True
    reached = [c.at for c in engagement.changes if c.stage is Stage.ACHIEVEMENT]
    return bool(reached) and any(
        s.engagement_id == engagement.id and s.at >= reached[-1] for s in h.record.surveys
    )


def _final_session(h: History) -> bool:
    return bool(h.held("final-session"))


def _closed(h: History) -> bool:
    return answered(h.answer((CLOSE,), "objectives-met")) and (
        h.answer((CLOSE,), "stakeholders-agree") is not None
    )


#: Checklist item id -> the evidence that ticks it.
EVIDENCE: Final[dict[str, Callable[[History], bool]]] = {
    "intake_done": lambda h: bool(h.held("awareness-intake")),
    "kickoff": _kickoff,
    "strengths": lambda h: bool(h.insights(InsightKind.STRENGTH)),
    "weaknesses": lambda h: bool(h.insights(InsightKind.WEAKNESS)),
    "motivations": lambda h: bool(h.insights(InsightKind.MOTIVATION)),
    "outcomes": _outcomes,
    "interviews": lambda h: bool(h.held("stakeholder-interview")),
    "debrief": lambda h: bool(h.held("assessment-debrief")),
    "goals_measured": _goals_measured,
    "gas_levels": _gas_levels,
    "stakeholders": _stakeholders,
    "baseline": _baseline,
    "signed_off": _signed_off,
    "schedule": _schedule,
    "calls_held": _calls_held,
    "goals_scored": _goals_scored,
    "no_overdue": _no_overdue,
    "midpoint": _midpoint,
    "pulse": _pulse,
    "final_self": _final_self,
    "final_stakeholders": _final_stakeholders,
    "final_session": _final_session,
    "closed": _closed,
}


def is_done(record: ClientRecord, item_id: str, today: date) -> bool:
    """Whether the evidence for checklist item ``item_id`` is in the history."""
    check = EVIDENCE.get(item_id)
    return check is not None and check(History.of(record, today))
