"""Everything else recorded about an engagement: insights, stakeholders, ratings,
surveys, plans, stages, consent records, and the trash that keeps deleted items.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from coach_tui.domain import model
from coach_tui.domain.model import (
    Edit,
    GoalScore,
    Insight,
    InsightKind,
    Plan,
    Rating,
    Stage,
    StageChange,
    Stakeholder,
    SurveyScore,
)
from coach_tui.errors import (
    InvalidInputError,
    NotFoundError,
)
from coach_tui.store import records
from coach_tui.store.base import PracticeBase
from coach_tui.store.clientfile import TABLES, new_id

#: A goal's status fields (``coach_tui.domain.goals`` checks the moves between them).
GOAL_FIELDS = ("status", "agreed_at", "agreed_session", "agreed_by", "closed_reason")


class ItemsMixin(PracticeBase):
    """Changes to an engagement's items, each one locked, all-or-nothing write."""

    # -------------------------------------------------------------- insights

    def capture(
        self,
        client_id: str,
        kind: InsightKind,
        text: str,
        *,
        session_id: str | None = None,
        due: date | None = None,
        private: bool = False,
        measure: str = "",
        gas: dict[int, str] | None = None,
        goal_id: str | None = None,
        at: datetime | None = None,
    ) -> Insight:
        """Capture a strength, development area, goal, action, motivation or note."""
        text = text.strip()
        if not text:
            raise InvalidInputError(f"an empty {kind.label.lower()} cannot be captured")
        when = at or self.clock()
        with self._change(client_id) as db:
            _, engagement = self._current_engagement(db)
            insight = Insight(
                id=new_id(),
                engagement_id=engagement.id,
                kind=kind,
                text=text,
                created=when,
                session_id=session_id,
                private=private or kind is InsightKind.NOTE,
                measure=measure.strip(),
                gas=_check_gas(gas or {}),
                due=due,
                goal_id=goal_id,
            )
            db.table("insights").insert(records.to_doc(insight))
        return insight

    def update_insight(self, client_id: str, insight_id: str, **changes: Any) -> Insight:
        """Change an insight's fields; a new text keeps the old one in its history."""
        allowed = {
            "text", "private", "measure", "gas", "due", "done", "goal_id", "readings", *GOAL_FIELDS
        }  # fmt: skip
        unknown = set(changes) - allowed
        if unknown:
            raise InvalidInputError(f"cannot change {', '.join(sorted(unknown))}")
        when = self.clock()
        with self._change(client_id) as db:
            doc_id, insight = self._get(db, "insights", insight_id, Insight)
            if "text" in changes:
                text = str(changes["text"]).strip()
                if not text:
                    raise InvalidInputError("the text cannot be empty; delete the item instead")
                changes["text"] = text
                if text != insight.text:
                    changes["history"] = [*insight.history, Edit(insight.text, when)]
            if "gas" in changes:
                changes["gas"] = _check_gas(changes["gas"])
            if "done" in changes:
                changes["done_at"] = when if changes["done"] else None
            insight = replace(insight, **changes)
            self._put(db, "insights", doc_id, insight)
        return insight

    def score_goal(
        self,
        client_id: str,
        goal_id: str,
        score: int,
        session_id: str | None = None,
        at: datetime | None = None,
    ) -> Insight:
        """Record a GAS score (−2..+2); one score per goal per session (the latest wins)."""
        if isinstance(score, bool) or score not in model.GAS_LEVELS:
            raise InvalidInputError(f"a GAS score is between -2 and +2, not {score}")
        when = at or self.clock()
        with self._change(client_id) as db:
            doc_id, goal = self._get(db, "insights", goal_id, Insight)
            if goal.kind is not InsightKind.GOAL:
                raise InvalidInputError(f"'{goal.text}' is not a goal")
            kept = [s for s in goal.scores if session_id is None or s.session_id != session_id]
            goal = replace(goal, scores=[*kept, GoalScore(score, when, session_id)])
            self._put(db, "insights", doc_id, goal)
        return goal

    def append(self, client_id: str, table: str, items: list[Any], detail: str = "") -> None:
        """Add records (consent decisions, sharing, suggestion decisions) in one write."""
        if table not in ("consent", "sharing", "suggestions"):
            raise InvalidInputError(f"cannot append to '{table}'")
        with self._change(client_id, refresh_index=False) as db:
            for item in items:
                db.table(table).insert(records.to_doc(item))
            if detail:
                self._log(db, self.clock(), table, detail)

    # --------------------------------------------------------- delete / trash

    def delete(self, client_id: str, table: str, item_id: str) -> None:
        """Move an item to the trash (``check --restore`` brings it back)."""
        if table not in TABLES or table in ("client", "events"):
            raise InvalidInputError(f"cannot delete from '{table}'")
        when = self.clock()
        with self._change(client_id) as db:
            if table in ("sessions", "answers"):
                self._fold(client_id, db)  # a live session's documents are in its own file
            for doc in db.table(table).all():
                if doc.get("id") == item_id:
                    db.table(table).remove(doc_ids=[doc.doc_id])
                    db.table("trash").insert(
                        {
                            "id": new_id(),
                            "table": table,
                            "doc": dict(doc),
                            "at": when.isoformat(timespec="seconds"),
                            "schema": records.SCHEMA,
                        }
                    )
                    self._log(db, when, "deleted", f"{table[:-1]}: {_label(doc)}")
                    return
        raise NotFoundError(f"no {table[:-1]} '{item_id}'")

    def trash(self, client_id: str) -> list[dict[str, Any]]:
        tables = self._read_client_tables(client_id)
        return [dict(doc) for doc in tables.get("trash", {}).values()]

    def restore(self, client_id: str, trash_id: str) -> str:
        """Put a deleted item back where it was; returns what was restored."""
        with self._change(client_id) as db:
            for doc in db.table("trash").all():
                if doc.get("id") == trash_id:
                    db.table(doc["table"]).insert(doc["doc"])
                    db.table("trash").remove(doc_ids=[doc.doc_id])
                    label = f"{doc['table'][:-1]}: {_label(doc['doc'])}"
                    self._log(db, self.clock(), "restored", label)
                    return label
        raise NotFoundError(f"nothing in the trash with id '{trash_id}'")

    # ---------------------------------------------------------- stakeholders

    def add_stakeholder(
        self,
        client_id: str,
        name: str,
        relationship: str = "other",
        email: str = "",
        notes: str = "",
    ) -> Stakeholder:
        name = " ".join(name.split())
        if not name:
            raise InvalidInputError("a stakeholder needs a name")
        if relationship not in model.RELATIONSHIPS:
            choices = ", ".join(model.RELATIONSHIPS)
            raise InvalidInputError(f"relationship '{relationship}' is not one of: {choices}")
        with self._change(client_id, refresh_index=False) as db:
            _, engagement = self._current_engagement(db)
            person = Stakeholder(new_id(), engagement.id, name, relationship, email.strip(), notes)
            db.table("stakeholders").insert(records.to_doc(person))
        return person

    def update_stakeholder(
        self, client_id: str, stakeholder_id: str, **changes: str
    ) -> Stakeholder:
        unknown = set(changes) - {"name", "relationship", "email", "notes"}
        if unknown:
            raise InvalidInputError(f"cannot change {', '.join(sorted(unknown))}")
        if "relationship" in changes and changes["relationship"] not in model.RELATIONSHIPS:
            raise InvalidInputError(f"relationship '{changes['relationship']}' is not known")
        if "name" in changes and not changes["name"].strip():
            raise InvalidInputError("a stakeholder needs a name")
        with self._change(client_id, refresh_index=False) as db:
            doc_id, person = self._get(db, "stakeholders", stakeholder_id, Stakeholder)
            person = replace(person, **changes)
            self._put(db, "stakeholders", doc_id, person)
        return person

    # ----------------------------------------------------- ratings / surveys

    def record_ratings(
        self,
        client_id: str,
        ratings: dict[str, int],
        phase: str,
        source: str,
        stakeholder_id: str | None = None,
        relationship: str = "",
        at: datetime | None = None,
    ) -> list[Rating]:
        """Record competency ratings (1–5); a rater's new rating replaces their old one."""
        if phase not in ("baseline", "final"):
            raise InvalidInputError(f"phase '{phase}' is not baseline or final")
        if source not in ("self", "stakeholder"):
            raise InvalidInputError(f"source '{source}' is not self or stakeholder")
        for competency, value in ratings.items():
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                raise InvalidInputError(f"rating of '{competency}' must be 1–5, not {value!r}")
        when = at or self.clock()
        with self._change(client_id, refresh_index=False) as db:
            _, engagement = self._current_engagement(db)
            table = db.table("ratings")
            same_rater = [
                d.doc_id
                for d in table.all()
                if d.get("engagement_id") == engagement.id
                and d.get("phase") == phase
                and d.get("source") == source
                and d.get("stakeholder_id") == stakeholder_id
                and (source == "self" or stakeholder_id is not None)
                and d.get("competency") in ratings
            ]
            if same_rater:
                table.remove(doc_ids=same_rater)
            made = [
                Rating(
                    new_id(),
                    engagement.id,
                    competency,
                    value,
                    phase,
                    source,
                    when,
                    stakeholder_id,
                    relationship,
                )
                for competency, value in ratings.items()
            ]
            for rating in made:
                table.insert(records.to_doc(rating))
        return made

    def record_survey(
        self,
        client_id: str,
        scores: dict[str | None, int],
        relationship: str = "",
        stakeholder_id: str | None = None,
        suggestion: str = "",
        at: datetime | None = None,
    ) -> list[SurveyScore]:
        """A stakeholder's mini-survey: −3..+3 per goal id (None: overall leadership)."""
        for goal_id, score in scores.items():
            if isinstance(score, bool) or not isinstance(score, int) or not -3 <= score <= 3:
                raise InvalidInputError(f"a mini-survey score is −3..+3, not {score!r} ({goal_id})")
        when = at or self.clock()
        with self._change(client_id, refresh_index=False) as db:
            _, engagement = self._current_engagement(db)
            made = [
                SurveyScore(
                    new_id(),
                    engagement.id,
                    goal_id,
                    score,
                    when,
                    relationship,
                    stakeholder_id,
                    suggestion,
                )
                for goal_id, score in scores.items()
            ]
            for item in made:
                db.table("surveys").insert(records.to_doc(item))
        return made

    # ----------------------------------------------------------------- plans

    def write_plan(
        self,
        client_id: str,
        *,
        session_id: str | None = None,
        next_date: date | None = None,
        script_id: str = "",
        review_actions: list[str] | None = None,
        score_goals: list[str] | None = None,
        focus: list[str] | None = None,
        notes: str = "",
        at: datetime | None = None,
    ) -> Plan:
        """Write the next-session plan: what the engagement and next session show first."""
        when = at or self.clock()
        with self._change(client_id) as db:
            _, engagement = self._current_engagement(db)
            plan = Plan(
                id=new_id(),
                engagement_id=engagement.id,
                created=when,
                session_id=session_id,
                next_date=next_date,
                script_id=script_id,
                review_actions=list(review_actions or []),
                score_goals=list(score_goals or []),
                focus=list(focus or []),
                notes=notes,
            )
            db.table("plans").insert(records.to_doc(plan))
        return plan

    # ---------------------------------------------------------------- stages

    def advance_stage(
        self, client_id: str, skipped: list[str] | None = None, at: datetime | None = None
    ) -> Stage:
        """Move to the next stage, recording the checklist items the coach skipped."""
        when = at or self.clock()
        with self._change(client_id) as db:
            doc_id, engagement = self._current_engagement(db)
            following = engagement.stage.next()
            if following is None:
                raise InvalidInputError("the engagement is already in its last stage")
            change = StageChange(following, when, list(skipped or []))
            engagement = replace(engagement, stage=following, changes=[*engagement.changes, change])
            self._put(db, "engagements", doc_id, engagement)
            detail = f"to {following.label}"
            if skipped:
                detail += f" (skipped: {', '.join(skipped)})"
            self._log(db, when, "stage", detail)
        return following


def _label(doc: dict[str, Any]) -> str:
    for key in ("text", "name", "script_title", "competency"):
        if isinstance(doc.get(key), str):
            text: str = doc[key]
            return text if len(text) <= 60 else text[:59] + "…"
    return str(doc.get("id", "?"))


def _check_gas(levels: dict[int, str]) -> dict[int, str]:
    cleaned: dict[int, str] = {}
    for level, text in levels.items():
        if int(level) not in model.GAS_LEVELS:
            raise InvalidInputError(f"GAS levels run from -2 to +2, not {level}")
        if text.strip():
            cleaned[int(level)] = text.strip()
    return cleaned
