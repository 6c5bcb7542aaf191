"""The running views fed by answers: one item per line of a feeding answer.

A question that ``feeds`` a view (strengths, goals, actions, ...) keeps that view's
items in step with its answer on every save, without undoing what the coach did to
an item since (renamed, deleted, scored).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach_tui.domain.model import (
    AnswerValue,
    Insight,
    InsightKind,
    Session,
)
from coach_tui.store import records
from coach_tui.store.base import PracticeBase
from coach_tui.store.clientfile import new_id

if TYPE_CHECKING:
    from tinydb import TinyDB


def sync_fed_insights(
    db: TinyDB,
    session: Session,
    question_id: str,
    kind: InsightKind,
    value: AnswerValue,
    when: datetime,
    find_answer: Callable[[str, str], dict[str, Any] | None] | None = None,
) -> None:
    """Make the running view hold one item per line of a feeding answer.

    A line leaving the answer removes its item only if the coach never touched
    it (the answer's history keeps the line). Items the coach renamed or deleted
    are not brought back by the next save of the same answer.
    """
    lines = lines_of(value)
    table = db.table("insights")
    source = f"{session.id}/{question_id}"

    def of_kind(d: dict[str, Any]) -> bool:
        return d.get("engagement_id") == session.engagement_id and d.get("kind") == kind.value

    def owned(d: dict[str, Any]) -> bool:
        return d.get("session_id") == session.id and d.get("question_id") == question_id

    def from_here(d: dict[str, Any]) -> bool:
        return of_kind(d) and (
            owned(d) or source in d.get("also_fed_by", []) or source in d.get("fed_before", [])
        )

    def said(d: dict[str, Any]) -> set[str]:
        """The item's text and every wording it had before the coach renamed it."""
        return {str(d.get("text")), *(str(e.get("value")) for e in d.get("history", []))}

    def still_says(other: str, d: dict[str, Any]) -> bool:
        other_session, _, other_question = other.partition("/")
        if find_answer is not None:
            found_doc = find_answer(other_session, other_question)
        else:
            raw = PracticeBase._find_raw(
                db, "answers", session_id=other_session, question_id=other_question
            )
            found_doc = raw[1] if raw is not None else None
        return found_doc is not None and bool(said(d) & set(lines_of(found_doc.get("value"))))

    items = [d for d in table.all() if of_kind(d)]
    trashed = [
        t["doc"]
        for t in db.table("trash").all()
        if t.get("table") == "insights" and isinstance(t.get("doc"), dict)
    ]
    # Lines this answer ever fed, live or trashed: the coach renamed or deleted
    # what is not there any more, and the next save must not bring it back.
    have: set[str] = set()
    for d in [*items, *trashed]:
        if from_here(d):
            have |= said(d)
    for d in items:
        if said(d) & set(lines):
            continue  # still said here, maybe in the wording before a rename
        others = [s for s in d.get("also_fed_by", []) if s != source]
        if owned(d) and untouched(d):
            # Another answer that still says it takes the item over.
            heirs = [s for s in others if still_says(s, d)]
            if not heirs:
                table.remove(doc_ids=[d.doc_id])
                continue
            owner_session, _, owner_question = heirs[0].partition("/")
            table.update(
                {
                    "session_id": owner_session,
                    "question_id": owner_question,
                    "also_fed_by": heirs[1:],
                    "fed_before": [*d.get("fed_before", []), source],
                },
                doc_ids=[d.doc_id],
            )
        elif source in d.get("also_fed_by", []):
            table.update({"also_fed_by": others}, doc_ids=[d.doc_id])
    # The same line already in the view (from another question or session, maybe
    # renamed since) is not added twice: the running view is a set of things
    # heard, not a log. This answer is noted as saying it too.
    by_wording = {wording: d for d in items if not owned(d) for wording in said(d)}
    for line in lines:
        same = by_wording.get(line)
        if same is not None:
            if source not in same.get("also_fed_by", []):
                table.update(
                    {"also_fed_by": [*same.get("also_fed_by", []), source]},
                    doc_ids=[same.doc_id],
                )
            continue
        if line in have:
            continue
        insight = Insight(
            id=new_id(),
            engagement_id=session.engagement_id,
            kind=kind,
            text=line,
            created=when,
            session_id=session.id,
            question_id=question_id,
        )
        table.insert(records.to_doc(insight))


def untouched(doc: dict[str, Any]) -> bool:
    """A fed item exactly as the answer made it: nothing the coach added since."""
    return not (
        doc.get("history")
        or doc.get("measure")
        or doc.get("gas")
        or doc.get("scores")
        or doc.get("done")
        or doc.get("due")
        or doc.get("private")
    )


def lines_of(value: AnswerValue) -> list[str]:
    if isinstance(value, list):
        items = [str(v).strip() for v in value]
    elif isinstance(value, str):
        items = [line.strip(" -*•\t") for line in value.splitlines()]
    else:
        return []
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen
