"""The fast decoder (``coach_tui.store.decoding``) equals the field-by-field one.

``old_decoder.py`` keeps the decoder the store used before. Both decode the same
documents: random instances of every domain dataclass, then the same documents
damaged at random (keys dropped, values set to null or to a value of the wrong
shape, enum values and dates that do not parse, a document that is not an object),
and every document of the seeded demo practice. Each time both give the same value
(compared by ``repr``, so ``1`` and ``True`` or a date and its text differ), or both
raise the same exception with the same message.
"""

from __future__ import annotations

import copy
import dataclasses
import random
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from old_decoder import from_doc as old_from_doc
from review_demo import demo_template
from test_records import DATACLASSES, full_instance, through_json

from coach_tui.domain import model
from coach_tui.store import decoding, records, storage
from coach_tui.store.clientfile import TABLES

#: Values of every shape a damaged document may hold instead of the right one.
WRONG: list[object] = [
    None,
    0,
    1,
    -3,
    True,
    False,
    1.5,
    "",
    "x",
    "goal",
    "2024-13-40",
    "2024-03-01",
    "2024-03-01T09:30:00",
    [],
    ["a", None],
    [{"score": 1}],
    [[1, 2]],
    {},
    {"1": "a"},
    {"x": {"y": []}},
]


def outcome(decode: Any, cls: type, doc: Any) -> tuple[str, str]:
    """What decoding gives: ('ok', repr of the value) or (exception type, message)."""
    try:
        value = decode(cls, doc)
    except Exception as exc:  # the comparison is the point: any exception type
        return type(exc).__name__, str(exc)
    assert type(value) is cls
    return "ok", repr(value)


def assert_same(cls: type, doc: Any) -> None:
    before = copy.deepcopy(doc)
    fast = outcome(records.from_doc, cls, doc)
    assert fast == outcome(old_from_doc, cls, doc), (cls.__name__, doc)
    assert doc == before, "decoding changed the document"


def _containers(value: Any, out: list[Any]) -> list[Any]:
    if isinstance(value, list | dict):
        out.append(value)
        for item in value.values() if isinstance(value, dict) else value:
            _containers(item, out)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            _containers(getattr(value, f.name), out)
    return out


def damage(doc: dict[str, Any], rng: random.Random) -> Any:
    """The document with a few random faults, nested documents included."""
    if rng.random() < 0.05:
        return rng.choice(WRONG)
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 3)):
        target = doc
        nested = [v for v in doc.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if nested and rng.random() < 0.3:
            target = rng.choice(rng.choice(nested))
        if not target:
            continue
        key = rng.choice(sorted(target))
        fault = rng.randrange(3)
        if fault == 0:
            del target[key]
        elif fault == 1:
            target[key] = None
        else:
            target[key] = copy.deepcopy(rng.choice(WRONG))
    return doc


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda c: c.__name__)
@given(seed=st.integers(0, 2**32))
def test_random_documents_decode_the_same(cls: type, seed: int) -> None:
    rng = random.Random(seed)
    doc = through_json(records.to_doc(full_instance(cls, rng)))
    assert_same(cls, doc)
    assert_same(cls, {**doc, "unknown": [1]})
    for _ in range(5):
        assert_same(cls, damage(doc, rng))


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda c: c.__name__)
def test_empty_and_foreign_documents_decode_the_same(cls: type) -> None:
    for doc in [{}, {"schema": 3}, *WRONG]:
        assert_same(cls, doc)


def test_a_loaded_value_shares_no_list_or_object_with_the_stored_document() -> None:
    rng = random.Random(7)
    for cls in DATACLASSES:
        for _ in range(5):
            doc = through_json(records.to_doc(full_instance(cls, rng)))
            stored = {id(c) for c in _containers(doc, [])}
            loaded = records.from_doc(cls, doc)
            assert not [c for c in _containers(loaded, []) if id(c) in stored], cls.__name__


def test_every_document_of_the_demo_practice_decodes_the_same(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    files = sorted((demo_template(tmp_path_factory) / "clients").glob("*.json"))
    assert files
    count = 0
    for path in files:
        tables = storage.read_tables(Path(path))
        assert tables is not None
        for name, cls in TABLES.items():
            for doc in tables.get(name, {}).values():
                assert_same(cls, doc)
                count += 1
    assert count > 500


def test_the_hints_are_typing_s_for_every_model_class() -> None:
    """``decoding.hints`` evaluates each annotation once; typing's way gives the same."""
    classes = [
        c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)
    ]
    assert len(classes) >= 20
    for cls in classes:
        assert decoding.hints(cls) == typing.get_type_hints(cls, vars(model)), cls.__name__
