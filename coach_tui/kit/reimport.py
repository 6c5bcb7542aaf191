"""A kit is answered once: a second import of the same kit updates that response.

Every exported kit carries a random kit id, and every import logs an event
(``kit-import``) that starts with it. A response to a kit imported before is the
same response corrected (a typo fixed, an answer added), not a second person or a
second sitting: importing it again saves the answers into the *same* session (so
each changed answer keeps its earlier value in its history, and a running-view
item is not duplicated), and the ratings and mini-survey scores of the earlier
import are moved to the trash before the new ones are recorded. The import says
that it updated an earlier response, and when that was imported.

The event of an import names its session (``...; session <id>``); for events
written before that, the session is the newest one of the kit's scripts started at
or before the event, which is what the single locked import made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from coach_tui.domain.model import ClientRecord, Event, Session
from coach_tui.kit.model import EVENT_IMPORT, INTERVIEW_SCRIPT, SELF_SCRIPT, SURVEY_SCRIPT
from coach_tui.store.practice import Practice

_SESSION = re.compile(r"; session ([0-9a-f]+)$")
_KIT_SCRIPTS = (SELF_SCRIPT, INTERVIEW_SCRIPT, SURVEY_SCRIPT)


@dataclass(frozen=True)
class Earlier:
    """The response imported before for the same kit."""

    at: datetime
    session: Session
    digest: str


def session_note(session_id: str) -> str:
    """What an import's event adds to say which session it filled."""
    return f"; session {session_id}"


def earlier_response(record: ClientRecord, kit_id: str) -> Earlier | None:
    """The latest earlier import of ``kit_id`` and its session, if there is one."""
    events = [
        e
        for e in record.events
        if e.kind == EVENT_IMPORT and e.detail.startswith(f"{kit_id} response ")
    ]
    if not events:
        return None
    event = max(enumerate(events), key=lambda pair: (pair[1].at, pair[0]))[1]  # the last
    session = _session_of(record, event)
    parts = event.detail.split()
    digest = parts[2] if len(parts) > 2 else ""
    return Earlier(event.at, session, digest) if session is not None else None


def _session_of(record: ClientRecord, event: Event) -> Session | None:
    match = _SESSION.search(event.detail)
    if match is not None:
        return next((s for s in record.sessions if s.id == match.group(1)), None)
    made = [s for s in record.sessions if s.script_id in _KIT_SCRIPTS and s.started <= event.at]
    return max(made, key=lambda s: s.started) if made else None


def withdraw_scores(practice: Practice, record: ClientRecord, earlier: Earlier) -> int:
    """Move the earlier import's ratings and survey scores to the trash; how many.

    They are the ones of that response's rater recorded during that import (between
    its session's start and its event), in the current engagement.
    """
    session = earlier.session
    start, end = session.started, earlier.at
    source = "self" if session.audience == "executive" else "stakeholder"
    engagement = record.engagement.id
    moved = 0
    for rating in record.ratings:
        if (
            rating.engagement_id == engagement
            and rating.source == source
            and rating.stakeholder_id == session.stakeholder_id
            and start <= rating.at <= end
        ):
            practice.delete(record.client.id, "ratings", rating.id)
            moved += 1
    for score in record.surveys:
        if (
            score.engagement_id == engagement
            and score.stakeholder_id == session.stakeholder_id
            and start <= score.at <= end
        ):
            practice.delete(record.client.id, "surveys", score.id)
            moved += 1
    return moved
