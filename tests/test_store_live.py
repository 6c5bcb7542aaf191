"""Live session files: a save during a call writes the session's own file only.

The two-file rule (the executive's file points to a session file only once it is
whole; ending folds it back in one write) is checked at each point a kill could
land, and an old-layout (schema 2) practice is checked to open, migrate and round-trip.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from coach_tui import locations
from coach_tui.domain.model import InsightKind
from coach_tui.store import livefile, records, safefile, storage
from coach_tui.store.check import check
from coach_tui.store.practice import Practice

T0 = datetime(2024, 3, 1, 9, 0, 0)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def _q(qid: str, kind: str = "text", feeds: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=qid, text=f"{qid}?", kind=kind, section="", feeds=feeds)


def _script() -> SimpleNamespace:
    return SimpleNamespace(
        id="awareness-intake",
        title="Intake",
        version=1,
        audience="coach",
        questions=[_q("q1"), _q("q2", "list", "strengths")],
    )


@pytest.fixture
def practice(tmp_path: Path) -> Practice:
    return Practice(tmp_path / "data", clock=Clock())


def _state(path: Path) -> tuple[int, int, bytes]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns, path.read_bytes()


def test_a_save_in_a_live_session_leaves_the_executive_file_alone(practice: Practice) -> None:
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    client_file = practice.client_path(cid)
    before = _state(client_file)
    for n in range(5):
        practice.save_answer(cid, session.id, _q("q1"), f"typed {n}")
        practice.set_cursor(cid, session.id, "q1", active_seconds=n)
    assert _state(client_file) == before, "a live save rewrote the executive's whole file"
    own = livefile.session_path(practice.root, cid, session.id)
    assert own.is_file() and own.stat().st_mode & 0o777 == 0o600
    assert own.parent.stat().st_mode & 0o777 == 0o700
    record = practice.load(cid)
    (answer,) = record.answers
    assert answer.value == "typed 4" and len(answer.history) == 4
    assert record.open_session() is not None and record.open_session().active_seconds == 4


def test_a_fed_answer_keeps_the_running_view_in_step(practice: Practice) -> None:
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    practice.save_answer(cid, session.id, _q("q2", "list", "strengths"), ["Listens", "Calm"])
    practice.save_answer(cid, session.id, _q("q2", "list", "strengths"), ["Listens"])
    texts = [i.text for i in practice.load(cid).insights_of(InsightKind.STRENGTH)]
    assert texts == ["Listens"]


def test_ending_folds_the_session_into_the_executive_file(practice: Practice) -> None:
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    practice.save_answer(cid, session.id, _q("q1"), "kept")
    own = livefile.session_path(practice.root, cid, session.id)
    practice.end_session(cid, session.id)
    assert not own.exists()
    on_disk = json.loads(practice.client_path(cid).read_bytes())
    assert [d["value"] for d in on_disk["answers"].values()] == ["kept"]
    assert not on_disk.get(livefile.LIVE)
    record = practice.load(cid)
    assert record.open_session() is None and record.answers[0].value == "kept"


def test_a_kill_before_the_pointer_leaves_an_orphan_nothing_reads(practice: Practice) -> None:
    """The session file is written first: without the pointer it is ignored."""
    cid = practice.create_client("Ana López").id
    before = practice.load(cid)
    orphan = livefile.session_path(practice.root, cid, "0123456789ab")
    livefile.create(orphan, cid, {"id": "0123456789ab", "not": "a session"})
    assert practice.load(cid) == before
    assert check(practice.root).problems == []


def test_a_kill_after_the_fold_leaves_an_orphan_nothing_reads(practice: Practice) -> None:
    """The fold is written before the session file goes: a leftover copy is ignored."""
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    practice.save_answer(cid, session.id, _q("q1"), "kept")
    own = livefile.session_path(practice.root, cid, session.id)
    copy = own.read_bytes()
    practice.end_session(cid, session.id)
    safefile.ensure_private_dir(own.parent.parent)
    safefile.ensure_private_dir(own.parent)
    safefile.atomic_write(own, copy)
    record = practice.load(cid)
    assert [a.value for a in record.answers] == ["kept"]
    assert record.open_session() is None
    assert check(practice.root).problems == []


def test_a_missing_live_file_is_named(practice: Practice) -> None:
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    own = livefile.session_path(practice.root, cid, session.id)
    own.unlink()
    storage.forget(own)
    with pytest.raises(Exception, match=str(own)):
        practice.load(cid)


def test_a_batch_that_fails_keeps_the_session_live(practice: Practice) -> None:
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    practice.save_answer(cid, session.id, _q("q1"), "kept")
    own = livefile.session_path(practice.root, cid, session.id)
    with pytest.raises(RuntimeError), practice.batch(cid):
        practice.end_session(cid, session.id)
        raise RuntimeError("stop")
    assert own.is_file()
    assert practice.load(cid).open_session() is not None
    with practice.batch(cid):
        practice.save_answer(cid, session.id, _q("q1"), "final")
        practice.end_session(cid, session.id)
    assert not own.exists()
    record = practice.load(cid)
    assert record.open_session() is None and record.answers[0].value == "final"


def test_export_holds_the_live_session_and_imports_elsewhere(
    practice: Practice, tmp_path: Path
) -> None:
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    practice.save_answer(cid, session.id, _q("q1"), "in the export")
    exported = practice.export_client(cid)
    assert livefile.LIVE not in exported
    assert [d["value"] for d in exported["answers"]] == ["in the export"]
    other = Practice(tmp_path / "other")
    tables = {name: {str(i + 1): d for i, d in enumerate(docs)} for name, docs in exported.items()}
    assert other.import_clients({cid: tables}) == [cid]
    assert other.load(cid) == practice.load(cid)


def test_an_old_layout_practice_migrates_with_its_copy(practice: Practice) -> None:
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    practice.save_answer(cid, session.id, _q("q1"), "old answer")
    practice.end_session(cid, session.id)
    path = practice.client_path(cid)
    tables = json.loads(path.read_bytes())
    for doc in tables["meta"].values():
        doc["schema"] = 2  # the layout before live session files
    old = json.dumps(tables).encode()
    safefile.atomic_write(path, old)
    storage.forget(path)
    fresh = Practice(practice.root, clock=Clock())
    assert fresh.load(cid).answers[0].value == "old answer"
    later = fresh.start_session(cid, _script())
    copy = locations.migrations_dir(practice.root) / f"{cid}.schema2.json"
    assert copy.read_bytes() == old
    meta = json.loads(path.read_bytes())["meta"]
    assert [d["schema"] for d in meta.values()] == [records.SCHEMA]
    fresh.save_answer(cid, later.id, _q("q1"), "new answer")
    assert sorted(a.value for a in fresh.load(cid).answers) == ["new answer", "old answer"]
    assert check(practice.root).problems == []


def test_a_copied_practice_with_a_live_session_reads_the_same(
    practice: Practice, tmp_path: Path
) -> None:
    """What sync or a backup copies (the whole folder) reads back whole."""
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    practice.save_answer(cid, session.id, _q("q1"), "copied")
    target = tmp_path / "copy"
    shutil.copytree(practice.root, target)
    assert Practice(target).load(cid) == practice.load(cid)


def test_encrypt_seals_a_live_session_file_and_later_saves_stay_sealed(
    practice: Practice,
) -> None:
    import orjson

    from coach_tui.sync import convert, crypto
    from tests.sync_helpers import files_containing

    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    practice.save_answer(cid, session.id, _q("q1"), "Plaintext-Before-Encrypt")
    crypto._keys.clear()
    settings, key = crypto.new_settings("a passphrase for the test", n=2**14)
    safefile.atomic_write(crypto.marker_path(practice.root), orjson.dumps(settings))
    crypto.remember(practice.root, key)
    try:
        convert.encrypt(practice.root, key)
        own = livefile.session_path(practice.root, cid, session.id)
        assert crypto.is_sealed(own.read_bytes())
        assert files_containing(practice.root, "Plaintext-Before-Encrypt") == []
        storage._cache.clear()
        practice.save_answer(cid, session.id, _q("q1"), "Typed-After-Encrypt")
        assert files_containing(practice.root, "Typed-After-Encrypt") == []
        assert practice.load(cid).answers[0].value == "Typed-After-Encrypt"
        assert convert.plaintext_left(practice.root) == []
    finally:
        crypto._keys.clear()


def test_a_session_id_chosen_by_the_app_is_used_once(practice: Practice) -> None:
    """The app opens the session screen first, with the id the session will have."""
    from coach_tui.errors import InvalidInputError

    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script(), session_id="0123456789ab")
    assert session.id == "0123456789ab"
    assert practice.live_session_ids(cid) == ["0123456789ab"]
    for taken_or_bad in ("0123456789ab", "../../etc", ""):
        with pytest.raises(InvalidInputError):
            practice.start_session(cid, _script(), session_id=taken_or_bad)
    assert practice.live_session_ids(cid) == ["0123456789ab"]
