"""A goal's life, kept small: draft -> agreed -> achieved or dropped.

A goal starts as a *draft* the coach and the executive write together (a line the
executive suggested becomes one only when the coach accepts it: see
``coach_tui.domain.suggestions``). It is *agreed* in a three-way meeting with the sponsor,
which needs a success measure and all five GAS levels written down; the agreement
is dated and names the session and who agreed. Only agreed goals belong to the
sponsor as well as to the executive, so only they reach a sponsor report without
item-by-item consent. A goal ends *achieved* or *dropped* (with the reason).

This module checks the moves; the store keeps the fields on the goal itself.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from coach_tui.domain.model import GAS_LEVELS, Insight, InsightKind
from coach_tui.domain.outcomes import check_reading
from coach_tui.errors import InvalidInputError

if TYPE_CHECKING:
    from coach_tui.store.practice import Practice


class GoalStatus(StrEnum):
    DRAFT = "draft"
    AGREED = "agreed"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


#: Statuses a goal may move to from each status.
MOVES: Final[dict[GoalStatus, tuple[GoalStatus, ...]]] = {
    GoalStatus.DRAFT: (GoalStatus.AGREED, GoalStatus.DROPPED),
    GoalStatus.AGREED: (GoalStatus.ACHIEVED, GoalStatus.DROPPED, GoalStatus.DRAFT),
    GoalStatus.ACHIEVED: (GoalStatus.AGREED,),
    GoalStatus.DROPPED: (GoalStatus.DRAFT,),
}

#: Who agrees a goal by default: the three people of the three-way meeting.
THREE_WAY: Final[str] = "executive, sponsor and coach"


def status_of(goal: Insight) -> GoalStatus:
    """The goal's status; anything unknown reads as a draft (the safe side)."""
    try:
        return GoalStatus(goal.status)
    except ValueError:
        return GoalStatus.DRAFT


def is_agreed(goal: Insight) -> bool:
    """Whether the sponsor co-owns the goal: agreed in a three-way meeting (or achieved)."""
    return (
        goal.kind is InsightKind.GOAL
        and not goal.private
        and status_of(goal) in (GoalStatus.AGREED, GoalStatus.ACHIEVED)
        and goal.agreed_at is not None
    )


def missing_for_agreement(goal: Insight) -> list[str]:
    """What a goal still needs before it can be agreed (empty when ready)."""
    missing = []
    if not goal.measure.strip():
        missing.append("a success measure")
    absent = [level for level in GAS_LEVELS if not goal.gas.get(level, "").strip()]
    if absent:
        missing.append(
            "GAS level" + ("s " if len(absent) > 1 else " ") + ", ".join(f"{x:+d}" for x in absent)
        )
    return missing


def agree(
    practice: Practice,
    client_id: str,
    goal_id: str,
    *,
    session_id: str | None = None,
    by: str = THREE_WAY,
    at: datetime | None = None,
    baseline: int | None = None,
    reading: tuple[str, date, str] | None = None,
) -> Insight:
    """Record that the goal was agreed in a three-way meeting (measure and GAS needed).

    ``baseline`` is where the executive stands today on the goal's GAS levels (usually
    −1 or −2): recorded as the goal's first score, so progress has a starting point.
    ``reading`` (value, day, source) is the success measure's value that day: its
    first reading. All of it is one write: agreed with its baseline, or not at all.
    """
    record = practice.load(client_id)
    goal = _goal(record.insights, goal_id)
    if goal.private:
        raise InvalidInputError("a coach-only goal cannot be agreed with the sponsor")
    missing = missing_for_agreement(goal)
    if missing:
        raise InvalidInputError(f"the goal cannot be agreed yet: it needs {' and '.join(missing)}")
    if baseline is not None and (isinstance(baseline, bool) or baseline not in GAS_LEVELS):
        raise InvalidInputError(f"a baseline GAS score is between -2 and +2, not {baseline}")
    if reading is not None:
        check_reading(reading[0], reading[1], practice.clock().date(), reading[2])
    with practice.batch(client_id):
        agreed = practice.update_insight(
            client_id,
            goal_id,
            status=GoalStatus.AGREED.value,
            agreed_at=at or practice.clock(),
            agreed_session=session_id,
            agreed_by=by,
            closed_reason="",
        )
        if baseline is not None:
            agreed = practice.score_goal(client_id, goal_id, baseline, session_id, at=at)
        if reading is not None:
            value, on, source = reading
            agreed = practice.record_reading(client_id, goal_id, value, on, source, session_id)
    return agreed


def close(
    practice: Practice, client_id: str, goal_id: str, status: GoalStatus, reason: str = ""
) -> Insight:
    """Mark a goal achieved, dropped (a reason is needed) or back to draft."""
    record = practice.load(client_id)
    goal = _goal(record.insights, goal_id)
    current = status_of(goal)
    if status not in MOVES[current]:
        raise InvalidInputError(f"a {current.value} goal cannot become {status.value}")
    if status is GoalStatus.AGREED:
        return agree(practice, client_id, goal_id)
    if status is GoalStatus.DROPPED and not reason.strip():
        raise InvalidInputError("say why the goal is dropped")
    changes: dict[str, object] = {"status": status.value, "closed_reason": reason.strip()}
    if status is GoalStatus.DRAFT:
        changes.update(agreed_at=None, agreed_session=None, agreed_by="")
    return practice.update_insight(client_id, goal_id, **changes)


def _goal(insights: list[Insight], goal_id: str) -> Insight:
    for insight in insights:
        if insight.id == goal_id and insight.kind is InsightKind.GOAL:
            return insight
    raise InvalidInputError(f"no goal '{goal_id}'")
