"""The app and an encrypted or synced practice: the passphrase screen, "Sync now"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from coach_tui.store import storage
from coach_tui.store.practice import Practice
from coach_tui.sync import crypto, settings
from screens.practice import PracticeScreen
from screens.unlock import UnlockScreen
from tests.app_helpers import (
    Posted,
    make_app,
    screen_text,
    send_keys,
    settle,
    wait_until,
)
from tests.sync_helpers import PASSPHRASE, Clock, seed
from tests.test_crypto import _encrypt_in_process
from tests.test_sync import bare_remote, sync


@pytest.fixture(autouse=True)
def _fresh_keys() -> None:
    crypto._keys.clear()
    storage._cache.clear()


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


async def test_an_encrypted_practice_opens_only_with_its_passphrase(tmp_path: Path) -> None:
    root = tmp_path / "data"
    seed(root)
    _encrypt_in_process(root)
    crypto._keys.clear()
    storage._cache.clear()
    before = _snapshot(root)
    app = make_app(root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert "Sofia" not in screen_text(app)
        await send_keys(pilot, text="not the passphrase")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Wrong passphrase" in screen_text(app))
        assert isinstance(app.screen, UnlockScreen)
        assert _snapshot(root) == before  # nothing written
        await send_keys(pilot, text=PASSPHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        await wait_until(pilot, lambda: "Sofia Marin" in screen_text(app))


async def test_sync_now_from_the_palette_brings_the_other_machines_work(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    a, b = tmp_path / "laptop", tmp_path / "desktop"
    seed(a)
    assert sync(a, remote).pushed
    b.mkdir(mode=0o700)
    assert sync(b, remote).pushed
    Practice(a, clock=Clock(datetime(2026, 11, 20, 9, 0))).create_client("Tomas Berg")
    assert sync(a).pushed
    assert settings.load(b).last_sync
    settings.update(b, last_sync="")  # as if never synced from the app
    app = make_app(b)
    posted = Posted()
    seen = posted.notifications  # every notification, as posted
    async with app.run_test(size=(100, 30), message_hook=posted) as pilot:
        await settle(pilot)
        assert "not synced yet" in screen_text(app)
        assert "Tomas Berg" not in screen_text(app)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await send_keys(pilot, text="sync now")
        await wait_until(pilot, lambda: "Sync now" in screen_text(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Tomas Berg" in screen_text(app), timeout=30)
        await wait_until(pilot, lambda: "last sync 20" in screen_text(app))
        assert any("Synced: 1 file(s) received" in message for _, message in seen)


async def test_sync_on_start_is_a_switch_in_the_palette(tmp_path: Path) -> None:
    root = tmp_path / "data"
    seed(root)
    app = make_app(root)
    posted = Posted()
    seen = posted.notifications  # every notification, as posted
    async with app.run_test(size=(100, 30), message_hook=posted) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await send_keys(pilot, text="sync on start")
        await wait_until(pilot, lambda: "Sync on start: turn on" in screen_text(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: settings.load(root).sync_on_start)
        assert ("", "Sync on start: on") in seen
    assert settings.load(root).sync_on_quit is False
