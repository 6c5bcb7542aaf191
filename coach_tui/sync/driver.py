"""The git merge driver: ``coach-tui merge-driver %O %A %B %P``.

git runs it for a data file changed on both machines. It opens the three versions
(with the practice key that ``sync`` hands down in ``COACH_TUI_SYNC_KEY`` when the
files are sealed), merges them document by document (``merge.merge_tables``), seals
the result again and writes it over ``%A``; the notes for the coach go to the file
named by ``COACH_TUI_MERGE_NOTES``. Anything it cannot read is a conflict (exit 1):
git then stops the merge and ``sync`` reports the file, changing nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from coach_tui.errors import PassphraseError
from coach_tui.store import storage
from coach_tui.store.storage import Tables
from coach_tui.sync import crypto, merge

ENV_KEY = "COACH_TUI_SYNC_KEY"
ENV_NOTES = "COACH_TUI_MERGE_NOTES"
ENV_OURS_TIME = "COACH_TUI_OURS_TIME"
ENV_THEIRS_TIME = "COACH_TUI_THEIRS_TIME"


def _key() -> crypto.Key:
    text = os.environ.get(ENV_KEY)
    if not text:
        raise PassphraseError("the files are encrypted; run the merge through coach-tui sync")
    return crypto.Key.from_hex(text)


def _read(path: Path, name: str) -> tuple[Tables, bool]:
    raw = path.read_bytes()
    sealed = crypto.is_sealed(raw)
    if sealed:
        raw = _key().open(raw, name)
    if not raw.strip():
        return {}, sealed  # no common version (added on both sides)
    return storage.parse_tables(raw, Path(name)), sealed


def _who(tables: Tables, name: str) -> str:
    for doc in tables.get("client", {}).values():
        if isinstance(doc.get("name"), str) and doc["name"]:
            return str(doc["name"])
    return Path(name).stem


def merge_files(base: Path, ours: Path, theirs: Path, name: str) -> list[str]:
    """Merge into ``ours``; return the notes for the coach."""
    b, _ = _read(base, name)
    o, ours_sealed = _read(ours, name)
    t, theirs_sealed = _read(theirs, name)
    merged = merge.merge_tables(
        b,
        o,
        t,
        _who(o, name) if o else _who(t, name),
        os.environ.get(ENV_OURS_TIME, ""),
        os.environ.get(ENV_THEIRS_TIME, ""),
    )
    data = storage.encode(merged.tables)
    if ours_sealed or theirs_sealed:
        data = _key().seal(data)
    ours.write_bytes(data)
    return merged.notes
