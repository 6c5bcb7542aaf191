"""Executives as a whole: creating one, changing their details, export and import."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from coach_tui.domain.model import (
    Client,
    ClientSummary,
    Engagement,
    Event,
    Stage,
    StageChange,
)
from coach_tui.errors import (
    InvalidInputError,
    StoreError,
)
from coach_tui.store import records, storage
from coach_tui.store.clientfile import new_id, slugify
from coach_tui.store.index import IndexMixin
from coach_tui.store.migrations import FILE_KIND
from coach_tui.store.storage import Tables


class ClientsMixin(IndexMixin):
    """Whole client files: new, renamed, exported, imported."""

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
            db.table("meta").insert(
                {"kind": FILE_KIND, "schema": records.SCHEMA, "client_id": client_id}
            )
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

    def set_contracted_sessions(self, client_id: str, sessions: int | None) -> Engagement:
        """Record the sessions the current engagement's contract pays for (None: unknown)."""
        if sessions is not None and (
            isinstance(sessions, bool) or not isinstance(sessions, int) or sessions < 1
        ):
            raise InvalidInputError(f"sessions contracted must be a whole number, not {sessions!r}")
        with self._change(client_id) as db:
            doc_id, engagement = self._current_engagement(db)
            engagement = replace(engagement, contracted_sessions=sessions)
            self._put(db, "engagements", doc_id, engagement)
        return engagement

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
