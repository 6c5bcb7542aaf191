"""Stored documents -> domain dataclasses, with a plan worked out once per class.

Loading a long engagement decodes thousands of documents (answers, insights, the
questions as asked), so decoding is on the path of every ``review``, ``report`` and
screen that opens an executive. Looping over every field with a converter each cost
about 5 µs a document; here a document that has every field (all that this version
writes) is taken in one ``itemgetter`` call, only the fields that need it (dates,
enums, lists, nested classes) are converted, and plain strings, numbers and flags
are used as stored.

The result is exactly what the field-by-field way gives, value for value and error
for error: unknown keys are ignored, a missing key takes the field's default, a
stored ``null`` stays ``None``, a value of the wrong shape raises the same
``ValueError`` or ``TypeError``, and a missing required key raises the class's own
``TypeError`` (tests/test_decoding.py compares both on random and real documents).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import operator
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from coach_tui.domain import model

Decoder = Callable[[Any], Any]

#: Values a list can hold that a deep copy would give back unchanged.
_ATOMIC = frozenset({str, int, float, bool, type(None)})


@functools.cache
def hints(cls: Any) -> dict[str, Any]:
    """The resolved type hints of a dataclass (its annotations are strings).

    What ``typing.get_type_hints(cls, vars(model))`` gives, with each distinct
    annotation evaluated once for all classes: it compiled every string of every class
    again (135 compiles, about 4 ms of each command that decodes a record).
    """
    found: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            found[name] = _resolve(annotation) if isinstance(annotation, str) else annotation
    return found


@functools.cache
def _resolve(annotation: str) -> Any:
    """One annotation of the model's, evaluated in its namespace (as typing does)."""
    return eval(annotation, vars(model))  # the model's own source text, never data


@functools.cache
def class_decoder(cls: Any) -> Decoder:
    """The decoder of one dataclass, worked out once from its fields and type hints.

    A document this version wrote has every field: one ``itemgetter`` call takes
    their values in field order, only the fields that need it are converted, and the
    class is called with them in order. Any other document (an older version's,
    with fields missing) takes the general way, field by field.
    """
    general = _kwargs_decoder(cls)
    fields = dataclasses.fields(cls)
    if len(fields) < 2 or not all(f.init and not f.kw_only for f in fields):
        return general
    if len(fields) != len(cls.__dataclass_fields__):
        return general  # init-only variables: keep to keyword arguments
    resolved = hints(cls)
    take = operator.itemgetter(*(f.name for f in fields))
    converted: list[tuple[int, Decoder]] = []
    for index, f in enumerate(fields):
        convert = value_decoder(resolved[f.name])
        if convert is not _same:
            converted.append((index, convert))

    def decode(doc: Any) -> Any:
        if type(doc) is not dict:
            return general(doc)  # not an object, or a mapping of another kind
        try:
            values = list(take(doc))
        except KeyError:
            return general(doc)
        for index, convert in converted:
            value = values[index]
            if value is not None:
                values[index] = convert(value)
        return cls(*values)

    return decode


def _kwargs_decoder(cls: Any) -> Decoder:
    """The general decoder: present fields as keyword arguments, the rest defaulted."""
    resolved = hints(cls)
    plan = [(f.name, value_decoder(resolved[f.name])) for f in dataclasses.fields(cls)]

    def decode(doc: Any) -> Any:
        if not isinstance(doc, dict):
            raise ValueError(f"expected an object, got {type(doc).__name__}")
        kwargs = {}
        for name, convert in plan:
            if name in doc:
                value = doc[name]
                kwargs[name] = None if value is None else convert(value)
        return cls(**kwargs)

    return decode


def value_decoder(hint: Any) -> Decoder:
    """The function that turns a stored (non-None) value into a value of ``hint``."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return value_decoder(options[0])
        # AnswerValue and similar unions are stored as they are; lists are copied so
        # that a caller changing a loaded answer never changes the store's cache.
        return _copy_containers
    if origin is list:
        (item,) = typing.get_args(hint)
        return _list_decoder(value_decoder(item))
    if origin is dict:
        key_type, value_type = typing.get_args(hint)
        return _dict_decoder(key_type, value_decoder(value_type))
    if hint is datetime:
        return datetime.fromisoformat
    if hint is date:
        return date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_decoder(hint)
    if dataclasses.is_dataclass(hint):
        return class_decoder(typing.cast(Any, hint))
    return _same


def _list_decoder(convert_item: Decoder) -> Decoder:
    if convert_item is _same:

        def decode_plain_list(value: Any) -> list[Any]:
            if not isinstance(value, list):
                raise ValueError(f"expected a list, got {type(value).__name__}")
            return list(value)

        return decode_plain_list

    def decode_list(value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise ValueError(f"expected a list, got {type(value).__name__}")
        return [None if v is None else convert_item(v) for v in value]

    return decode_list


def _dict_decoder(key_type: Any, convert_value: Decoder) -> Decoder:
    def decode_dict(value: Any) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise ValueError(f"expected an object, got {type(value).__name__}")
        return {key_type(k): None if v is None else convert_value(v) for k, v in value.items()}

    return decode_dict


def _enum_decoder(enum: type[Enum]) -> Decoder:
    """``enum(value)``, looking the value up first as ``Enum.__new__`` itself does."""
    members = enum._value2member_map_

    def decode_enum(value: Any) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):
            return enum(value)  # a miss: the enum's own answer or error

    return decode_enum


def _same(value: Any) -> Any:
    return value


def _copy_containers(value: Any) -> Any:
    """A deep copy of a stored list or object; a list of plain values copied shallowly."""
    if type(value) is list:
        for item in value:
            if type(item) not in _ATOMIC:
                return copy.deepcopy(value)
        return list(value)
    return copy.deepcopy(value) if isinstance(value, list | dict) else value
