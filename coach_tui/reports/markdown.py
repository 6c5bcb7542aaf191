"""Shared formatting for every report: user text as inert Markdown, scores, days.

A report is Markdown first (HTML is rendered from it). User text is data: every
character that could start a link, an image, emphasis, a table cell or a block is
escaped here, so nothing a person typed can fetch a resource or change the report's
structure. Nothing here knows who reads the report.
"""

from __future__ import annotations

import re
from datetime import date

from coach_tui.text import one_line, visible

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>!|#&~])")
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def md_escape(text: str) -> str:
    """One line of user text as Markdown that renders exactly as typed.

    Every character that could start a link, an image, an autolink, emphasis, code,
    an entity, a table cell or a block (heading, list, quote) is backslash-escaped,
    so nothing a user typed can fetch a resource or change the report's structure.
    """
    flat = " ".join(visible(text).replace("\t", " ").split())
    escaped = _INLINE_SPECIALS.sub(r"\\\1", flat)
    match = _BLOCK_START.match(escaped)
    if match:
        marker = match.group(2)
        escaped = (
            escaped[: match.start(2)] + marker[:-1] + "\\" + marker[-1] + escaped[match.end(2) :]
        )
    return escaped


def md_block(text: str) -> str:
    """Multi-line user text as one Markdown paragraph with its line breaks kept."""
    lines = [md_escape(line) for line in text.splitlines() if line.strip()]
    return "\\\n".join(lines)


def md_cell(text: str) -> str:
    """User text inside a table cell: one line."""
    return md_escape(one_line(text))


def score(value: float) -> str:
    """A GAS or survey score as the coach says it: -1, 0, +2 (or +1.4 for a mean)."""
    if isinstance(value, int):
        return f"{value:+d}" if value else "0"
    return f"{value:+.1f}" if round(value, 1) else "0.0"


def day(when: date) -> str:
    """'3 Mar 2026'."""
    return f"{when.day} {when:%b %Y}"


def long_day(when: date) -> str:
    """'Tuesday 3 March 2026'."""
    return f"{when:%A} {when.day} {when:%B %Y}"


def plural(count: int, noun: str) -> str:
    """'1 session', '3 sessions'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
