"""TinyDB on top of ``safefile``: lock-free reads, locked all-or-nothing writes.

TinyDB's own JSON storage class overwrites in place (a crash leaves half a file)
and its caching middleware holds writes in memory; neither is used. Instead a
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
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from coach_tui.errors import CorruptFileError
from coach_tui.store import safefile

if TYPE_CHECKING:
    from tinydb import TinyDB

#: TinyDB's on-disk shape: {table name: {document id (digits): document}}.
Tables = dict[str, dict[str, dict[str, Any]]]

_cache: dict[Path, _Cached] = {}
_cache_lock = threading.Lock()
_swept: set[Path] = set()


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
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if "UTF-8" in exc.msg:
            raise CorruptFileError(f"{path}: not text (not UTF-8); {restore_hint(path)}") from None
        if "depth" in exc.msg:
            raise CorruptFileError(
                f"{path}: JSON nested too deeply; {restore_hint(path)}"
            ) from None
        raise CorruptFileError(
            f"{path}: broken JSON at line {exc.lineno}, column {exc.colno} "
            f"({_first_clause(exc.msg)}); {restore_hint(path)}"
        ) from None
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


def _first_clause(message: str) -> str:
    return message.split(":")[0].strip() or "invalid"


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
    raw: bytes
    tables: Tables
    validated: bool = False


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
    compares the content with the cached bytes: writers use it, because on some file systems an
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
    if cached is not None and cached.raw == raw:
        fresh = _Cached(sig, raw, cached.tables, cached.validated)
    else:
        fresh = _Cached(sig, raw, parse_tables(raw, path))
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


class _MemoryStorage:
    """TinyDB storage over one in-memory copy, flushed by ``transaction``.

    A storage to TinyDB is what has ``read``, ``write`` and ``close``: not subclassing
    its ``Storage`` keeps TinyDB out of commands that only read (``review``, the app's
    first frame; about 3 ms).
    """

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


class _CopyOnAccess(dict[str, dict[str, dict[str, Any]]]):
    """The cached tables, each copied the first time it is used.

    Through TinyDB (``tables[name]``) a table is copied with its documents, since
    TinyDB's ``update`` changes documents in place. Through ``rows`` (the store's
    hot path) only the table dict is copied: the store replaces documents rather
    than changing them (``replace_doc``), so unchanged documents stay shared with
    the read cache and a save on a large executive copies none of its answers.
    """

    def __init__(self, tables: Tables) -> None:
        super().__init__(tables)
        self._shallow: set[str] = set()
        self._deep: set[str] = set()

    def shallow(self, name: str) -> dict[str, dict[str, Any]] | None:
        if name not in self.keys():
            return None
        table = super().__getitem__(name)
        if name not in self._shallow and name not in self._deep:
            table = dict(table)
            super().__setitem__(name, table)
            self._shallow.add(name)
        return table

    def __getitem__(self, name: str) -> dict[str, dict[str, Any]]:
        table = super().__getitem__(name)
        if name not in self._deep:
            table = {k: dict(doc) for k, doc in table.items()}
            super().__setitem__(name, table)
            self._deep.add(name)
        return table

    def __setitem__(self, name: str, table: dict[str, dict[str, Any]]) -> None:
        super().__setitem__(name, table)
        self._deep.add(name)

    def get(self, name: str, default: Any = None) -> Any:
        if name not in self.keys():
            return default
        return self[name]


def _tables_of(db: TinyDB) -> _CopyOnAccess:
    tables = db.storage.read()
    if not isinstance(tables, _CopyOnAccess):
        raise TypeError("rows() and replace_doc() work inside storage.transaction only")
    return tables


def changed(db: TinyDB) -> bool:
    """Whether the transaction of ``db`` has anything to write."""
    return bool(getattr(db.storage, "dirty", False))


def rows(db: TinyDB, name: str) -> dict[str, dict[str, Any]]:
    """A table's documents inside a transaction, for reading: do not change them."""
    return _tables_of(db).shallow(name) or {}


def replace_doc(db: TinyDB, name: str, doc_id: int, doc: dict[str, Any]) -> None:
    """Put a new version of one document in place (TinyDB's update, minus the cost).

    TinyDB's ``update`` rebuilds the whole table twice and changes the stored dict
    in place; this swaps the one document.
    """
    tables = _tables_of(db)
    table = tables.shallow(name)
    if table is None or str(doc_id) not in table:
        raise KeyError(f"no document {doc_id} in table '{name}'")
    table[str(doc_id)] = doc
    db.storage.write(tables)


def encode(tables: Tables) -> bytes:
    """Compact UTF-8 JSON (orjson: a 1 MB executive in about 1 ms, not 18).

    Text with lone surrogates (pasted from odd sources) is escaped instead by the
    standard library, so it round-trips rather than failing the save.
    """
    try:
        return orjson.dumps(tables)
    except (orjson.JSONEncodeError, TypeError):
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
        if path not in _swept:
            safefile.remove_stale_temp_files(path)  # left by a writer that was killed
            _swept.add(path)
        loaded = _load(path, verify=True)
        current = loaded.tables if loaded is not None else None
        migrated = on_open(current) if on_open is not None else None
        start = migrated if migrated is not None else current
        storage = _MemoryStorage(_CopyOnAccess(start or {}))
        storage.dirty = migrated is not None
        from tinydb import TinyDB  # for writing only: see _MemoryStorage

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
                    safefile.signature(st), data, dict(storage.tables), validated
                )
