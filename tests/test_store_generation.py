"""``Practice.generation``: what tells a screen the record it read is still the files'."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_store_api import Clock, question, script

from coach_tui.domain.model import InsightKind
from coach_tui.errors import NotFoundError
from coach_tui.store.practice import Practice


def test_unchanged_files_have_the_same_generation(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data", clock=Clock())
    ana = practice.create_client("Ana López").id
    first = practice.generation(ana)
    practice.load(ana)  # reading changes nothing
    assert practice.generation(ana) == first


def test_a_write_to_the_executive_or_a_live_session_changes_it(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data", clock=Clock())
    ana = practice.create_client("Ana López").id
    before = practice.generation(ana)
    practice.capture(ana, InsightKind.STRENGTH, "Listens well")
    after_capture = practice.generation(ana)
    assert after_capture != before
    q1 = question("q1")
    session = practice.start_session(ana, script(q1))
    started = practice.generation(ana)
    assert started != after_capture
    practice.save_answer(ana, session.id, q1, "typed")  # the live session's own file
    assert practice.generation(ana) != started


def test_an_unknown_executive_is_not_found(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data", clock=Clock())
    with pytest.raises(NotFoundError):
        practice.generation("../etc")
