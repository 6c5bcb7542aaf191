"""What a client file holds: its tables, ids, and how its documents become a ClientRecord."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Collection
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coach_tui.domain import model
from coach_tui.domain.model import (
    Answer,
    Client,
    ClientRecord,
    ClientSummary,
    Engagement,
    Event,
    Insight,
    InsightKind,
    Plan,
    Rating,
    Session,
    Stakeholder,
    SurveyScore,
)
from coach_tui.errors import (
    CorruptFileError,
)
from coach_tui.store import records, safefile
from coach_tui.store.storage import Tables

#: Tables of a client file and the dataclass each holds.
TABLES: dict[str, type] = {
    "client": Client,
    "engagements": Engagement,
    "sessions": Session,
    "answers": Answer,
    "insights": Insight,
    "stakeholders": Stakeholder,
    "ratings": Rating,
    "surveys": SurveyScore,
    "plans": Plan,
    "events": Event,
    "consent": model.ConsentDecision,
    "sharing": model.Sharing,
    "suggestions": model.SuggestionDecision,
}


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def slugify(name: str) -> str:
    """A readable file-safe id from a name: 'Ana María López' -> 'ana-maria-lopez'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:40].strip("-") or "executive"


def decode_record(path: Path, tables: Tables) -> ClientRecord:
    """Build a ClientRecord from a client file's tables (already checked for kind)."""
    lists: dict[str, list[Any]] = {}
    for name, cls in TABLES.items():
        items: list[Any] = []
        decode: Callable[[dict[str, Any]], Any] = records.decoder(cls)
        for doc_id, doc in tables.get(name, {}).items():
            try:
                items.append(decode(doc))
            except (TypeError, ValueError, KeyError) as exc:
                raise _damaged(path, name, doc_id, exc) from None
        lists[name] = items
    clients = lists.pop("client")
    if not clients:
        raise CorruptFileError(f"{path}: no executive in the file; it was left as it is")
    record = ClientRecord(client=clients[0], **lists)
    if not record.engagements:
        raise CorruptFileError(f"{path}: no engagement in the file; it was left as it is")
    record.engagements.sort(key=lambda e: e.started or datetime.min)
    record.sessions.sort(key=lambda s: s.started)
    return record


def _damaged(path: Path, table: str, doc_id: str, exc: Exception) -> CorruptFileError:
    return CorruptFileError(
        f"{path}: table '{table}', document {doc_id} is damaged ({exc}); "
        f"the last good copy is {safefile.backup_path(path)}"
    )


#: Picks, from a record read without answers, the sessions whose answers are needed.
PickSessions = Callable[[ClientRecord], Collection[str]]


def decode_part(path: Path, tables: Tables, answered: PickSessions) -> ClientRecord:
    """A record without its events, with the answers and questions as asked of only the
    sessions ``answered`` picks: for a view that reads no more (the pre-call brief).

    Answers, events and questions as asked are most of a long engagement (3,500 of the
    4,000 documents of the largest generated executive), and the brief reads those of
    one session. The documents left out are not decoded, so not checked either:
    ``check`` and every whole load still check them.
    """
    sessions = tables.get("sessions", {})
    light: Tables = {
        **tables,
        "events": {},
        "answers": {},
        "sessions": {key: _without_questions(doc) for key, doc in sessions.items()},
    }
    record = decode_record(path, light)
    wanted = set(answered(record))
    if not wanted:
        return record
    decode_session = records.decoder(Session)
    whole = {
        doc["id"]: (key, doc)
        for key, doc in sessions.items()
        if isinstance(doc, dict) and doc.get("id") in wanted
    }
    record.sessions = [
        _decode_one(path, "sessions", *whole[s.id], decode_session) if s.id in whole else s
        for s in record.sessions
    ]
    decode_answer = records.decoder(Answer)
    record.answers = [
        _decode_one(path, "answers", key, doc, decode_answer)
        for key, doc in tables.get("answers", {}).items()
        if isinstance(doc, dict) and doc.get("session_id") in wanted
    ]
    return record


def _decode_one(path: Path, table: str, doc_id: str, doc: Any, decode: Callable[[Any], Any]) -> Any:
    try:
        return decode(doc)
    except (TypeError, ValueError, KeyError) as exc:
        raise _damaged(path, table, doc_id, exc) from None


def _without_questions(doc: Any) -> Any:
    return {**doc, "questions": []} if isinstance(doc, dict) else doc


#: What ``summarize`` reads: the index row of a checked file is made from these alone.
SUMMARY_TABLES = ("client", "engagements", "sessions", "insights", "plans")


def summary_tables(tables: Tables) -> Tables:
    """The part of a client's tables ``summarize`` needs (sessions without their questions).

    Decoding it is a few milliseconds where the whole record of a long engagement is
    30: answers, events and the questions as asked are most of the documents.
    """
    light: Tables = {name: tables.get(name, {}) for name in SUMMARY_TABLES}
    light["sessions"] = {key: _without_questions(doc) for key, doc in light["sessions"].items()}
    return light


def summarize(record: ClientRecord, today: date) -> ClientSummary:
    """The index row for one executive: what the practice screen shows."""
    engagement = record.engagement
    sessions = [s for s in record.sessions_of(engagement.id) if s.audience == "coach"]
    held = [s for s in sessions if not s.is_open]
    actions = [i for i in record.insights_of(InsightKind.ACTION) if not i.done]
    plan = record.latest_plan()
    return ClientSummary(
        id=record.client.id,
        name=record.client.name,
        organisation=record.client.organisation,
        role=record.client.role,
        stage=engagement.stage,
        sessions=len(held),
        last_session=held[-1].started.date() if held else None,
        next_session=plan.next_date if plan else None,
        open_actions=len(actions),
        overdue_actions=sum(1 for a in actions if a.is_overdue(today)),
        open_goals=len(record.insights_of(InsightKind.GOAL)),
        open_session=record.open_session() is not None,
    )
