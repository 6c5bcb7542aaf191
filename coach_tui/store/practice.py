"""The practice on disk: one TinyDB file per executive plus a small index.

``Practice`` is the public API of the store, put together from parts of one concern
each: ``base`` (files, reads, the locked all-or-nothing transaction), ``index`` (the
``practice.json`` cache of summary rows), ``clients`` (whole client files, export and
import), ``sessions`` (a live session's writes) with ``fed`` (the running views its
answers feed), ``items`` (insights, stakeholders, ratings, plans, trash) and
``migrations`` (schemas and the pre-migration copy). Every change is one locked,
all-or-nothing ``storage.transaction`` on one executive's file; reads take no lock.

The names other modules import from here stay importable from here.
"""

from __future__ import annotations

from coach_tui.store import records
from coach_tui.store.base import Clock, PracticeBase
from coach_tui.store.clientfile import TABLES, decode_record, new_id, slugify, summarize
from coach_tui.store.clients import ClientsMixin
from coach_tui.store.index import INDEX_KIND, IndexMixin
from coach_tui.store.items import GOAL_FIELDS, ItemsMixin
from coach_tui.store.migrations import FILE_KIND, MIGRATIONS, file_schema, migrate
from coach_tui.store.outcomes import OutcomesMixin
from coach_tui.store.records import SCHEMA
from coach_tui.store.sessions import SessionsMixin

__all__ = [
    "FILE_KIND",
    "GOAL_FIELDS",
    "INDEX_KIND",
    "MIGRATIONS",
    "SCHEMA",
    "TABLES",
    "Clock",
    "IndexMixin",
    "Practice",
    "PracticeBase",
    "decode_record",
    "file_schema",
    "migrate",
    "new_id",
    "records",
    "slugify",
    "summarize",
]


class Practice(ClientsMixin, SessionsMixin, ItemsMixin, OutcomesMixin):
    """A coach's practice in one data folder: the public API of the core."""
