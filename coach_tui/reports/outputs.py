"""Where a ``-o FILE`` may write, and how: one rule for every command that writes a file.

A report, an export or a kit goes where the coach asks, with three guards:

* **Never into the practice's own files.** The target is resolved first (every
  symlink followed); anything inside the data folder is refused with one line that
  names the file and says why, except under ``reports/`` (where reports go by
  default). A report written over ``clients/<id>.json`` would replace an
  executive's data without the lock and lose the last change.
* **Through links, not over them.** A symlink is written through to its real
  target (a regular file is replaced atomically there); the link stays a link.
* **Special files are streams.** ``/dev/stdout``, ``/dev/stderr``, a terminal, a
  FIFO or any other device is written directly and never replaced: an atomic
  replace would swap ``/dev/full`` for a regular file (as root) or fail on ``/dev``.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from coach_tui import locations
from coach_tui.errors import InvalidInputError, WriteFailedError
from coach_tui.store import safefile

#: Names that mean this process's own standard streams.
_STDOUT = {"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"}
_STDERR = {"/dev/stderr", "/dev/fd/2", "/proc/self/fd/2"}


@dataclass(frozen=True)
class Target:
    """A resolved output: the path the coach gave, the real file, and how to write it."""

    given: Path
    real: Path
    stream: bool


def resolve(output: str | os.PathLike[str], root: Path | None, *, streams: bool = True) -> Target:
    """Check an output path before anything is computed or written.

    ``root`` is the data folder whose files must never be written (None when there
    is none, as for ``kit fill``). ``streams=False`` refuses special files: a
    command that rewrites its output several times needs a regular file.
    """
    given = Path(output).expanduser()
    text = os.path.normpath(given.absolute())
    special = text in _STDOUT or text in _STDERR or text.startswith(("/dev/", "/proc/"))
    try:
        st: os.stat_result | None = given.stat()  # follows symlinks
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InvalidInputError(f"{given}: cannot be used as output ({exc.strerror})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InvalidInputError(f"{given} is a folder; give a file name (-o FILE)")
    if st is not None and not stat.S_ISREG(st.st_mode):
        special = True
    if special:
        if not streams:
            raise InvalidInputError(
                f"{given}: not a regular file; this command rewrites its output as it goes, "
                "so give a file name"
            )
        return Target(given, given, stream=True)
    real = Path(os.path.realpath(given))
    if root is not None:
        _refuse_managed(given, real, root)
    if not real.parent.is_dir():
        raise InvalidInputError(
            f"{given}: no such folder (the folder {real.parent} does not exist); create it first"
        )
    return Target(given, real, stream=False)


def _refuse_managed(given: Path, real: Path, root: Path) -> None:
    """One line, naming the file and why, if ``real`` is inside the data folder."""
    base = Path(os.path.realpath(root))
    try:
        inside = real.relative_to(base)
    except ValueError:
        return
    reports = Path(os.path.realpath(locations.reports_dir(root)))
    if real.parent == reports:
        return
    parts = inside.parts
    first = parts[0] if parts else ""
    if first == locations.clients_dir(root).name:
        why = "it is inside clients/, the executives' own data files"
    elif first.startswith(locations.index_file(root).name):
        why = "it is the practice index (or its backup or lock)"
    elif first == locations.scripts_dir(root).name:
        why = "it is inside scripts/, your own scripts"
    else:
        why = "it is inside the data folder, which holds only the practice's own files"
    shown = given if given == real else f"{given} (-> {real})"
    raise InvalidInputError(
        f"{shown}: not written: {why}; write it outside {base} or in {locations.reports_dir(base)}"
    )


def write(target: Target, data: bytes) -> Path:
    """Write ``data`` to a resolved target; returns where it went."""
    if not target.stream:
        safefile.atomic_write(target.real, data, keep_backup=False, private_folder=False)
        return target.real
    text = os.path.normpath(target.given.absolute())
    if text in _STDOUT or text in _STDERR:
        stream = sys.stdout if text in _STDOUT else sys.stderr
        stream.flush()
        try:
            stream.buffer.write(data)
            stream.flush()
        except OSError as exc:
            raise WriteFailedError(f"{target.given}: could not write ({_reason(exc)})") from None
        return target.given
    try:
        fd = os.open(target.given, os.O_WRONLY | os.O_NOCTTY)
    except OSError as exc:
        raise WriteFailedError(f"{target.given}: cannot open ({_reason(exc)})") from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise WriteFailedError(f"{target.given}: could not write ({_reason(exc)})") from None
    finally:
        os.close(fd)
    return target.given


def write_output(output: str | os.PathLike[str], data: bytes, root: Path | None) -> Path:
    """Resolve and write in one step (when there is nothing costly to compute first)."""
    return write(resolve(output, root), data)


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "no space left"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENXIO:
        return "nothing is reading it"
    return exc.strerror or str(exc)
