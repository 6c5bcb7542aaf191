"""Finding an executive by id on a stale index reads that executive's file alone.

A read-only command (``review``, ``report``) never writes the index, so on a folder
restored or copied without its file times every call used to rebuild every row
(about 2.5 s on the ten-year benchmark practice) to find the one it was named.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from coach_tui.store import base, index, storage
from coach_tui.store.practice import Practice

DAY = datetime(2026, 3, 2, 10, 0)


def test_an_id_on_a_stale_index_reads_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = Practice(tmp_path / "data", clock=lambda: DAY)
    ids = [practice.create_client(name).id for name in ("Ann Lee", "Bo Chen", "Cy Diaz")]
    practice.list_clients()  # a fresh index
    for client_id in ids:  # restored without their times: every row is stale
        path = practice.client_path(client_id)
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    rows_built: list[str] = []
    original = index.IndexMixin._row_for

    def counting(self: index.IndexMixin, client_id: str, keep: bool = False) -> dict[str, object]:
        rows_built.append(client_id)
        return original(self, client_id, keep)

    monkeypatch.setattr(index.IndexMixin, "_row_for", counting)
    reader = Practice(tmp_path / "data", clock=lambda: DAY, read_only=True)
    assert reader.find(ids[1]).name == "Bo Chen"
    assert rows_built == [ids[1]]
    assert reader.find("bo ch").id == ids[1]  # a name still goes through every row
    assert sorted(rows_built[1:]) == sorted(ids)


def _stale(practice: Practice, client_id: str) -> None:
    """Make the index row of ``client_id`` stale, as a copy without file times does."""
    path = practice.client_path(client_id)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))


def _counting_decodes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    decoded: list[Path] = []
    original = base.decode_record

    def counting(path: Path, tables: object) -> object:
        decoded.append(path)
        return original(path, tables)  # type: ignore[arg-type]

    monkeypatch.setattr(base, "decode_record", counting)
    return decoded


def test_finding_by_id_on_a_stale_row_then_loading_decodes_the_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``review ID`` / ``report ID`` after a report was logged: one decode, not two."""
    practice = Practice(tmp_path / "data", clock=lambda: DAY)
    client_id = practice.create_client("Ann Lee").id
    practice.add_stakeholder(client_id, "Bo Chen", "peer")
    practice.list_clients()
    _stale(practice, client_id)
    expected = Practice(tmp_path / "data", read_only=True).load(client_id)
    storage.forget(practice.client_path(client_id))  # as in a new process
    decoded = _counting_decodes(monkeypatch)
    reader = Practice(tmp_path / "data", clock=lambda: DAY, read_only=True)
    assert reader.find(client_id).name == "Ann Lee"
    record = reader.load(client_id)
    assert record == expected
    assert len(decoded) == 1
    again = reader.load(client_id)  # handed over once: the next load decodes anew
    assert again == expected
    assert again is not record
    assert len(decoded) == 2


def test_a_file_changed_after_find_is_loaded_as_it_is_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = Practice(tmp_path / "data", clock=lambda: DAY)
    client_id = practice.create_client("Ann Lee").id
    practice.list_clients()
    _stale(practice, client_id)
    reader = Practice(tmp_path / "data", clock=lambda: DAY, read_only=True)
    reader.find(client_id)
    practice.add_stakeholder(client_id, "Bo Chen", "peer")  # another process writes
    assert [s.name for s in reader.load(client_id).stakeholders] == ["Bo Chen"]
