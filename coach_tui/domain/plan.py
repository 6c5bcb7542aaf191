"""Running views, stage checklists and the next-session plan, derived from history.

Nothing here writes: it reads a ``ClientRecord`` and says what a coach would want to
see — the strengths, development areas, goals and actions so far; which of the
stage's usual steps are done; and what the next session should start from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from coach_tui.domain.model import (
    STAGE_CHECKLISTS,
    ChecklistItem,
    ClientRecord,
    Insight,
    InsightKind,
    Plan,
    Stage,
)


@dataclass
class RunningViews:
    """What the engagement screen and the live session show beside the questions."""

    strengths: list[Insight] = field(default_factory=list)
    weaknesses: list[Insight] = field(default_factory=list)
    goals: list[Insight] = field(default_factory=list)
    actions: list[Insight] = field(default_factory=list)
    motivations: list[Insight] = field(default_factory=list)
    notes: list[Insight] = field(default_factory=list)

    def of(self, kind: InsightKind) -> list[Insight]:
        return {
            InsightKind.STRENGTH: self.strengths,
            InsightKind.WEAKNESS: self.weaknesses,
            InsightKind.GOAL: self.goals,
            InsightKind.ACTION: self.actions,
            InsightKind.MOTIVATION: self.motivations,
            InsightKind.NOTE: self.notes,
        }[kind]


def running_views(record: ClientRecord, include_done: bool = False) -> RunningViews:
    """The current engagement's insights grouped by kind, oldest first.

    Actions are open ones (with the overdue first, then by due date) unless
    ``include_done``.
    """
    engagement_id = record.engagement.id
    views = RunningViews()
    for insight in sorted(record.insights, key=lambda i: i.created):
        if insight.engagement_id != engagement_id:
            continue
        if insight.kind is InsightKind.ACTION and insight.done and not include_done:
            continue
        views.of(insight.kind).append(insight)
    views.actions.sort(key=lambda a: (a.done, a.due or date.max))
    return views


def session_views(record: ClientRecord, session_started: datetime) -> RunningViews:
    """The running views during a session: actions ticked off in it stay (shown done).

    An action the coach marks done mid-call would otherwise vanish from the list,
    and the coach could not tell a tick from a deletion; it leaves at the end.
    """
    views = running_views(record, include_done=True)
    views.actions[:] = [
        a
        for a in views.actions
        if not a.done or (a.done_at is not None and a.done_at >= session_started)
    ]
    return views


@dataclass(frozen=True)
class ChecklistState:
    item: ChecklistItem
    done: bool


def checklist(record: ClientRecord, today: date) -> list[ChecklistState]:
    """The current stage's checklist, each item checked against the history."""
    stage = record.engagement.stage
    return [
        ChecklistState(item, _is_done(record, stage, item.id, today))
        for item in STAGE_CHECKLISTS[stage]
    ]


def _is_done(record: ClientRecord, stage: Stage, item_id: str, today: date) -> bool:
    engagement = record.engagement
    sessions = [s for s in record.sessions_of(engagement.id) if not s.is_open]
    views = running_views(record)
    ratings = [r for r in record.ratings if r.engagement_id == engagement.id]
    stakeholders = [s for s in record.stakeholders if s.engagement_id == engagement.id]
    plan = record.latest_plan()
    stage_sessions = [s for s in sessions if s.stage is stage and s.audience == "coach"]
    checks = {
        "intake_done": any(s.script_id == "awareness-intake" for s in sessions),
        "strengths": bool(views.strengths),
        "weaknesses": bool(views.weaknesses),
        "motivations": bool(views.motivations),
        "outcomes": bool(views.goals),
        "goals_measured": 1 <= len(views.goals) <= 3 and all(g.measure for g in views.goals),
        "gas_levels": bool(views.goals) and all(len(g.gas) == 5 for g in views.goals),
        "stakeholders": len(stakeholders) >= 1,
        "baseline": any(r.phase == "baseline" and r.source == "self" for r in ratings)
        and any(r.phase == "baseline" and r.source == "stakeholder" for r in ratings),
        "schedule": plan is not None and plan.next_date is not None and plan.next_date >= today,
        "calls_held": len(stage_sessions) >= 3,
        "goals_scored": bool(views.goals) and all(g.scores for g in views.goals),
        "no_overdue": not any(a.is_overdue(today) for a in views.actions),
        "final_self": any(r.phase == "final" and r.source == "self" for r in ratings),
        "final_stakeholders": any(r.phase == "final" and r.source == "stakeholder" for r in ratings)
        or any(s.engagement_id == engagement.id for s in record.surveys),
        "final_session": any(s.script_id == "final-session" for s in sessions),
    }
    return checks.get(item_id, False)


def default_script_for(stage: Stage) -> str:
    """The script a session in ``stage`` runs unless the coach picks another."""
    return {
        Stage.AWARENESS: "awareness-intake",
        Stage.ANALYSIS: "development-plan",
        Stage.ACTION: "action-checkin",
        Stage.ACHIEVEMENT: "achievement-review",
    }[stage]


@dataclass
class PlanDraft:
    """A proposed next-session plan for the wrap-up screen to edit and confirm."""

    next_date: date | None
    script_id: str
    review_actions: list[Insight]
    score_goals: list[Insight]
    focus: list[Insight]
    notes: str = ""


#: Questions whose date answer is when the coach and the executive meet next.
NEXT_CALL_QUESTIONS: tuple[str, ...] = ("next-call", "next-meeting", "follow-up-date")
#: A question whose date answer is when this session's new commitments are due.
COMMITMENTS_DUE_QUESTION = "commitments-due"


def _date_answer(record: ClientRecord, session_id: str | None, ids: tuple[str, ...]) -> date | None:
    if session_id is None:
        return None
    answers = record.answers_of(session_id)
    for question_id in ids:
        answer = answers.get(question_id)
        if answer is not None and isinstance(answer.value, str):
            try:
                return date.fromisoformat(answer.value)
            except ValueError:
                continue
    return None


def commitments_due(record: ClientRecord, session_id: str) -> tuple[date | None, list[Insight]]:
    """The session's "by when?" date and its new actions that have no due date yet."""
    due = _date_answer(record, session_id, (COMMITMENTS_DUE_QUESTION,))
    undated = [
        i
        for i in record.insights
        if i.kind is InsightKind.ACTION and i.session_id == session_id and i.due is None
    ]
    return due, undated


def draft_next_plan(
    record: ClientRecord, today: date, cadence_days: int = 14, session_id: str | None = None
) -> PlanDraft:
    """What the next session should start from, proposed from the history.

    Commitments still open are reviewed; every goal is scored in Action and
    Achievement; the development areas in focus are those linked to goals or, failing
    that, the latest ones. The date is the one agreed in the session ("when is our
    next call?") or else follows the usual two-week cadence.
    """
    views = running_views(record)
    stage = record.engagement.stage
    previous = record.latest_plan()
    focus = views.weaknesses[-3:]
    agreed = _date_answer(record, session_id, NEXT_CALL_QUESTIONS)
    return PlanDraft(
        next_date=agreed if agreed and agreed >= today else today + timedelta(days=cadence_days),
        script_id=default_script_for(stage),
        review_actions=views.actions,
        score_goals=views.goals if stage in (Stage.ACTION, Stage.ACHIEVEMENT) else [],
        focus=focus,
        notes=previous.notes
        if previous and previous.next_date and previous.next_date > today
        else "",
    )


def plan_items(record: ClientRecord, plan: Plan) -> dict[str, list[Insight]]:
    """The plan's ids resolved to the insights they name (missing ones dropped)."""
    by_id = {i.id: i for i in record.insights}
    return {
        "review_actions": [by_id[i] for i in plan.review_actions if i in by_id],
        "score_goals": [by_id[i] for i in plan.score_goals if i in by_id],
        "focus": [by_id[i] for i in plan.focus if i in by_id],
    }


def goal_trend(goal: Insight) -> str:
    """An arrow for the last change of a goal's GAS score."""
    if len(goal.scores) < 2:
        return "·"
    delta = goal.scores[-1].score - goal.scores[-2].score
    return "↑" if delta > 0 else "↓" if delta < 0 else "→"
