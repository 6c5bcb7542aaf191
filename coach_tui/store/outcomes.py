"""Measured outcomes and the life of development areas, as locked all-or-nothing writes.

A reading of an agreed goal's success measure is added, corrected or removed in one
write that also logs it in the executive's history; a corrected or removed reading
keeps its earlier form in the goal's ``history`` (as ``["reading", day, value,
source]``, told apart from an earlier wording, which is a plain string). A development
area is closed (``done`` with ``closed_reason``) and reopened; areas and actions are
linked to the goal they serve.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from coach_tui.domain import goals as goals_life
from coach_tui.domain import outcomes
from coach_tui.domain.model import Edit, Insight, InsightKind, MeasureReading
from coach_tui.errors import InvalidInputError, NotFoundError
from coach_tui.store.base import PracticeBase

if TYPE_CHECKING:
    from tinydb import TinyDB


class OutcomesMixin(PracticeBase):
    """Readings of a goal's measure; closing, reopening and linking development areas."""

    # -------------------------------------------------------------- readings

    def record_reading(
        self,
        client_id: str,
        goal_id: str,
        value: str,
        on: date,
        source: str = "",
        session_id: str | None = None,
    ) -> Insight:
        """Add a value of an agreed goal's success measure, in its place by day."""
        when = self.clock()
        value, source = outcomes.check_reading(value, on, when.date(), source)
        with self._change(client_id, refresh_index=False) as db:
            doc_id, goal = self._agreed_goal(db, goal_id)
            reading = MeasureReading(value, on, source, when, session_id)
            goal = replace(goal, readings=outcomes.with_reading(goal.readings, reading))
            self._put(db, "insights", doc_id, goal)
            self._log(db, when, "reading", _detail(goal, reading))
        return goal

    def correct_reading(
        self,
        client_id: str,
        goal_id: str,
        reading: MeasureReading,
        *,
        value: str | None = None,
        on: date | None = None,
        source: str | None = None,
    ) -> Insight:
        """Put right a reading typed wrong; the earlier form stays in the goal's history."""
        when = self.clock()
        new_value, new_source = outcomes.check_reading(
            reading.value if value is None else value,
            reading.on if on is None else on,
            when.date(),
            reading.source if source is None else source,
        )
        with self._change(client_id, refresh_index=False) as db:
            doc_id, goal = self._goal_with(db, goal_id, reading)
            fixed = replace(reading, value=new_value, on=on or reading.on, source=new_source)
            kept = _without(goal.readings, reading)
            goal = replace(
                goal,
                readings=outcomes.with_reading(kept, fixed),
                history=[*goal.history, _earlier(reading, when)],
            )
            self._put(db, "insights", doc_id, goal)
            self._log(db, when, "reading corrected", _detail(goal, fixed, was=reading))
        return goal

    def remove_reading(self, client_id: str, goal_id: str, reading: MeasureReading) -> Insight:
        """Take out a wrong reading; it stays in the goal's history and the log."""
        when = self.clock()
        with self._change(client_id, refresh_index=False) as db:
            doc_id, goal = self._goal_with(db, goal_id, reading)
            goal = replace(
                goal,
                readings=_without(goal.readings, reading),
                history=[*goal.history, _earlier(reading, when)],
            )
            self._put(db, "insights", doc_id, goal)
            self._log(db, when, "reading removed", _detail(goal, reading))
        return goal

    def _agreed_goal(self, db: TinyDB, goal_id: str) -> tuple[int, Insight]:
        doc_id, goal = self._get(db, "insights", goal_id, Insight)
        if goal.kind is not InsightKind.GOAL:
            raise InvalidInputError(f"'{_short(goal.text)}' is not a goal")
        if not goals_life.is_agreed(goal):
            raise InvalidInputError(
                f"the goal '{_short(goal.text)}' is not agreed yet: only an agreed goal's "
                "measure is recorded"
            )
        return doc_id, goal

    def _goal_with(self, db: TinyDB, goal_id: str, reading: MeasureReading) -> tuple[int, Insight]:
        doc_id, goal = self._get(db, "insights", goal_id, Insight)
        if reading not in goal.readings:
            raise NotFoundError(
                f"the goal '{_short(goal.text)}' has no reading of {reading.on:%d %b %Y} "
                f"'{_short(reading.value)}' (changed elsewhere? reload)"
            )
        return doc_id, goal

    # ----------------------------------------------------- development areas

    def close_area(self, client_id: str, area_id: str, reason: str = "") -> Insight:
        """Close a development area (worked through, or no longer relevant)."""
        when = self.clock()
        with self._change(client_id) as db:
            doc_id, area = self._area(db, area_id)
            if area.done:
                raise InvalidInputError(f"the area '{_short(area.text)}' is already closed")
            area = replace(area, done=True, done_at=when, closed_reason=" ".join(reason.split()))
            self._put(db, "insights", doc_id, area)
            self._log(db, when, "area closed", _short(area.text))
        return area

    def reopen_area(self, client_id: str, area_id: str) -> Insight:
        """Open a closed development area again (its closing reason is kept in history)."""
        when = self.clock()
        with self._change(client_id) as db:
            doc_id, area = self._area(db, area_id)
            if not area.done:
                raise InvalidInputError(f"the area '{_short(area.text)}' is open")
            history = area.history
            if area.closed_reason:
                history = [*history, Edit(["closed", area.closed_reason], when)]
            area = replace(area, done=False, done_at=None, closed_reason="", history=history)
            self._put(db, "insights", doc_id, area)
            self._log(db, when, "area reopened", _short(area.text))
        return area

    def link_to_goal(self, client_id: str, item_id: str, goal_id: str | None) -> Insight:
        """Tie a development area or an action to the goal it serves (None unties it)."""
        with self._change(client_id) as db:
            doc_id, item = self._get(db, "insights", item_id, Insight)
            if item.kind not in (InsightKind.WEAKNESS, InsightKind.ACTION):
                raise InvalidInputError(
                    f"only development areas and actions are linked to a goal, not a "
                    f"{item.kind.label.lower()}"
                )
            if goal_id is not None:
                _, goal = self._get(db, "insights", goal_id, Insight)
                if goal.kind is not InsightKind.GOAL:
                    raise InvalidInputError(f"'{_short(goal.text)}' is not a goal")
                if goal.engagement_id != item.engagement_id:
                    raise InvalidInputError("the goal belongs to another engagement")
                if goals_life.status_of(goal) is goals_life.GoalStatus.DROPPED:
                    raise InvalidInputError(f"the goal '{_short(goal.text)}' was dropped")
            item = replace(item, goal_id=goal_id)
            self._put(db, "insights", doc_id, item)
        return item

    def _area(self, db: TinyDB, area_id: str) -> tuple[int, Insight]:
        doc_id, area = self._get(db, "insights", area_id, Insight)
        if area.kind is not InsightKind.WEAKNESS:
            raise InvalidInputError(f"'{_short(area.text)}' is not a development area")
        return doc_id, area


def _without(readings: list[MeasureReading], gone: MeasureReading) -> list[MeasureReading]:
    index = readings.index(gone)
    return [*readings[:index], *readings[index + 1 :]]


def _earlier(reading: MeasureReading, when: datetime) -> Edit:
    return Edit(["reading", reading.on.isoformat(), reading.value, reading.source], when)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 50 else flat[:49] + "…"


def _detail(goal: Insight, reading: MeasureReading, was: MeasureReading | None = None) -> str:
    detail = f"{_short(goal.text)}: {outcomes.describe(reading)}"
    if was is not None:
        detail += f" (was {outcomes.describe(was)})"
    return detail
