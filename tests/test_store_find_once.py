"""Finding an executive by name on a stale index row, then loading them, decodes their
file once: ``review`` or ``report`` after a report was logged (the row is left for the
next listing to rebuild, and a read-only command does not write the index)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import coach_tui.store.base as base
from coach_tui.domain.model import InsightKind
from coach_tui.store import storage
from coach_tui.store.practice import Practice


def test_a_stale_row_found_by_name_is_decoded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = Practice(tmp_path / "data")
    ann = practice.create_client("Ann Lee").id
    practice.create_client("Bo Chan")
    practice.list_clients()  # a fresh index
    practice.capture(ann, InsightKind.STRENGTH, "Calm with the board")
    practice.log_event(ann, "report", "final report to ann.html")  # the row now stale
    storage.forget(practice.client_path(ann))  # as a new process finds it
    decoded: list[Path] = []
    decode = base.decode_record

    def counted(path: Path, tables: Any) -> Any:
        decoded.append(path)
        return decode(path, tables)

    monkeypatch.setattr(base, "decode_record", counted)
    reader = Practice(tmp_path / "data", read_only=True)
    summary = reader.find("ann")
    record = reader.load(summary.id)
    assert summary.id == ann and record.client.name == "Ann Lee"
    assert [s.text for s in record.insights_of(InsightKind.STRENGTH)] == ["Calm with the board"]
    assert decoded == [practice.client_path(ann)]
