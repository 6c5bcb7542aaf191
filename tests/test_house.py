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
