"""A separate process that saves to a practice, for the crash and concurrency tests.

Run with ``sys.executable tests/helpers/saver.py MODE ...`` and ``PYTHONPATH`` set to
the project root. Every line it prints is flushed at once, so that whatever the
parent reads after killing it was printed before the kill.

Modes:

``crash ROOT NAME``
    Open (or create) the executive NAME and their open session, then save answers
    forever: save number n goes to question ``q{n % 40}`` with the value
    ``"value {n}"``. Numbering continues after the highest n already in the file.
    Prints ``ready START`` once set up, then ``saved N`` after each save returns.

``sessions ROOT NAME``
    Like ``crash``, but in short sessions that end: each session gets
    ``SESSION_SAVES`` saves, then ``end_session``, then a new session starts. Save n
    answers ``q{n % 3}`` with ``"value {n}"``, or the list question ``fed`` (which
    feeds the strengths) with ``["strength {n}"]`` when n % 3 == 2. Prints ``ready
    START``, ``started SID`` after a start returns, ``saved N`` after each save,
    ``ended SID`` after an end returns.

``concurrent ROOT CLIENT_ID SESSION_ID TAG COUNT``
    Print ``ready``, wait for a line on stdin, then make COUNT saves: answer
    ``{TAG}-q{i % 10}`` gets ``"{TAG} value {i}"``, every fifth save also answers
    the shared question ``both`` with ``"{TAG} shared {i}"``, and every third
    captures the insight ``"{TAG} insight {i}"``. Prints ``done COUNT`` at the end.

``disk-full ROOT CLIENT_ID SESSION_ID LIMIT SIZE``
    Limit the size of any file this process writes to LIMIT bytes (RLIMIT_FSIZE,
    with SIGXFSZ ignored so that the write fails with EFBIG instead of killing the
    process), then try to save an answer of SIZE characters. Prints one JSON line:
    the exception's class and message (or null), and whether the practice still
    loads in this process afterwards.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice

CRASH_QUESTIONS = 40


def question(qid: str, kind: str = "text") -> SimpleNamespace:
    return SimpleNamespace(id=qid, text=f"Question {qid}?", kind=kind, section="", feeds=None)


def script(questions: list[SimpleNamespace]) -> SimpleNamespace:
    return SimpleNamespace(
        id="awareness-intake", title="Intake", version=1, audience="coach", questions=questions
    )


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def crash(root: Path, name: str) -> None:
    practice = Practice(root)
    ids = practice.client_ids()
    client_id = ids[0] if ids else practice.create_client(name).id
    record = practice.load(client_id)
    session = record.open_session()
    if session is None:
        questions = [question(f"q{i}") for i in range(CRASH_QUESTIONS)]
        session = practice.start_session(client_id, script(questions))
        record = practice.load(client_id)
    highest = -1
    for answer in record.answers_of(session.id).values():
        for value in [answer.value, *(edit.value for edit in answer.history)]:
            match = re.fullmatch(r"value (\d+)", str(value))
            if match:
                highest = max(highest, int(match.group(1)))
    n = highest + 1
    say(f"ready {n}")
    while True:
        practice.save_answer(
            client_id, session.id, question(f"q{n % CRASH_QUESTIONS}"), f"value {n}"
        )
        say(f"saved {n}")
        n += 1


SESSION_SAVES = 4


def sessions(root: Path, name: str) -> None:
    practice = Practice(root)
    ids = practice.client_ids()
    client_id = ids[0] if ids else practice.create_client(name).id
    record = practice.load(client_id)
    highest = -1
    for answer in record.answers:
        for value in [answer.value, *(edit.value for edit in answer.history)]:
            for item in value if isinstance(value, list) else [value]:
                match = re.fullmatch(r"(?:value|strength) (\d+)", str(item))
                if match:
                    highest = max(highest, int(match.group(1)))
    n = highest + 1
    questions = [question("q0"), question("q1"), question("fed", "list")]
    questions[2].feeds = "strengths"
    session = record.open_session()
    say(f"ready {n}")
    while True:
        if session is None:
            session = practice.start_session(client_id, script(questions))
            say(f"started {session.id}")
        for _ in range(SESSION_SAVES):
            if n % 3 == 2:
                practice.save_answer(client_id, session.id, questions[2], [f"strength {n}"])
            else:
                practice.save_answer(client_id, session.id, questions[n % 3], f"value {n}")
            say(f"saved {n}")
            n += 1
        practice.end_session(client_id, session.id)
        say(f"ended {session.id}")
        session = None


def concurrent(root: Path, client_id: str, session_id: str, tag: str, count: int) -> None:
    practice = Practice(root)
    say("ready")
    sys.stdin.readline()
    for i in range(count):
        practice.save_answer(
            client_id, session_id, question(f"{tag}-q{i % 10}"), f"{tag} value {i}"
        )
        if i % 5 == 0:
            practice.save_answer(client_id, session_id, question("both"), f"{tag} shared {i}")
        if i % 3 == 0:
            practice.capture(client_id, InsightKind.STRENGTH, f"{tag} insight {i}")
    say(f"done {count}")


def disk_full(root: Path, client_id: str, session_id: str, limit: int, size: int) -> None:
    import resource
    import signal

    practice = Practice(root)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    result: dict[str, object] = {"error": None, "message": None}
    try:
        practice.save_answer(client_id, session_id, question("big"), "x" * size)
    except Exception as exc:
        result = {"error": type(exc).__name__, "message": str(exc)}
    try:
        record = practice.load(client_id)
        result["loads"] = True
        result["answers"] = sorted(a.question_id for a in record.answers)
    except Exception as exc:
        result["loads"] = f"{type(exc).__name__}: {exc}"
    say(json.dumps(result))


def main(argv: list[str]) -> None:
    mode, *args = argv
    if mode == "crash":
        crash(Path(args[0]), args[1])
    elif mode == "sessions":
        sessions(Path(args[0]), args[1])
    elif mode == "concurrent":
        concurrent(Path(args[0]), args[1], args[2], args[3], int(args[4]))
    elif mode == "disk-full":
        disk_full(Path(args[0]), args[1], args[2], int(args[3]), int(args[4]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
