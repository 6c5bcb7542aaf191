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

from coach_tui.store import index
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

    def counting(self: index.IndexMixin, client_id: str) -> dict[str, object]:
        rows_built.append(client_id)
        return original(self, client_id)

    monkeypatch.setattr(index.IndexMixin, "_row_for", counting)
    reader = Practice(tmp_path / "data", clock=lambda: DAY, read_only=True)
    assert reader.find(ids[1]).name == "Bo Chen"
    assert rows_built == [ids[1]]
    assert reader.find("bo ch").id == ids[1]  # a name still goes through every row
    assert sorted(rows_built[1:]) == sorted(ids)
