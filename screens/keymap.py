"""The coach's own keys: ``<config>/coach-tui/keymap.toml`` read at start.

One line per binding id, ``session.next = "ctrl+j"`` (the ids are those of the
screens' ``Binding(..., id=...)``; several keys are separated by commas). The
app applies it with Textual's ``App.set_keymap``. A file that cannot be read or
is malformed changes nothing and is reported in one line naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach_tui.errors import CoachError


def read_keymap(path: Path) -> dict[str, str]:
    """The keymap in ``path`` ({} if there is none); ``CoachError`` if it is malformed."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise CoachError(f"{path}: cannot read the keymap ({exc.strerror or exc})") from None
    import tomllib  # only when there is a keymap: most coaches have none

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CoachError(f"{path}: not a keymap ({exc}); keys unchanged") from None
    keymap: dict[str, str] = {}
    _flatten(path, "", data, keymap)
    return keymap


def _flatten(path: Path, prefix: str, table: dict[str, Any], keymap: dict[str, str]) -> None:
    """``session.next = "x"`` is a dotted key to TOML (a table): back to the binding id."""
    for name, keys in table.items():
        binding_id = f"{prefix}{name}"
        if isinstance(keys, dict):
            _flatten(path, f"{binding_id}.", keys, keymap)
            continue
        if not isinstance(keys, str) or not keys.strip():
            raise CoachError(
                f'{path}: {binding_id} must be a key in quotes, like {binding_id} = "ctrl+j"; '
                "keys unchanged"
            )
        keymap[binding_id] = keys.strip()
