"""``review`` and ``report`` end without the interpreter's teardown, and lose nothing.

Freeing a long engagement's records one by one at exit was a tenth of a ``review``.
These run the console-script entry point in a subprocess, with an exit handler that
would print if the teardown ran, and check that every byte of output still arrives,
that exit codes and error lines are kept, and that a reader leaving early is quiet.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach_tui.cli.main import main
from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice

#: The entry point as the console script runs it, with a handler that marks teardown.
ENTRY = (
    "import atexit, sys;"
    "atexit.register(lambda: sys.stderr.write('TEARDOWN RAN\\n'));"
    "from coach_tui.cli.main import run;"
    "sys.argv[0] = 'coach-tui';"
    "run()"
)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COACH_TUI"))}
    env.update(HOME=str(home), PYTHONIOENCODING="utf-8", COLUMNS="100")
    return env


def _coach(
    tmp_path: Path, *args: str, stdout: int = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=_env(tmp_path),
        cwd=tmp_path,
        timeout=60,
        check=False,
    )


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    practice = Practice(root)
    client = practice.create_client("Ana Costa", organisation="Northwind", role="COO")
    for n in range(40):
        kind = InsightKind.GOAL if n % 4 == 0 else InsightKind.STRENGTH
        practice.capture(client.id, kind, f"Item {n}: " + "é" * 50)
    return root


def test_review_prints_everything_and_skips_teardown(
    practice: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ended = _coach(tmp_path, "review", "Ana Costa", "--data", str(practice))
    assert ended.returncode == 0, ended.stderr
    assert "TEARDOWN RAN" not in ended.stderr.decode()
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["review", "Ana Costa", "--data", str(practice)]) == 0
    assert ended.stdout.decode() == capsys.readouterr().out  # the same brief, every line


def _report(
    tmp_path: Path, practice: Path, *extra: str, stdout: int = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """The Markdown final report of Ana Costa, to stdout unless ``extra`` says ``-o``."""
    args = ("report", "Ana Costa", "--format", "md", "--data", str(practice), *extra)
    return _coach(tmp_path, *args, stdout=stdout)


def test_report_to_a_file_is_whole_on_disk(practice: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    ended = _report(tmp_path, practice, "-o", str(target))
    assert ended.returncode == 0, ended.stderr
    assert "TEARDOWN RAN" not in ended.stderr.decode()
    assert "Wrote the final report" in ended.stderr.decode()
    printed = _report(tmp_path, practice)
    # The same report in the file and on stdout (its first lines: the history it logs
    # of the first run shows in the second).
    assert target.read_bytes().splitlines()[:20] == printed.stdout.splitlines()[:20]
    assert len(target.read_bytes()) > 2000


def test_large_output_into_a_file_arrives_whole(practice: Path, tmp_path: Path) -> None:
    """Output still buffered when the command returns is flushed before the end."""
    with open(tmp_path / "printed.md", "wb") as sink:
        ended = _report(tmp_path, practice, stdout=sink.fileno())
    assert ended.returncode == 0
    assert (tmp_path / "printed.md").read_bytes() == _report(tmp_path, practice).stdout


def test_errors_keep_their_code_and_one_line(practice: Path, tmp_path: Path) -> None:
    ended = _coach(tmp_path, "review", "Nobody At All", "--data", str(practice))
    assert ended.returncode == 2
    lines = ended.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("coach-tui: ")
    assert "TEARDOWN RAN" not in ended.stderr.decode()


def test_a_reader_leaving_early_is_quiet(practice: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            ENTRY,
            "report",
            "Ana Costa",
            "--format",
            "md",
            "--data",
            str(practice),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=_env(tmp_path),
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # the reader leaves, as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) in (0, 1)
    assert "Traceback" not in err and "Exception ignored" not in err


def test_other_commands_keep_the_normal_end(practice: Path, tmp_path: Path) -> None:
    ended = _coach(tmp_path, "check", "--data", str(practice))
    assert "TEARDOWN RAN" in ended.stderr.decode()
