"""What a kill can leave of the one-file-per-session layout, and how it is put right.

- A session file no executive's file points to (a kill between writing a new
  session's file and the pointer, or between folding an ended one and removing its
  file): ``check`` names it in one line, exits 0 and never removes it.
- A save of an answer that feeds a running view writes the session's file, then the
  views in the executive's file: a kill between the two leaves the views behind.
  The next open (``load``) or the end of the session catches them up.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from coach_tui.domain.model import InsightKind
from coach_tui.store import base, livefile, safefile
from coach_tui.store.check import check
from coach_tui.store.practice import Practice

T0 = datetime(2024, 3, 1, 9, 0, 0)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no handler catches it."""


FED = SimpleNamespace(id="q2", text="q2?", kind="list", section="", feeds="strengths")


def _script() -> SimpleNamespace:
    text = SimpleNamespace(id="q1", text="q1?", kind="text", section="", feeds=None)
    return SimpleNamespace(
        id="awareness-intake", title="Intake", version=1, audience="coach", questions=[text, FED]
    )


@pytest.fixture
def practice(tmp_path: Path) -> Practice:
    return Practice(tmp_path / "data", clock=Clock())


def _strengths(practice: Practice, cid: str) -> list[str]:
    return sorted(i.text for i in practice.load(cid).insights_of(InsightKind.STRENGTH))


def _save_killed_before_the_views(
    practice: Practice, monkeypatch: pytest.MonkeyPatch, cid: str, sid: str, value: list[str]
) -> None:
    """Save ``value`` to the fed question, killed after the session file is written."""

    def killed(*_: Any, **__: Any) -> Any:
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(base.PracticeBase, "_change", killed)
        with pytest.raises(Killed):
            practice.save_answer(cid, sid, FED, value)
    on_disk = livefile.read_session(livefile.session_path(practice.root, cid, sid))
    assert [d["value"] for d in on_disk["answers"].values()] == [value], "answer not written"


def _orphan(practice: Practice, cid: str) -> Path:
    """A session file written whole whose pointer never was (a kill in between)."""
    path = livefile.session_path(practice.root, cid, "0123456789ab")
    livefile.create(path, cid, {"id": "0123456789ab"})
    return path


def test_check_names_an_orphan_session_file_in_one_line_and_keeps_it(
    practice: Practice,
) -> None:
    cid = practice.create_client("Ana López").id
    live = practice.start_session(cid, _script())  # pointed to: not an orphan
    orphan = _orphan(practice, cid)
    result = check(practice.root)
    assert result.problems == []
    (note,) = result.notes
    assert str(orphan) in note and "\n" not in note
    assert live.id not in note
    assert orphan.exists()
    check(practice.root, repair=True)
    assert orphan.exists(), "check --repair removed a session file"


def test_check_names_the_leftover_of_an_end_killed_before_the_removal(
    practice: Practice,
) -> None:
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    practice.save_answer(cid, session.id, FED, ["Calm"])
    own = livefile.session_path(practice.root, cid, session.id)
    copy = own.read_bytes()
    practice.end_session(cid, session.id)
    safefile.ensure_private_dir(own.parent.parent)
    safefile.ensure_private_dir(own.parent)
    safefile.atomic_write(own, copy)
    (note,) = check(practice.root).notes
    assert str(own) in note


def test_the_check_command_says_it_and_exits_0(practice: Practice) -> None:
    cid = practice.create_client("Ana López").id
    orphan = _orphan(practice, cid)
    done = subprocess.run(
        [sys.executable, "-m", "coach_tui", "check", "--data", str(practice.root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    notes = [line for line in done.stdout.splitlines() if line.startswith("note: ")]
    assert len(notes) == 1 and str(orphan) in notes[0]
    assert orphan.exists()


def test_views_left_behind_by_a_kill_are_caught_up_on_the_next_open(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    practice.save_answer(cid, session.id, FED, ["Calm"])
    _save_killed_before_the_views(practice, monkeypatch, cid, session.id, ["Calm", "Direct"])
    later = Practice(practice.root, clock=Clock())  # the app opened again
    assert _strengths(later, cid) == ["Calm", "Direct"]
    # Saving the same words again changes nothing, and the views stay right.
    later.save_answer(cid, session.id, FED, ["Calm", "Direct"])
    assert _strengths(later, cid) == ["Calm", "Direct"]


def test_a_read_only_open_never_writes_to_catch_up(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    _save_killed_before_the_views(practice, monkeypatch, cid, session.id, ["Calm"])
    client_file = practice.client_path(cid)
    before = client_file.read_bytes()
    Practice(practice.root, read_only=True).load(cid)
    assert client_file.read_bytes() == before


def test_ending_the_session_catches_the_views_up(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = practice.create_client("Ana López").id
    session = practice.start_session(cid, _script())
    _save_killed_before_the_views(practice, monkeypatch, cid, session.id, ["Calm", "Direct"])
    practice.end_session(cid, session.id)  # folded without a load in between
    assert _strengths(practice, cid) == ["Calm", "Direct"]
    assert check(practice.root).problems == []
