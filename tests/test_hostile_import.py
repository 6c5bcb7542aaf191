"""Imports and the demo survive kills, clashes and damage: completed by running them again.

* An import killed part-way is completed by importing the same backup again
  (executives already there and identical count as done); ``check`` says so
  meanwhile. A clash with other content refuses in one short line.
* The loser of two simultaneous imports of the same executive exits 2.
* A damaged executive: ``export`` says so (exit 1) and keeps it; ``import`` brings
  in the rest and names it.
* ``demo`` killed part-way is seeded afresh by the next ``demo``.
* A SIGKILL loop over ``import`` and ``demo`` ends with a complete import and a
  usable demo.
"""

from __future__ import annotations

import copy
import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from hostile_cli import MODULE, env_for, run
from review_demo import demo_copy

from coach_tui.errors import InvalidInputError
from coach_tui.exchange import validate
from coach_tui.store import journal, storage
from coach_tui.store.practice import Practice

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return demo_copy(tmp_path_factory, tmp_path / "data")


def _export(root: Path, home: Path) -> dict[str, Any]:
    result = run("export", "--data", root, home=home)
    assert result.code == 0, result.both
    document: dict[str, Any] = json.loads(result.out)
    return document


def _clone(client: dict[str, Any], new_id: str, name: str) -> dict[str, Any]:
    twin = copy.deepcopy(client)
    twin["client"][0]["id"] = new_id
    twin["client"][0]["name"] = name
    for doc in twin["meta"]:
        doc["client_id"] = new_id
    for doc in twin["engagements"]:
        doc["client_id"] = new_id
    return twin


def _big_backup(root: Path, home: Path, count: int) -> Path:
    """A backup of ``count`` executives (copies of the demo's, renamed)."""
    document = _export(root, home)
    originals = list(document["clients"].values())
    clients = {}
    for number in range(count):
        new_id = f"person-{number:03d}"
        clients[new_id] = _clone(originals[number % len(originals)], new_id, f"Person {number}")
    document["clients"] = clients
    path = home / "big.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _files(root: Path) -> dict[str, bytes]:
    return {p.stem: p.read_bytes() for p in sorted((root / "clients").glob("*.json"))}


def _assert_complete(target: Path, backup: Path) -> None:
    wanted = validate(json.loads(backup.read_text(encoding="utf-8")))
    found = {cid: storage.parse_tables(raw, Path(cid)) for cid, raw in _files(target).items()}
    assert found == wanted


# ------------------------------------------------------------------ resuming


def test_an_interrupted_import_is_completed_by_importing_again(root: Path, tmp_path: Path) -> None:
    backup = _big_backup(root, tmp_path, 30)
    target = tmp_path / "target"
    clients = validate(json.loads(backup.read_text(encoding="utf-8")))
    # As a kill after eleven files leaves it: eleven whole files and the note.
    practice = Practice(target)
    journal.begin(target, "import", str(backup), list(clients), practice.clock())
    practice.import_clients(dict(list(clients.items())[:11]))
    check = run("check", "--data", target, home=tmp_path)
    assert check.code == 1
    assert f"run 'coach-tui import {backup}' again" in check.out
    result = run("import", backup, "--data", target, home=tmp_path)
    assert result.code == 0, result.both
    assert "Imported 19 executive(s)" in result.out
    assert "11 executive(s)" in result.out and "identical" in result.out
    assert len(result.out.splitlines()) == 2
    _assert_complete(target, backup)
    after = run("check", "--data", target, home=tmp_path)
    assert after.code == 0, after.both
    again = run("import", backup, "--data", target, home=tmp_path)
    assert again.code == 0 and "30 executive(s)" in again.out


def test_a_clash_with_other_content_is_one_short_line(root: Path, tmp_path: Path) -> None:
    backup = _big_backup(root, tmp_path, 60)
    target = tmp_path / "target"
    document = json.loads(backup.read_text(encoding="utf-8"))
    for client in document["clients"].values():
        client["client"][0]["role"] = "changed since"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(document), encoding="utf-8")
    assert run("import", other, "--data", target, home=tmp_path).code == 0
    before = _files(target)
    result = run("import", backup, "--data", target, home=tmp_path)
    assert result.code == 2
    line = result.one_line_error()
    assert "person-000, person-001, person-002 and 57 more" in line
    assert "nothing imported" in line and len(line) < 400
    assert _files(target) == before


def test_a_file_that_appears_with_other_content_is_bad_input(root: Path, tmp_path: Path) -> None:
    document = _export(root, tmp_path)
    clients = validate(document)
    target = Practice(tmp_path / "target")
    changed = copy.deepcopy(clients)
    changed["marcus-bell"]["client"]["1"]["role"] = "the other import's"
    target.import_clients({"marcus-bell": changed["marcus-bell"]})
    before = _files(target.root)
    with pytest.raises(InvalidInputError, match="appeared during the import") as caught:
        target.import_clients(clients)
    assert caught.value.exit_code == 2
    assert _files(target.root)["marcus-bell"] == before["marcus-bell"]
    # The same content again is no clash: already imported.
    assert target.import_clients({"marcus-bell": changed["marcus-bell"]}) == []


def test_the_loser_of_two_simultaneous_imports_exits_2(root: Path, tmp_path: Path) -> None:
    document = _export(root, tmp_path)
    one = {**document, "clients": {"marcus-bell": document["clients"]["marcus-bell"]}}
    two = copy.deepcopy(one)
    two["clients"]["marcus-bell"]["client"][0]["role"] = "another version"
    paths = []
    for number, doc in enumerate((one, two)):
        path = tmp_path / f"backup{number}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(path)
    target = tmp_path / "target"
    Practice(target)
    procs = [
        subprocess.Popen(
            [*MODULE, "import", str(path), "--data", str(target)],
            env=env_for(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in paths
    ]
    results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    for code, _, err in results:
        assert "Traceback" not in err
        if code == 2:
            assert len(err.strip().splitlines()) == 1


# ------------------------------------------------------------------ damage


def test_a_damaged_executive_is_exported_loudly_and_imported_by_name(
    root: Path, tmp_path: Path
) -> None:
    path = root / "clients" / "marcus-bell.json"
    tables = json.loads(path.read_bytes())
    del tables["client"]["1"]["name"]
    path.write_text(json.dumps(tables))
    assert run("check", "--data", root, home=tmp_path).code == 1
    backup = tmp_path / "all.json"
    exported = run("export", "-o", backup, "--data", root, home=tmp_path)
    assert exported.code == 1, exported.both
    problems = [line for line in exported.err.splitlines() if "marcus-bell" in line]
    assert len(problems) == 1 and "import leaves this executive out" in problems[0]
    assert "marcus-bell" in json.loads(backup.read_text(encoding="utf-8"))["clients"]
    target = tmp_path / "target"
    imported = run("import", backup, "--data", target, home=tmp_path)
    assert imported.code == 1, imported.both
    assert "Imported 3 executive(s)" in imported.out
    assert "not imported" in imported.err and "marcus-bell" in imported.err
    assert len(imported.err.strip().splitlines()) == 1
    assert sorted(_files(target)) == ["daniel-okafor", "priya-raman", "sofia-lindqvist"]
    assert run("check", "--data", target, home=tmp_path).code == 0


def test_csv_export_names_a_damaged_executive(root: Path, tmp_path: Path) -> None:
    path = root / "clients" / "marcus-bell.json"
    tables = json.loads(path.read_bytes())
    tables["sessions"]["1"]["started"] = "not a date"
    path.write_text(json.dumps(tables))
    result = run("export", "--csv", "--data", root, home=tmp_path)
    assert result.code == 1
    assert "marcus-bell" in result.err and "left out of the CSV" in result.err
    assert "Priya Raman" in result.out


# ------------------------------------------------------------------ the demo


def test_an_interrupted_demo_is_seeded_afresh(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    practice = Practice(target)
    journal.begin(target, "demo", "demo", ["priya-raman"], practice.clock())
    practice.create_client("Priya Raman")  # what a kill after the first executive leaves
    result = run("demo", "--no-open", "--data", target, home=tmp_path, timeout=120)
    assert result.code == 0, result.both
    assert "Seeded a demo practice of 4 executives" in result.out
    assert run("check", "--data", target, home=tmp_path).code == 0


def test_an_interrupted_demo_never_removes_a_coach_executive(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    practice = Practice(target)
    practice.create_client("Real Person")
    journal.begin(target, "demo", "demo", [], practice.clock())
    result = run("demo", "--no-open", "--data", target, home=tmp_path)
    assert result.code == 2
    assert "already holds a practice" in result.one_line_error()
    assert sorted(_files(target)) == ["real-person"]


# ------------------------------------------------------------------ kill -9 loop


def _killed(args: list[str], home: Path, delay: float) -> int | None:
    proc = subprocess.Popen(
        [*MODULE, *args],
        env=env_for(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err, err.decode()
    return proc.returncode


@pytest.mark.slow
def test_kill_9_loop_over_import_and_demo(root: Path, tmp_path: Path) -> None:
    rng = random.Random(20261130)
    began = time.monotonic()
    backup = _big_backup(root, tmp_path, 80)
    target = tmp_path / "target"
    demo = tmp_path / "demo"
    killed = 0
    for _ in range(4):
        args = ["import", str(backup), "--data", str(target)]
        killed += _killed(args, tmp_path, rng.uniform(0.3, 1.5)) == -signal.SIGKILL
        args = ["demo", "--no-open", "--data", str(demo)]
        killed += _killed(args, tmp_path, rng.uniform(0.5, 2.5)) == -signal.SIGKILL
    assert killed >= 5, "the processes ended before the kills: make the work longer"
    result = run("import", backup, "--data", target, home=tmp_path)
    assert result.code == 0, result.both
    _assert_complete(target, backup)
    assert run("check", "--data", target, home=tmp_path).code == 0
    seeded = run("demo", "--no-open", "--data", demo, home=tmp_path, timeout=120)
    assert seeded.code == 0, seeded.both
    check = run("check", "--data", demo, home=tmp_path)
    assert check.code == 0, check.both
    assert "4 executive(s)" in check.out
    review = run("review", "Priya", "--data", demo, home=tmp_path)
    assert review.code == 0 and "Priya Raman" in review.out
    print(f"\nkill loop: {killed} kills, {time.monotonic() - began:.1f} s")
