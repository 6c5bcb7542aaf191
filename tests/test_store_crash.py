"""Crash safety: a saver killed with SIGKILL at random moments never loses a saved answer.

A helper process (``tests/helpers/saver.py crash``) saves answers in a loop and prints
``saved N`` after each save returns. The test kills it at a random moment, then checks
that the file loads and holds every save that was acknowledged before the kill, and
nothing that was never attempted. Rounds continue on the same folder.

``COACH_TUI_CRASH_KILLS`` sets the number of kills (default 50).
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import coach_tui
from coach_tui.store import safefile, storage
from coach_tui.store.practice import Practice

REPO = Path(coach_tui.__file__).resolve().parents[1]
SAVER = Path(__file__).resolve().parent / "helpers" / "saver.py"
QUESTIONS = 40
KILLS = int(os.environ.get("COACH_TUI_CRASH_KILLS", "50"))
SEED = int(os.environ.get("COACH_TUI_CRASH_SEED", "20240611"))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def _n(value: object) -> int:
    match = re.fullmatch(r"value (\d+)", str(value))
    assert match, f"unexpected value in the file: {value!r}"
    return int(match.group(1))


def _run_round(root: Path, delay: float) -> tuple[int, list[int], str]:
    """Start a saver, kill it ``delay`` s after it is ready; (start n, acknowledged n, stderr)."""
    proc = subprocess.Popen(
        [sys.executable, str(SAVER), "crash", str(root), "Ana Crash"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=str(root.parent),
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline().decode()
        if not first.startswith("ready "):
            proc.kill()
            proc.wait()
            raise AssertionError(f"saver did not start: {first!r} {proc.stderr.read().decode()}")
        start = int(first.split()[1])
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        rest = proc.stdout.read().decode()
        err = proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert proc.returncode == -signal.SIGKILL, f"saver ended by itself ({proc.returncode}): {err}"
    acked = []
    for line in rest.splitlines():
        # A line cut by the kill cannot happen (each is one small write), but be strict.
        assert re.fullmatch(r"saved \d+", line), f"unexpected saver output {line!r}"
        acked.append(int(line.split()[1]))
    assert acked == list(range(start, start + len(acked))), "saver numbering is not sequential"
    return start, acked, err


@pytest.mark.slow
def test_sigkill_never_loses_an_acknowledged_save(tmp_path: Path) -> None:
    root = tmp_path / "data"
    rng = random.Random(SEED)
    began = time.monotonic()
    acked_by_question: dict[str, list[int]] = {}
    in_flight: set[int] = set()  # the save each round was making when it was killed
    total_acked = 0
    survived = 0
    for round_no in range(KILLS):
        start, acked, err = _run_round(root, rng.uniform(0.02, 0.3))
        assert err == "", f"round {round_no}: saver wrote to stderr:\n{err}"
        for n in acked:
            acked_by_question.setdefault(f"q{n % QUESTIONS}", []).append(n)
        total_acked += len(acked)
        in_flight.add(start + len(acked))

        practice = Practice(root)
        (client_id,) = practice.client_ids()
        record = practice.load(client_id)  # must not raise
        (session,) = record.sessions
        answers = record.answers_of(session.id)
        for qid, wanted in acked_by_question.items():
            answer = answers.get(qid)
            assert answer is not None, f"round {round_no}: answer {qid} lost"
            present = [_n(edit.value) for edit in answer.history] + [_n(answer.value)]
            assert present == sorted(present), f"round {round_no}: {qid} history out of order"
            assert _n(answer.value) >= wanted[-1], (
                f"round {round_no}: {qid} holds value {answer.value!r}, "
                f"but 'value {wanted[-1]}' was acknowledged"
            )
            missing = set(wanted) - set(present)
            assert not missing, f"round {round_no}: acknowledged saves lost from {qid}: {missing}"
        everything = {
            _n(v) for a in answers.values() for v in [a.value, *(e.value for e in a.history)]
        }
        acked_all = {n for ns in acked_by_question.values() for n in ns}
        phantom = everything - acked_all - in_flight
        assert not phantom, f"round {round_no}: values that were never saved: {sorted(phantom)}"

        summaries = practice.list_clients()
        assert [s.id for s in summaries] == [client_id]
        assert summaries[0].problem == ""
        assert summaries[0].open_session is True
        backup = safefile.backup_path(practice.client_path(client_id))
        assert backup.exists()
        storage.parse_tables(backup.read_bytes(), backup)  # the last good copy is whole too
        survived += 1

    elapsed = time.monotonic() - began
    leftovers = sorted(p.name for p in (root / "clients").iterdir() if p.name.endswith(".tmp"))
    print(
        f"\ncrash test: {survived} kills survived, {total_acked} acknowledged saves checked, "
        f"{len(leftovers)} temp files left by kills, {elapsed:.1f} s"
    )
    assert survived == KILLS
    assert total_acked > 0, "no save was ever acknowledged: the kills came too early"


SESSION_KILLS = int(os.environ.get("COACH_TUI_CRASH_SESSION_KILLS", "30"))


def _run_sessions_round(root: Path, delay: float) -> tuple[int, list[tuple[str, str]], str]:
    """A saver in short sessions that end, killed ``delay`` s in: (start n, lines, stderr)."""
    proc = subprocess.Popen(
        [sys.executable, str(SAVER), "sessions", str(root), "Ana Crash"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=str(root.parent),
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline().decode()
        if not first.startswith("ready "):
            proc.kill()
            proc.wait()
            raise AssertionError(f"saver did not start: {first!r} {proc.stderr.read().decode()}")
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        rest = proc.stdout.read().decode()
        err = proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert proc.returncode == -signal.SIGKILL, f"saver ended by itself ({proc.returncode}): {err}"
    lines = []
    for line in rest.splitlines():
        assert re.fullmatch(r"(saved \d+|started [0-9a-f]+|ended [0-9a-f]+)", line), line
        what, _, value = line.partition(" ")
        lines.append((what, value))
    return int(first.split()[1]), lines, err


@pytest.mark.slow
def test_sigkill_while_sessions_end_loses_nothing_and_keeps_the_views(tmp_path: Path) -> None:
    """Kills land in ``end_session`` (the fold) and between a fed answer's two writes.

    After every kill: each acknowledged save is there, each acknowledged end is an
    ended session, at most one session is open, the running view holds exactly the
    lines of the fed answers (caught up on open if the kill split a save), and
    ``check`` finds no problem.
    """
    from coach_tui.domain.model import InsightKind
    from coach_tui.store.check import check

    root = tmp_path / "data"
    rng = random.Random(SEED + 1)
    saved: dict[int, bool] = {}
    ended: set[str] = set()
    ends_seen = 0
    for round_no in range(SESSION_KILLS):
        _, lines, err = _run_sessions_round(root, rng.uniform(0.05, 0.6))
        assert err == "", f"round {round_no}: saver wrote to stderr:\n{err}"
        for what, value in lines:
            if what == "saved":
                saved[int(value)] = True
            elif what == "ended":
                ended.add(value)
                ends_seen += 1

        practice = Practice(root)
        (client_id,) = practice.client_ids()
        record = practice.load(client_id)  # must not raise; catches the views up
        present: set[int] = set()
        for answer in record.answers:
            for value in [answer.value, *(edit.value for edit in answer.history)]:
                for item in value if isinstance(value, list) else [value]:
                    present.add(int(str(item).split()[-1]))
        lost = sorted(n for n in saved if n not in present)
        assert not lost, f"round {round_no}: acknowledged saves lost: {lost}"
        by_id = {s.id: s for s in record.sessions}
        for session_id in ended:
            assert session_id in by_id, f"round {round_no}: ended session {session_id} lost"
            assert not by_id[session_id].is_open, f"round {round_no}: {session_id} not ended"
        assert sum(s.is_open for s in record.sessions) <= 1, f"round {round_no}: open sessions"
        fed: set[str] = set()
        for answer in record.answers:
            if answer.question_id == "fed" and isinstance(answer.value, list):
                fed.update(answer.value)
        view = {i.text for i in record.insights_of(InsightKind.STRENGTH)}
        assert view == fed, f"round {round_no}: view {sorted(view)} vs answers {sorted(fed)}"
        assert check(root).problems == [], f"round {round_no}: {check(root).problems}"
    assert saved, "no save was ever acknowledged: the kills came too early"
    assert ends_seen > 0, "no session ever ended: the kills never reached end_session"
