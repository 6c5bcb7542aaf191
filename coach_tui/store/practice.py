"""The practice on disk: one TinyDB file per executive plus a small index.

This is the only module that knows files exist. Every change is one locked,
all-or-nothing ``storage.transaction`` on one executive's file; reads take no lock.
The index (``practice.json``) is a cache of one summary row per executive: each row
remembers the stat signature of the client file it was made from, so a row whose file
changed since (another process, a crash between the two writes) is noticed and
rebuilt the next time the practice is listed.
"""

from __future__ import annotations

import copy
import re
import shutil
import threading
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB

from coach_tui import locations
from coach_tui.domain import model, privacy
from coach_tui.domain.model import (
    Answer,
    AnswerValue,
    AskedQuestion,
    Client,
    ClientRecord,
    ClientSummary,
    Edit,
    Engagement,
    Event,
    GoalScore,
    Insight,
    InsightKind,
    Plan,
    Rating,
    Session,
    Stage,
    StageChange,
    Stakeholder,
    SurveyScore,
)
from coach_tui.errors import (
    AmbiguousError,
    CorruptFileError,
    InvalidInputError,
    NotFoundError,
    StoreError,
)
from coach_tui.store import readable, records, safefile, storage
from coach_tui.store.records import SCHEMA
from coach_tui.store.storage import Tables
from coach_tui.text import first_few, one_line

FILE_KIND = "coach-tui/client"
INDEX_KIND = "coach-tui/practice"

#: Tables of a client file and the dataclass each holds.
TABLES: dict[str, type] = {
    "client": Client,
    "engagements": Engagement,
    "sessions": Session,
    "answers": Answer,
    "insights": Insight,
    "stakeholders": Stakeholder,
    "ratings": Rating,
    "surveys": SurveyScore,
    "plans": Plan,
    "events": Event,
    "consent": model.ConsentDecision,
    "sharing": model.Sharing,
    "suggestions": model.SuggestionDecision,
}

#: Schema migrations: MIGRATIONS[n] turns a schema-n file into schema n+1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: privacy.migrate_to_consent}

#: A goal's status fields (``coach_tui.domain.goals`` checks the moves between them).
GOAL_FIELDS = ("status", "agreed_at", "agreed_session", "agreed_by", "closed_reason")

T = TypeVar("T")
Clock = Callable[[], datetime]


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def slugify(name: str) -> str:
    """A readable file-safe id from a name: 'Ana María López' -> 'ana-maria-lopez'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:40].strip("-") or "executive"


def file_schema(tables: Tables) -> tuple[str, int]:
    """The (kind, schema) a file declares in its meta table, or ('', 0) if none."""
    meta = tables.get("meta", {})
    for doc in meta.values():
        kind = doc.get("kind")
        schema = doc.get("schema")
        if isinstance(kind, str) and isinstance(schema, int):
            return kind, schema
    return "", 0


def _check_kind(path: Path, tables: Tables, expected: str) -> int:
    kind, schema = file_schema(tables)
    if kind != expected:
        found = f"'{kind}'" if kind else "no coach-tui header"
        raise CorruptFileError(
            f"{path}: not a coach-tui {expected.split('/')[1]} file ({found}); it was left "
            f"as it is; {storage.restore_hint(path)}"
        )
    if schema > SCHEMA:
        raise CorruptFileError(
            f"{path}: written by a newer coach-tui (schema {schema}, this one reads up to "
            f"{SCHEMA}); update coach-tui to open it — the file was left as it is "
            f"(the previous generation is {safefile.backup_path(path)})"
        )
    return schema


def migrate(tables: Tables, schema: int) -> Tables:
    """Apply every migration from ``schema`` up to the current one."""
    for step in range(schema, SCHEMA):
        tables = MIGRATIONS[step](tables)
    for doc in tables.get("meta", {}).values():
        doc["schema"] = SCHEMA
    return tables


def _decode_record(path: Path, tables: Tables) -> ClientRecord:
    """Build a ClientRecord from a client file's tables (already checked for kind)."""
    lists: dict[str, list[Any]] = {}
    for name, cls in TABLES.items():
        items: list[Any] = []
        for doc_id, doc in tables.get(name, {}).items():
            try:
                items.append(records.from_doc(cls, doc))
            except (TypeError, ValueError, KeyError) as exc:
                raise CorruptFileError(
                    f"{path}: table '{name}', document {doc_id} is damaged ({exc}); "
                    f"the last good copy is {safefile.backup_path(path)}"
                ) from None
        lists[name] = items
    clients = lists.pop("client")
    if not clients:
        raise CorruptFileError(f"{path}: no executive in the file; it was left as it is")
    record = ClientRecord(client=clients[0], **lists)
    if not record.engagements:
        raise CorruptFileError(f"{path}: no engagement in the file; it was left as it is")
    record.engagements.sort(key=lambda e: e.started or datetime.min)
    record.sessions.sort(key=lambda s: s.started)
    return record


def summarize(record: ClientRecord, today: date) -> ClientSummary:
    """The index row for one executive: what the practice screen shows."""
    engagement = record.engagement
    sessions = [s for s in record.sessions_of(engagement.id) if s.audience == "coach"]
    held = [s for s in sessions if not s.is_open]
    actions = [i for i in record.insights_of(InsightKind.ACTION) if not i.done]
    plan = record.latest_plan()
    return ClientSummary(
        id=record.client.id,
        name=record.client.name,
        organisation=record.client.organisation,
        role=record.client.role,
        stage=engagement.stage,
        sessions=len(held),
        last_session=held[-1].started.date() if held else None,
        next_session=plan.next_date if plan else None,
        open_actions=len(actions),
        overdue_actions=sum(1 for a in actions if a.is_overdue(today)),
        open_goals=len(record.insights_of(InsightKind.GOAL)),
        open_session=record.open_session() is not None,
    )


class Practice:
    """A coach's practice in one data folder: the public API of the core."""

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
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", client_id):
            raise NotFoundError(f"no executive with id '{client_id}'")
        return locations.client_file(self.root, client_id)

    def client_ids(self) -> list[str]:
        """Every client file in the folder (whether or not it can be read)."""
        folder = locations.clients_dir(self.root)
        return sorted(p.stem for p in folder.glob("*.json") if not p.name.startswith("."))

    def _read_client_tables(self, client_id: str) -> Tables:
        path = self.client_path(client_id)
        tables = storage.read_tables(path)
        if tables is None:
            raise NotFoundError(f"no executive with id '{client_id}'")
        schema = _check_kind(path, tables, FILE_KIND)
        if schema < SCHEMA:
            tables = migrate(storage.working_copy(tables), schema)
        return tables

    def load(self, client_id: str) -> ClientRecord:
        """Everything about one executive, read without taking a lock."""
        path = self.client_path(client_id)
        tables = self._read_client_tables(client_id)
        record = _decode_record(path, tables)
        storage.mark_validated(path, tables)
        return record

    def _open_client(self, path: Path) -> Callable[[Tables | None], Tables | None]:
        def check(tables: Tables | None) -> Tables | None:
            if tables is None:
                raise NotFoundError(f"no executive file {path}")
            schema = _check_kind(path, tables, FILE_KIND)
            if schema < SCHEMA:
                self._keep_pre_migration_copy(path, schema)
                migrated = migrate(storage.working_copy(tables), schema)
                _decode_record(path, migrated)
                return migrated
            if not storage.is_validated(path):
                # A file another process wrote: every document must decode before we
                # build on it, or a damaged file would be rewritten (and its .bak lost).
                _decode_record(path, tables)
                storage.mark_validated(path, tables)
            return None

        return check

    def _keep_pre_migration_copy(self, path: Path, schema: int) -> None:
        folder = safefile.ensure_private_dir(locations.migrations_dir(self.root))
        target = folder / f"{path.stem}.schema{schema}.json"
        if not target.exists():
            safefile.atomic_write(target, path.read_bytes(), keep_backup=False)

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
        with storage.transaction(path, self._open_client(path)) as db:
            yield db
            wrote = storage.changed(db)
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
        with storage.transaction(path, self._open_client(path)) as db:
            open_batches[path] = db
            try:
                yield
            finally:
                del open_batches[path]
            wrote = storage.changed(db)
        if wrote:
            self._refresh_index_row(client_id)

    # ----------------------------------------------------------------- index

    def list_clients(self) -> list[ClientSummary]:
        """Every executive, from the index, rebuilding rows whose file has changed.

        A client file that cannot be read keeps its last known row, marked with the
        problem, so the rest of the practice keeps working.
        """
        rows = self._index_rows()
        ids = self.client_ids()
        stale, gone = self._stale_rows(rows, ids)
        if stale or gone:
            rows = self._rebuild_rows(stale, gone)
        return self._summaries(rows, ids)

    def list_clients_if_fresh(self) -> list[ClientSummary] | None:
        """Every executive if the index is up to date, else None (without reading).

        The index alone is a few milliseconds to read; rebuilding stale rows opens
        client files. The app's first screen reads the fresh index at once and leaves
        a rebuild to a worker thread.
        """
        rows = self._index_rows()
        ids = self.client_ids()
        stale, gone = self._stale_rows(rows, ids)
        if stale or gone:
            return None
        return self._summaries(rows, ids)

    def _stale_rows(
        self, rows: dict[str, dict[str, Any]], ids: list[str]
    ) -> tuple[list[str], list[str]]:
        """Executives whose row is missing or out of date, and rows with no file."""
        stale: list[str] = []
        for client_id in ids:
            row = rows.get(client_id)
            sig = self._client_signature(client_id)
            if row is None or row.get("sig") != sig or row.get("v") != SCHEMA:
                stale.append(client_id)
        gone = [cid for cid in rows if cid not in ids]
        return stale, gone

    def _summaries(self, rows: dict[str, dict[str, Any]], ids: list[str]) -> list[ClientSummary]:
        summaries = [self._row_summary(rows[cid]) for cid in ids if cid in rows]
        return sorted(summaries, key=lambda s: s.name.casefold())

    def _client_signature(self, client_id: str) -> list[int] | None:
        try:
            return list(safefile.signature(self.client_path(client_id).stat()))
        except FileNotFoundError:
            return None

    def _index_rows(self) -> dict[str, dict[str, Any]]:
        try:
            tables = storage.read_tables(self.index_path)
            if tables is None:
                return {}
            kind, _ = file_schema(tables)
            if kind != INDEX_KIND:
                raise CorruptFileError(f"{self.index_path}: not a coach-tui index")
        except CorruptFileError:
            return {}  # the index is only a cache: rebuilt from the client files
        return {
            doc["id"]: doc
            for doc in tables.get("clients", {}).values()
            if isinstance(doc.get("id"), str)
        }

    def _row_for(self, client_id: str) -> dict[str, Any]:
        sig = self._client_signature(client_id)
        try:
            record = self.load(client_id)
        except CorruptFileError as exc:
            previous = self._index_rows().get(client_id, {"id": client_id, "name": client_id})
            return {**previous, "problem": str(exc), "sig": sig, "v": SCHEMA}
        row = records.to_doc(summarize(record, self.clock().date()))
        # Overdue depends on the day the practice is listed, not on the day the row
        # was written: keep the open actions' due dates and count them when listing.
        dues = [
            i.due.isoformat()
            for i in record.insights_of(InsightKind.ACTION)
            if not i.done and i.due is not None
        ]
        row.update(sig=sig, v=SCHEMA, action_dues=dues)
        return row

    def _rebuild_rows(self, stale: list[str], gone: list[str]) -> dict[str, dict[str, Any]]:
        fresh = {cid: self._row_for(cid) for cid in stale}
        try:
            if not self.read_only:
                self._write_index(fresh, gone)
        except StoreError:
            pass  # a read-only folder still lists the practice
        rows = self._index_rows()
        rows.update(fresh)
        for cid in gone:
            rows.pop(cid, None)
        return rows

    def _write_index(self, fresh: dict[str, dict[str, Any]], gone: list[str]) -> None:
        path = self.index_path

        def check(tables: Tables | None) -> Tables | None:
            if tables is not None and file_schema(tables)[0] != INDEX_KIND:
                # A foreign index is only a cache: keep a copy, start afresh.
                self._set_aside(path)
                return {}
            return None

        try:
            storage.read_tables(path)
        except CorruptFileError:
            self._set_aside(path)  # an unreadable index is only a cache: rebuild it
        with storage.transaction(path, check) as db:
            meta = db.table("meta")
            if not meta.all():
                meta.insert({"kind": INDEX_KIND, "schema": SCHEMA})
            table = db.table("clients")
            existing = {doc["id"]: doc.doc_id for doc in table.all() if "id" in doc}
            for cid, row in fresh.items():
                if cid in existing:
                    table.remove(doc_ids=[existing[cid]])
                table.insert(row)
            drop = [existing[cid] for cid in gone if cid in existing]
            if drop:
                table.remove(doc_ids=drop)

    def _set_aside(self, path: Path) -> None:
        """Keep a broken index as ``.broken`` (0600) so it is rebuilt, not lost."""
        broken = path.with_name(path.name + ".broken")
        if path.exists():
            shutil.copyfile(path, broken)
            broken.chmod(safefile.FILE_MODE)
            path.unlink()
        storage.forget(path)

    def _refresh_index_row(self, client_id: str) -> None:
        try:
            self._write_index({client_id: self._row_for(client_id)}, [])
        except StoreError:
            pass  # the client file is saved; the stale row is rebuilt on the next listing

    def _row_summary(self, row: dict[str, Any]) -> ClientSummary:
        try:
            summary = records.from_doc(ClientSummary, row)
        except (TypeError, ValueError):
            return ClientSummary(id=row["id"], name=str(row.get("name", row["id"])))
        dues = row.get("action_dues")
        if isinstance(dues, list):
            today = self.clock().date().isoformat()
            summary.overdue_actions = sum(1 for due in dues if isinstance(due, str) and due < today)
        return summary

    def rebuild_index(self) -> list[ClientSummary]:
        """Rebuild every row from the client files (``check --repair``)."""
        ids = self.client_ids()
        rows = self._index_rows()
        self._rebuild_rows(ids, [cid for cid in rows if cid not in ids])
        return self.list_clients()

    def find(self, query: str) -> ClientSummary:
        """One executive by id or a unique, case-insensitive part of the name."""
        query = query.strip()
        clients = self.list_clients()
        for summary in clients:
            if summary.id == query:
                return summary
        needle = query.casefold()
        matches = [c for c in clients if needle and needle in c.name.casefold()]
        exact = [c for c in matches if c.name.casefold() == needle]
        if len(exact) == 1:
            return exact[0]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            known = first_few([one_line(c.name, 40) for c in clients]) or "none yet"
            raise NotFoundError(f"no executive matches '{query}' (executives: {known})")
        names = first_few([f"{one_line(c.name, 40)} ({c.id})" for c in matches])
        raise AmbiguousError(f"'{query}' matches several executives: {names}")

    # --------------------------------------------------------------- clients

    def create_client(
        self,
        name: str,
        organisation: str = "",
        role: str = "",
        email: str = "",
        sponsor: str = "",
        at: datetime | None = None,
    ) -> Client:
        """Add an executive with a new engagement in the Awareness stage."""
        name = " ".join(name.split())
        if not name:
            raise InvalidInputError("an executive needs a name")
        when = at or self.clock()
        base = slugify(name)
        taken = set(self.client_ids())
        client_id = base
        counter = 2
        while client_id in taken:
            client_id = f"{base}-{counter}"
            counter += 1
        client = Client(
            id=client_id,
            name=name,
            organisation=organisation.strip(),
            role=role.strip(),
            email=email.strip(),
            sponsor=sponsor.strip(),
            created=when,
        )
        engagement = Engagement(
            id=new_id(),
            client_id=client_id,
            stage=Stage.AWARENESS,
            started=when,
            changes=[StageChange(Stage.AWARENESS, when)],
        )
        path = self.client_path(client_id)

        def must_be_new(tables: Tables | None) -> Tables | None:
            if tables is not None:
                raise StoreError(f"{path}: already exists; not overwritten")
            return None

        with storage.transaction(path, must_be_new) as db:
            db.table("meta").insert({"kind": FILE_KIND, "schema": SCHEMA, "client_id": client_id})
            db.table("client").insert(records.to_doc(client))
            db.table("engagements").insert(records.to_doc(engagement))
            db.table("events").insert(records.to_doc(Event(when, "created", name)))
        self._refresh_index_row(client_id)
        return client

    def similar_names(self, name: str) -> list[ClientSummary]:
        """Executives whose name is the same as ``name`` but for case and spacing."""
        key = " ".join(name.split()).casefold()
        return [c for c in self.list_clients() if c.name.casefold() == key]

    def update_client(self, client_id: str, **fields: str) -> Client:
        allowed = {"name", "organisation", "role", "email", "sponsor"}
        unknown = set(fields) - allowed
        if unknown:
            raise InvalidInputError(f"cannot change {', '.join(sorted(unknown))}")
        if "name" in fields and not fields["name"].strip():
            raise InvalidInputError("an executive needs a name")
        with self._change(client_id) as db:
            table = db.table("client")
            doc = table.all()[0]
            cleaned: dict[str, Any] = {k: v.strip() for k, v in fields.items()}
            updated = replace(records.from_doc(Client, doc), **cleaned)
            self._put(db, "client", doc.doc_id, updated)
        return updated

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
        Practice._replace(db, table, doc_id, records.to_doc(item))

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

    # -------------------------------------------------------------- sessions

    def start_session(
        self,
        client_id: str,
        script: Any,
        stakeholder_id: str | None = None,
        at: datetime | None = None,
    ) -> Session:
        """Open a session of ``script`` (a ``scripts.Script``) in the current stage."""
        when = at or self.clock()
        with self._change(client_id) as db:
            _, engagement = self._current_engagement(db)
            session = Session(
                id=new_id(),
                engagement_id=engagement.id,
                script_id=script.id,
                script_title=script.title,
                script_version=script.version,
                stage=engagement.stage,
                started=when,
                audience=script.audience,
                stakeholder_id=stakeholder_id,
                cursor=script.questions[0].id if script.questions else None,
                questions=[
                    AskedQuestion(q.id, q.text, q.kind, q.section) for q in script.questions
                ],
            )
            db.table("sessions").insert(records.to_doc(session))
        return session

    def set_cursor(
        self,
        client_id: str,
        session_id: str,
        question_id: str,
        active_seconds: int | None = None,
    ) -> None:
        """Remember where the coach is (and the time on the call), for resuming."""
        with self._change(client_id, refresh_index=False) as db:
            doc_id, session = self._get(db, "sessions", session_id, Session)
            seconds = session.active_seconds if active_seconds is None else active_seconds
            if session.cursor != question_id or session.active_seconds != seconds:
                changed = replace(session, cursor=question_id, active_seconds=seconds)
                self._put(db, "sessions", doc_id, changed)

    def save_answer(
        self,
        client_id: str,
        session_id: str,
        question: Any,
        value: AnswerValue,
        at: datetime | None = None,
    ) -> Answer:
        """Save the answer to ``question`` (a ``scripts.Question``); keep the old value.

        Saving the same value again changes nothing on disk. Answers to questions
        that feed a running view keep that view's items in step, one per line.
        """
        value = _normalise(question.kind, value)
        when = at or self.clock()
        answer: Answer | None = None
        with self._change(client_id, refresh_index=False) as db:
            found_session = self._find_raw(db, "sessions", id=session_id)
            if found_session is None:
                raise NotFoundError(f"no session '{session_id}'")
            _, session_doc = found_session
            table = db.table("answers")
            existing = self._find_raw(db, "answers", session_id=session_id, question_id=question.id)
            if existing is not None:
                doc_id, doc = existing
                old = records.from_doc(Answer, doc)
                if old.value == value:
                    return old
                answer = replace(
                    old,
                    value=value,
                    updated=when,
                    history=[*old.history, Edit(old.value, old.updated)],
                )
                self._replace(db, "answers", doc_id, records.to_doc(answer))
            else:
                answer = Answer(
                    id=new_id(),
                    session_id=session_id,
                    question_id=question.id,
                    question_text=question.text,
                    kind=question.kind,
                    value=value,
                    updated=when,
                    private=bool(getattr(question, "coach_only", False)),
                )
                table.insert(records.to_doc(answer))
            kind = model.FEEDS_TO_KIND.get(question.feeds or "")
            # Only the coach's sessions feed the running views: what the executive or
            # a stakeholder writes on their own is a suggestion (coach_tui.domain.suggestions).
            if kind is not None and session_doc.get("audience", "coach") == "coach":
                session = records.from_doc(Session, session_doc)
                self._sync_fed_insights(db, session, question.id, kind, value, when)
        return answer

    def _sync_fed_insights(
        self,
        db: TinyDB,
        session: Session,
        question_id: str,
        kind: InsightKind,
        value: AnswerValue,
        when: datetime,
    ) -> None:
        """Make the running view hold one item per line of a feeding answer.

        A line leaving the answer removes its item only if the coach never touched
        it (the answer's history keeps the line). Items the coach renamed or deleted
        are not brought back by the next save of the same answer.
        """
        lines = _lines_of(value)
        table = db.table("insights")
        source = f"{session.id}/{question_id}"

        def of_kind(d: dict[str, Any]) -> bool:
            return d.get("engagement_id") == session.engagement_id and d.get("kind") == kind.value

        def owned(d: dict[str, Any]) -> bool:
            return d.get("session_id") == session.id and d.get("question_id") == question_id

        def from_here(d: dict[str, Any]) -> bool:
            return of_kind(d) and (
                owned(d) or source in d.get("also_fed_by", []) or source in d.get("fed_before", [])
            )

        def said(d: dict[str, Any]) -> set[str]:
            """The item's text and every wording it had before the coach renamed it."""
            return {str(d.get("text")), *(str(e.get("value")) for e in d.get("history", []))}

        def still_says(other: str, d: dict[str, Any]) -> bool:
            other_session, _, other_question = other.partition("/")
            found = self._find_raw(
                db, "answers", session_id=other_session, question_id=other_question
            )
            return found is not None and bool(said(d) & set(_lines_of(found[1].get("value"))))

        items = [d for d in table.all() if of_kind(d)]
        trashed = [
            t["doc"]
            for t in db.table("trash").all()
            if t.get("table") == "insights" and isinstance(t.get("doc"), dict)
        ]
        # Lines this answer ever fed, live or trashed: the coach renamed or deleted
        # what is not there any more, and the next save must not bring it back.
        have: set[str] = set()
        for d in [*items, *trashed]:
            if from_here(d):
                have |= said(d)
        for d in items:
            if said(d) & set(lines):
                continue  # still said here, maybe in the wording before a rename
            others = [s for s in d.get("also_fed_by", []) if s != source]
            if owned(d) and _untouched(d):
                # Another answer that still says it takes the item over.
                heirs = [s for s in others if still_says(s, d)]
                if not heirs:
                    table.remove(doc_ids=[d.doc_id])
                    continue
                owner_session, _, owner_question = heirs[0].partition("/")
                table.update(
                    {
                        "session_id": owner_session,
                        "question_id": owner_question,
                        "also_fed_by": heirs[1:],
                        "fed_before": [*d.get("fed_before", []), source],
                    },
                    doc_ids=[d.doc_id],
                )
            elif source in d.get("also_fed_by", []):
                table.update({"also_fed_by": others}, doc_ids=[d.doc_id])
        # The same line already in the view (from another question or session, maybe
        # renamed since) is not added twice: the running view is a set of things
        # heard, not a log. This answer is noted as saying it too.
        by_wording = {wording: d for d in items if not owned(d) for wording in said(d)}
        for line in lines:
            same = by_wording.get(line)
            if same is not None:
                if source not in same.get("also_fed_by", []):
                    table.update(
                        {"also_fed_by": [*same.get("also_fed_by", []), source]},
                        doc_ids=[same.doc_id],
                    )
                continue
            if line in have:
                continue
            insight = Insight(
                id=new_id(),
                engagement_id=session.engagement_id,
                kind=kind,
                text=line,
                created=when,
                session_id=session.id,
                question_id=question_id,
            )
            table.insert(records.to_doc(insight))

    def end_session(self, client_id: str, session_id: str, at: datetime | None = None) -> Session:
        when = at or self.clock()
        with self._change(client_id) as db:
            doc_id, session = self._get(db, "sessions", session_id, Session)
            session = replace(session, ended=max(when, session.started))
            self._put(db, "sessions", doc_id, session)
            self._log(db, when, "session", f"{session.script_title} ({session.minutes} min)")
        return session

    # -------------------------------------------------------------- insights

    def capture(
        self,
        client_id: str,
        kind: InsightKind,
        text: str,
        *,
        session_id: str | None = None,
        due: date | None = None,
        private: bool = False,
        measure: str = "",
        gas: dict[int, str] | None = None,
        goal_id: str | None = None,
        at: datetime | None = None,
    ) -> Insight:
        """Capture a strength, development area, goal, action, motivation or note."""
        text = text.strip()
        if not text:
            raise InvalidInputError(f"an empty {kind.label.lower()} cannot be captured")
        when = at or self.clock()
        with self._change(client_id) as db:
            _, engagement = self._current_engagement(db)
            insight = Insight(
                id=new_id(),
                engagement_id=engagement.id,
                kind=kind,
                text=text,
                created=when,
                session_id=session_id,
                private=private or kind is InsightKind.NOTE,
                measure=measure.strip(),
                gas=_check_gas(gas or {}),
                due=due,
                goal_id=goal_id,
            )
            db.table("insights").insert(records.to_doc(insight))
        return insight

    def update_insight(self, client_id: str, insight_id: str, **changes: Any) -> Insight:
        """Change an insight's fields; a new text keeps the old one in its history."""
        allowed = {"text", "private", "measure", "gas", "due", "done", "goal_id", *GOAL_FIELDS}
        unknown = set(changes) - allowed
        if unknown:
            raise InvalidInputError(f"cannot change {', '.join(sorted(unknown))}")
        when = self.clock()
        with self._change(client_id) as db:
            doc_id, insight = self._get(db, "insights", insight_id, Insight)
            if "text" in changes:
                text = str(changes["text"]).strip()
                if not text:
                    raise InvalidInputError("the text cannot be empty; delete the item instead")
                changes["text"] = text
                if text != insight.text:
                    changes["history"] = [*insight.history, Edit(insight.text, when)]
            if "gas" in changes:
                changes["gas"] = _check_gas(changes["gas"])
            if "done" in changes:
                changes["done_at"] = when if changes["done"] else None
            insight = replace(insight, **changes)
            self._put(db, "insights", doc_id, insight)
        return insight

    def score_goal(
        self,
        client_id: str,
        goal_id: str,
        score: int,
        session_id: str | None = None,
        at: datetime | None = None,
    ) -> Insight:
        """Record a GAS score (−2..+2); one score per goal per session (the latest wins)."""
        if isinstance(score, bool) or score not in model.GAS_LEVELS:
            raise InvalidInputError(f"a GAS score is between -2 and +2, not {score}")
        when = at or self.clock()
        with self._change(client_id) as db:
            doc_id, goal = self._get(db, "insights", goal_id, Insight)
            if goal.kind is not InsightKind.GOAL:
                raise InvalidInputError(f"'{goal.text}' is not a goal")
            kept = [s for s in goal.scores if session_id is None or s.session_id != session_id]
            goal = replace(goal, scores=[*kept, GoalScore(score, when, session_id)])
            self._put(db, "insights", doc_id, goal)
        return goal

    def set_answer_private(self, client_id: str, answer_id: str, private: bool) -> Answer:
        """Make one answer coach-only (or give it back to the executive)."""
        with self._change(client_id, refresh_index=False) as db:
            doc_id, answer = self._get(db, "answers", answer_id, Answer)
            answer = replace(answer, private=private)
            self._put(db, "answers", doc_id, answer)
        return answer

    def append(self, client_id: str, table: str, items: list[Any], detail: str = "") -> None:
        """Add records (consent decisions, sharing, suggestion decisions) in one write."""
        if table not in ("consent", "sharing", "suggestions"):
            raise InvalidInputError(f"cannot append to '{table}'")
        with self._change(client_id, refresh_index=False) as db:
            for item in items:
                db.table(table).insert(records.to_doc(item))
            if detail:
                self._log(db, self.clock(), table, detail)

    # --------------------------------------------------------- delete / trash

    def delete(self, client_id: str, table: str, item_id: str) -> None:
        """Move an item to the trash (``check --restore`` brings it back)."""
        if table not in TABLES or table in ("client", "events"):
            raise InvalidInputError(f"cannot delete from '{table}'")
        when = self.clock()
        with self._change(client_id) as db:
            for doc in db.table(table).all():
                if doc.get("id") == item_id:
                    db.table(table).remove(doc_ids=[doc.doc_id])
                    db.table("trash").insert(
                        {
                            "id": new_id(),
                            "table": table,
                            "doc": dict(doc),
                            "at": when.isoformat(timespec="seconds"),
                            "schema": SCHEMA,
                        }
                    )
                    self._log(db, when, "deleted", f"{table[:-1]}: {_label(doc)}")
                    return
        raise NotFoundError(f"no {table[:-1]} '{item_id}'")

    def trash(self, client_id: str) -> list[dict[str, Any]]:
        tables = self._read_client_tables(client_id)
        return [dict(doc) for doc in tables.get("trash", {}).values()]

    def restore(self, client_id: str, trash_id: str) -> str:
        """Put a deleted item back where it was; returns what was restored."""
        with self._change(client_id) as db:
            for doc in db.table("trash").all():
                if doc.get("id") == trash_id:
                    db.table(doc["table"]).insert(doc["doc"])
                    db.table("trash").remove(doc_ids=[doc.doc_id])
                    label = f"{doc['table'][:-1]}: {_label(doc['doc'])}"
                    self._log(db, self.clock(), "restored", label)
                    return label
        raise NotFoundError(f"nothing in the trash with id '{trash_id}'")

    # ---------------------------------------------------------- stakeholders

    def add_stakeholder(
        self,
        client_id: str,
        name: str,
        relationship: str = "other",
        email: str = "",
        notes: str = "",
    ) -> Stakeholder:
        name = " ".join(name.split())
        if not name:
            raise InvalidInputError("a stakeholder needs a name")
        if relationship not in model.RELATIONSHIPS:
            choices = ", ".join(model.RELATIONSHIPS)
            raise InvalidInputError(f"relationship '{relationship}' is not one of: {choices}")
        with self._change(client_id, refresh_index=False) as db:
            _, engagement = self._current_engagement(db)
            person = Stakeholder(new_id(), engagement.id, name, relationship, email.strip(), notes)
            db.table("stakeholders").insert(records.to_doc(person))
        return person

    def update_stakeholder(
        self, client_id: str, stakeholder_id: str, **changes: str
    ) -> Stakeholder:
        unknown = set(changes) - {"name", "relationship", "email", "notes"}
        if unknown:
            raise InvalidInputError(f"cannot change {', '.join(sorted(unknown))}")
        if "relationship" in changes and changes["relationship"] not in model.RELATIONSHIPS:
            raise InvalidInputError(f"relationship '{changes['relationship']}' is not known")
        if "name" in changes and not changes["name"].strip():
            raise InvalidInputError("a stakeholder needs a name")
        with self._change(client_id, refresh_index=False) as db:
            doc_id, person = self._get(db, "stakeholders", stakeholder_id, Stakeholder)
            person = replace(person, **changes)
            self._put(db, "stakeholders", doc_id, person)
        return person

    # ----------------------------------------------------- ratings / surveys

    def record_ratings(
        self,
        client_id: str,
        ratings: dict[str, int],
        phase: str,
        source: str,
        stakeholder_id: str | None = None,
        relationship: str = "",
        at: datetime | None = None,
    ) -> list[Rating]:
        """Record competency ratings (1–5); a rater's new rating replaces their old one."""
        if phase not in ("baseline", "final"):
            raise InvalidInputError(f"phase '{phase}' is not baseline or final")
        if source not in ("self", "stakeholder"):
            raise InvalidInputError(f"source '{source}' is not self or stakeholder")
        for competency, value in ratings.items():
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                raise InvalidInputError(f"rating of '{competency}' must be 1–5, not {value!r}")
        when = at or self.clock()
        with self._change(client_id, refresh_index=False) as db:
            _, engagement = self._current_engagement(db)
            table = db.table("ratings")
            same_rater = [
                d.doc_id
                for d in table.all()
                if d.get("engagement_id") == engagement.id
                and d.get("phase") == phase
                and d.get("source") == source
                and d.get("stakeholder_id") == stakeholder_id
                and (source == "self" or stakeholder_id is not None)
                and d.get("competency") in ratings
            ]
            if same_rater:
                table.remove(doc_ids=same_rater)
            made = [
                Rating(
                    new_id(),
                    engagement.id,
                    competency,
                    value,
                    phase,
                    source,
                    when,
                    stakeholder_id,
                    relationship,
                )
                for competency, value in ratings.items()
            ]
            for rating in made:
                table.insert(records.to_doc(rating))
        return made

    def record_survey(
        self,
        client_id: str,
        scores: dict[str | None, int],
        relationship: str = "",
        stakeholder_id: str | None = None,
        suggestion: str = "",
        at: datetime | None = None,
    ) -> list[SurveyScore]:
        """A stakeholder's mini-survey: −3..+3 per goal id (None: overall leadership)."""
        for goal_id, score in scores.items():
            if isinstance(score, bool) or not isinstance(score, int) or not -3 <= score <= 3:
                raise InvalidInputError(f"a mini-survey score is −3..+3, not {score!r} ({goal_id})")
        when = at or self.clock()
        with self._change(client_id, refresh_index=False) as db:
            _, engagement = self._current_engagement(db)
            made = [
                SurveyScore(
                    new_id(),
                    engagement.id,
                    goal_id,
                    score,
                    when,
                    relationship,
                    stakeholder_id,
                    suggestion,
                )
                for goal_id, score in scores.items()
            ]
            for item in made:
                db.table("surveys").insert(records.to_doc(item))
        return made

    # ----------------------------------------------------------------- plans

    def write_plan(
        self,
        client_id: str,
        *,
        session_id: str | None = None,
        next_date: date | None = None,
        script_id: str = "",
        review_actions: list[str] | None = None,
        score_goals: list[str] | None = None,
        focus: list[str] | None = None,
        notes: str = "",
        at: datetime | None = None,
    ) -> Plan:
        """Write the next-session plan: what the engagement and next session show first."""
        when = at or self.clock()
        with self._change(client_id) as db:
            _, engagement = self._current_engagement(db)
            plan = Plan(
                id=new_id(),
                engagement_id=engagement.id,
                created=when,
                session_id=session_id,
                next_date=next_date,
                script_id=script_id,
                review_actions=list(review_actions or []),
                score_goals=list(score_goals or []),
                focus=list(focus or []),
                notes=notes,
            )
            db.table("plans").insert(records.to_doc(plan))
        return plan

    # ---------------------------------------------------------------- stages

    def advance_stage(
        self, client_id: str, skipped: list[str] | None = None, at: datetime | None = None
    ) -> Stage:
        """Move to the next stage, recording the checklist items the coach skipped."""
        when = at or self.clock()
        with self._change(client_id) as db:
            doc_id, engagement = self._current_engagement(db)
            following = engagement.stage.next()
            if following is None:
                raise InvalidInputError("the engagement is already in its last stage")
            change = StageChange(following, when, list(skipped or []))
            engagement = replace(engagement, stage=following, changes=[*engagement.changes, change])
            self._put(db, "engagements", doc_id, engagement)
            detail = f"to {following.label}"
            if skipped:
                detail += f" (skipped: {', '.join(skipped)})"
            self._log(db, when, "stage", detail)
        return following

    # ----------------------------------------------------------------- export

    def export_client(self, client_id: str) -> dict[str, Any]:
        """One executive's file as a JSON-ready document (tables and all)."""
        tables = self._read_client_tables(client_id)
        return {name: copy.deepcopy(list(table.values())) for name, table in tables.items()}

    def import_clients(self, clients: Mapping[str, Tables]) -> list[str]:
        """Write imported executives' files (validated by the caller) as new files.

        Never overwrites: a file that appeared since the caller looked is refused
        (InvalidInputError: the import clashes with what is there), unless it holds
        exactly these documents (an earlier run of the same import, or a
        simultaneous one): that executive is already imported and is skipped. The
        files written before a refusal stay (each is whole). One index write at the
        end. Returns the ids written.
        """
        written: list[str] = []
        try:
            for client_id, tables in clients.items():
                path = self.client_path(client_id)
                same: list[bool] = []

                def must_be_new(
                    found: Tables | None,
                    path: Path = path,
                    tables: Tables = tables,
                    same: list[bool] = same,
                ) -> Tables | None:
                    if found is not None and found != tables:
                        raise InvalidInputError(
                            f"{path}: appeared during the import with other content; "
                            "not overwritten"
                        )
                    same.append(found is not None)
                    return None

                with storage.transaction(path, must_be_new) as db:
                    if not same[0]:
                        db.storage.write(storage.working_copy(tables))
                if not same[0]:
                    written.append(client_id)
        finally:
            if written:
                try:
                    self._write_index({cid: self._row_for(cid) for cid in written}, [])
                except StoreError:
                    pass  # the files are saved; their rows are rebuilt on the next listing
        return written


def _untouched(doc: dict[str, Any]) -> bool:
    """A fed item exactly as the answer made it: nothing the coach added since."""
    return not (
        doc.get("history")
        or doc.get("measure")
        or doc.get("gas")
        or doc.get("scores")
        or doc.get("done")
        or doc.get("due")
        or doc.get("private")
    )


def _label(doc: dict[str, Any]) -> str:
    for key in ("text", "name", "script_title", "competency"):
        if isinstance(doc.get(key), str):
            text: str = doc[key]
            return text if len(text) <= 60 else text[:59] + "…"
    return str(doc.get("id", "?"))


def _lines_of(value: AnswerValue) -> list[str]:
    if isinstance(value, list):
        items = [str(v).strip() for v in value]
    elif isinstance(value, str):
        items = [line.strip(" -*•\t") for line in value.splitlines()]
    else:
        return []
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def _normalise(kind: str, value: AnswerValue) -> AnswerValue:
    """Answers keep their kind's shape: lists without blanks, text as typed."""
    if kind in ("list", "choices"):
        if value is None:
            return []
        if isinstance(value, str):
            value = value.splitlines()
        if isinstance(value, list):
            return [str(v).strip() for v in value if str(v).strip()]
        raise InvalidInputError(f"a {kind} answer must be a list, not {value!r}")
    if kind == "rating":
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(f"a rating must be a whole number, not {value!r}")
        return value
    if kind == "yesno":
        if value is None or isinstance(value, bool):
            return value
        raise InvalidInputError(f"a yes/no answer must be yes or no, not {value!r}")
    if kind == "date":
        if value in (None, ""):
            return None
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                raise InvalidInputError(f"'{value}' is not a date (YYYY-MM-DD)") from None
            return value
        raise InvalidInputError(f"a date answer must be YYYY-MM-DD, not {value!r}")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInputError(f"a {kind} answer must be text, not {value!r}")
    return value


def _check_gas(levels: dict[int, str]) -> dict[int, str]:
    cleaned: dict[int, str] = {}
    for level, text in levels.items():
        if int(level) not in model.GAS_LEVELS:
            raise InvalidInputError(f"GAS levels run from -2 to +2, not {level}")
        if text.strip():
            cleaned[int(level)] = text.strip()
    return cleaned
