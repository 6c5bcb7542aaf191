"""Listing a practice's client files and their signatures (one folder scan, one stat each)."""

from __future__ import annotations

import os
from pathlib import Path

from coach_tui import locations
from coach_tui.store import safefile
from coach_tui.store.practice import Practice


def test_client_ids_are_the_visible_json_files_sorted(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data")
    ana = practice.create_client("Ana Costa").id
    bo = practice.create_client("Bo Li").id
    folder = locations.clients_dir(practice.root)
    for name in (".hidden.json", "notes.txt", "ana-costa.json.bak", "x.JSON"):
        (folder / name).write_text("{}", encoding="utf-8")
    assert practice.client_ids() == sorted([ana, bo])
    glob = sorted(p.stem for p in folder.glob("*.json") if not p.name.startswith("."))
    assert practice.client_ids() == glob


def test_no_folder_lists_nobody(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data", read_only=True)
    assert practice.client_ids() == []
    assert practice.list_clients() == []


def test_signatures_are_the_files_stat_signatures(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data")
    ana = practice.create_client("Ana Costa").id
    path = practice.client_path(ana)
    found = practice.client_signatures([ana, "gone-away"])
    assert found == {ana: list(safefile.signature(path.stat())), "gone-away": None}
    os.utime(path, ns=(1, 1))  # a change the index must notice
    assert practice.client_signatures([ana])[ana] != found[ana]
