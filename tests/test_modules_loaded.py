"""What the app loads before its first frame, and ``review``: the sync modules only for
a practice that is sealed or synced, and TinyDB only to write (a few ms of each)."""

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
        watched = ("coach_tui.sync.", "screens.sync", "tinydb")
        print(sorted(m for m in sys.modules if m.startswith(watched)))
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


def test_review_reads_without_tinydb(tmp_path: Path) -> None:
    from coach_tui.domain.model import InsightKind
    from coach_tui.store.practice import Practice

    root = tmp_path / "data"
    practice = Practice(root)
    client = practice.create_client("Ana Costa")
    practice.capture(client.id, InsightKind.GOAL, "Delegate the weekly numbers")
    probe = (
        "import sys; from coach_tui.cli.main import main;"
        f"code = main(['review', 'Ana Costa', '--data', {str(root)!r}]);"
        "print(code, sorted(m for m in sys.modules if m.startswith('tinydb')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.splitlines()[-1] == "0 []"
