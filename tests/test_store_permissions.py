"""Every folder the store makes is 0700 and every file 0600, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from coach_tui import locations
from coach_tui.domain.model import InsightKind
from coach_tui.store import migrations, safefile
from coach_tui.store import practice as store
from coach_tui.store.practice import Practice

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture(params=[0o022, 0o000, 0o002], ids=lambda m: f"umask{m:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _question(qid: str, feeds: str | None = None, kind: str = "text") -> SimpleNamespace:
    return SimpleNamespace(id=qid, text=f"{qid}?", kind=kind, section="", feeds=feeds)


def _work(practice: Practice) -> str:
    """Create two executives and write to them several times (so .bak files exist)."""
    client = practice.create_client("Pia Private")
    other = practice.create_client("Otto Other")
    script = SimpleNamespace(
        id="awareness-intake",
        title="Intake",
        version=1,
        audience="coach",
        questions=[_question("q1"), _question("q2", "strengths", "list")],
    )
    session = practice.start_session(client.id, script)
    practice.save_answer(client.id, session.id, _question("q1"), "one")
    practice.save_answer(client.id, session.id, _question("q1"), "two")
    practice.save_answer(client.id, session.id, _question("q2", "strengths", "list"), ["a", "b"])
    practice.capture(client.id, InsightKind.NOTE, "private note")
    practice.capture(other.id, InsightKind.GOAL, "a goal")
    practice.end_session(client.id, session.id)
    practice.list_clients()
    return client.id


def _assert_private_tree(root: Path) -> None:
    assert _mode(root) == 0o700, f"{root} is {_mode(root):o}"
    bad = []
    for path in root.rglob("*"):
        want = 0o700 if path.is_dir() else 0o600
        if _mode(path) != want:
            bad.append(f"{path.relative_to(root)}: {_mode(path):o}")
    assert not bad, "not private: " + ", ".join(bad)


def test_store_files_and_folders_are_private(tmp_path: Path, umask: int) -> None:
    root = tmp_path / "data"
    practice = Practice(root)
    client_id = _work(practice)

    client_path = practice.client_path(client_id)
    index = practice.index_path
    expected_files = [
        client_path,
        safefile.backup_path(client_path),
        safefile.lock_path(client_path),
        index,
        safefile.backup_path(index),
        safefile.lock_path(index),
    ]
    for path in expected_files:
        assert path.is_file(), f"{path} was not made"
        assert _mode(path) == 0o600, f"{path.name} is {_mode(path):o} with umask {umask:03o}"
    assert _mode(root) == 0o700
    assert _mode(locations.clients_dir(root)) == 0o700
    _assert_private_tree(root)


def test_existing_loose_folders_are_tightened(tmp_path: Path, umask: int) -> None:
    root = tmp_path / "data"
    (root / "clients").mkdir(parents=True)
    root.chmod(0o755)
    (root / "clients").chmod(0o777)
    practice = Practice(root)
    _work(practice)
    _assert_private_tree(root)


def test_loose_lock_file_is_tightened(tmp_path: Path, umask: int) -> None:
    root = tmp_path / "data"
    practice = Practice(root)
    client_id = _work(practice)
    lock = safefile.lock_path(practice.client_path(client_id))
    lock.chmod(0o666)
    practice.capture(client_id, InsightKind.NOTE, "again")
    assert _mode(lock) == 0o600


def test_migration_copies_and_broken_index_copies_are_private(
    tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    practice = Practice(root)
    client_id = _work(practice)
    # A foreign (but well-formed) index is copied aside before it is replaced.
    practice.index_path.write_bytes(b'{"_default": {"1": {"x": 1}}}')
    practice.index_path.chmod(0o600)
    practice.list_clients()
    # A migration keeps a copy of the file as it was.
    now = store.records.SCHEMA
    monkeypatch.setattr(store, "SCHEMA", now + 1)
    monkeypatch.setattr(store.records, "SCHEMA", now + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", {now: lambda tables: tables})
    practice.capture(client_id, InsightKind.NOTE, "after migration")
    assert (locations.migrations_dir(root) / f"{client_id}.schema{now}.json").is_file()
    assert (root / "practice.json.broken").is_file()
    _assert_private_tree(root)


def test_a_loose_foreign_index_is_copied_aside_privately(tmp_path: Path, umask: int) -> None:
    root = tmp_path / "data"
    practice = Practice(root)
    _work(practice)
    practice.index_path.unlink()
    practice.index_path.write_bytes(b'{"_default": {"1": {"x": 1}}}')
    practice.index_path.chmod(0o644)  # e.g. restored by hand from somewhere else
    practice.list_clients()
    assert _mode(root / "practice.json.broken") == 0o600
