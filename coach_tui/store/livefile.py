"""Live session files: a session in progress writes a small file of its own.

A save during a call (an answer, the cursor) then costs the same on the first call
with an executive and on the fiftieth: it rewrites ``clients/<id>/sessions/<session
id>.json`` (the session document and its answers), not the executive's whole file.

Two files, one rule: the client file points to a session file (table ``live``) only
once that file is complete. ``start_session`` writes the session file whole, then the
pointer; a kill between the two leaves a file nothing points to, which every reader
ignores. Ending the session *folds* it back: its documents go into the client file
and the pointer goes, in one client-file write; the session file is removed after
that write. A kill before the write leaves the session live and whole; a kill after
it leaves an orphan, again ignored. So nothing acknowledged is lost, whatever the
moment of the kill.

A live session file is written by the one process running the call (the app's save
queue); the sync merges it like any other tables file, by document id.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach_tui import locations
from coach_tui.errors import CorruptFileError, NotFoundError
from coach_tui.store import records, safefile, storage
from coach_tui.store.migrations import check_kind
from coach_tui.store.storage import Tables

if TYPE_CHECKING:
    from tinydb import TinyDB

SESSION_KIND = "coach-tui/session"
#: The client-file table of pointers to live session files ({"id": session id}).
LIVE = "live"
#: The tables a session file holds.
SESSION_TABLES = ("sessions", "answers")


def sessions_dir(root: Path, client_id: str) -> Path:
    return locations.clients_dir(root) / client_id / "sessions"


def session_path(root: Path, client_id: str, session_id: str) -> Path:
    if not re.fullmatch(r"[a-z0-9]+", session_id):
        raise NotFoundError(f"no session '{session_id}'")
    return sessions_dir(root, client_id) / f"{session_id}.json"


def live_ids(tables: Tables) -> list[str]:
    """The sessions a client file's tables point to, oldest first."""
    return [str(d["id"]) for d in tables.get(LIVE, {}).values() if isinstance(d.get("id"), str)]


def read_session(path: Path) -> Tables:
    """A pointed-to session file's tables; a missing or foreign one is named."""
    tables = storage.read_tables(path)
    if tables is None:
        raise CorruptFileError(
            f"{path}: missing, but the executive's file points to it (a live session); "
            f"{storage.restore_hint(path)}"
        )
    check_kind(path, tables, SESSION_KIND)
    return tables


def with_live(root: Path, client_id: str, tables: Tables) -> Tables:
    """The client tables with every live session's documents added (a shallow copy).

    The pointer table is dropped: the result reads like a file with every session
    in it, which is what ``load``, ``export`` and the trash listing want.
    """
    ids = live_ids(tables)
    if not ids and LIVE not in tables:
        return tables
    merged: Tables = {name: table for name, table in tables.items() if name != LIVE}
    for name in SESSION_TABLES:
        merged[name] = dict(merged.get(name, {}))
    for session_id in ids:
        live = read_session(session_path(root, client_id, session_id))
        for name in SESSION_TABLES:
            target = merged[name]
            for doc in live.get(name, {}).values():
                target[str(_next_number(target))] = doc
    return merged


def _next_number(table: Mapping[str, object]) -> int:
    return max((int(k) for k in table), default=0) + 1


def create(path: Path, client_id: str, session_doc: dict[str, object]) -> None:
    """Write a new session file whole (refusing one that is already there)."""

    def must_be_new(found: Tables | None) -> Tables | None:
        if found is not None:
            raise CorruptFileError(f"{path}: already exists; not overwritten")
        return None

    safefile.ensure_private_dir(path.parent.parent)
    safefile.ensure_private_dir(path.parent)
    with storage.transaction(path, must_be_new) as db:
        db.table("meta").insert(
            {
                "kind": SESSION_KIND,
                "schema": records.SCHEMA,
                "client_id": client_id,
                "session_id": session_doc["id"],
            }
        )
        db.table("sessions").insert(session_doc)


def open_check(path: Path) -> Callable[[Tables | None], Tables | None]:
    """The transaction check of a live session file: it must be there and ours."""

    def check(tables: Tables | None) -> Tables | None:
        if tables is None:
            raise CorruptFileError(f"{path}: the live session's file is missing")
        check_kind(path, tables, SESSION_KIND)
        return None

    return check


#: The session-file table of marks: which answers fed a view ({"id": question id,
#: "kind": view, "mark": random}); the pointer's "fed" says which marks the views in
#: the executive's file have caught up with.
FED = "fed"


def mark_fed(sdb: TinyDB, question_id: str, kind: str, mark: str) -> None:
    """In a session file's transaction: this answer changed what feeds ``kind``."""
    table = sdb.table(FED)
    doc = {"id": question_id, "kind": kind, "mark": mark}
    found = [d.doc_id for d in table.all() if d.get("id") == question_id]
    if found:
        table.update(doc, doc_ids=found)
    else:
        table.insert(doc)


def note_fed(db: TinyDB, session_id: str, question_id: str, mark: str) -> None:
    """In the executive's file's transaction: the views have caught up with ``mark``."""
    table = db.table(LIVE)
    for pointer in table.all():
        if pointer.get("id") == session_id:
            fed = dict(pointer.get("fed") or {})
            fed[question_id] = mark
            table.update({"fed": fed}, doc_ids=[pointer.doc_id])


def fed_behind(
    db_or_tables: TinyDB | Tables, session_id: str, live: Tables
) -> list[tuple[str, str, str]]:
    """(question id, view, mark) of the answers whose views lag behind the session file."""
    if isinstance(db_or_tables, dict):
        pointers: list[Mapping[str, Any]] = list(db_or_tables.get(LIVE, {}).values())
    else:  # an open TinyDB
        pointers = list(storage.rows(db_or_tables, LIVE).values())
    pointer = next((p for p in pointers if p.get("id") == session_id), None)
    if pointer is None:
        return []
    raw = pointer.get("fed")
    caught_up = raw if isinstance(raw, dict) else {}
    behind = []
    for doc in live.get(FED, {}).values():
        question_id, kind, mark = doc.get("id"), doc.get("kind"), doc.get("mark")
        if not all(isinstance(v, str) for v in (question_id, kind, mark)):
            continue
        if caught_up.get(question_id) != mark:
            behind.append((str(question_id), str(kind), str(mark)))
    return behind


def fold(root: Path, client_id: str, db: TinyDB, session_id: str) -> Path | None:
    """Move a live session's documents into the client file open in ``db``.

    Returns the session file to remove once the client file is written, or None if
    the session was not live.
    """
    pointers = [d.doc_id for d in db.table(LIVE).all() if d.get("id") == session_id]
    if not pointers:
        return None
    path = session_path(root, client_id, session_id)
    with safefile.locked(path):
        live = read_session(path)
        for name in SESSION_TABLES:
            for doc in live.get(name, {}).values():
                db.table(name).insert(dict(doc))
    db.table(LIVE).remove(doc_ids=pointers)
    return path


def remove(path: Path) -> None:
    """Remove a folded session file (and its backup); an orphan is harmless if left."""
    for leftover in (path, safefile.backup_path(path), safefile.lock_path(path)):
        with contextlib.suppress(OSError):
            leftover.unlink()
    storage.forget(path)
    with contextlib.suppress(OSError):
        path.parent.rmdir()
        path.parent.parent.rmdir()
