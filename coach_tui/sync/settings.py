"""This machine's settings for a practice: one small plaintext file that never travels.

``settings.json`` in the data folder holds only switches and times (no client data),
so it stays readable without the passphrase: whether to use the system keyring, to
sync on start and on quit, this machine's id and when it last synced. Sync leaves it
out (each machine has its own).
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import orjson

from coach_tui.store import safefile

NAME = "settings.json"


@dataclass
class Settings:
    machine_id: str = ""
    keyring: bool = False
    sync_on_start: bool = False
    sync_on_quit: bool = False
    last_sync: str = ""  # ISO time of the last sync that reached the remote
    last_sync_result: str = ""


def path(root: Path) -> Path:
    return root / NAME


def load(root: Path) -> Settings:
    """The settings, or the defaults when the file is missing or unreadable."""
    try:
        raw: Any = orjson.loads(path(root).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    defaults = Settings()
    values: dict[str, Any] = {
        f.name: raw[f.name]
        for f in fields(Settings)
        if type(raw.get(f.name)) is type(getattr(defaults, f.name))
    }
    return Settings(**values)


def save(root: Path, settings: Settings) -> None:
    data = orjson.dumps(asdict(settings), option=orjson.OPT_INDENT_2)
    safefile.atomic_write(path(root), data, keep_backup=False)


def update(root: Path, **changes: object) -> Settings:
    current = load(root)
    fresh = Settings(**{**asdict(current), **changes})
    save(root, fresh)
    return fresh


def machine_id(root: Path) -> str:
    """This machine's id for the practice (made once, kept in the settings)."""
    current = load(root)
    if current.machine_id:
        return current.machine_id
    return update(root, machine_id=uuid.uuid4().hex[:12]).machine_id
