"""User text made safe to show: control characters become visible symbols.

Names, answers and notes are data. Markup is never parsed (screens use ``Text``);
this module also neutralises terminal control sequences (ANSI escapes, bells,
carriage returns) that would otherwise move the cursor or recolour the screen.
"""

from __future__ import annotations

import re

#: C0 and C1 controls (but newline and tab), and the invisible characters that reorder
#: or break what follows them: bidi embeddings, overrides and isolates (U+202E shows
#: "txt.exe" as "exe.txt"), the Arabic letter mark and the line/paragraph separators.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, …
    if code == 0x7F:
        return "␡"
    return "�"


def first_few(items: list[str], shown: int = 5) -> str:
    """``a, b, c and 17 more``: a list that fits on a terminal line."""
    if len(items) <= shown:
        return ", ".join(items)
    return f"{', '.join(items[:shown])} and {len(items) - shown} more"


def visible(text: str) -> str:
    """``text`` with every control character except newline and tab made visible."""
    return _CONTROL.sub(_picture, text)


def one_line(text: str, width: int | None = None) -> str:
    """``text`` on one line (newlines as ' ⏎ '), cut to ``width`` with an ellipsis."""
    flat = visible(" ⏎ ".join(part.strip() for part in text.splitlines() if part.strip()))
    flat = flat.replace("\t", " ")
    if width is not None and len(flat) > width:
        return flat[: max(0, width - 1)] + "…"
    return flat
