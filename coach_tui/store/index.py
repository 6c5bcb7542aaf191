"""The practice index (``practice.json``): a cache of one summary row per executive.

Each row remembers the stat signature of the client file it was made from, so a
row whose file changed since (another process, a crash between the two writes) is
noticed and rebuilt the next time the practice is listed. The index is only a
cache: an unreadable one is set aside and rebuilt from the client files.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from coach_tui.domain.model import (
    ClientRecord,
    ClientSummary,
    InsightKind,
)
from coach_tui.errors import (
    AmbiguousError,
    CorruptFileError,
    NotFoundError,
    StoreError,
)
from coach_tui.store import livefile, records, safefile, storage
from coach_tui.store.base import CLIENT_ID, PracticeBase
from coach_tui.store.clientfile import decode_record, summarize, summary_tables
from coach_tui.store.migrations import file_schema
from coach_tui.store.storage import Tables
from coach_tui.text import first_few, one_line

INDEX_KIND = "coach-tui/practice"


class IndexMixin(PracticeBase):
    """Listing and finding executives through the index."""

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
        for client_id, sig in self.client_signatures(ids).items():
            row = rows.get(client_id)
            if row is None or row.get("sig") != sig or row.get("v") != records.SCHEMA:
                stale.append(client_id)
        gone = [cid for cid in rows if cid not in ids]
        return stale, gone

    def _summaries(self, rows: dict[str, dict[str, Any]], ids: list[str]) -> list[ClientSummary]:
        summaries = [self._row_summary(rows[cid]) for cid in ids if cid in rows]
        return sorted(summaries, key=lambda s: s.name.casefold())

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

    def _row_for(self, client_id: str, keep: bool = False) -> dict[str, Any]:
        sig = self._client_signature(client_id)
        try:
            record = self._summary_record(client_id, keep)
        except CorruptFileError as exc:
            previous = self._index_rows().get(client_id, {"id": client_id, "name": client_id})
            return {**previous, "problem": str(exc), "sig": sig, "v": records.SCHEMA}
        row = records.to_doc(summarize(record, self.clock().date()))
        # Overdue depends on the day the practice is listed, not on the day the row
        # was written: keep the open actions' due dates and count them when listing.
        dues = [
            i.due.isoformat()
            for i in record.insights_of(InsightKind.ACTION)
            if not i.done and i.due is not None
        ]
        row.update(sig=sig, v=records.SCHEMA, action_dues=dues)
        return row

    def _summary_record(self, client_id: str, keep: bool = False) -> ClientRecord:
        """The record a row is made from: only what the row shows, once the file is checked.

        A row needs no answer, event or question as asked, and they are most of a long
        engagement (2,700 of 3,300 documents on the largest generated executive):
        after a write, or once a file was read whole, they are not decoded again. A
        file not yet checked is decoded whole, so a damaged one shows as a problem.
        """
        path = self.client_path(client_id)
        tables = self._read_client_file(client_id)
        if not storage.is_validated(path):
            return self.load(client_id, keep=keep)
        with_sessions = livefile.with_live(self.root, client_id, tables)
        return decode_record(path, summary_tables(with_sessions))

    def _rebuild_rows(self, stale: list[str], gone: list[str]) -> dict[str, dict[str, Any]]:
        # One stale row is most often the executive just worked on, whom the command
        # (review, report) loads next: its record is kept for that load (``keep``).
        fresh = {cid: self._row_for(cid, keep=len(stale) == 1) for cid in stale}
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
                meta.insert({"kind": INDEX_KIND, "schema": records.SCHEMA})
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

    def _find_by_id(self, query: str) -> ClientSummary | None:
        """An exact id: its own row, read from its file alone if the row is stale.

        A read-only command never writes the index, so on a folder restored without
        its times it would otherwise rebuild every row on every call (seconds on a
        ten-year practice) just to find one executive it was given by id.
        """
        if not CLIENT_ID.fullmatch(query):
            return None
        if not self.client_path(query).is_file():
            return None
        row = self._index_rows().get(query)
        if row is None or row.get("sig") != self._client_signature(query):
            row = self._row_for(query, keep=True)  # the command loads it next
        if row.get("v") != records.SCHEMA:
            row = self._row_for(query, keep=True)
        return self._row_summary(row)

    def find(self, query: str) -> ClientSummary:
        """One executive by id or a unique, case-insensitive part of the name.

        Matched on the index rows' names: only the executive found is made a summary
        (a ten-year practice's 200 rows were, for every ``review``).
        """
        query = query.strip()
        by_id = self._find_by_id(query)
        if by_id is not None:
            return by_id
        rows = self._index_rows()
        ids = self.client_ids()
        stale, gone = self._stale_rows(rows, ids)
        if stale or gone:
            rows = self._rebuild_rows(stale, gone)
        listed = sorted(
            (rows[cid] for cid in ids if cid in rows), key=lambda row: _row_name(row).casefold()
        )
        for row in listed:
            if row["id"] == query:
                return self._row_summary(row)
        needle = query.casefold()
        matches = [row for row in listed if needle and needle in _row_name(row).casefold()]
        exact = [row for row in matches if _row_name(row).casefold() == needle]
        if len(exact) == 1:
            return self._row_summary(exact[0])
        if len(matches) == 1:
            return self._row_summary(matches[0])
        if not matches:
            known = first_few([one_line(_row_name(row), 40) for row in listed]) or "none yet"
            raise NotFoundError(f"no executive matches '{query}' (executives: {known})")
        names = first_few([f"{one_line(_row_name(row), 40)} ({row['id']})" for row in matches])
        raise AmbiguousError(f"'{query}' matches several executives: {names}")


def _row_name(row: dict[str, Any]) -> str:
    """An index row's name, as its summary has it (``_row_summary``)."""
    return str(row.get("name", row["id"]))
