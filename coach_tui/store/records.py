"""Domain objects <-> TinyDB documents, kept apart from both.

A document is plain JSON: dates as ISO strings, enums as their values, nested
dataclasses as objects, and a ``schema`` integer on every document so that a later
version can migrate it. Unknown keys are ignored and missing ones take the field's
default, so a document written by a slightly different version still loads.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from coach_tui.store import decoding

#: 3: a live session writes a file of its own (``coach_tui.store.livefile``); an
#: older coach-tui must not open a file that points to one, as it would not see it.
SCHEMA = 3

T = TypeVar("T")


def to_doc(obj: object) -> dict[str, Any]:
    """A dataclass as a JSON-ready document carrying the schema version."""
    doc = _encode(obj)
    assert isinstance(doc, dict)
    doc["schema"] = SCHEMA
    return doc


def _encode(value: object) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return value


def from_doc(cls: type[T], doc: dict[str, Any]) -> T:
    """Build a dataclass from a document; raises ValueError on a value of the wrong shape."""
    return decoder(cls)(doc)


def decoder(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """``from_doc`` for one class, looked up once: for decoding many documents."""
    return typing.cast(Callable[[dict[str, Any]], T], decoding.class_decoder(typing.cast(Any, cls)))
