"""The house rules a newcomer relies on: one place per fact, nothing outside the repo."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", ".git", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def _files(*folders: str, suffixes: tuple[str, ...] = (".py",)) -> list[Path]:
    found = []
    for folder in folders:
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in suffixes and not SKIP & set(path.parts):
                found.append(path)
    return found


def test_the_coach_notes_id_is_named_in_one_place() -> None:
    named = [
        str(p.relative_to(ROOT))
        for p in _files("coach_tui", "screens")
        if '"coach-notes"' in p.read_text(encoding="utf-8")
    ]
    assert named == ["coach_tui/domain/privacy.py"]


def test_nothing_refers_to_files_outside_the_repository() -> None:
    outside = re.compile(r"DESIGN\.md|COACHING\.md|\.\./shared")
    suffixes = (".py", ".md", ".toml", ".tcss", ".txt", ".cfg")
    files = [p for p in ROOT.iterdir() if p.is_file() and p.suffix in suffixes]
    for folder in ("coach_tui", "screens", "prompts", "tests", "bench", "docs"):
        if (ROOT / folder).is_dir():
            files += _files(folder, suffixes=suffixes)
    me = Path(__file__).resolve()
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in files
        if p.resolve() != me
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if outside.search(line)
    ]
    assert offenders == []


def test_scripts_and_cli_are_modules_of_one_concern() -> None:
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in _files("coach_tui/scripts", "coach_tui/cli")
    }
    assert sizes and all(n <= 500 for n in sizes.values()), sizes


#: Ways to run work off the UI thread other than ``screens/work.py``'s ``run_core``.
OTHER_WORKERS = re.compile(
    r"call_from_thread|to_thread|run_worker|@work\b|from textual import .*\bwork\b"
    r"|import threading|threading\.Thread|concurrent\.futures"
)


def test_screens_run_core_work_one_way() -> None:
    """Every screen calls the core the same way: ``run_core``, its result a ``CoreDone``."""
    offenders = [
        f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
        for p in _files("screens")
        if p.name != "work.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if OTHER_WORKERS.search(line)
    ]
    assert offenders == []


def test_the_core_has_one_thread_of_its_own_the_save_queue() -> None:
    """The core locks (``threading.Lock``) but starts no thread but the save queue's."""
    starts = re.compile(r"threading\.Thread\b|to_thread|ThreadPoolExecutor|ProcessPool")
    threaded = sorted(
        str(p.relative_to(ROOT))
        for p in _files("coach_tui")
        if starts.search(p.read_text(encoding="utf-8"))
    )
    assert threaded in ([], ["coach_tui/store/autosave.py"]), threaded


def test_screens_are_modules_of_one_concern() -> None:
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in _files("screens")
    }
    assert sizes and all(n <= 500 for n in sizes.values()), sizes
