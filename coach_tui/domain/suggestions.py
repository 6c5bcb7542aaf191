"""The executive's own words as suggestions the coach takes up, never as items.

What an executive writes alone — the self-assessment in their terminal, a kit filled
on their own machine — stays their answer. A line of an answer to a question that
feeds a running view (strengths, development areas, goals, motivations, actions)
becomes a *suggestion*: the coach sees it on the engagement, goes through it with
the executive, and accepts it (maybe reworded: it becomes a draft item), or drops
it. Until accepted a suggestion is in no running view and so in no report.

Suggestions are worked out from the answers each time (nothing to keep in step); only
the coach's decisions are stored (``SuggestionDecision``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from coach_tui.domain.model import (
    FEEDS_TO_KIND,
    ClientRecord,
    Insight,
    InsightKind,
    SuggestionDecision,
)
from coach_tui.domain.privacy import Audience, audience_of
from coach_tui.errors import InvalidInputError

if TYPE_CHECKING:
    from coach_tui.scripts.library import ScriptLibrary
    from coach_tui.store.practice import Practice

ACCEPTED = "accepted"
DROPPED = "dropped"


@dataclass(frozen=True)
class Suggestion:
    """One line the executive wrote that could become an item of a running view."""

    source: str
    line: str
    kind: InsightKind
    session_id: str
    from_where: str
    at: datetime

    @property
    def key(self) -> str:
        return f"{self.source}\n{self.line}"


def _feeding_questions(script_id: str, library: ScriptLibrary) -> dict[str, InsightKind]:
    try:
        script = library.get(script_id)
    except KeyError:
        return {}
    found = {}
    for question in script.questions:
        kind = FEEDS_TO_KIND.get(question.feeds or "")
        if kind is not None:
            found[question.id] = kind
    return found


def all_suggestions(record: ClientRecord, library: ScriptLibrary) -> list[Suggestion]:
    """Every suggestion of the current engagement, decided or not, oldest first."""
    out = []
    for session in record.sessions_of(record.engagement.id):
        if session.audience == "coach":
            continue
        feeding = _feeding_questions(session.script_id, library)
        if not feeding:
            continue
        where = "self-assessment" if session.audience == "executive" else "stakeholder"
        for answer in record.answers_of(session.id).values():
            kind = feeding.get(answer.question_id)
            if kind is None or audience_of(answer) is Audience.COACH:
                continue
            value = answer.value
            lines = value if isinstance(value, list) else str(value or "").splitlines()
            for line in (str(v).strip() for v in lines):
                if line:
                    out.append(
                        Suggestion(
                            f"{session.id}/{answer.question_id}",
                            line,
                            kind,
                            session.id,
                            where,
                            answer.updated,
                        )
                    )
    return out


def pending(record: ClientRecord, library: ScriptLibrary) -> list[Suggestion]:
    """The suggestions the coach has neither accepted nor dropped."""
    decided = {
        f"{d.source}\n{d.line}"
        for d in record.suggestions
        if d.engagement_id == record.engagement.id
    }
    return [s for s in all_suggestions(record, library) if s.key not in decided]


def accept(
    practice: Practice, client_id: str, suggestion: Suggestion, text: str | None = None
) -> Insight:
    """Make a suggestion a draft item (in the coach's words if given) and note the decision."""
    from coach_tui.store.practice import new_id

    wording = (text if text is not None else suggestion.line).strip()
    if not wording:
        raise InvalidInputError("an empty suggestion cannot be accepted; drop it instead")
    with practice.batch(client_id):
        made = practice.capture(client_id, suggestion.kind, wording)
        _decide(practice, client_id, suggestion, ACCEPTED, made.id, new_id())
    return made


def drop(practice: Practice, client_id: str, suggestion: Suggestion) -> None:
    """Leave a suggestion out of the running views for good."""
    from coach_tui.store.practice import new_id

    _decide(practice, client_id, suggestion, DROPPED, None, new_id())


def _decide(
    practice: Practice,
    client_id: str,
    suggestion: Suggestion,
    decision: str,
    insight_id: str | None,
    decision_id: str,
) -> None:
    record = practice.load(client_id)
    practice.append(
        client_id,
        "suggestions",
        [
            SuggestionDecision(
                id=decision_id,
                engagement_id=record.engagement.id,
                source=suggestion.source,
                line=suggestion.line,
                decision=decision,
                at=practice.clock(),
                insight_id=insight_id,
            )
        ],
    )
