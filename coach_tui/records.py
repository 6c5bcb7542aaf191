"""Domain objects <-> TinyDB documents, kept apart from both.

A document is plain JSON: dates as ISO strings, enums as their values, nested
dataclasses as objects, and a ``schema`` integer on every document so that a later
version can migrate it. Unknown keys are ignored and missing ones take the field's
default, so a document written by a slightly different version still loads.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from coach_tui import model

SCHEMA = 1

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


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def from_doc(cls: type[T], doc: dict[str, Any]) -> T:
    """Build a dataclass from a document; raises ValueError on a value of the wrong shape."""
    hints = _hints(typing.cast(Any, cls))
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in doc:
            kwargs[f.name] = _decode(hints[f.name], doc[f.name])
    return cls(**kwargs)


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return _decode(options[0], value)
        # AnswerValue and similar unions are stored as they are; lists are copied so
        # that a caller changing a loaded answer never changes the store's cache.
        return copy.deepcopy(value) if isinstance(value, list | dict) else value
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ValueError(f"expected a list, got {type(value).__name__}")
        return [_decode(item, v) for v in value]
    if origin is dict:
        key_type, value_type = typing.get_args(hint)
        if not isinstance(value, dict):
            raise ValueError(f"expected an object, got {type(value).__name__}")
        return {key_type(k): _decode(value_type, v) for k, v in value.items()}
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is date:
        return date.fromisoformat(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if dataclasses.is_dataclass(hint):
        return from_doc(hint, value)  # type: ignore[arg-type]
    return value
