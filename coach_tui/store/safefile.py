"""Crash-safe private files: atomic replace, fsync, locks, 0600/0700, one backup.

Coaching notes are written here and nowhere else. A write serializes first, writes a
temporary file in the same folder, fsyncs it, keeps the previous generation as
``<file>.bak`` (a hard link, so no copy), renames the new file over the old one and
fsyncs the folder. A reader therefore always sees either the old or the new file,
whole, and never needs a lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from coach_tui.errors import LockedError, StoreError, WriteFailedError

DIR_MODE = 0o700
FILE_MODE = 0o600
LOCK_TIMEOUT_SECONDS = 10.0


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as 0700, or take away what others may do in it.

    A folder the app makes is 0700. An existing one only loses group and other
    permissions: the owner's own are the coach's choice (a ``chmod 500`` to keep
    a practice read-only is honoured, and a write then fails in one line).
    """
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a folder; give a folder for the data")
    existed = path.is_dir()
    try:
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        mode = stat.S_IMODE(path.stat().st_mode)
        wanted = (mode & DIR_MODE) if existed else DIR_MODE
        # A folder this user may not write is left as it is: the write that follows
        # fails in one line, and a read-only practice is not changed behind its back.
        if mode != wanted and (not existed or os.access(path, os.W_OK)):
            path.chmod(wanted)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create or protect the folder ({_reason(exc)})") from None
    return path


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


#: How often a waiting writer tries the lock again.
LOCK_POLL_SECONDS = 0.05


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the exclusive lock of ``path`` (a separate 0600 ``.lock`` file).

    On POSIX the kernel's ``flock`` on the lock file, from the standard library: the
    ``filelock`` package, which does the same there, took 25-35 ms to import, a tenth
    of a short command such as ``report``. Elsewhere (Windows) ``filelock``.
    """
    lock_file = lock_path(path)
    if os.name != "posix":
        with _portable_lock(path, lock_file, timeout):
            yield
        return
    import fcntl

    try:
        try:
            fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except FileNotFoundError:  # a folder not made yet (a first sync): as filelock did
            lock_file.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
            fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError as exc:
        raise _cannot_lock(path, exc) from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _held_too_long(path, timeout) from None
                time.sleep(LOCK_POLL_SECONDS)
            except OSError as exc:
                raise _cannot_lock(path, exc) from None
        _ensure_private_file(lock_file)
        yield  # closing the file below releases the lock
    finally:
        os.close(fd)


@contextlib.contextmanager
def _portable_lock(path: Path, lock_file: Path, timeout: float) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_file), timeout=timeout, mode=FILE_MODE)
    try:
        lock.acquire()
    except Timeout:
        raise _held_too_long(path, timeout) from None
    except OSError as exc:
        raise _cannot_lock(path, exc) from None
    try:
        _ensure_private_file(lock_file)
        yield
    finally:
        lock.release()


def _held_too_long(path: Path, timeout: float) -> LockedError:
    return LockedError(
        f"{path}: another coach-tui process has held its lock for over {timeout:.0f} s; "
        f"close it and try again"
    )


def _cannot_lock(path: Path, exc: OSError) -> WriteFailedError:
    # A read-only folder, one that belongs to another user, a read-only mount.
    return WriteFailedError(
        f"{path}: cannot be changed: no lock file can be made beside it ({_reason(exc)})"
    )


def _ensure_private_file(path: Path) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
            path.chmod(FILE_MODE)
    except OSError:
        pass  # gone, or not ours: the lock still works


def remove_stale_temp_files(path: Path) -> int:
    """Remove temporary files a killed writer of ``path`` left behind.

    Only called with ``path``'s lock held: no live process is writing it then.
    """
    removed = 0
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(
    path: Path, data: bytes, keep_backup: bool = True, private_folder: bool = True
) -> os.stat_result:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file whole.

    ``private_folder`` makes the folder 0700 (data folders); exports written where
    the coach asks leave the folder as it is. Returns the new file's stat, which
    callers use to notice later outside changes.
    Raises WriteFailedError (with the file named) when the disk refuses; the previous
    file is then untouched.
    """
    folder = path.parent
    if private_folder:
        ensure_private_dir(folder)
    from coach_tui.sync import crypto  # here, not at import: reads start faster

    data = crypto.seal_for(path, data)  # ciphertext inside an encrypted practice
    import tempfile  # only a write needs it: reads start faster

    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise WriteFailedError(
            f"{path}: could not save (the folder {folder} does not exist)"
        ) from None
    except OSError as exc:
        raise WriteFailedError(f"{path}: could not save ({_reason(exc)})") from exc
    tmp = Path(tmp_name)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_backup and path.exists():
            _keep_previous_generation(path)
        os.replace(tmp, path)
        _fsync_dir(folder)
        return path.stat()
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteFailedError(
            f"{path}: could not save ({_reason(exc)}); the previous version is intact"
        ) from exc


def _keep_previous_generation(path: Path) -> None:
    """Make ``<file>.bak`` the current file (a hard link: instant, and never partial)."""
    backup = backup_path(path)
    staging = backup.with_name(backup.name + ".new")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.link(path, staging)
    except OSError:
        # File systems without hard links: fall back to a copy written safely.
        staging.write_bytes(path.read_bytes())
    staging.chmod(FILE_MODE)
    os.replace(staging, backup)


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno == errno.EFBIG:
        return "the file is larger than the system allows"
    if exc.errno == errno.EROFS:
        return "the disk is mounted read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied: the folder is read-only"
    return exc.strerror or str(exc)


#: How a sealed file begins (``coach_tui.sync.crypto.MAGIC``; a test checks they agree).
SEALED_MAGIC = b"CTUIENC\x01"


def read_bytes(path: Path) -> bytes:
    """Read a whole file (opened if sealed); the caller decides what a missing file means.

    A plain file is returned as read, as ``crypto.open_from`` would: the crypto module
    is imported only for a sealed one (a few ms of every short command's start).
    """
    data = path.read_bytes()
    if not data.startswith(SEALED_MAGIC):
        return data
    from coach_tui.sync import crypto

    return crypto.open_from(path, data)


def signature(st: os.stat_result) -> tuple[int, int, int]:
    """What identifies one generation of a file: a new write gives a new inode."""
    return (st.st_ino, st.st_mtime_ns, st.st_size)
