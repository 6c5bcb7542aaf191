"""Reading a response file: size and encoding checks, and JSON or Markdown.

These run before any parsing, so a wrong file gets one clear problem on line 1.
"""

from __future__ import annotations

from pathlib import Path

from coach_tui.errors import InvalidInputError, NotFoundError
from coach_tui.kit.model import MAX_BYTES, MD_OPENING, KitError, KitProblem


def read_response(path: Path, source: str | None = None) -> tuple[str, str]:
    """(text, source) of a response file, refusing what cannot be a filled kit."""
    source = source or str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                handle.seek(0, 2)
                size = handle.tell()
                raise KitError(
                    [
                        KitProblem(
                            source,
                            1,
                            f"the file is {size / 1_000_000:.1f} MB; a filled kit is a few kB: "
                            "is this the right file?",
                        )
                    ]
                )
    except FileNotFoundError:
        raise NotFoundError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InvalidInputError(f"{source}: is a folder, not a response file") from None
    except OSError as exc:
        raise InvalidInputError(f"{source}: cannot be read ({exc.strerror or exc})") from None
    return decode(raw, source), source


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text without a BOM; a problem names the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        raise KitError(
            [
                KitProblem(
                    source,
                    1,
                    f"the file is {len(raw) / 1_000_000:.1f} MB; a filled kit is a few kB: "
                    "is this the right file?",
                )
            ]
        )
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        raise KitError(
            [KitProblem(source, 1, "the file is saved as UTF-16: save it as UTF-8 plain text")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise KitError(
            [
                KitProblem(
                    source,
                    line,
                    f"not plain text (byte 0x{raw[exc.start]:02x} is not UTF-8): "
                    "save the file as plain text (UTF-8)",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def detect_format(text: str, source: str) -> str:
    """'json' or 'md'; anything else is a KitError on line 1."""
    stripped = text.lstrip(" \t\r\n\ufeff")
    if not stripped:
        raise KitError([KitProblem(source, 1, "the file is empty: send back the filled kit")])
    if stripped.startswith("{"):
        return "json"
    if stripped.startswith(MD_OPENING):
        return "md"
    line = text[: len(text) - len(stripped)].count("\n") + 1
    raise KitError(
        [
            KitProblem(
                source,
                line,
                "not a coach-tui kit: a filled kit starts with '<!-- coach-tui kit' (the "
                "Markdown form) or '{' (the JSON kit); was the form pasted into another "
                "document or saved in another format?",
            )
        ]
    )
