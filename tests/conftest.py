"""Shared test setup: nothing a test writes may land outside its tmp_path."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Hypothesis keeps an example database and caches in ./.hypothesis by default; point
# it at a throw-away folder before it is imported by any test module.
_HYPOTHESIS_DIR = Path(tempfile.mkdtemp(prefix="coach-tui-hypothesis-"))
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(_HYPOTHESIS_DIR))

from hypothesis import settings  # noqa: E402

settings.register_profile("coach-tui", database=None, deadline=None, print_blob=False)
settings.load_profile("coach-tui")


@pytest.fixture(autouse=True)
def _no_real_user_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Point HOME, XDG folders and COACH_TUI_DATA at tmp_path for every test."""
    home = tmp_path.parent / f"{tmp_path.name}-home"  # beside tmp_path: tests list it
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("COACH_TUI_DATA", str(home / "default-data"))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every data file the store reads from now on, in order (to prove what is not)."""
    from coach_tui.store import storage

    seen: list[Path] = []
    real_read = storage.read_tables

    def counting_read(path: Path) -> storage.Tables | None:
        seen.append(path)
        return real_read(path)

    monkeypatch.setattr(storage, "read_tables", counting_read)
    return seen


def pytest_collection_finish(session: pytest.Session) -> None:
    """Collect garbage as usual in the tests, whichever modules they imported.

    Importing ``screens`` pauses the collector until an app draws its first frame (a
    start-up saving); a test process that imports it and runs core tests for a while
    first should not run them with the collector off.
    """
    from screens.collector import resume_after_first_frame

    resume_after_first_frame()
