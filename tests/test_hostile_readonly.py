"""A practice the command may not write: read-only commands work, the rest say why in one line.

Permissions restrict nothing for root, and CI runs as root: there the command runs
as ``nobody`` (``hostile_cli.unprivileged_prefix``), and the practice is handed to
``nobody`` when it should be theirs. Nothing here may leave a lock file behind or
change a folder's mode.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hostile_cli import NOBODY, Result, run, unprivileged_prefix
from review_demo import demo_copy

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")

READERS = {
    "review": ["review", "Priya"],
    "report": ["report", "Priya"],
    "report-sponsor": ["report", "Sofia", "--audience", "sponsor"],
    "check": ["check"],
    "check-trash": ["check", "--trash"],
    "export": ["export"],
    "export-csv": ["export", "--csv"],
    "scripts": ["scripts"],
}


def _writers(tmp_path: Path, backup: Path) -> dict[str, list[str]]:
    """Paths relative to ``tmp_path``, where the command runs (see ``_as_reader``)."""
    return {
        "import": ["import", str(backup.relative_to(tmp_path))],
        "check-repair": ["check", "--repair"],
        "restore": ["check", "--restore", "priya-raman:nothing"],
        "kit-export": ["kit", "export", "Priya", "--for", "self", "-o", "k.md"],
        "report-to-file": ["report", "Priya", "-o", "r.md"],
    }


def _modes(root: Path) -> dict[str, int]:
    return {str(p): stat.S_IMODE(p.lstat().st_mode) for p in [root, *root.rglob("*")]}


def _give_away(root: Path, dir_mode: int, file_mode: int, owner: int | None) -> None:
    for path in sorted([root, *root.rglob("*")], key=lambda p: -len(p.parts)):
        if owner is not None:
            os.chown(path, owner, owner)
        path.chmod(dir_mode if path.is_dir() else file_mode)


@pytest.fixture
def practice(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    root = demo_copy(tmp_path_factory, tmp_path / "data")
    run("check", "--repair", "--data", root, home=tmp_path)  # a fresh index, as in use
    for lock in root.rglob("*.lock"):
        lock.unlink()
    return root


@pytest.fixture
def backup(practice: Path, tmp_path: Path) -> Path:
    exported = run("export", "--data", practice, home=tmp_path)
    document = json.loads(exported.out)
    client = document["clients"].pop("priya-raman")
    client["client"][0]["id"] = "new-person"
    client["client"][0]["name"] = "New Person"
    for doc in client["meta"]:
        doc["client_id"] = "new-person"
    document["clients"] = {"new-person": client}
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document))
    path.chmod(0o644)
    return path


def _as_reader(root: Path, tmp_path: Path, *args: str) -> Result:
    prefix = unprivileged_prefix(tmp_path)
    data = root.relative_to(tmp_path)  # the command runs in tmp_path
    return run(*args, "--data", data, home=tmp_path, prefix=prefix, timeout=60)


@pytest.mark.parametrize("dir_mode", [0o500, 0o555], ids=["chmod500", "mode555"])
def test_a_read_only_practice_reads_and_refuses_writes_in_one_line(
    dir_mode: int, practice: Path, backup: Path, tmp_path: Path
) -> None:
    _give_away(practice, dir_mode, 0o400, NOBODY if os.geteuid() == 0 else None)
    before = _modes(practice)
    for name, args in READERS.items():
        result = _as_reader(practice, tmp_path, *args)
        if name == "check" or name == "check-trash":
            # 0555 lets others read the practice: check says so (and that it cannot fix it
            # without --repair); a 0500 practice is private and passes.
            assert result.code == (0 if dir_mode == 0o500 else 1), (name, result.both)
        else:
            assert result.code == 0, (name, result.both)
        assert len(result.out) > 20, (name, result.both)
        if name.startswith("report"):
            assert "not recorded in the history" in result.err, result.err
            assert len(result.err.strip().splitlines()) == 1
    for name, args in _writers(tmp_path, backup).items():
        result = _as_reader(practice, tmp_path, *args)
        assert result.code in (1, 2), (name, result.both)
        line = result.one_line_error()
        assert "permission denied" in line or "read-only" in line, (name, line)
    assert not list(practice.rglob("*.lock")), "a lock file was made"
    assert _modes(practice) == before, "a permission was changed"


def test_a_practice_of_another_user_says_so_in_one_line(
    practice: Path, backup: Path, tmp_path: Path
) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to make a folder that belongs to another user")
    # The practice stays root's, private (0700/0600); the command runs as nobody.
    before = _modes(practice)
    for name, args in {**READERS, **_writers(tmp_path, backup)}.items():
        if name == "scripts":
            continue  # lists the shipped scripts; it reads no practice file
        result = _as_reader(practice, tmp_path, *args)
        assert result.code in (1, 2), (name, result.both)
        line = result.err.strip().splitlines()[-1]
        assert "permission denied" in line, (name, result.both)
        assert "data" in line, (name, line)
    assert _modes(practice) == before


def test_a_readable_practice_of_another_user_can_be_read(
    practice: Path, backup: Path, tmp_path: Path
) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to make a folder that belongs to another user")
    _give_away(practice, 0o755, 0o644, None)  # root's, readable by all
    before = _modes(practice)
    review = _as_reader(practice, tmp_path, "review", "Priya")
    assert review.code == 0, review.both
    imported = _as_reader(practice, tmp_path, "import", str(backup.relative_to(tmp_path)))
    assert imported.code == 1, imported.both
    assert "permission denied" in imported.one_line_error()
    assert _modes(practice) == before
