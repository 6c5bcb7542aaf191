"""records: every domain dataclass survives to_doc -> JSON -> from_doc unchanged.

Instances are generated from the dataclasses' own type hints with a seeded random
generator (no Hypothesis: its example cache would write outside tmp_path), so a new
field or dataclass in ``coach_tui.domain.model`` is covered without touching this file.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import random
import types
import typing
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

import pytest

from coach_tui.domain import model, stages
from coach_tui.store import records, storage

DATACLASSES: list[type] = sorted(
    (
        obj
        for _, obj in inspect.getmembers(model, inspect.isclass)
        if dataclasses.is_dataclass(obj) and obj.__module__ in (model.__name__, stages.__name__)
    ),
    key=lambda cls: cls.__name__,
)
EXAMPLES = 40
ALPHABET = "aZ09 -_'\"\\/[]{}:,\n\t\0éßø李🧭\u200b\U0010ffff"


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))


def _datetime(rng: random.Random) -> datetime:
    # Stored datetimes keep whole seconds (the store's clock drops microseconds).
    return datetime(1900, 1, 1) + timedelta(seconds=rng.randint(0, 300 * 365 * 86400))


def _answer_value(rng: random.Random) -> model.AnswerValue:
    choice = rng.randrange(4)
    if choice == 0:
        return _text(rng)
    if choice == 1:
        return [_text(rng) for _ in range(rng.randint(0, 4))]
    if choice == 2:
        return rng.randint(-(2**40), 2**40)
    return rng.random() < 0.5


def value_for(hint: Any, rng: random.Random) -> Any:
    """A value for a field of type ``hint``; optional fields get a value, never None."""
    if hint == model.AnswerValue:
        return _answer_value(rng)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return value_for(rng.choice(options), rng)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [value_for(item, rng) for _ in range(rng.randint(1, 3))]
    if origin is dict:
        key, value = typing.get_args(hint)
        if key is int:
            keys = rng.sample(sorted(model.GAS_LEVELS), rng.randint(1, 5))
        else:
            keys = [value_for(key, rng) for _ in range(rng.randint(1, 3))]
        return {k: value_for(value, rng) for k in keys}
    if hint is datetime:
        return _datetime(rng)
    if hint is date:
        return _datetime(rng).date()
    if isinstance(hint, type) and issubclass(hint, Enum):
        return rng.choice(list(hint))
    if dataclasses.is_dataclass(hint):
        return full_instance(hint, rng)  # type: ignore[arg-type]
    if hint is bool:
        return rng.random() < 0.5
    if hint is int:
        return rng.randint(-(2**63), 2**63)
    if hint is str:
        return _text(rng)
    raise AssertionError(f"no generator for {hint!r}: teach this test the new field type")


def full_instance(cls: type, rng: random.Random) -> Any:
    hints = typing.get_type_hints(cls, vars(model))
    return cls(**{f.name: value_for(hints[f.name], rng) for f in dataclasses.fields(cls)})


def instances(cls: type, seed: int) -> list[Any]:
    rng = random.Random(f"{cls.__name__}-{seed}")
    return [full_instance(cls, rng) for _ in range(EXAMPLES)]


def through_json(doc: dict[str, Any]) -> dict[str, Any]:
    """What a document looks like after a trip through a TinyDB file."""
    raw = storage.encode({"t": {"1": doc}})
    return json.loads(raw)["t"]["1"]  # type: ignore[no-any-return]


def test_the_model_has_the_expected_dataclasses() -> None:
    names = {cls.__name__ for cls in DATACLASSES}
    assert {
        "Answer",
        "AskedQuestion",
        "ChecklistItem",
        "Client",
        "ClientRecord",
        "ClientSummary",
        "Edit",
        "Engagement",
        "Event",
        "GoalScore",
        "Insight",
        "MeasureReading",
        "Plan",
        "Rating",
        "Session",
        "Stakeholder",
        "StageChange",
        "SurveyScore",
    } <= names


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda c: c.__name__)
def test_round_trip_with_every_field_filled(cls: type) -> None:
    for obj in instances(cls, 1):
        doc = records.to_doc(obj)
        assert doc["schema"] == records.SCHEMA
        assert records.from_doc(cls, doc) == obj
        assert records.from_doc(cls, through_json(doc)) == obj


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda c: c.__name__)
def test_unknown_keys_are_ignored(cls: type) -> None:
    for obj in instances(cls, 2):
        doc = through_json(records.to_doc(obj))
        doc.update({"added_by_a_later_version": [1, {"x": None}], "schema": 7, "": ""})
        assert records.from_doc(cls, doc) == obj


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda c: c.__name__)
def test_missing_keys_take_their_defaults(cls: type) -> None:
    optional = [
        f
        for f in dataclasses.fields(cls)
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
    ]
    if not optional:
        pytest.skip("every field is required")
    for obj in instances(cls, 3)[:5]:
        doc = through_json(records.to_doc(obj))
        for f in optional:
            del doc[f.name]
        loaded = records.from_doc(cls, doc)
        for f in dataclasses.fields(cls):
            if f in optional:
                factory = f.default_factory
                default = f.default if factory is dataclasses.MISSING else factory()
                assert getattr(loaded, f.name) == default, f.name
            else:
                assert getattr(loaded, f.name) == getattr(obj, f.name), f.name


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda c: c.__name__)
def test_a_missing_required_key_is_a_type_error(cls: type) -> None:
    required = [
        f
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    if not required:
        pytest.skip("no required field")
    with pytest.raises(TypeError):
        records.from_doc(cls, {})


def test_documents_are_plain_json() -> None:
    when = datetime(2024, 3, 1, 9, 30, 15)
    insight = model.Insight(
        id="i1",
        engagement_id="e1",
        kind=model.InsightKind.GOAL,
        text="Delegate",
        created=when,
        gas={-2: "none", 2: "all"},
        scores=[model.GoalScore(1, when, "s1")],
        due=date(2024, 4, 1),
        history=[model.Edit(["a", "b"], when)],
    )
    doc = records.to_doc(insight)
    assert doc["kind"] == "goal"
    assert doc["created"] == "2024-03-01T09:30:15"
    assert doc["due"] == "2024-04-01"
    assert doc["gas"] == {"-2": "none", "2": "all"}
    assert doc["scores"] == [{"score": 1, "at": "2024-03-01T09:30:15", "session_id": "s1"}]
    assert doc["history"] == [{"value": ["a", "b"], "at": "2024-03-01T09:30:15"}]
    assert "schema" not in doc["scores"][0], "only the top-level document carries schema"
    assert json.loads(json.dumps(doc)) == doc


def test_every_stored_document_carries_schema() -> None:
    when = datetime(2024, 3, 1, 9, 30)
    for obj in (
        model.Client("c", "Ana"),
        model.Event(when, "created"),
        model.Plan("p", "e", when),
        model.ClientSummary("c", "Ana"),
    ):
        assert records.to_doc(obj)["schema"] == records.SCHEMA


@pytest.mark.parametrize(
    ("cls", "doc"),
    [
        (
            model.Insight,
            {
                "id": "i",
                "engagement_id": "e",
                "kind": "talent",
                "text": "t",
                "created": "2024-01-01T00:00:00",
            },
        ),
        (
            model.Insight,
            {"id": "i", "engagement_id": "e", "kind": "goal", "text": "t", "created": "yesterday"},
        ),
        (
            model.Insight,
            {
                "id": "i",
                "engagement_id": "e",
                "kind": "goal",
                "text": "t",
                "created": "2024-01-01T00:00:00",
                "scores": "none",
            },
        ),
        (
            model.Insight,
            {
                "id": "i",
                "engagement_id": "e",
                "kind": "goal",
                "text": "t",
                "created": "2024-01-01T00:00:00",
                "gas": ["x"],
            },
        ),
        (
            model.Plan,
            {
                "id": "p",
                "engagement_id": "e",
                "created": "2024-01-01T00:00:00",
                "next_date": "soon",
            },
        ),
    ],
)
def test_values_of_the_wrong_shape_raise_value_error(cls: type, doc: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        records.from_doc(cls, doc)


def test_null_values_load_as_none() -> None:
    plan = records.from_doc(
        model.Plan,
        {
            "id": "p",
            "engagement_id": "e",
            "created": "2024-01-01T00:00:00",
            "next_date": None,
            "session_id": None,
        },
    )
    assert plan.next_date is None and plan.session_id is None
