"""Sync through git: two data folders and a bare repository, in tmp_path."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from coach_tui.domain.model import InsightKind
from coach_tui.store import storage
from coach_tui.store.check import check
from coach_tui.store.practice import Practice
from coach_tui.sync import crypto, transport
from coach_tui.sync import run as sync_run
from tests.sync_helpers import (
    PASSPHRASE,
    SECRET_ANSWER,
    SECRET_GOAL,
    Clock,
    files_containing,
    passphrase_file,
    question,
    run_cli,
    script,
    seed,
)
from tests.test_crypto import _encrypt_in_process


@pytest.fixture(autouse=True)
def _fresh_keys() -> None:
    crypto._keys.clear()


def bare_remote(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    subprocess.run(
        ["git", "init", "-q", "--bare", "-b", "main", str(remote)],
        check=True,
        env=transport._env(),
    )
    return remote


def sync(root: Path, remote: Path | None = None) -> sync_run.SyncResult:
    if remote is not None:
        sync_run.setup(root, str(remote))
    storage._cache.clear()
    result = sync_run.sync(root)
    storage._cache.clear()
    return result


def two_machines(tmp_path: Path, encrypted: bool = False) -> tuple[Path, Path, Path, str]:
    """Machine A with Sofia, synced; machine B joined from an empty folder."""
    remote = bare_remote(tmp_path)
    a, b = tmp_path / "laptop", tmp_path / "desktop"
    sofia = seed(a)
    if encrypted:
        _encrypt_in_process(a)
    assert sync(a, remote).pushed
    b.mkdir(mode=0o700)
    first = sync(b, remote)
    assert first.pushed and f"clients/{sofia}.json" in first.received
    if encrypted:
        crypto.unlock(b, PASSPHRASE)
    return a, b, remote, sofia


def edit_offline(root: Path, sofia: str, tag: str, start: datetime, newcomer: str) -> None:
    """A new session with an answer, the goal's text changed, a new executive."""
    practice = Practice(root, clock=Clock(start))
    session = practice.start_session(sofia, script(question("hopes"), question("commitments")))
    practice.save_answer(sofia, session.id, question("commitments"), f"commitments from {tag}")
    practice.end_session(sofia, session.id)
    goal = next(i for i in practice.load(sofia).insights if i.kind is InsightKind.GOAL)
    practice.update_insight(sofia, goal.id, text=f"goal worded on the {tag}")
    practice.create_client(newcomer, organisation="Contoso")


def travelling(root: Path) -> dict[str, bytes]:
    return {rel: p.read_bytes() for rel, p in transport.travelling_files(root).items()}


def assert_converged(a: Path, b: Path, sofia: str) -> None:
    assert travelling(a) == travelling(b)
    for root in (a, b):
        storage._cache.clear()
        practice = Practice(root)
        names = sorted(s.name for s in practice.list_clients())
        assert names == ["Ines Duarte", "Sofia Marin", "Tomas Berg"]
        record = practice.load(sofia)
        values = sorted(str(a.value) for a in record.answers)
        assert values == sorted(
            [SECRET_ANSWER, "commitments from laptop", "commitments from desktop"]
        )
        assert len(record.sessions) == 3
        goal = next(i for i in record.insights if i.kind is InsightKind.GOAL)
        assert goal.text == "goal worded on the desktop"  # the later edit
        earlier = [h.value for h in goal.history]
        assert "goal worded on the laptop" in earlier and SECRET_GOAL in earlier
        assert check(root).problems == []


@pytest.mark.parametrize("first", ["laptop", "desktop"])
def test_two_machines_offline_edits_end_identical_with_nothing_lost(
    tmp_path: Path, first: str
) -> None:
    a, b, _, sofia = two_machines(tmp_path)
    edit_offline(a, sofia, "laptop", datetime(2026, 11, 20, 9, 0), "Tomas Berg")
    edit_offline(b, sofia, "desktop", datetime(2026, 11, 21, 9, 0), "Ines Duarte")
    one, other = (a, b) if first == "laptop" else (b, a)
    assert sync(one).pushed
    second = sync(other)
    assert second.pushed
    assert any("edited on both machines; kept the later" in n for n in second.notes), second.notes
    assert sync(one).pushed
    assert_converged(a, b, sofia)


def test_encrypted_practice_syncs_and_no_answer_text_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = passphrase_file(tmp_path)
    monkeypatch.setenv("COACH_TUI_PASSPHRASE_FILE", str(secret))
    a, b, remote, sofia = two_machines(tmp_path, encrypted=True)
    edit_offline(a, sofia, "laptop", datetime(2026, 11, 20, 9, 0), "Tomas Berg")
    edit_offline(b, sofia, "desktop", datetime(2026, 11, 21, 9, 0), "Ines Duarte")
    assert sync(a).pushed
    home = tmp_path / "home"
    home.mkdir()
    merged = run_cli("sync", home=home, data=b, passphrase=secret)  # the command, as a coach
    assert merged.returncode == 0, merged.stderr
    assert (
        "Sofia Marin: goal 'goal worded on the desktop' edited on both machines; "
        "kept the later, the other is in its history"
    ) in merged.stdout.splitlines()
    storage._cache.clear()
    assert sync(a).pushed
    for root in (a, b):
        checked = run_cli("check", home=home, data=root, passphrase=secret)
        assert checked.returncode == 0, checked.stdout
    assert_converged(a, b, sofia)
    for needle in (SECRET_ANSWER, SECRET_GOAL, "commitments from laptop", "Sofia Marin"):
        assert files_containing(a, needle) == []
        assert files_containing(b, needle) == []
        for repo in (remote, transport.repo_dir(a), transport.repo_dir(b)):
            blobs = subprocess.run(
                ["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch"],
                capture_output=True,
                check=True,
                env=transport._env(),
            ).stdout
            assert needle.encode() not in blobs


def test_offline_commits_locally_and_catches_up(tmp_path: Path) -> None:
    a, b, remote, sofia = two_machines(tmp_path)
    edit_offline(a, sofia, "laptop", datetime(2026, 11, 20, 9, 0), "Tomas Berg")
    away = remote.with_name("away.git")
    remote.rename(away)
    home = tmp_path / "home"
    home.mkdir()
    offline = run_cli("sync", home=home, data=a)
    assert offline.returncode == 0 and "offline" in offline.stdout
    away.rename(remote)
    assert sync(a).pushed
    assert "clients/tomas-berg.json" in sync(b).received


def test_a_sync_killed_after_half_its_copy_is_redone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, _, sofia = two_machines(tmp_path)
    edit_offline(a, sofia, "laptop", datetime(2026, 11, 20, 9, 0), "Tomas Berg")
    edit_offline(b, sofia, "desktop", datetime(2026, 11, 21, 9, 0), "Ines Duarte")
    assert sync(a).pushed
    real = transport.copy_out

    def dies_half_way(root: Path, changes: list[tuple[str, str]]) -> list[str]:
        real(root, changes[: len(changes) // 2 + 1])
        raise KeyboardInterrupt  # killed between two files

    monkeypatch.setattr(transport, "copy_out", dies_half_way)
    with pytest.raises(KeyboardInterrupt):
        sync(b)
    monkeypatch.setattr(transport, "copy_out", real)
    assert check(b).problems == []
    assert sync(b).pushed
    assert sync(a).pushed
    assert_converged(a, b, sofia)


@pytest.mark.slow
@pytest.mark.parametrize("encrypted", [False, True], ids=["plaintext", "encrypted"])
def test_kill_9_during_sync_leaves_both_folders_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encrypted: bool
) -> None:
    secret = passphrase_file(tmp_path)
    monkeypatch.setenv("COACH_TUI_PASSPHRASE_FILE", str(secret))
    a, b, _, sofia = two_machines(tmp_path, encrypted=encrypted)
    edit_offline(a, sofia, "laptop", datetime(2026, 11, 20, 9, 0), "Tomas Berg")
    edit_offline(b, sofia, "desktop", datetime(2026, 11, 21, 9, 0), "Ines Duarte")
    assert sync(a).pushed
    env = {**os.environ, "COACH_TUI_DATA": str(b)}
    killed = 0
    for delay in (0.2, 0.4, 0.7, 1.0, 1.4):
        proc = subprocess.Popen(
            [sys.executable, "-m", "coach_tui", "sync"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait()
        storage._cache.clear()
        assert check(b).problems == []
        assert check(a).problems == []
    assert killed >= 1  # at least one sync was cut short
    assert sync(b).pushed
    assert sync(a).pushed
    assert_converged(a, b, sofia)


def test_cli_sync_setup_then_sync_and_errors_are_one_line(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    root = tmp_path / "data"
    seed(root)
    home = tmp_path / "home"
    home.mkdir()
    not_yet = run_cli("sync", home=home, data=root)
    assert not_yet.returncode == 2
    assert not_yet.stderr.strip().splitlines() == [
        f"coach-tui: {root}: sync is not set up; run coach-tui sync --setup REMOTE"
    ]
    first = run_cli("sync", "--setup", remote, home=home, data=root)
    assert first.returncode == 0, first.stderr
    assert f"Sync set up: {root} <-> {remote}" in first.stdout
    again = run_cli("sync", home=home, data=root)
    assert again.returncode == 0 and "nothing new; pushed" in again.stdout
    ignored = (transport.repo_dir(root) / ".gitignore").read_text()
    assert "/practice.json" in ignored and "*.bak" in ignored
    tracked = subprocess.run(
        ["git", "-C", str(remote), "ls-tree", "-r", "--name-only", "main"],
        capture_output=True,
        text=True,
        check=True,
        env=transport._env(),
    ).stdout.split()
    assert "clients/sofia-marin.json" in tracked
    assert not any(
        name.endswith((".bak", ".lock", ".tmp")) or name in ("practice.json", "settings.json")
        for name in tracked
    )


def test_an_encrypted_folder_and_a_plain_remote_practice_do_not_mix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = bare_remote(tmp_path)
    a, b = tmp_path / "laptop", tmp_path / "desktop"
    seed(a)
    assert sync(a, remote).pushed
    seed(b, name="Ines Duarte")
    _encrypt_in_process(b)
    before = travelling(b)
    with pytest.raises(transport.SyncError, match="not encrypted with the same key"):
        sync(b, remote)
    assert travelling(b) == before


def test_the_merge_is_copied_back_while_the_sync_holds_every_file_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A running app's save can never land between the merge and its copy back."""
    from filelock import FileLock, Timeout

    a, b, _, sofia = two_machines(tmp_path)
    edit_offline(a, sofia, "laptop", datetime(2026, 11, 20, 9, 0), "Tomas Berg")
    edit_offline(b, sofia, "desktop", datetime(2026, 11, 21, 9, 0), "Ines Duarte")
    assert sync(a).pushed
    real = transport.copy_out
    outcomes: list[str] = []

    def copy_out_while_an_app_saves(root: Path, changes: list[tuple[str, str]]) -> list[str]:
        for name in (f"clients/{sofia}.json", "clients/tomas-berg.json"):
            try:
                with FileLock(str(root / (name + ".lock")), timeout=0):
                    outcomes.append(f"{name}: free")
            except Timeout:
                outcomes.append(f"{name}: held")
        return real(root, changes)

    monkeypatch.setattr(transport, "copy_out", copy_out_while_an_app_saves)
    assert sync(b).pushed
    assert outcomes == [f"clients/{sofia}.json: held", "clients/tomas-berg.json: held"]


def test_encrypting_a_synced_practice_reaches_the_other_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_TUI_PASSPHRASE_FILE", str(passphrase_file(tmp_path)))
    a, b, _, sofia = two_machines(tmp_path)
    _encrypt_in_process(a)
    assert sync(a).pushed  # nothing new on the remote: the encrypted files go up
    received = sync(b)  # nothing new here: b takes them as they are
    assert received.pushed and crypto.MARKER in received.received
    assert files_containing(b / "clients", SECRET_ANSWER) == []
    assert check(b).problems == []
    assert any(a.value == SECRET_ANSWER for a in Practice(b).load(sofia).answers)
