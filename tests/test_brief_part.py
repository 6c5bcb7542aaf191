"""``review`` reads only what the brief shows: the same brief from part of the record.

``Practice.load_part`` decodes an executive without events, and with the answers and
questions as asked of only the sessions ``brief.sessions_read`` picks. The brief made
from it must be the brief made from the whole record, on random records, on the
hand-written report engagement and on every executive of the demo.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_record import build
from review_demo import TODAY, demo_template

from coach_tui.domain.model import (
    STAGES,
    Answer,
    AskedQuestion,
    Client,
    ClientRecord,
    Engagement,
    Event,
    Insight,
    InsightKind,
    Session,
)
from coach_tui.errors import CorruptFileError
from coach_tui.reports.brief import render_brief, sessions_read
from coach_tui.store import records
from coach_tui.store.clientfile import TABLES, decode_part, decode_record
from coach_tui.store.practice import Practice

START = datetime(2026, 1, 5, 9, 0)
#: The brief's own highlighted questions, a coach-only one, and plain ones.
QUESTION_IDS = [
    "takeaway",
    "chosen-option",
    "new-behaviour",
    "coach-notes",
    "goal",
    "reality",
    "q7",
]
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=30
)


def _tables(record: ClientRecord) -> dict[str, dict[str, Any]]:
    """The record as a client file's tables (documents keyed as TinyDB keys them)."""
    tables: dict[str, dict[str, Any]] = {}
    for name in TABLES:
        items = [record.client] if name == "client" else getattr(record, name)
        tables[name] = {str(n): records.to_doc(item) for n, item in enumerate(items, 1)}
    return tables


@st.composite
def engagements(draw: st.DrawFn) -> ClientRecord:
    """An executive with sessions of every audience, open and ended, in two engagements."""
    record = ClientRecord(
        client=Client("ex", draw(TEXT) or "Ex", draw(TEXT), draw(TEXT)),
        engagements=[
            Engagement("e0", "ex", draw(st.sampled_from(STAGES)), START - timedelta(days=400)),
            Engagement("e1", "ex", draw(st.sampled_from(STAGES)), START),
        ],
    )
    count = draw(st.integers(0, 8))
    for n in range(count):
        started = START + timedelta(days=draw(st.integers(-30, 120)), minutes=n)
        ended = started + timedelta(minutes=draw(st.integers(0, 90)))
        questions = [
            AskedQuestion(qid, draw(TEXT), draw(st.sampled_from(["text", "line", "rating"])))
            for qid in draw(st.lists(st.sampled_from(QUESTION_IDS), unique=True, max_size=5))
        ]
        session = Session(
            f"s{n}",
            draw(st.sampled_from(["e0", "e1", "e1"])),
            "script",
            draw(TEXT) or "Call",
            1,
            draw(st.sampled_from(STAGES)),
            started,
            ended=draw(st.sampled_from([ended, ended, None])),
            audience=draw(st.sampled_from(["coach", "coach", "executive", "stakeholder"])),
            questions=questions,
            active_seconds=draw(st.integers(0, 5400)),
        )
        record.sessions.append(session)
        for qid in draw(st.lists(st.sampled_from(QUESTION_IDS), max_size=6)):
            value = draw(st.one_of(TEXT, st.integers(1, 10), st.lists(TEXT, max_size=2)))
            record.answers.append(
                Answer(f"a{len(record.answers)}", session.id, qid, qid, "text", value, started)
            )
        for kind in draw(st.lists(st.sampled_from(list(InsightKind)), max_size=3)):
            record.insights.append(
                Insight(
                    f"i{len(record.insights)}",
                    session.engagement_id,
                    kind,
                    draw(TEXT) or "x",
                    started,
                    session_id=draw(st.sampled_from([session.id, None])),
                    private=draw(st.booleans()),
                )
            )
        record.events.append(Event(started, "session", draw(TEXT)))
    record.sessions.sort(key=lambda s: s.started)
    return record


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(engagements(), st.sampled_from([60, 80]))
def test_the_brief_of_part_of_a_random_record_is_the_brief_of_the_whole(
    record: ClientRecord, width: int
) -> None:
    tables = _tables(record)
    whole = decode_record(Path("ex.json"), tables)
    part = decode_part(Path("ex.json"), tables, sessions_read)
    today = date(2026, 3, 1)
    assert render_brief(part, today, width) == render_brief(whole, today, width)
    read = set(sessions_read(whole))
    assert {a.session_id for a in part.answers} <= read
    assert part.events == []


def test_the_report_engagement_reads_one_session_of_six() -> None:
    record = build()
    tables = _tables(record)
    part = decode_part(Path("ann.json"), tables, sessions_read)
    whole = decode_record(Path("ann.json"), tables)
    assert render_brief(part, TODAY, 80) == render_brief(whole, TODAY, 80)
    assert {a.session_id for a in part.answers} == {"s6"}
    assert len(part.answers) < len(whole.answers)


def test_every_demo_executive_reviews_the_same_from_part_of_the_file(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = demo_template(tmp_path_factory)
    practice = Practice(root, read_only=True)
    ids = practice.client_ids()
    assert len(ids) == 4
    for client_id in ids:
        whole = practice.load(client_id)
        part = practice.load_part(client_id, sessions_read)
        assert render_brief(part, TODAY, 80) == render_brief(whole, TODAY, 80), client_id


def test_a_damaged_answer_of_the_session_read_is_still_one_clear_error() -> None:
    record = build()
    tables = _tables(record)
    last = sessions_read(decode_record(Path("ann.json"), tables))[0]
    key = next(k for k, doc in tables["answers"].items() if doc["session_id"] == last)
    tables["answers"][key] = {**tables["answers"][key], "updated": "not a date"}
    with pytest.raises(CorruptFileError, match=rf"ann.json: table 'answers', document {key} "):
        decode_part(Path("ann.json"), tables, sessions_read)
