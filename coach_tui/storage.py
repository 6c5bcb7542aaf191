"""TinyDB on top of ``safefile``: lock-free reads, locked all-or-nothing writes.

TinyDB's own ``JSONStorage`` overwrites in place (a crash leaves half a file) and
``CachingMiddleware`` holds writes in memory; neither is used. Instead a
``transaction`` takes the file's lock, opens a *fresh* ``TinyDB`` on an in-memory
copy of the file (so TinyDB's query cache and next-id never go stale across
processes), lets the caller make any number of changes, and writes the result once,
atomically, before the lock is released. An exception inside writes nothing.

Parsed files are cached by their stat signature (inode, mtime, size): every write
replaces the file with a new inode, so a changed file is always noticed, and a save
on a large executive does not pay for parsing a file this process just wrote.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from coach_tui import safefile
from coach_tui.errors import CorruptFileError

#: TinyDB's on-disk shape: {table name: {document id (digits): document}}.
Tables = dict[str, dict[str, dict[str, Any]]]

_cache: dict[Path, _Cached] = {}
_cache_lock = threading.Lock()


def restore_hint(path: Path) -> str:
    backup = safefile.backup_path(path)
    if backup.exists():
        return f"the last good copy is {backup}; to restore it: cp '{backup}' '{path}'"
    return "no backup exists yet"


def parse_tables(raw: bytes, path: Path) -> Tables:
    """Parse and check a TinyDB file; anything else is a CorruptFileError naming it."""
    if not raw.strip():
        raise CorruptFileError(f"{path}: the file is empty; {restore_hint(path)}")
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise CorruptFileError(
            f"{path}: not text (byte {exc.start} is not UTF-8); {restore_hint(path)}"
        ) from None
    except json.JSONDecodeError as exc:
        raise CorruptFileError(
            f"{path}: broken JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); "
            f"{restore_hint(path)}"
        ) from None
    except RecursionError:
        raise CorruptFileError(f"{path}: JSON nested too deeply; {restore_hint(path)}") from None
    problem = _shape_problem(data)
    if problem:
        raise CorruptFileError(
            f"{path}: not a coach-tui data file ({problem}); {restore_hint(path)}"
        )
    return data  # type: ignore[no-any-return]


def _shape_problem(data: object) -> str:
    if not isinstance(data, dict):
        return f"top level is a {type(data).__name__}, not an object of tables"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"table '{name}' is not an object"
        for doc_id, doc in table.items():
            if not doc_id.isdigit():
                return f"table '{name}' has a document id '{doc_id[:20]}' that is not a number"
            if not isinstance(doc, dict):
                return f"table '{name}', document {doc_id} is not an object"
    return ""


@dataclass
class _Cached:
    """One parsed generation of a file, known by its stat signature and digest."""

    sig: tuple[int, int, int]
    digest: bytes
    tables: Tables
    validated: bool = False


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _read_raw(path: Path) -> bytes | None:
    try:
        return safefile.read_bytes(path)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise CorruptFileError(f"{path}: is a folder, not a data file") from None
    except PermissionError:
        raise CorruptFileError(f"{path}: cannot be read (permission denied)") from None


def _load(path: Path, verify: bool) -> _Cached | None:
    """The file's current generation, parsed once and cached.

    Lock-free reads trust the stat signature (inode, mtime, size). ``verify`` also
    compares the content digest: writers use it, because on some file systems an
    inode number comes back and a coarse clock can leave mtime unchanged, and a
    write built on a stale copy would silently drop another process's changes.
    """
    try:
        sig = safefile.signature(path.stat())
    except FileNotFoundError:
        return None
    with _cache_lock:
        cached = _cache.get(path)
    if cached is not None and cached.sig == sig and not verify:
        return cached
    raw = _read_raw(path)
    if raw is None:
        return None
    digest = _digest(raw)
    if cached is not None and cached.digest == digest:
        fresh = _Cached(sig, digest, cached.tables, cached.validated)
    else:
        fresh = _Cached(sig, digest, parse_tables(raw, path))
    # Cache only if the file did not change while it was read.
    with contextlib.suppress(FileNotFoundError):
        if safefile.signature(path.stat()) == sig:
            with _cache_lock:
                _cache[path] = fresh
    return fresh


def read_tables(path: Path) -> Tables | None:
    """The file's tables, or None if it does not exist. Never takes the lock.

    The returned structure is shared with the cache: treat it as read-only.
    """
    cached = _load(path, verify=False)
    return cached.tables if cached is not None else None


def is_validated(path: Path) -> bool:
    """Whether the cached generation of ``path`` was checked document by document."""
    with _cache_lock:
        cached = _cache.get(path)
    return cached is not None and cached.validated


def mark_validated(path: Path, tables: Tables) -> None:
    """Record that ``tables`` (the cached generation of ``path``) decoded cleanly."""
    with _cache_lock:
        cached = _cache.get(path)
        if cached is not None and cached.tables is tables:
            cached.validated = True


def forget(path: Path) -> None:
    """Drop a cached file (after a failed write, or when a test edits it by hand)."""
    with _cache_lock:
        _cache.pop(path, None)


class _MemoryStorage(Storage):
    """TinyDB storage over one in-memory copy, flushed by ``transaction``."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.dirty = False

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        self.tables = data
        self.dirty = True

    def close(self) -> None:
        pass


def working_copy(tables: Tables | None) -> Tables:
    """Copy tables and documents one level deep.

    TinyDB updates documents in place, so each document dict is copied; nested lists
    are shared, and the store never mutates those in place (it builds new ones).
    """
    if tables is None:
        return {}
    return {name: {k: dict(doc) for k, doc in table.items()} for name, table in tables.items()}


def encode(tables: Tables) -> bytes:
    """Compact UTF-8 JSON; text with lone surrogates (pasted from odd sources) is
    escaped instead, so it round-trips rather than failing the save."""
    try:
        return json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(tables, ensure_ascii=True, separators=(",", ":")).encode("ascii")


@contextlib.contextmanager
def transaction(
    path: Path, on_open: Callable[[Tables | None], Tables | None] | None = None
) -> Iterator[TinyDB]:
    """Lock ``path``, yield a fresh TinyDB on its contents, write once if changed.

    ``on_open`` sees the file as found (or None) before any change: the store uses it
    to refuse foreign or newer files (by raising) and to migrate older ones (by
    returning the migrated tables, which are then written even if nothing else
    changes). A corrupt file raises before anything is written.
    """
    with safefile.locked(path):
        safefile.remove_stale_temp_files(path)
        loaded = _load(path, verify=True)
        current = loaded.tables if loaded is not None else None
        migrated = on_open(current) if on_open is not None else None
        storage = _MemoryStorage(working_copy(migrated if migrated is not None else current))
        storage.dirty = migrated is not None
        db = TinyDB(storage=lambda: storage)
        try:
            yield db
        except BaseException:
            forget(path)
            raise
        if storage.dirty:
            data = encode(storage.tables)
            try:
                st = safefile.atomic_write(path, data)
            except BaseException:
                forget(path)
                raise
            validated = loaded is not None and loaded.validated
            with _cache_lock:
                _cache[path] = _Cached(
                    safefile.signature(st), _digest(data), storage.tables, validated
                )
