"""A full disk (simulated with RLIMIT_FSIZE) fails the save cleanly: old file intact."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import coach_tui
from coach_tui.domain.model import InsightKind
from coach_tui.errors import WriteFailedError
from coach_tui.store import livefile, safefile
from coach_tui.store.practice import Practice

REPO = Path(coach_tui.__file__).resolve().parents[1]
SAVER = Path(__file__).resolve().parent / "helpers" / "saver.py"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def _question(qid: str) -> SimpleNamespace:
    return SimpleNamespace(id=qid, text=f"{qid}?", kind="text", section="", feeds=None)


def _script() -> SimpleNamespace:
    return SimpleNamespace(
        id="awareness-intake",
        title="Intake",
        version=1,
        audience="coach",
        questions=[_question("q1"), _question("q2")],
    )


def _folder_listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def _setup(root: Path) -> tuple[Practice, str, str]:
    practice = Practice(root)
    client = practice.create_client("Dora Disk")
    session = practice.start_session(client.id, _script())
    practice.save_answer(client.id, session.id, _question("q1"), "first")
    practice.save_answer(client.id, session.id, _question("q1"), "second")
    practice.capture(client.id, InsightKind.GOAL, "Delegate more")
    return practice, client.id, session.id


@pytest.mark.parametrize("headroom", [1, 200])
def test_save_on_a_full_disk_raises_and_keeps_the_old_file(tmp_path: Path, headroom: int) -> None:
    root = tmp_path / "data"
    _, client_id, session_id = _setup(root)
    path = livefile.session_path(root, client_id, session_id)  # a live session's own file
    before = path.read_bytes()
    backup_before = safefile.backup_path(path).read_bytes()
    listing_before = _folder_listing(root)
    limit = len(before) + headroom  # a little above the current file

    proc = subprocess.run(
        [
            sys.executable,
            str(SAVER),
            "disk-full",
            str(root),
            client_id,
            session_id,
            str(limit),
            str(100_000),
        ],
        capture_output=True,
        env=_env(),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    result = json.loads(proc.stdout)

    assert result["error"] == "WriteFailedError", result
    assert str(path) in result["message"], result["message"]
    assert "larger than the system allows" in result["message"]
    assert result["loads"] is True, result["loads"]
    assert result["answers"] == ["q1"], "the failed answer must not appear as saved"
    assert path.read_bytes() == before, "the previous file was changed"
    assert safefile.backup_path(path).read_bytes() == backup_before
    assert _folder_listing(root) == listing_before, "temp files were left behind"
    record = Practice(root).load(client_id)
    (answer,) = record.answers
    assert answer.value == "second"


def test_disk_full_in_process_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC in the middle of writing the temporary file (simulated in this process)."""
    root = tmp_path / "data"
    practice, client_id, session_id = _setup(root)
    path = livefile.session_path(root, client_id, session_id)  # a live session's own file
    before = path.read_bytes()
    listing_before = _folder_listing(root)
    real_write = os.write
    calls = {"n": 0}

    def write_then_fail(fd: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))  # a partial write first
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", write_then_fail)
    with pytest.raises(WriteFailedError) as info:
        practice.save_answer(client_id, session_id, _question("q2"), "y" * 10_000)
    monkeypatch.undo()
    message = str(info.value)
    assert str(path) in message and "the disk is full" in message
    assert path.read_bytes() == before
    assert _folder_listing(root) == listing_before
    # Nothing half-done is remembered: the next save works and the failed one is absent.
    practice.save_answer(client_id, session_id, _question("q1"), "third")
    record = practice.load(client_id)
    assert {a.question_id: a.value for a in record.answers} == {"q1": "third"}
