"""What a client file holds: its tables, ids, and how its documents become a ClientRecord."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable
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
                raise CorruptFileError(
                    f"{path}: table '{name}', document {doc_id} is damaged ({exc}); "
                    f"the last good copy is {safefile.backup_path(path)}"
                ) from None
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


#: What ``summarize`` reads: the index row of a checked file is made from these alone.
SUMMARY_TABLES = ("client", "engagements", "sessions", "insights", "plans")


def summary_tables(tables: Tables) -> Tables:
    """The part of a client's tables ``summarize`` needs (sessions without their questions).

    Decoding it is a few milliseconds where the whole record of a long engagement is
    30: answers, events and the questions as asked are most of the documents.
    """
    light: Tables = {name: tables.get(name, {}) for name in SUMMARY_TABLES}
    light["sessions"] = {
        key: {**doc, "questions": []} if isinstance(doc, dict) else doc
        for key, doc in light["sessions"].items()
    }
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
