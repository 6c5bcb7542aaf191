"""``-o FILE`` never harms the practice: refused inside it, through links, streams for devices."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from hostile_cli import run
from review_demo import demo_copy

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX files")

#: Every command that writes a file the coach names, as (arguments before -o).
WRITERS = {
    "report": ["report", "Priya"],
    "export": ["export"],
    "export-csv": ["export", "--csv"],
    "kit-export": ["kit", "export", "Priya", "--for", "self"],
}


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return demo_copy(tmp_path_factory, tmp_path / "data")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock") and not p.name.startswith("practice.")
    }


@pytest.mark.parametrize("command", list(WRITERS))
@pytest.mark.parametrize("inside", ["clients/marcus-bell.json", "practice.json", "scripts/x.toml"])
def test_output_inside_the_data_folder_is_refused(
    command: str, inside: str, root: Path, tmp_path: Path
) -> None:
    (root / "scripts").mkdir(exist_ok=True, mode=0o700)
    target = root / inside
    index = (root / "practice.json").read_bytes()
    before = _snapshot(root)
    result = run(*WRITERS[command], "-o", target, "--data", root, home=tmp_path)
    assert result.code == 2, result.both
    line = result.one_line_error()
    assert str(target) in line
    assert "not written" in line
    assert _snapshot(root) == before
    if inside == "practice.json":
        assert target.read_bytes().startswith(index[:20])
    check = run("check", "--data", root, home=tmp_path)
    assert check.code == 0, check.both


@pytest.mark.parametrize("command", ["report", "export"])
def test_a_link_into_the_data_folder_is_refused(command: str, root: Path, tmp_path: Path) -> None:
    before = _snapshot(root)
    link = tmp_path / "innocent.md"
    link.symlink_to(root / "clients" / "marcus-bell.json")
    result = run(*WRITERS[command], "-o", link, "--data", root, home=tmp_path)
    assert result.code == 2, result.both
    assert "clients/" in result.one_line_error()
    assert link.is_symlink()
    assert _snapshot(root) == before


@pytest.mark.parametrize("command", list(WRITERS))
def test_output_is_written_through_a_link(command: str, root: Path, tmp_path: Path) -> None:
    real = tmp_path / "shared" / "out.txt"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = run(*WRITERS[command], "-o", link, "--data", root, home=tmp_path)
    assert result.code == 0, result.both
    assert link.is_symlink(), "the link was replaced by a file"
    assert real.read_text(encoding="utf-8-sig") != "old"


def test_reports_folder_of_the_practice_is_allowed(root: Path, tmp_path: Path) -> None:
    target = root / "reports" / "priya.md"
    target.parent.mkdir(mode=0o700)
    result = run("report", "Priya", "-o", target, "--data", root, home=tmp_path)
    assert result.code == 0, result.both
    assert target.read_text().startswith("#")


@pytest.mark.parametrize("command", ["report", "export", "export-csv"])
def test_dev_stdout_is_a_stream(command: str, root: Path, tmp_path: Path) -> None:
    result = run(*WRITERS[command], "-o", "/dev/stdout", "--data", root, home=tmp_path)
    assert result.code == 0, result.both
    assert len(result.out) > 100


def test_a_fifo_is_written_as_a_stream_not_replaced(root: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with fifo.open("rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    result = run("export", "-o", fifo, "--data", root, home=tmp_path, timeout=30)
    thread.join(timeout=30)
    assert result.code == 0, result.both
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the FIFO was replaced by a file"
    assert received and b"coach_tui_export" in received[0]


def test_a_full_device_is_not_replaced(root: Path, tmp_path: Path) -> None:
    device = tmp_path / "full"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a /dev/full of our own
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here")
    result = run("export", "-o", device, "--data", root, home=tmp_path)
    assert result.code == 1, result.both
    assert "no space left" in result.one_line_error()
    assert stat.S_ISCHR(device.stat().st_mode), "the device node was replaced by a file"


def test_kit_fill_refuses_a_device(root: Path, tmp_path: Path) -> None:
    from coach_tui.errors import InvalidInputError
    from coach_tui.selfassess import run_kit_fill

    kit = tmp_path / "kit.json"
    made = run("kit", "export", "Priya", "--for", "self", "-o", kit, "--data", root, home=tmp_path)
    assert made.code == 0, made.both
    with pytest.raises(InvalidInputError, match="not a regular file"):
        run_kit_fill(kit, Path("/dev/null"), "")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
