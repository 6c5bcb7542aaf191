"""The field-by-field decoder ``coach_tui.store.records`` used before the fast one.

Kept as it was, as the reference the fast decoder (``coach_tui.store.decoding``) must
match value for value and error for error (tests/test_decoding.py).
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

T = TypeVar("T")


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


Decoder = Callable[[Any], Any]


def from_doc(cls: type[T], doc: dict[str, Any]) -> T:
    """Build a dataclass from a document; raises ValueError on a value of the wrong shape."""
    return _class_decoder(typing.cast(Any, cls))(doc)  # type: ignore[no-any-return]


@functools.cache
def _class_decoder(cls: Any) -> Decoder:
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
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return _decoder(options[0])
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
