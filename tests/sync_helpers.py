"""Small practices, passphrase files and a CLI runner for the sync and encryption tests."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from coach_tui import locations
from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice

SECRET_ANSWER = "Quetzalcoatl-Harbour-7731 wants to run the Lisbon office"
SECRET_GOAL = "Zanzibar-Meridian-4410 delegation goal"
PASSPHRASE = "correct horse battery staple"


class Clock:
    """Moves one minute each reading, from ``start``."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def question(qid: str, kind: str = "text") -> SimpleNamespace:
    return SimpleNamespace(id=qid, text=f"{qid}?", kind=kind, section="Intro", feeds=None)


def script(*questions: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(
        id="awareness-intake",
        title="Intake",
        version=1,
        audience="coach",
        questions=list(questions) or [question("hopes"), question("commitments")],
    )


def seed(root: Path, name: str = "Sofia Marin", start: datetime | None = None) -> str:
    """One executive with a finished session, an answer and a goal; returns her id."""
    practice = Practice(root, clock=Clock(start or datetime(2026, 11, 2, 9, 0)))
    client = practice.create_client(name, organisation="Northwind")
    session = practice.start_session(client.id, script())
    practice.save_answer(client.id, session.id, question("hopes"), SECRET_ANSWER)
    practice.capture(client.id, InsightKind.GOAL, SECRET_GOAL)
    practice.end_session(client.id, session.id)
    return client.id


def passphrase_file(folder: Path, text: str = PASSPHRASE) -> Path:
    path = folder / "passphrase.txt"
    path.write_text(text + "\n")
    path.chmod(0o600)
    return path


def run_cli(
    *args: str | os.PathLike[str],
    home: Path,
    data: Path,
    passphrase: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``python -m coach_tui ARGS`` with a clean environment; never a traceback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COACH_TUI", "GIT_"))}
    env["HOME"] = str(home)
    env[locations.ENV_DATA] = str(data)
    env["PYTHONIOENCODING"] = "utf-8"
    if passphrase is not None:
        env["COACH_TUI_PASSPHRASE_FILE"] = str(passphrase)
    proc = subprocess.run(
        [sys.executable, "-m", "coach_tui", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


def files_containing(folder: Path, needle: str) -> list[Path]:
    """Every file under ``folder`` whose bytes contain ``needle``."""
    raw = needle.encode("utf-8")
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and raw in p.read_bytes()]
