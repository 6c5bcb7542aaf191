"""How much typing a kill -9 can lose: the real app in tmux, typed into, then killed.

    python -m bench.crashloss [RUNS]

Each run seeds a fresh folder with one executive and a one-question intake, opens
``coach-tui`` in a detached tmux pane (120x34), starts the session and types a
sentence continuously, key by key, at a steady pace (about 15 keys a second, as in
a fast note-taker's burst; no pause at all), then kills the app with SIGKILL at a
random moment. What reached the disk is compared with what was sent: the loss is
counted in characters and in seconds (how long before the kill the first lost key
was typed). Prints one line per run and the worst case; needs tmux.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = """
id = "awareness-intake"
title = "Crash check"
stage = "awareness"
audience = "coach"
minutes = 5
version = 1

[[sections]]
title = "Typing"

[[sections.questions]]
id = "notes"
text = "Type."
kind = "text"
"""
PACE = 1 / 15  # seconds between keys
SENTENCE = "she tried the new approach in the board meeting and it went well "


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def wait_for(session: str, needle: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while needle not in tmux("capture-pane", "-p", "-t", session):
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {needle!r}")
        time.sleep(0.1)


def one_run(number: int, rng: random.Random) -> tuple[int, float]:
    from coach_tui.locations import scripts_dir
    from coach_tui.store.practice import Practice

    root = Path(tempfile.mkdtemp(prefix="coach-tui-crash-")) / "data"
    practice = Practice(root)
    client = practice.create_client("Crash Test")
    scripts_dir(root).mkdir(parents=True)
    (scripts_dir(root) / "crash.toml").write_text(SCRIPT, encoding="utf-8")
    session = f"crashloss-{os.getpid()}-{number}"
    exe = str(Path(sys.executable).with_name("coach-tui"))
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "34", f"{exe} --data {root}")
    try:
        wait_for(session, "Crash Test")
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "Stakeholders")
        tmux("send-keys", "-t", session, "s")
        wait_for(session, "Type.")
        pid = int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
        kill_after = rng.uniform(2.0, 9.0)
        sent: list[float] = []
        started = time.monotonic()
        index = 0
        while time.monotonic() - started < kill_after:
            tmux("send-keys", "-t", session, "-l", SENTENCE[index % len(SENTENCE)])
            sent.append(time.monotonic())
            index += 1
            time.sleep(max(0.0, started + index * PACE - time.monotonic()))
        killed = time.monotonic()
        os.kill(pid, signal.SIGKILL)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    typed = "".join(SENTENCE[i % len(SENTENCE)] for i in range(len(sent)))
    record = Practice(root).load(client.id)
    values = [str(a.value or "") for a in record.answers]
    saved = values[0] if values else ""
    assert typed.startswith(saved), (typed, saved)
    lost = len(typed) - len(saved)
    seconds = killed - sent[len(saved)] if lost else 0.0
    shutil.rmtree(root.parent, ignore_errors=True)
    print(f"run {number}: typed {len(typed)}, on disk {len(saved)}, lost {lost} ({seconds:.2f} s)")
    return lost, seconds


def main(argv: list[str]) -> int:
    if shutil.which("tmux") is None:
        print("crashloss needs tmux", file=sys.stderr)
        return 2
    runs = int(argv[0]) if argv else 10
    rng = random.Random(11)
    results = [one_run(number, rng) for number in range(1, runs + 1)]
    worst = max(results, key=lambda r: r[1])
    print(f"worst of {runs}: {worst[0]} characters, typed {worst[1]:.2f} s before the kill")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
