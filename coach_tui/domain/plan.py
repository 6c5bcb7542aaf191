"""Running views, stage checklists and the next-session plan, derived from history.

Nothing here writes: it reads a ``ClientRecord`` and says what a coach would want to
see — the strengths, development areas, goals and actions so far; which of the
stage's usual steps are done; and what the next session should start from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from coach_tui.domain import evidence, next_step
from coach_tui.domain import goals as goals_life
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
        if is_closed(insight):
            continue  # a closed development area is not a remaining one
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
    """The current stage's checklist, each item checked against its evidence.

    What ticks each item is in ``coach_tui.domain.evidence``: real answers and events
    (the kick-off's sponsor expectations, the sign-off's approval), not look-alikes.
    """
    stage = record.engagement.stage
    history = evidence.History.of(record, today)
    return [
        ChecklistState(item, item.id in evidence.EVIDENCE and evidence.EVIDENCE[item.id](history))
        for item in STAGE_CHECKLISTS[stage]
    ]


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
    #: What else is due: commitments, surveys or interviews, a three-way meeting.
    reminders: list[str] = field(default_factory=list)

    @property
    def focus_goals(self) -> list[Insight]:
        """The agreed goals in focus (the largest gap)."""
        return [i for i in self.focus if i.kind is InsightKind.GOAL]

    @property
    def focus_areas(self) -> list[Insight]:
        """The development areas in focus: those linked to the focus goals."""
        return [i for i in self.focus if i.kind is InsightKind.WEAKNESS]


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


#: Questions whose answer is the agreed rhythm of calls, and what each answer means.
CADENCE_QUESTIONS: dict[str, tuple[str, ...]] = {
    "cadence": ("awareness-intake",),
    "call-frequency": ("development-plan",),
}
CADENCE_DAYS: dict[str, int] = {
    "every week": 7,
    "weekly": 7,
    "every two weeks": 14,
    "every three weeks": 21,
    "every four weeks": 28,
    "monthly": 28,
}
USUAL_CADENCE_DAYS = 14


def agreed_cadence(record: ClientRecord, today: date) -> int:
    """Days between calls as last agreed (the development plan's, else the intake's)."""
    history = evidence.History.of(record, today)
    for question_id in ("call-frequency", "cadence"):
        value = history.answer(CADENCE_QUESTIONS[question_id], question_id)
        if isinstance(value, str) and value.strip().casefold() in CADENCE_DAYS:
            return CADENCE_DAYS[value.strip().casefold()]
    return USUAL_CADENCE_DAYS


def draft_next_plan(
    record: ClientRecord,
    today: date,
    cadence_days: int | None = None,
    session_id: str | None = None,
) -> PlanDraft:
    """What the next session should start from, proposed from the history.

    The script is the next one not yet held (``next_step``); commitments still open
    are reviewed; only agreed goals are scored, in Action and Achievement; the focus
    is the agreed goals furthest from their expected level and the open development
    areas linked to them. The date is the one agreed in the session ("when is our
    next call?") or else follows the cadence agreed (intake, development plan), else
    the usual two weeks.
    """
    if cadence_days is None:
        cadence_days = agreed_cadence(record, today)
    views = running_views(record)
    stage = record.engagement.stage
    previous = record.latest_plan()
    history = evidence.History.of(record, today)
    agreed_goals = history.agreed_goals()
    agreed = _date_answer(record, session_id, NEXT_CALL_QUESTIONS)
    return PlanDraft(
        next_date=agreed if agreed and agreed >= today else today + timedelta(days=cadence_days),
        script_id=next_step.next_script(record, today, session_id),
        review_actions=views.actions,
        score_goals=agreed_goals if stage in (Stage.ACTION, Stage.ACHIEVEMENT) else [],
        focus=focus_of(views, agreed_goals),
        reminders=next_step.reminders(record, today, session_id),
        notes=previous.notes
        if previous and previous.next_date and previous.next_date > today
        else "",
    )


def scorable_goals(record: ClientRecord) -> list[Insight]:
    """The goals a session may GAS-score: agreed ones (which have all five levels)."""
    return [
        g
        for g in running_views(record).goals
        if goals_life.is_agreed(g) and not goals_life.missing_for_agreement(g)
    ]


def goal_gap(goal: Insight) -> int:
    """How far a goal's latest GAS score is below the top level (+2); unscored = -2."""
    latest = goal.latest_score
    return 2 - (latest if latest is not None else -2)


def focus_of(views: RunningViews, agreed_goals: list[Insight]) -> list[Insight]:
    """The agreed goals with the largest gap, then the open areas linked to them.

    Without agreed goals (Awareness, early Analysis) the latest open areas stand in.
    """
    areas = [a for a in views.weaknesses if not is_closed(a)]
    if not agreed_goals:
        return areas[-3:]
    widest = max(goal_gap(g) for g in agreed_goals)
    if widest <= 0:
        return []
    chosen = [g for g in agreed_goals if goal_gap(g) == widest]
    ids = {g.id for g in chosen}
    return [*chosen, *(a for a in areas if a.goal_id in ids)]


def is_closed(area: Insight) -> bool:
    """A development area the coach closed (worked through, or no longer relevant)."""
    return area.kind is InsightKind.WEAKNESS and area.done


def plan_items(record: ClientRecord, plan: Plan) -> dict[str, list[Insight]]:
    """The plan's ids resolved to the insights they name (missing ones dropped).

    ``focus_goals`` are the agreed goals the plan focuses on; ``focus`` the open
    development areas linked to them (``goal_id``), with any area the plan names
    itself. A plan that named only areas (written before goals were agreed, or by an
    older version) has as focus goals the goals its areas are linked to.
    """
    by_id = {i.id: i for i in record.insights}
    named = [by_id[i] for i in plan.focus if i in by_id]
    focus_goals = [i for i in named if i.kind is InsightKind.GOAL]
    named_areas = [i for i in named if i.kind is InsightKind.WEAKNESS]
    if not focus_goals:
        linked = dict.fromkeys(a.goal_id for a in named_areas if a.goal_id)
        focus_goals = [by_id[g] for g in linked if g in by_id and by_id[g].kind is InsightKind.GOAL]
    goal_ids = {g.id for g in focus_goals}
    named_ids = {a.id for a in named_areas}
    linked_areas = [
        a
        for a in record.insights_of(InsightKind.WEAKNESS)
        if a.goal_id in goal_ids and a.id not in named_ids and not is_closed(a)
    ]
    return {
        "review_actions": [by_id[i] for i in plan.review_actions if i in by_id],
        "score_goals": [by_id[i] for i in plan.score_goals if i in by_id],
        "focus_goals": focus_goals,
        "focus": [*named_areas, *linked_areas],
    }


def goal_trend(goal: Insight) -> str:
    """An arrow for the last change of a goal's GAS score."""
    if len(goal.scores) < 2:
        return "·"
    delta = goal.scores[-1].score - goal.scores[-2].score
    return "↑" if delta > 0 else "↓" if delta < 0 else "→"
