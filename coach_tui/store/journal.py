"""A note of a long job in progress (an import, seeding the demo), so a kill is noticed.

``import`` and ``demo`` write many files, each whole (atomic), but a kill between two
of them leaves the job half done. Before the first write the job leaves a small note
in the data folder (``.in-progress-<job>.json``: what, from where, which ids, when)
and removes it after the last. If the note is still there, the job was interrupted:
``check`` says so with the command that completes it, and the job itself, run
again, picks up where it stopped (an import skips executives already written and
identical; the demo starts afresh on the executives it made).
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from coach_tui.store import safefile

_PREFIX = ".in-progress-"


@dataclass(frozen=True)
class Note:
    """One interrupted (or running) job."""

    job: str
    source: str
    ids: tuple[str, ...]
    started: str

    def advice(self, root: Path) -> str:
        """One line for ``check``: what was interrupted and how to finish it."""
        if self.job == "import":
            return (
                f"{root}: an import of {self.source} ({len(self.ids)} executive(s)) was "
                f"interrupted on {self.started}; run 'coach-tui import {self.source}' again "
                "to complete it (executives already imported are kept)"
            )
        return (
            f"{root}: seeding the demo was interrupted on {self.started}; run "
            f"'coach-tui demo --data {root}' again to seed it afresh"
        )


def _path(root: Path, job: str) -> Path:
    return root / f"{_PREFIX}{job}.json"


def begin(root: Path, job: str, source: str, ids: list[str], now: datetime) -> None:
    """Leave the note before the job's first write (atomically, 0600)."""
    data: dict[str, Any] = {
        "job": job,
        "source": source,
        "ids": ids,
        "started": now.isoformat(timespec="seconds"),
    }
    payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
    safefile.atomic_write(_path(root, job), payload, keep_backup=False)


def end(root: Path, job: str) -> None:
    """Remove the note after the job's last write."""
    with contextlib.suppress(FileNotFoundError):
        _path(root, job).unlink()


def find(root: Path, job: str) -> Note | None:
    """The note a job left, if any (an unreadable note still counts as interrupted)."""
    path = _path(root, job)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return Note(job, "?", (), "?")
    try:
        data = json.loads(raw)
        ids = tuple(str(i) for i in data.get("ids", []))
        return Note(job, str(data.get("source", "?")), ids, str(data.get("started", "?")))
    except (ValueError, AttributeError, TypeError):
        return Note(job, "?", (), "?")


def pending(root: Path) -> list[Note]:
    """Every job interrupted in this folder."""
    found: list[Note] = []
    for job in ("import", "demo"):
        note = find(root, job)
        if note is not None:
            found.append(note)
    return found
