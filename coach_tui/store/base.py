"""The practice's files and transactions: every change is one locked, all-or-nothing write.

``PracticeBase`` knows where each file is, reads an executive without a lock, and
opens the one transaction a change runs in (``_change``, or ``batch`` for many
changes at once). The other ``Practice`` parts (index, sessions, items, clients)
build on it; ``coach_tui.store.practice.Practice`` puts them together.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from coach_tui import locations
from coach_tui.domain.model import (
    ClientRecord,
    Engagement,
    Event,
)
from coach_tui.errors import (
    CorruptFileError,
    NotFoundError,
)
from coach_tui.store import livefile, readable, records, safefile, storage
from coach_tui.store.clientfile import PickSessions, decode_part, decode_record
from coach_tui.store.migrations import FILE_KIND, check_kind, keep_pre_migration_copy, migrate
from coach_tui.store.storage import Tables

if TYPE_CHECKING:
    from tinydb import TinyDB

T = TypeVar("T")
#: A client id, as ``slugify`` makes them: the name of its file without ``.json``.
CLIENT_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class PracticeBase:
    """The files of a practice and the one way to change them: ``_change`` / ``batch``."""

    def __init__(self, root: Path, clock: Clock | None = None, *, read_only: bool = False) -> None:
        """Open the practice in ``root``, making its folders (0700) unless ``read_only``.

        ``read_only`` is for commands that only read (review, report, check, export):
        nothing is created, no permission is changed and the index cache is not
        rewritten, so they work on a read-only folder or mount, and a coach's own
        ``chmod 500`` stays. An explicit change still tries, and fails in one line.
        """
        self.root = Path(root)
        self.clock: Clock = clock or _now
        self._local = threading.local()
        self.read_only = read_only
        readable.check_readable(self.root)
        if not read_only:
            safefile.ensure_private_dir(self.root)
            safefile.ensure_private_dir(locations.clients_dir(self.root))

    # ----------------------------------------------------------------- files

    @property
    def index_path(self) -> Path:
        return locations.index_file(self.root)

    def client_path(self, client_id: str) -> Path:
        if not CLIENT_ID.fullmatch(client_id):
            raise NotFoundError(f"no executive with id '{client_id}'")
        return locations.client_file(self.root, client_id)

    def client_ids(self) -> list[str]:
        """Every client file in the folder (whether or not it can be read)."""
        try:
            with os.scandir(locations.clients_dir(self.root)) as entries:
                names = [entry.name for entry in entries]
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            return []  # as a glob of a folder not there or not readable
        return sorted(n[: -len(".json")] for n in names if n.endswith(".json") and n[0] != ".")

    def client_signatures(self, client_ids: list[str]) -> dict[str, list[int] | None]:
        """Each client file's stat signature (None: no file), one ``os.stat`` each.

        Every listing, the app's first frame included, checks every index row against
        its file: through ``client_path`` and pathlib objects, 200 files took three times
        as long as with plain strings and ``os.stat`` (9 ms against 3, measured).
        """
        folder = os.fspath(locations.clients_dir(self.root))
        found: dict[str, list[int] | None] = {}
        for client_id in client_ids:
            if not CLIENT_ID.fullmatch(client_id):
                found[client_id] = self._client_signature(client_id)  # its own error
                continue
            path = os.path.join(folder, client_id + ".json")  # noqa: PTH118 (see above)
            try:
                found[client_id] = list(safefile.signature(os.stat(path)))  # noqa: PTH116
            except FileNotFoundError:
                found[client_id] = None
        return found

    def _client_signature(self, client_id: str) -> list[int] | None:
        try:
            return list(safefile.signature(self.client_path(client_id).stat()))
        except FileNotFoundError:
            return None

    def _read_client_file(self, client_id: str) -> Tables:
        """The client file's own tables (live sessions only pointed to), lock-free."""
        path = self.client_path(client_id)
        tables = storage.read_tables(path)
        if tables is None:
            raise NotFoundError(f"no executive with id '{client_id}'")
        schema = check_kind(path, tables, FILE_KIND)
        if schema < records.SCHEMA:
            tables = migrate(storage.working_copy(tables), schema)
        return tables

    def live_session_ids(self, client_id: str) -> list[str]:
        """The sessions in progress whose own files the executive's file points to."""
        return livefile.live_ids(self._read_client_file(client_id))

    def _read_client_tables(self, client_id: str) -> Tables:
        """Everything about one executive as tables, live sessions included."""
        return livefile.with_live(self.root, client_id, self._read_client_file(client_id))

    def generation(self, client_id: str) -> tuple[object, ...]:
        """What identifies the executive's files as they are now: a few ``stat`` calls.

        The executive's file and its live session files, each by inode, mtime and size
        (the signature lock-free reads already trust). Equal generations read the same
        record, so a screen may show a record it read a moment ago without reading it
        again (the practice reads ahead the executive the coach is about to open).
        """
        files = [self.client_path(client_id)]
        folder = livefile.sessions_dir(self.root, client_id)
        try:
            files += sorted(p for p in folder.iterdir() if p.suffix == ".json")
        except (FileNotFoundError, NotADirectoryError):
            pass
        generation: list[object] = []
        for path in files:
            try:
                generation.append((path.name, safefile.signature(path.stat())))
            except FileNotFoundError:
                generation.append((path.name, None))
        return tuple(generation)

    def load(self, client_id: str, *, keep: bool = False) -> ClientRecord:
        """Everything about one executive, read without taking a lock.

        Running views left behind a live session's answers by a kill (see
        ``_catch_up_fed``) are caught up first, unless the practice is read-only.
        ``keep`` hands the record to the next ``load`` of the same unchanged file on
        this thread, once (finding an executive by id on a stale index row reads
        the whole file, and the command then loads it again).
        """
        path = self.client_path(client_id)
        tables = self._tables_caught_up(client_id)
        kept = self._take_kept(path, tables)
        if kept is not None:
            return kept  # the same generation of the file, decoded a moment ago
        record = decode_record(path, livefile.with_live(self.root, client_id, tables))
        storage.mark_validated(path, tables)
        if keep and not livefile.live_ids(tables):
            self._local.kept = (path, tables, record)
        return record

    def load_part(self, client_id: str, answered: PickSessions) -> ClientRecord:
        """One executive without the events, and with the answers and questions as
        asked of only the sessions ``answered`` picks (``clientfile.decode_part``).

        For a read-only view that needs no more: the pre-call brief reads one session's
        answers of the fifty of a long engagement. Never to be changed and saved.
        """
        path = self.client_path(client_id)
        tables = self._tables_caught_up(client_id)
        kept = self._take_kept(path, tables)
        if kept is not None:
            return kept  # the whole record, read a moment ago: more than asked
        return decode_part(path, livefile.with_live(self.root, client_id, tables), answered)

    def _tables_caught_up(self, client_id: str) -> Tables:
        """The client file's tables, once views left behind a live session's answers by a
        kill are caught up (``_catch_up_fed``), unless the practice is read-only."""
        tables = self._read_client_file(client_id)
        if not self.read_only and self._fed_behind(client_id, tables):
            with self._change(client_id) as db:
                pointers = storage.rows(db, livefile.LIVE).values()
                for session_id in [str(p.get("id")) for p in pointers]:
                    self._catch_up_fed(client_id, db, session_id)
            tables = self._read_client_file(client_id)
        return tables

    def _take_kept(self, path: Path, tables: Tables) -> ClientRecord | None:
        """The record ``load(keep=True)`` decoded from this very generation, once."""
        kept: tuple[Path, Tables, ClientRecord] | None = getattr(self._local, "kept", None)
        self._local.kept = None
        return kept[2] if kept is not None and kept[0] == path and kept[1] is tables else None

    def _fed_behind(self, client_id: str, tables: Tables) -> bool:
        """Whether a live session's answers are ahead of the views they feed."""
        for session_id in livefile.live_ids(tables):
            path = livefile.session_path(self.root, client_id, session_id)
            live = storage.read_tables(path)
            if live is not None and livefile.fed_behind(tables, session_id, live):
                return True
        return False

    def _catch_up_fed(self, client_id: str, db: TinyDB, session_id: str) -> bool:
        """Bring the views a live session feeds up to its file (the sessions part does it)."""
        raise NotImplementedError

    def _live_session(self, client_id: str, session_id: str) -> Path | None:
        """The file of a live session, if it is one and no batch holds the executive.

        Inside a batch a live session is folded into the client file instead, so the
        batch stays one all-or-nothing write.
        """
        if self.client_path(client_id) in self._batches():
            return None
        tables = self._read_client_file(client_id)
        if session_id not in livefile.live_ids(tables):
            return None
        path = self.client_path(client_id)
        if not storage.is_validated(path):
            # As for any write: a damaged executive file stops every change to it.
            decode_record(path, tables)
            storage.mark_validated(path, tables)
        return livefile.session_path(self.root, client_id, session_id)

    def _fold(self, client_id: str, db: TinyDB, session_id: str | None = None) -> None:
        """Bring a live session (or every one) into the client file open in ``db``.

        The session files are removed only after the client file is written.
        """
        ids = [session_id] if session_id else [str(d["id"]) for d in db.table(livefile.LIVE).all()]
        for sid in ids:
            self._catch_up_fed(client_id, db, sid)  # its views, before it stops being live
            path = livefile.fold(self.root, client_id, db, sid)
            if path is not None:
                self._folded().append(path)

    def _folded(self) -> list[Path]:
        folded: list[Path] | None = getattr(self._local, "folded", None)
        if folded is None:
            folded = []
            self._local.folded = folded
        return folded

    def _remove_folded(self, written: bool) -> None:
        folded = self._folded()
        paths = list(folded)
        folded.clear()
        if written:
            for path in paths:
                livefile.remove(path)

    def _open_client(self, path: Path) -> Callable[[Tables | None], Tables | None]:
        def check(tables: Tables | None) -> Tables | None:
            if tables is None:
                raise NotFoundError(f"no executive file {path}")
            schema = check_kind(path, tables, FILE_KIND)
            if schema < records.SCHEMA:
                self._keep_pre_migration_copy(path, schema)
                migrated = migrate(storage.working_copy(tables), schema)
                decode_record(path, migrated)
                return migrated
            if not storage.is_validated(path):
                # A file another process wrote: every document must decode before we
                # build on it, or a damaged file would be rewritten (and its .bak lost).
                decode_record(path, tables)
                storage.mark_validated(path, tables)
            return None

        return check

    def _keep_pre_migration_copy(self, path: Path, schema: int) -> None:
        keep_pre_migration_copy(self.root, path, schema)

    @contextmanager
    def _change(self, client_id: str, refresh_index: bool = True) -> Iterator[TinyDB]:
        """One locked, all-or-nothing change to one executive's file.

        Inside ``batch`` for the same executive, the batch's transaction is reused.
        """
        path = self.client_path(client_id)
        open_batches = self._batches()
        if path in open_batches:
            yield open_batches[path]
            return
        if not path.exists():
            raise NotFoundError(f"no executive with id '{client_id}'")
        self._folded().clear()
        try:
            with storage.transaction(path, self._open_client(path)) as db:
                yield db
                wrote = storage.changed(db)
        except BaseException:
            self._remove_folded(written=False)
            raise
        self._remove_folded(written=wrote)
        if refresh_index and wrote:
            self._refresh_index_row(client_id)

    def _batches(self) -> dict[Path, TinyDB]:
        batches: dict[Path, TinyDB] | None = getattr(self._local, "batches", None)
        if batches is None:
            batches = {}
            self._local.batches = batches
        return batches

    @contextmanager
    def batch(self, client_id: str) -> Iterator[None]:
        """Many changes to one executive as one locked, all-or-nothing write.

        Imports use it (a response is taken whole or not at all), and so does the
        benchmark's practice generator. Reads (``load``) inside a batch see the file
        as it was before the batch.
        """
        path = self.client_path(client_id)
        open_batches = self._batches()
        if path in open_batches:
            yield
            return
        if not path.exists():
            raise NotFoundError(f"no executive with id '{client_id}'")
        self._folded().clear()
        try:
            with storage.transaction(path, self._open_client(path)) as db:
                open_batches[path] = db
                try:
                    yield
                finally:
                    del open_batches[path]
                wrote = storage.changed(db)
        except BaseException:
            self._remove_folded(written=False)
            raise
        self._remove_folded(written=wrote)
        if wrote:
            self._refresh_index_row(client_id)

    # -------------------------------------------------------------- helpers

    def _current_engagement(self, db: TinyDB) -> tuple[int, Engagement]:
        rows = [(d.doc_id, records.from_doc(Engagement, d)) for d in db.table("engagements").all()]
        if not rows:
            raise CorruptFileError("no engagement in the client file")
        return max(rows, key=lambda r: r[1].started or datetime.min)

    @staticmethod
    def _get(db: TinyDB, table: str, item_id: str, cls: type[T]) -> tuple[int, T]:
        for doc in db.table(table).all():
            if doc.get("id") == item_id:
                return doc.doc_id, records.from_doc(cls, doc)
        raise NotFoundError(f"no {table[:-1]} '{item_id}'")

    @staticmethod
    def _find_raw(db: TinyDB, table: str, **match: str) -> tuple[int, dict[str, Any]] | None:
        """The newest document whose fields equal ``match``, as stored (no copy).

        For lookups on the hot path: a save on an executive with thousands of
        answers looks for the open session's, which are the newest, so the scan
        runs from the end. Changes still go through TinyDB or ``_replace``.
        """
        items = list(match.items())
        for doc_id, doc in reversed(storage.rows(db, table).items()):
            for field, wanted in items:
                if doc.get(field) != wanted:
                    break
            else:
                return int(doc_id), doc
        return None

    @staticmethod
    def _put(db: TinyDB, table: str, doc_id: int, item: object) -> None:
        PracticeBase._replace(db, table, doc_id, records.to_doc(item))

    @staticmethod
    def _replace(db: TinyDB, table: str, doc_id: int, doc: dict[str, Any]) -> None:
        try:
            storage.replace_doc(db, table, doc_id, doc)
        except KeyError:
            raise NotFoundError(f"no document {doc_id} in '{table}'") from None

    @staticmethod
    def _log(db: TinyDB, at: datetime, kind: str, detail: str = "") -> None:
        db.table("events").insert(records.to_doc(Event(at, kind, detail)))

    def log_event(self, client_id: str, kind: str, detail: str = "") -> None:
        """Record something in the executive's history (a report sent, a kit imported)."""
        with self._change(client_id, refresh_index=False) as db:
            self._log(db, self.clock(), kind, detail)

    def _refresh_index_row(self, client_id: str) -> None:
        """Bring the index row of ``client_id`` up to date (the index mixin does it)."""
        raise NotImplementedError
