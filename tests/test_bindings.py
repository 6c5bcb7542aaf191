"""The keys module: every key has an id, and the README's table is generated from it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from screens.bindings import SCREENS, rows_of, screen_class, with_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_keys_table_is_current() -> None:
    readme = README.read_text(encoding="utf-8")
    assert with_table(readme) == readme, (
        "README keys table is stale: run python -m screens.bindings --write README.md"
    )


def test_every_key_has_an_id_for_the_keymap() -> None:
    ids: list[str] = []
    for heading, module, name in SCREENS:
        for row in rows_of(screen_class(module, name)):
            assert row.binding_id, f"{heading}: {row.keys} ({row.meaning}) has no id"
            ids.append(row.binding_id)
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_the_keymap_changes_the_key_shown() -> None:
    session = screen_class("screens.session", "SessionScreen")
    rows = {r.binding_id: r.keys for r in rows_of(session, {"session.next": "ctrl+j"})}
    assert rows["session.next"] == "ctrl+j"
