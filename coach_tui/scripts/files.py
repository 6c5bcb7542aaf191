"""Reading a coach's script file safely, and what the library will skip among several.

The coach's ``scripts/`` folder is read by ``check``, ``scripts``, ``scripts
check`` and the app's engagement screen. Anything can land there: a named pipe
(FIFO) called ``x.toml`` blocks a plain ``open`` forever, a link to ``/dev/zero``
never ends, a 25 MB file costs seconds and hundreds of MB on every command. Only
regular files are read, up to ``MAX_SCRIPT_BYTES``, and the file type is checked
both before opening (``stat``) and on the open file (``fstat``), which is opened
non-blocking so that a file swapped for a FIFO in between cannot hang either.

The second half says, for ``scripts check FILE``, what ``load_library`` would
skip: an id that replaces a shipped script with another stage or audience, and an
id used by two of the coach's own files.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

#: The largest script file read. The longest shipped script is about 20 kB; a
#: quarter of a megabyte is a very long interview, and anything bigger is a mistake.
MAX_SCRIPT_BYTES: Final[int] = 256_000


class UnreadableScript(Exception):
    """A script file that is not read; ``str()`` is the reason, for a ScriptProblem."""


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 1_000_000 else f"{count // 1000} kB"


def _check(st: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableScript(
            f"is {_kind(st.st_mode)}, not a plain file; skipped (scripts are plain TOML files)"
        )
    if st.st_size > limit:
        raise UnreadableScript(
            f"is {_size(st.st_size)}; a script file is at most {_size(limit)}, so it was not read"
        )


def read_regular(path: Path, limit: int = MAX_SCRIPT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises UnreadableScript for special or oversized files, OSError (as ``open``
    would) for missing, unreadable files and folders.
    """
    _check(path.stat(), limit)  # follows symlinks: a link to /dev/zero is a device
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        _check(os.fstat(fd), limit)  # the file actually opened
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(65_536, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:
        raise UnreadableScript(f"grew past {_size(limit)} while being read; not read")
    return b"".join(chunks)


# ------------------------------------------------------------------ clashes

#: What a script claims: (id, stage, audience).
Claim = tuple[str, str, str]


@dataclass(frozen=True)
class Clash:
    """Why the library will skip one file: the file, the line of its id, the reason."""

    path: Path
    line: int | None
    message: str


def id_line(path: Path) -> int | None:
    """The line of the top-level ``id = ...`` (before the first table header)."""
    try:
        text = read_regular(path).decode("utf-8", "replace")
    except (OSError, UnreadableScript):
        return None
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            return None
        if re.match(r"id\s*=", stripped):
            return number
    return None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def library_skips(
    checked: list[tuple[Path, Claim]],
    folder: Path | None,
    load: Callable[[Path], Claim | None],
    shipped: Mapping[str, tuple[str, str]],
) -> list[Clash]:
    """What ``load_library`` would skip among ``checked`` files (``scripts check``).

    The library reads the coach's folder in name order and the first file with an
    id wins; a checked file outside the folder is judged as if it were added to it
    (after the files already there). ``shipped`` maps each shipped id to its
    (stage, audience); ``load`` gives a folder file's claim (None if it is broken).
    """
    own: list[tuple[Path, Claim]] = []
    if folder is not None and folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            if any(_same(path, c) for c, _ in checked):
                own.append(next((c, claim) for c, claim in checked if _same(path, c)))
                continue
            claim = load(path)
            if claim is not None:
                own.append((path, claim))
    outside = [(p, claim) for p, claim in checked if not any(_same(p, o) for o, _ in own)]
    found: list[Clash] = []
    owner: dict[str, Path] = {}
    wanted = [p for p, _ in checked]
    for path, (script_id, stage, audience) in [*own, *outside]:
        original = shipped.get(script_id)
        reason = ""
        if original is not None and original != (stage, audience):
            reason = (
                f"script id '{script_id}' replaces the shipped script, so it must keep stage "
                f"'{original[0]}' and audience '{original[1]}'; the app would skip this file"
            )
        elif script_id in owner:
            reason = (
                f"script id '{script_id}' is already used by {owner[script_id]}; the app "
                "would skip this file (give it another id)"
            )
        else:
            owner[script_id] = path
        if reason and any(_same(path, w) for w in wanted):
            found.append(Clash(path, id_line(path), reason))
    return found
