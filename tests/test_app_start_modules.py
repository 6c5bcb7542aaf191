"""What the app loads before its first frame: the sync modules only for a practice
that is sealed or synced (a few ms of every start otherwise)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import asyncio, sys
from pathlib import Path
from screens.app import create_app
async def main():
    app = create_app(Path({root!r}), blink=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        print(sorted(m for m in sys.modules if m.startswith(("coach_tui.sync.", "screens.sync"))))
        print(repr(app.last_sync))
asyncio.run(main())
"""


def _first_frame_modules(root: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(root=str(root))],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return out.splitlines()


def test_a_plain_practice_starts_without_the_sync_modules(tmp_path: Path) -> None:
    modules, label = _first_frame_modules(tmp_path / "data")
    assert modules == "['coach_tui.sync.passphrase']"  # the app turns the tty prompt off
    assert label == "''"


def test_a_synced_practice_shows_its_last_sync(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / ".sync" / "repo" / ".git").mkdir(parents=True)
    modules, label = _first_frame_modules(root)
    assert "screens.sync" in modules
    assert label == "' · not synced yet'"
