"""``coach-tui export`` and ``coach-tui import``: moving a practice, losing nothing.

An export is one JSON document::

    {"coach_tui_export": 1, "version": "...", "exported": "...",
     "clients": {"<id>": {"meta": [...], "client": [...], "sessions": [...], ...}}}

Each client is its file's tables, every document as stored (the trash and the
schema header included), in file order. Importing writes each client file back
through the store's locked, atomic transaction, so an export imported into an empty
folder gives the same documents, table by table, and the index is rebuilt from them.

An import never overwrites: if any executive in the document is already in the
folder, nothing is imported and a one-line error says which. Every document is
checked (kind, schema, shape, each record decodes) before anything is written;
documents from an older schema are migrated like the store migrates files.

``export --csv`` writes the answers for a spreadsheet: one row per answer, with the
question as it was asked at the time. Cells that a spreadsheet would run as a
formula (starting ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, even after
leading spaces or line breaks) are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from coach_tui import __version__
from coach_tui.domain.model import AnswerValue, ClientRecord
from coach_tui.errors import CoachError, InvalidInputError
from coach_tui.store import journal, records, storage
from coach_tui.store.practice import FILE_KIND, TABLES, Practice, file_schema, migrate
from coach_tui.store.records import SCHEMA
from coach_tui.store.storage import Tables
from coach_tui.sync import crypto
from coach_tui.text import first_few

#: The export format's own version (not the data schema, which every document carries).
EXPORT_VERSION: Final[int] = 1
EXPORT_KEY: Final[str] = "coach_tui_export"

CSV_COLUMNS: Final[tuple[str, ...]] = (
    "executive",
    "session date",
    "stage",
    "script",
    "section",
    "question as asked",
    "answer",
)

_CLIENT_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# ------------------------------------------------------------------------ export


def export_document(
    practice: Practice, client_ids: list[str] | None = None, problems: list[str] | None = None
) -> dict[str, Any]:
    """The export of some executives (all by default) as a JSON-ready document.

    A backup that silently missed an executive would be worse than none. Without
    ``problems``, a client file that cannot be read stops the export with its
    one-line error. With it (the command), the export goes on and ``problems``
    gets one line per executive it could not vouch for: a file that cannot be read
    is left out; a file that reads but has a damaged document is exported as it is
    (nothing of it is lost), and the line says an import will leave it out until it
    is repaired. The command then exits 1.
    """
    ids = practice.client_ids() if client_ids is None else client_ids
    clients: dict[str, Any] = {}
    for client_id in ids:
        try:
            clients[client_id] = practice.export_client(client_id)
        except CoachError as exc:
            if problems is None:
                raise
            problems.append(f"{exc}; left out of the export")
            continue
        if problems is not None:
            try:
                practice.load(client_id)
            except CoachError as exc:
                problems.append(
                    f"{exc}; exported as it is, but an import leaves this executive out "
                    "until the file is repaired"
                )
    return {
        EXPORT_KEY: EXPORT_VERSION,
        "version": __version__,
        "schema": SCHEMA,
        "exported": practice.clock().isoformat(timespec="seconds"),
        "clients": clients,
    }


def export_json(
    practice: Practice, client_ids: list[str] | None = None, problems: list[str] | None = None
) -> bytes:
    document = export_document(practice, client_ids, problems)
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def _cell(value: str) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula.

    Spreadsheets skip leading spaces and line breaks before ``=`` (and run a cell
    that starts with a tab or carriage return), so those are guarded too.
    """
    guarded = value.startswith(_FORMULA_START) or value.lstrip().startswith(_FORMULA_START)
    return "'" + value if guarded else value


def _answer_cell(value: AnswerValue) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    if isinstance(value, list):
        return _cell("\n".join(str(v) for v in value))
    return _cell(value)


def answer_rows(record: ClientRecord) -> list[list[str | int]]:
    """One row per answer, oldest session first, in the order the questions were asked."""
    rows: list[list[str | int]] = []
    for session in sorted(record.sessions, key=lambda s: s.started):
        answers = record.answers_of(session.id)
        asked = {q.id: q for q in session.questions}
        order = [q.id for q in session.questions] + [q for q in answers if q not in asked]
        for question_id in order:
            answer = answers.get(question_id)
            if answer is None:
                continue
            question = asked.get(question_id)
            rows.append(
                [
                    _cell(record.client.name),
                    session.started.date().isoformat(),
                    session.stage.label,
                    _cell(session.script_title),
                    _cell(question.section if question else ""),
                    _cell(answer.question_text),
                    _answer_cell(answer.value),
                ]
            )
    return rows


def export_csv(
    practice: Practice, client_ids: list[str] | None = None, problems: list[str] | None = None
) -> bytes:
    """The answers of some executives (all by default) as CSV (UTF-8 with a BOM).

    With ``problems``, an executive whose file cannot be read is left out and named
    there instead of stopping the export.
    """
    ids = practice.client_ids() if client_ids is None else client_ids
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for client_id in ids:
        try:
            record = practice.load(client_id)
        except CoachError as exc:
            if problems is None:
                raise
            problems.append(f"{exc}; its answers are left out of the CSV")
            continue
        writer.writerows(answer_rows(record))
    # The BOM makes spreadsheet programs read the file as UTF-8 (names with accents).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# ------------------------------------------------------------------------ import


def read_document(path: Path, root: Path | None = None) -> dict[str, Any]:
    """Read and parse an export file; every problem is one line naming the file."""
    try:
        raw = crypto.open_export(root, path.read_bytes(), path)
    except FileNotFoundError:
        raise InvalidInputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidInputError(f"{path}: is a folder, not an export file") from None
    except PermissionError:
        raise InvalidInputError(f"{path}: cannot be read (permission denied)") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"{path}: not text (byte {exc.start} is not UTF-8)") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{path}: not a coach-tui export (broken JSON at line {exc.lineno}, "
            f"column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise InvalidInputError(f"{path}: JSON nested too deeply") from None
    if not isinstance(document, dict):
        raise InvalidInputError(f"{path}: not a coach-tui export (no export header)")
    return document


def validate(document: dict[str, Any], source: str = "the export") -> dict[str, Tables]:
    """Check a whole export document; returns each client's tables, ready to write.

    Raises InvalidInputError with one line naming the executive, table and document
    at fault. Older schemas are migrated; a newer one is refused.
    """
    clients, damaged = validate_each(document, source)
    if damaged:
        raise InvalidInputError(next(iter(damaged.values())))
    return clients


def validate_each(
    document: dict[str, Any], source: str = "the export"
) -> tuple[dict[str, Tables], dict[str, str]]:
    """Check an export document executive by executive.

    Returns the tables of every executive that is whole, and a one-line reason for
    every damaged one. A document that is not an export at all raises.
    """
    version = document.get(EXPORT_KEY)
    if not isinstance(version, int) or isinstance(version, bool):
        raise InvalidInputError(f"{source}: not a coach-tui export (no '{EXPORT_KEY}' header)")
    if version > EXPORT_VERSION:
        raise InvalidInputError(
            f"{source}: made by a newer coach-tui (export format {version}); update to import it"
        )
    clients = document.get("clients")
    if not isinstance(clients, dict):
        raise InvalidInputError(f"{source}: 'clients' is missing or not an object")
    result: dict[str, Tables] = {}
    damaged: dict[str, str] = {}
    for client_id, raw_tables in clients.items():
        try:
            result[client_id] = _validate_client(client_id, raw_tables, source)
        except InvalidInputError as exc:
            damaged[str(client_id)] = str(exc)
    return result, damaged


def _validate_client(client_id: str, raw: object, source: str) -> Tables:
    where = f"{source}: executive '{client_id[:40]}'"
    if not isinstance(client_id, str) or not _CLIENT_ID.fullmatch(client_id):
        raise InvalidInputError(f"{where}: not a valid executive id")
    if not isinstance(raw, dict):
        raise InvalidInputError(f"{where}: not an object of tables")
    tables: Tables = {}
    for name, docs in raw.items():
        if not isinstance(docs, list):
            raise InvalidInputError(f"{where}: table '{name}' is not a list of documents")
        table: dict[str, dict[str, Any]] = {}
        for number, doc in enumerate(docs, 1):
            if not isinstance(doc, dict):
                raise InvalidInputError(
                    f"{where}: table '{name}', document {number} is not an object"
                )
            table[str(number)] = doc
        tables[name] = table
    kind, schema = file_schema(tables)
    if kind != FILE_KIND:
        raise InvalidInputError(f"{where}: no coach-tui client header (table 'meta')")
    if schema > SCHEMA:
        raise InvalidInputError(
            f"{where}: written by a newer coach-tui (schema {schema}, this one reads up to "
            f"{SCHEMA}); update coach-tui to import it"
        )
    if schema < SCHEMA:
        try:
            tables = migrate(storage.working_copy(tables), schema)
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInputError(
                f"{where}: cannot migrate from schema {schema} ({exc})"
            ) from None
    record = _decode(where, tables)
    if record.client.id != client_id:
        raise InvalidInputError(
            f"{where}: the executive inside is '{record.client.id[:40]}', not '{client_id}'"
        )
    for doc in tables.get("meta", {}).values():
        if doc.get("client_id") not in (None, client_id):
            raise InvalidInputError(f"{where}: the header names another executive")
    return tables


def _decode(where: str, tables: Tables) -> ClientRecord:
    lists: dict[str, list[Any]] = {}
    for name, cls in TABLES.items():
        items: list[Any] = []
        for number, doc in tables.get(name, {}).items():
            try:
                items.append(records.from_doc(cls, doc))
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                raise InvalidInputError(
                    f"{where}: table '{name}', document {number} is damaged ({exc})"
                ) from None
        lists[name] = items
    clients = lists.pop("client")
    if len(clients) != 1:
        raise InvalidInputError(f"{where}: table 'client' must hold exactly one executive")
    record = ClientRecord(client=clients[0], **lists)
    if not record.engagements:
        raise InvalidInputError(f"{where}: no engagement")
    for name in ("trash",):
        for number, doc in tables.get(name, {}).items():
            if not isinstance(doc.get("doc"), dict) or doc.get("table") not in TABLES:
                raise InvalidInputError(f"{where}: table '{name}', document {number} is damaged")
    return record


def import_document(practice: Practice, document: dict[str, Any], source: str) -> list[str]:
    """Add every executive of an export to the practice; returns the ids added.

    Refuses (and writes nothing) when any of them is already in the folder with
    other content, or when any is damaged (``import_backup`` imports the rest).
    """
    outcome = import_backup(practice, document, source)
    if outcome.damaged:
        raise InvalidInputError(next(iter(outcome.damaged.values())))
    return outcome.added


def import_backup(practice: Practice, document: dict[str, Any], source: str) -> Outcome:
    """Add the executives of an export; resumable, and the damaged ones left out by name.

    An executive already in the folder with exactly the same documents counts as
    imported (an interrupted import of the same file, run again, completes it);
    one there with other content refuses the whole import before anything is
    written. A damaged executive is left out and named; if none is whole, nothing
    is imported.
    """
    clients, damaged = validate_each(document, source)
    if not clients:
        if damaged:
            raise InvalidInputError(next(iter(damaged.values())))
        raise InvalidInputError(f"{source}: the export holds no executive")
    present = set(practice.client_ids())
    same = [cid for cid in clients if cid in present and _identical(practice, cid, clients[cid])]
    clashes = [cid for cid in clients if cid in present and cid not in same]
    if clashes:
        raise InvalidInputError(
            f"{practice.root} already holds {first_few(clashes, 3)} with other content; "
            "nothing imported (import into an empty folder, or export only the executives "
            "that are new)"
        )
    todo = {cid: tables for cid, tables in clients.items() if cid not in same}
    if todo:
        journal.begin(practice.root, "import", source, list(clients), practice.clock())
        added = practice.import_clients(todo)
    else:
        added = []
    journal.end(practice.root, "import")
    return Outcome(added, [cid for cid in clients if cid not in added], damaged)


@dataclass(frozen=True)
class Outcome:
    """What an import did: ids added, ids already there (identical), damaged ones left out."""

    added: list[str]
    already: list[str]
    damaged: dict[str, str]


def _identical(practice: Practice, client_id: str, tables: Tables) -> bool:
    try:
        return storage.read_tables(practice.client_path(client_id)) == tables
    except CoachError:
        return False
