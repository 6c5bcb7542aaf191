"""``encrypt`` and ``decrypt``: convert a practice in place, file by file, safely.

Each file is replaced atomically (the old or the new file, whole) under its lock, so
a running save is never interleaved. The marker (``encryption.json``) is written
FIRST when encrypting and removed LAST when decrypting: a run that is killed leaves a
practice that still reads (a reader opens sealed files and takes plaintext ones as
they are) and running the command again finishes the job. The plaintext generations
(the file and its ``.bak``) are overwritten with zeros before their space is freed;
on SSDs and copy-on-write file systems the drive may still keep old blocks, which is
why the docs advise encrypting before the practice has much in it, or full-disk
encryption as well.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from coach_tui.store import safefile
from coach_tui.sync import crypto

#: Folders at the top of the data folder that hold no client data or are not ours:
#: the coach's own scripts (TOML, read as text) and the sync mirror.
SKIP_DIRS = frozenset({"scripts", ".sync"})


def data_files(root: Path) -> list[Path]:
    """Every file of the practice that holds client data (layout-agnostic)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        if here == root:
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        for name in files:
            path = here / name
            if here == root and name in crypto.PLAIN_NAMES:
                continue
            if name.endswith((".lock", ".tmp", ".bak.new")) or path.is_symlink():
                continue
            found.append(path)
    return sorted(found)


def owner(path: Path) -> Path:
    """The file whose lock guards ``path`` (a ``.bak`` belongs to its file)."""
    return path.with_name(path.name[: -len(".bak")]) if path.name.endswith(".bak") else path


def _replace(path: Path, data: bytes, shred: bool) -> None:
    """Atomically put ``data`` at ``path``; zero the old generation if asked."""
    fd = os.open(path, os.O_RDWR) if shred else -1
    try:
        safefile.atomic_write(path, data, keep_backup=False)
        if fd >= 0 and os.fstat(fd).st_nlink == 0:
            size = os.fstat(fd).st_size
            os.lseek(fd, 0, os.SEEK_SET)
            zeros = bytes(min(size, 1 << 20))
            left = size
            while left > 0:
                left -= os.write(fd, zeros[: min(left, len(zeros))])
            os.fsync(fd)
    finally:
        if fd >= 0:
            os.close(fd)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with safefile.locked(owner(path)):
        yield


def encrypt(root: Path, key: crypto.Key) -> int:
    """Seal every plaintext data file of ``root`` (the marker must exist); count them."""
    converted = 0
    for path in data_files(root):
        with _locked(path):
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                continue
            if crypto.is_sealed(raw):
                continue
            _replace(path, key.seal(raw), shred=True)
            converted += 1
    return converted


def decrypt(root: Path, key: crypto.Key) -> int:
    """Open every sealed data file of ``root``; count them."""
    converted = 0
    for path in data_files(root):
        with _locked(path):
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                continue
            if not crypto.is_sealed(raw):
                continue
            _replace(path, key.open(raw, str(path)), shred=False)
            converted += 1
    return converted


def plaintext_left(root: Path) -> list[Path]:
    """Data files still in plaintext in an encrypted practice (an unfinished encrypt)."""
    left = []
    for path in data_files(root):
        try:
            with path.open("rb") as handle:
                head = handle.read(len(crypto.MAGIC))
        except OSError:
            continue
        if not crypto.is_sealed(head):
            left.append(path)
    return left
