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
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from coach_tui.domain import model

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


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


Decoder = Callable[[Any], Any]


def from_doc(cls: type[T], doc: dict[str, Any]) -> T:
    """Build a dataclass from a document; raises ValueError on a value of the wrong shape."""
    return _class_decoder(typing.cast(Any, cls))(doc)  # type: ignore[no-any-return]


@functools.cache
def _class_decoder(cls: Any) -> Decoder:
    """A decoder for one dataclass, worked out once from its type hints.

    Loading an executive decodes thousands of documents; resolving each field's type
    once per class (not once per value) makes that several times faster.
    """
    hints = _hints(cls)
    fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls)]

    def decode(doc: dict[str, Any]) -> Any:
        if not isinstance(doc, dict):
            raise ValueError(f"expected an object, got {type(doc).__name__}")
        kwargs = {}
        for name, convert in fields:
            if name in doc:
                value = doc[name]
                kwargs[name] = None if value is None else convert(value)
        return cls(**kwargs)

    return decode


def _decoder(hint: Any) -> Decoder:
    """The function that turns a stored (non-None) value into a value of ``hint``."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return _decoder(options[0])
        # AnswerValue and similar unions are stored as they are; lists are copied so
        # that a caller changing a loaded answer never changes the store's cache.
        return _copy_containers
    if origin is list:
        (item,) = typing.get_args(hint)
        convert_item = _decoder(item)

        def decode_list(value: Any) -> list[Any]:
            if not isinstance(value, list):
                raise ValueError(f"expected a list, got {type(value).__name__}")
            return [None if v is None else convert_item(v) for v in value]

        return decode_list
    if origin is dict:
        key_type, value_type = typing.get_args(hint)
        convert_value = _decoder(value_type)

        def decode_dict(value: Any) -> dict[Any, Any]:
            if not isinstance(value, dict):
                raise ValueError(f"expected an object, got {type(value).__name__}")
            return {key_type(k): None if v is None else convert_value(v) for k, v in value.items()}

        return decode_dict
    if hint is datetime:
        return datetime.fromisoformat
    if hint is date:
        return date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if dataclasses.is_dataclass(hint):
        return _class_decoder(typing.cast(Any, hint))
    return _same


def _same(value: Any) -> Any:
    return value


def _copy_containers(value: Any) -> Any:
    return copy.deepcopy(value) if isinstance(value, list | dict) else value
