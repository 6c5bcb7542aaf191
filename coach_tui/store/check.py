"""``coach-tui check``: find what is wrong in a data folder, and repair what is safe.

Repairs never touch an unreadable client file: they fix permissions, rebuild the
index (a cache) and clear temporary files left by a crash. A corrupt client file is
reported with the backup to restore from, and left for the coach to decide.
"""

from __future__ import annotations

import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from coach_tui import locations
from coach_tui.errors import CoachError, NotFoundError
from coach_tui.scripts.library import load_library
from coach_tui.store import journal, readable, safefile, storage
from coach_tui.store.practice import INDEX_KIND, Practice, file_schema
from coach_tui.text import one_line

STALE_TEMP_SECONDS = 60


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    #: Worth knowing, but not a problem (the exit code stays 0).
    notes: list[str] = field(default_factory=list)
    clients: int = 0
    scripts: int = 0
    trash: list[str] = field(default_factory=list)


def check(root: Path, repair: bool = False) -> CheckResult:
    """Validate every data file and script under ``root``; optionally repair."""
    result = CheckResult()
    if not root.exists():
        result.problems.append(f"{root}: the data folder does not exist")
        return result
    if repair:
        readable.check_writable(root)
    _check_permissions(root, repair, result)
    _check_temp_files(root, repair, result)
    _check_encryption(root, result)
    result.problems.extend(note.advice(root) for note in journal.pending(root))
    practice = Practice(root, read_only=not repair)
    _check_index(practice, repair, result)
    for client_id in practice.client_ids():
        try:
            record = practice.load(client_id)
        except CoachError as exc:
            result.problems.append(str(exc))
            continue
        result.clients += 1
        for item in practice.trash(client_id):
            label = item.get("doc", {}).get("text") or item.get("doc", {}).get("name") or ""
            result.trash.append(
                f"{client_id}:{item.get('id')}  {str(item.get('table', '?'))[:-1]}  "
                f"{one_line(str(label), 50)}"
            )
        if not record.client.name:
            result.problems.append(f"{practice.client_path(client_id)}: the executive has no name")
    result.notes.extend(_orphan_session_files(practice))
    library = load_library(root)
    result.scripts = len(library.scripts)
    result.problems.extend(str(p) for p in library.problems)
    return result


def _orphan_session_files(practice: Practice) -> list[str]:
    """Session files no executive's file points to, one line each; never removed.

    A kill between writing a new session's file and pointing to it, or between
    folding an ended session back and removing its file, leaves one: nothing reads
    it and nothing acknowledged is in it alone. A file that came from elsewhere (a
    copy, a sync) might hold answers, so it is named and kept for the coach to look at.
    """
    folder = locations.clients_dir(practice.root)
    notes = []
    for path in sorted(folder.glob("*/sessions/*.json")):
        client_id = path.parent.parent.name
        try:
            pointed = set(practice.live_session_ids(client_id))
        except NotFoundError:
            pointed = set()  # no executive's file at all: nothing points to it
        except CoachError:
            continue  # an unreadable executive's file is reported on its own
        if path.stem not in pointed:
            notes.append(
                f"{path}: a session file the executive's file does not point to "
                "(left by an interrupted start or end); nothing reads it, and it was kept"
            )
    return notes


def _check_permissions(root: Path, repair: bool, result: CheckResult) -> None:
    # The coach's own scripts are question templates, not anyone's data: a scripts/
    # folder made with a plain mkdir (0755) is fine and needs no repair.
    scripts = locations.scripts_dir(root)
    for path in [root, *sorted(root.rglob("*"))]:
        if path.is_symlink() or path == scripts or scripts in path.parents:
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        wanted = safefile.DIR_MODE if path.is_dir() else safefile.FILE_MODE
        if mode & ~wanted:
            if repair:
                path.chmod(wanted)
                result.repaired.append(f"{path}: permissions {oct(mode)} -> {oct(wanted)}")
            else:
                result.problems.append(
                    f"{path}: readable by others (mode {oct(mode)}, expected {oct(wanted)}); "
                    f"run check --repair"
                )


def _check_temp_files(root: Path, repair: bool, result: CheckResult) -> None:
    now = time.time()
    for tmp in root.rglob(".*.tmp"):
        if now - tmp.stat().st_mtime < STALE_TEMP_SECONDS:
            continue  # another process may be writing it right now
        if repair:
            tmp.unlink()
            result.repaired.append(f"{tmp}: removed a temporary file left by an interrupted save")
        else:
            result.problems.append(f"{tmp}: a temporary file left by an interrupted save")


def _check_index(practice: Practice, repair: bool, result: CheckResult) -> None:
    path = locations.index_file(practice.root)
    try:
        tables = storage.read_tables(path)
        if tables is not None and file_schema(tables)[0] != INDEX_KIND:
            raise CoachError(f"{path}: not a coach-tui practice index")
    except CoachError as exc:
        if repair:
            practice.rebuild_index()
            result.repaired.append(f"{path}: rebuilt from the client files")
        else:
            result.problems.append(f"{exc} (it is rebuilt from the client files: check --repair)")
        return
    if repair:
        practice.rebuild_index()
    else:
        practice.list_clients()  # rebuilds stale rows: a stale index is not a problem


def _check_encryption(root: Path, result: CheckResult) -> None:
    """An encrypted practice must hold no plaintext data file (an unfinished encrypt)."""
    from coach_tui.sync import convert, crypto

    if not crypto.is_encrypted(root):
        return
    for path in convert.plaintext_left(root):
        result.problems.append(
            f"{path}: plaintext in an encrypted practice; run coach-tui encrypt to finish"
        )
