"""storage: TinyDB over safefile: checked parsing, lock-free cached reads, transactions."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from coach_tui.errors import CorruptFileError, WriteFailedError
from coach_tui.store import safefile, storage


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "db.json"


def _write_outside(path: Path, tables: dict[str, Any]) -> None:
    """Another process's write: atomic, but unseen by this process's cache."""
    safefile.atomic_write(path, storage.encode(tables))


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ----------------------------------------------------------------- parsing


def test_parse_tables_accepts_tinydb_files(path: Path) -> None:
    raw = b'{"_default": {"1": {"a": 1}, "2": {}}, "meta": {}}'
    assert storage.parse_tables(raw, path) == json.loads(raw)
    assert storage.parse_tables(b"{}", path) == {}


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "empty"),
        (b" \n ", "empty"),
        (b'{"_default": {"1": {"a": ', "broken JSON"),
        (b"\xff\xfe\xfa\x00garbage", "not"),
        (b"\x80abc", "not text"),
        (b"[1, 2]", "top level is a list"),
        (b'"text"', "top level is a str"),
        (b"null", "top level is a NoneType"),
        (b'{"a": 1}', "table 'a' is not an object"),
        (b'{"a": {"x": {}}}', "document id 'x'"),
        (b'{"a": {"1": [1]}}', "document 1 is not an object"),
        (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    ],
    ids=lambda v: v[:20] if isinstance(v, bytes) else None,
)
def test_parse_tables_refuses_anything_else(path: Path, raw: bytes, words: str) -> None:
    with pytest.raises(CorruptFileError) as info:
        storage.parse_tables(raw, path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert words in message
    assert "no backup exists yet" in message


def test_parse_error_points_at_the_backup(path: Path) -> None:
    safefile.atomic_write(path, b"{}")
    safefile.atomic_write(path, b'{"t": {}}')
    with pytest.raises(CorruptFileError) as info:
        storage.parse_tables(b"{", path)
    assert str(safefile.backup_path(path)) in str(info.value)
    assert "cp " in str(info.value)


# ------------------------------------------------------------------- reads


def test_read_tables_of_a_missing_file_is_none(path: Path) -> None:
    assert storage.read_tables(path) is None
    assert not path.exists()
    assert _names(path.parent) == [], "a read creates nothing, not even a lock"


def test_read_tables_of_a_folder_is_corrupt(path: Path) -> None:
    path.mkdir()
    with pytest.raises(CorruptFileError) as info:
        storage.read_tables(path)
    assert str(path) in str(info.value)


def test_read_tables_caches_until_the_file_changes(path: Path) -> None:
    _write_outside(path, {"t": {"1": {"v": 1}}})
    first = storage.read_tables(path)
    assert storage.read_tables(path) is first, "an unchanged file is not parsed again"
    _write_outside(path, {"t": {"1": {"v": 2}}})
    assert storage.read_tables(path) == {"t": {"1": {"v": 2}}}


def test_read_tables_notices_an_in_place_edit(path: Path) -> None:
    _write_outside(path, {"t": {"1": {"v": 1}}})
    storage.read_tables(path)
    path.write_bytes(b'{"t": {"1": {"v": 22}}}')  # same inode, new size and mtime
    assert storage.read_tables(path) == {"t": {"1": {"v": 22}}}
    path.write_bytes(b"{broken")
    with pytest.raises(CorruptFileError):
        storage.read_tables(path)


# ------------------------------------------------------------ transactions


def test_transaction_writes_once_and_only_when_changed(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[Path] = []
    real = safefile.atomic_write

    def counting(p: Path, data: bytes, keep_backup: bool = True) -> os.stat_result:
        writes.append(p)
        return real(p, data, keep_backup)

    monkeypatch.setattr(safefile, "atomic_write", counting)
    with storage.transaction(path) as db:
        assert db.all() == []
    assert writes == [] and not path.exists()

    with storage.transaction(path) as db:
        for i in range(10):
            db.insert({"i": i})
        db.table("other").insert({"x": 1})
    assert writes == [path]
    with storage.transaction(path) as db:
        assert len(db.all()) == 10
        assert len(db.search(lambda d: d["i"] < 5)) == 5
    assert writes == [path], "a read-only transaction rewrote the file"
    assert json.loads(path.read_bytes())["other"] == {"1": {"x": 1}}


def test_an_exception_inside_a_transaction_writes_nothing(path: Path) -> None:
    with storage.transaction(path) as db:
        db.insert({"keep": True})
    before = path.read_bytes()
    with pytest.raises(RuntimeError), storage.transaction(path) as db:
        db.insert({"half": "done"})
        db.truncate()
        raise RuntimeError("stop")
    assert path.read_bytes() == before
    assert storage.read_tables(path) == {"_default": {"1": {"keep": True}}}
    with storage.transaction(path) as db:
        assert db.all() == [{"keep": True}], "the aborted change leaked into the cache"


def test_changes_are_serialized_before_the_disk_is_touched(path: Path) -> None:
    with storage.transaction(path) as db:
        db.insert({"keep": True})
    before = path.read_bytes()
    with pytest.raises(TypeError), storage.transaction(path) as db:
        db.insert({"not json": {1, 2}})
    assert path.read_bytes() == before
    assert _names(path.parent) == ["db.json", "db.json.lock"]
    assert storage.read_tables(path) == {"_default": {"1": {"keep": True}}}


def test_a_failed_write_forgets_the_change(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with storage.transaction(path) as db:
        db.insert({"keep": True})

    def refuse(p: Path, data: bytes, keep_backup: bool = True) -> os.stat_result:
        raise WriteFailedError(f"{p}: could not save (the disk is full)")

    monkeypatch.setattr(safefile, "atomic_write", refuse)
    with pytest.raises(WriteFailedError), storage.transaction(path) as db:
        db.insert({"lost": True})
    monkeypatch.undo()
    assert storage.read_tables(path) == {"_default": {"1": {"keep": True}}}


def test_each_transaction_sees_changes_made_by_others(path: Path) -> None:
    """A fresh TinyDB per transaction: no stale query cache or next id."""
    with storage.transaction(path) as db:
        db.insert({"who": "me"})
        assert db.search(lambda d: True) == [{"who": "me"}]
    _write_outside(path, {"_default": {"1": {"who": "me"}, "2": {"who": "other"}}})
    with storage.transaction(path) as db:
        assert len(db.search(lambda d: True)) == 2
        new_id = db.insert({"who": "me again"})
    assert new_id == 3
    docs = json.loads(path.read_bytes())["_default"]
    assert docs == {"1": {"who": "me"}, "2": {"who": "other"}, "3": {"who": "me again"}}


def test_on_open_sees_the_file_and_can_refuse_or_migrate(path: Path) -> None:
    seen: list[Any] = []

    def look(tables: storage.Tables | None) -> storage.Tables | None:
        seen.append(tables)
        return None

    with storage.transaction(path, look):
        pass
    assert seen == [None]

    _write_outside(path, {"t": {"1": {"v": 1}}})
    before = path.read_bytes()

    def refuse(tables: storage.Tables | None) -> storage.Tables | None:
        raise CorruptFileError("no")

    with pytest.raises(CorruptFileError), storage.transaction(path, refuse) as db:
        db.insert({"never": True})
    assert path.read_bytes() == before

    def migrate(tables: storage.Tables | None) -> storage.Tables | None:
        assert tables is not None
        return {**tables, "meta": {"1": {"schema": 2}}}

    with storage.transaction(path, migrate):
        pass  # no change by the caller: the migration alone is written
    assert json.loads(path.read_bytes()) == {"t": {"1": {"v": 1}}, "meta": {"1": {"schema": 2}}}


def test_the_cache_is_not_changed_by_an_aborted_transaction(path: Path) -> None:
    _write_outside(path, {"t": {"1": {"v": 1, "items": ["a"]}}})
    cached = storage.read_tables(path)
    with pytest.raises(RuntimeError), storage.transaction(path) as db:
        db.table("t").update({"v": 2}, doc_ids=[1])
        raise RuntimeError("stop")
    assert cached == {"t": {"1": {"v": 1, "items": ["a"]}}}
    assert storage.read_tables(path) == {"t": {"1": {"v": 1, "items": ["a"]}}}


def test_threads_writing_at_once_lose_nothing(path: Path) -> None:
    errors: list[BaseException] = []

    def work(tag: str) -> None:
        try:
            for i in range(40):
                with storage.transaction(path) as db:
                    db.insert({"tag": tag, "i": i})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in "abcd"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    docs = json.loads(path.read_bytes())["_default"].values()
    assert sorted((d["tag"], d["i"]) for d in docs) == sorted(
        (t, i) for t in "abcd" for i in range(40)
    )


def test_a_same_signature_rewrite_by_another_process_is_not_lost(path: Path) -> None:
    for _ in range(3):
        _write_outside(path, {"_default": {"1": {"v": "a"}}})
    assert storage.read_tables(path) == {"_default": {"1": {"v": "a"}}}  # now cached here
    sig0 = safefile.signature(path.stat())
    # Another process rewrites the file (same size) until the inode number comes back.
    for _ in range(50):
        _write_outside(path, {"_default": {"1": {"v": "b"}}})
        st = path.stat()
        if st.st_ino == sig0[0]:
            break
    else:
        pytest.skip("this file system does not reuse inode numbers soon")
    # Those writes fell within one tick of a coarse clock: the same mtime.
    os.utime(path, ns=(st.st_atime_ns, sig0[1]))
    assert safefile.signature(path.stat()) == sig0
    with storage.transaction(path) as db:
        db.insert({"v": "c"})
    docs = json.loads(path.read_bytes())["_default"]
    assert [d["v"] for d in docs.values()] == ["b", "c"], "the other process's write was lost"


def test_encode_is_compact_utf8() -> None:
    raw = storage.encode({"t": {"1": {"name": "Ana María 🧭"}}})
    assert raw == '{"t":{"1":{"name":"Ana María 🧭"}}}'.encode()
