"""Corrupt, foreign or newer client files are never overwritten; the rest keeps working."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from coach_tui.domain.model import InsightKind
from coach_tui.errors import CorruptFileError
from coach_tui.store import safefile
from coach_tui.store.practice import Practice


def _truncated(good: bytes) -> bytes:
    return good[: len(good) // 2]


def _foreign(good: bytes) -> bytes:
    """A valid TinyDB file without the coach-tui header."""
    tables = json.loads(good)
    del tables["meta"]
    return json.dumps(tables).encode()


def _other_app(good: bytes) -> bytes:
    return json.dumps({"_default": {"1": {"title": "shopping", "items": ["milk"]}}}).encode()


def _index_kind(good: bytes) -> bytes:
    """A valid coach-tui file of the wrong kind (the index copied over a client)."""
    tables = json.loads(good)
    for doc in tables["meta"].values():
        doc["kind"] = "coach-tui/practice"
    return json.dumps(tables).encode()


def _newer(good: bytes) -> bytes:
    tables = json.loads(good)
    for doc in tables["meta"].values():
        doc["schema"] = 999
    return json.dumps(tables).encode()


def _damaged_document(good: bytes) -> bytes:
    """Well-formed JSON whose history document has a value of the wrong shape.

    (The live session's answers are in a file of their own; the executive's file
    always holds its history.)
    """
    tables = json.loads(good)
    for doc in tables["events"].values():
        doc["at"] = "not a date"
    return json.dumps(tables).encode()


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "truncated": _truncated,
    "json-list": lambda good: b"[1,2]",
    "json-table-not-object": lambda good: b'{"a": 1}',
    "json-doc-id-not-number": lambda good: b'{"clients": {"x": {}}}',
    "foreign-no-header": _foreign,
    "foreign-other-app": _other_app,
    "wrong-kind": _index_kind,
    "newer-schema": _newer,
    "empty": lambda good: b"",
    "whitespace": lambda good: b"  \n\n ",
    "binary-noise": lambda good: random.Random(1234).randbytes(4096),
    "binary-noise-utf16-bom": lambda good: b"\xff\xfe" + random.Random(99).randbytes(1000),
    "nul-bytes": lambda good: b"\0" * len(good),
    "damaged-document": _damaged_document,
}

# The files whose message does not (yet) point at the last good copy.
NO_BACKUP_HINT: dict[str, str] = {}

# Files that load() refuses but that writes still change.
WRITES_NOT_REFUSED: dict[str, str] = {}


def _params(xfails: dict[str, str]) -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=xfails[name]))
        if name in xfails
        else name
        for name in sorted(CORRUPTIONS)
    ]


def _question(qid: str, feeds: str | None = None, kind: str = "text") -> SimpleNamespace:
    return SimpleNamespace(id=qid, text=f"{qid}?", kind=kind, section="", feeds=feeds)


def _script() -> SimpleNamespace:
    return SimpleNamespace(
        id="awareness-intake",
        title="Intake",
        version=1,
        audience="coach",
        questions=[_question("q1"), _question("q2", "strengths", "list")],
    )


@dataclass
class Broken:
    practice: Practice
    broken_id: str
    session_id: str
    goal_id: str
    good_id: str
    good_session_id: str
    path: Path
    content: bytes
    backup: bytes


def _make(tmp_path: Path, corruption: str) -> Broken:
    practice = Practice(tmp_path / "data")
    client = practice.create_client("Cora Corrupt", organisation="Acme")
    good = practice.create_client("Olly Okay")
    session = practice.start_session(client.id, _script())
    practice.save_answer(client.id, session.id, _question("q1"), "first")
    practice.save_answer(client.id, session.id, _question("q1"), "second")
    goal = practice.capture(client.id, InsightKind.GOAL, "Delegate")
    good_session = practice.start_session(good.id, _script())
    practice.list_clients()
    path = practice.client_path(client.id)
    assert safefile.backup_path(path).exists()
    path.write_bytes(CORRUPTIONS[corruption](path.read_bytes()))
    return Broken(
        practice=practice,
        broken_id=client.id,
        session_id=session.id,
        goal_id=goal.id,
        good_id=good.id,
        good_session_id=good_session.id,
        path=path,
        content=path.read_bytes(),
        backup=safefile.backup_path(path).read_bytes(),
    )


@pytest.fixture(params=sorted(CORRUPTIONS))
def broken(request: pytest.FixtureRequest, tmp_path: Path) -> Broken:
    return _make(tmp_path, request.param)


def _writes(b: Broken) -> dict[str, Callable[[Practice], object]]:
    cid = b.broken_id
    return {
        "save_answer": lambda p: p.save_answer(cid, b.session_id, _question("q1"), "third"),
        "save_fed_answer": lambda p: p.save_answer(
            cid, b.session_id, _question("q2", "strengths", "list"), ["x"]
        ),
        "capture": lambda p: p.capture(cid, InsightKind.NOTE, "a note"),
        "update_client": lambda p: p.update_client(cid, role="CEO"),
        "update_insight": lambda p: p.update_insight(cid, b.goal_id, text="Delegate more"),
        "score_goal": lambda p: p.score_goal(cid, b.goal_id, 1),
        "start_session": lambda p: p.start_session(cid, _script()),
        "end_session": lambda p: p.end_session(cid, b.session_id),
        "set_cursor": lambda p: p.set_cursor(cid, b.session_id, "q2"),
        "write_plan": lambda p: p.write_plan(cid, next_date=date(2030, 1, 1)),
        "advance_stage": lambda p: p.advance_stage(cid),
        "add_stakeholder": lambda p: p.add_stakeholder(cid, "Sam", "peer"),
        "record_ratings": lambda p: p.record_ratings(cid, {"Listening": 3}, "baseline", "self"),
        "delete": lambda p: p.delete(cid, "insights", b.goal_id),
        "log_event": lambda p: p.log_event(cid, "report", "sent"),
    }


def test_load_refuses_and_names_the_file(broken: Broken) -> None:
    with pytest.raises(CorruptFileError) as info:
        broken.practice.load(broken.broken_id)
    assert str(broken.path) in str(info.value)
    assert broken.path.read_bytes() == broken.content


@pytest.mark.parametrize("corruption", _params(NO_BACKUP_HINT))
def test_load_message_points_at_the_backup(tmp_path: Path, corruption: str) -> None:
    b = _make(tmp_path, corruption)
    with pytest.raises(CorruptFileError) as info:
        b.practice.load(b.broken_id)
    assert str(safefile.backup_path(b.path)) in str(info.value)


def test_message_says_when_there_is_no_backup(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data")
    client = practice.create_client("Nadia New")  # one write: no .bak yet
    path = practice.client_path(client.id)
    assert not safefile.backup_path(path).exists()
    path.write_bytes(b"{broken")
    with pytest.raises(CorruptFileError) as info:
        practice.load(client.id)
    assert str(path) in str(info.value)
    assert ".bak" not in str(info.value)
    assert "no backup" in str(info.value)


@pytest.mark.parametrize("corruption", _params(WRITES_NOT_REFUSED))
def test_every_write_refuses_and_leaves_the_file_untouched(tmp_path: Path, corruption: str) -> None:
    broken = _make(tmp_path, corruption)
    for name, write in _writes(broken).items():
        with pytest.raises(CorruptFileError) as info:
            write(broken.practice)
        assert str(broken.path) in str(info.value) or "client file" in str(info.value), name
        assert broken.path.read_bytes() == broken.content, f"{name} changed the broken file"
        assert safefile.backup_path(broken.path).read_bytes() == broken.backup, (
            f"{name} changed the backup of the broken file"
        )
    # A fresh Practice (a new process) is refused the same way.
    with pytest.raises(CorruptFileError):
        Practice(broken.practice.root).capture(broken.broken_id, InsightKind.NOTE, "x")
    assert broken.path.read_bytes() == broken.content
    leftovers = [p.name for p in broken.path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_other_clients_keep_working(broken: Broken) -> None:
    practice = Practice(broken.practice.root)
    record = practice.load(broken.good_id)
    assert record.client.name == "Olly Okay"
    practice.save_answer(broken.good_id, broken.good_session_id, _question("q1"), "fine")
    practice.capture(broken.good_id, InsightKind.ACTION, "Call Sam", due=date(2030, 1, 1))
    practice.update_client(broken.good_id, role="CFO")
    practice.advance_stage(broken.good_id)
    record = practice.load(broken.good_id)
    assert [a.value for a in record.answers] == ["fine"]
    assert record.client.role == "CFO"
    assert broken.path.read_bytes() == broken.content


def test_list_clients_lists_everyone_and_marks_the_broken_one(broken: Broken) -> None:
    for practice in (broken.practice, Practice(broken.practice.root)):
        summaries = {s.id: s for s in practice.list_clients()}
        assert set(summaries) == {broken.broken_id, broken.good_id}
        assert summaries[broken.broken_id].problem != ""
        assert str(broken.path) in summaries[broken.broken_id].problem
        assert summaries[broken.good_id].problem == ""
        # The last known row is kept for the broken one: its name still shows.
        assert summaries[broken.broken_id].name == "Cora Corrupt"
    assert broken.path.read_bytes() == broken.content


def test_list_clients_without_an_index_still_lists_the_broken_one(broken: Broken) -> None:
    broken.practice.index_path.unlink()
    summaries = {s.id: s for s in Practice(broken.practice.root).list_clients()}
    assert set(summaries) == {broken.broken_id, broken.good_id}
    assert summaries[broken.broken_id].problem != ""
    assert summaries[broken.good_id].problem == ""
    assert summaries[broken.good_id].name == "Olly Okay"
    assert broken.path.read_bytes() == broken.content


def test_restoring_the_backup_brings_the_client_back(broken: Broken) -> None:
    """The hint in the message works: copying the .bak over the file restores it."""
    backup = safefile.backup_path(broken.path)
    broken.path.write_bytes(backup.read_bytes())
    record = broken.practice.load(broken.broken_id)
    assert record.client.name == "Cora Corrupt"
    # The .bak is the generation before the last write (the goal capture).
    assert {a.question_id: a.value for a in record.answers} == {"q1": "second"}
    summaries = {s.id: s for s in broken.practice.list_clients()}
    assert summaries[broken.broken_id].problem == ""
