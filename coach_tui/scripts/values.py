"""Small readings of TOML values for the validator's messages: a label key as a
whole number, and a value shown as the coach wrote it."""

from __future__ import annotations

import re

_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


def whole_number(text: str) -> int | None:
    """A label key as an int: "3", "-3" and "+3" are fine; "three" and "1.5" are not."""
    if not _WHOLE_NUMBER.fullmatch(text.strip()):
        return None
    try:
        return int(text)
    except ValueError:  # more digits than int() accepts
        return None


def show_value(value: object) -> str:
    """A value as the coach wrote it in TOML, short enough for a one-line message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list" if len(repr(value)) > 40 else repr(value)
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."
