"""Schema migrations of a client file: what a file declares, and how it is brought up to date.

``MIGRATIONS[n]`` turns a schema-n file into schema n+1. A file written by a newer
coach-tui is refused (never rewritten), and before the first write of a migrated file
a copy of it as it was is kept in the practice's migrations folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coach_tui import locations
from coach_tui.domain import privacy
from coach_tui.errors import (
    CorruptFileError,
)
from coach_tui.store import records, safefile, storage
from coach_tui.store.storage import Tables

FILE_KIND = "coach-tui/client"

#: Schema migrations: MIGRATIONS[n] turns a schema-n file into schema n+1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {
    1: privacy.migrate_to_consent,
    # Schema 3 adds live session files; a schema-2 file has none, so only its
    # declared schema changes (and its pre-migration copy is kept, as always).
    2: lambda tables: tables,
}


def file_schema(tables: Tables) -> tuple[str, int]:
    """The (kind, schema) a file declares in its meta table, or ('', 0) if none."""
    meta = tables.get("meta", {})
    for doc in meta.values():
        kind = doc.get("kind")
        schema = doc.get("schema")
        if isinstance(kind, str) and isinstance(schema, int):
            return kind, schema
    return "", 0


def check_kind(path: Path, tables: Tables, expected: str) -> int:
    kind, schema = file_schema(tables)
    if kind != expected:
        found = f"'{kind}'" if kind else "no coach-tui header"
        raise CorruptFileError(
            f"{path}: not a coach-tui {expected.split('/')[1]} file ({found}); it was left "
            f"as it is; {storage.restore_hint(path)}"
        )
    if schema > records.SCHEMA:
        raise CorruptFileError(
            f"{path}: written by a newer coach-tui (schema {schema}, this one reads up to "
            f"{records.SCHEMA}); update coach-tui to open it — the file was left as it is "
            f"(the previous generation is {safefile.backup_path(path)})"
        )
    return schema


def migrate(tables: Tables, schema: int) -> Tables:
    """Apply every migration from ``schema`` up to the current one."""
    for step in range(schema, records.SCHEMA):
        tables = MIGRATIONS[step](tables)
    for doc in tables.get("meta", {}).values():
        doc["schema"] = records.SCHEMA
    return tables


def keep_pre_migration_copy(root: Path, path: Path, schema: int) -> None:
    """Copy ``path`` as it is (schema ``schema``) aside once, before it is migrated."""
    folder = safefile.ensure_private_dir(locations.migrations_dir(root))
    target = folder / f"{path.stem}.schema{schema}.json"
    if not target.exists():
        safefile.atomic_write(target, path.read_bytes(), keep_backup=False)
