"""Whether a data folder can be read at all, said in one line before anything fails.

A practice on a read-only mount, a folder made read-only with ``chmod 500``, or one
that belongs to another user: the read-only commands work wherever the files can be
read, and where they cannot, the coach gets one line naming the folder and why
instead of a listing that looks empty.
"""

from __future__ import annotations

import os
from pathlib import Path

from coach_tui import locations
from coach_tui.errors import StoreError


def _owner(path: Path) -> str:
    try:
        uid = path.stat().st_uid
    except OSError:
        return ""
    if uid == os.geteuid():
        return ""
    try:
        import pwd

        return f"; it belongs to the user {pwd.getpwuid(uid).pw_name}"
    except (ImportError, KeyError):
        return f"; it belongs to the user with id {uid}"


def check_writable(root: Path) -> None:
    """Raise StoreError if the data folder cannot be changed by this user."""
    check_readable(root)
    for folder in (root, locations.clients_dir(root)):
        if folder.is_dir() and not os.access(folder, os.W_OK):
            raise StoreError(
                f"{folder}: cannot be changed (permission denied: the folder is read-only"
                f"{_owner(folder) or ' for this user'}); nothing was repaired"
            )


def check_readable(root: Path) -> None:
    """Raise StoreError if ``root`` (or its clients folder) exists but cannot be read."""
    for folder in (root, locations.clients_dir(root)):
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"{folder}: is a file, not a folder; give a folder for the data")
        if folder.is_dir() and not os.access(folder, os.R_OK | os.X_OK):
            raise StoreError(f"{folder}: cannot be read (permission denied{_owner(folder)})")
