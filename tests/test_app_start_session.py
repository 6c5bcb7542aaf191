"""Starting a session: the screen opens at once and the session is written off the UI thread.

``s`` on the engagement pushes the session screen, whose load worker writes the new
session (with the id the screen was given) and then shows it. A store that refuses
says so in one line, and the coach is not left on an empty session screen.
"""

from __future__ import annotations

from pathlib import Path

from app_helpers import Posted, make_app, session_ready, settle, wait_until

from coach_tui.store import livefile, storage
from coach_tui.store.practice import Practice
from screens.engagement import EngagementScreen
from screens.session import SessionScreen

pytest_plugins = ["app_fixtures"]


async def test_s_opens_the_session_and_writes_it_with_the_screen_s_id(empty_root: Path) -> None:
    client_id = Practice(empty_root).create_client("Ann Lee").id
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await wait_until(pilot, lambda: session_ready(app))
        live = Practice(empty_root).live_session_ids(client_id)
        assert live == [screen.session_id]
        assert livefile.session_path(empty_root, client_id, screen.session_id).is_file()


async def test_a_session_the_store_refuses_is_said_and_the_screen_closes(
    empty_root: Path,
) -> None:
    practice = Practice(empty_root)
    client_id = practice.create_client("Ann Lee").id
    app = make_app(empty_root)
    posted = Posted()
    seen = posted.notifications
    async with app.run_test(size=(120, 34), message_hook=posted) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        path = practice.client_path(client_id)
        path.write_text("{ not json", encoding="utf-8")  # damaged behind the app's back
        storage.forget(path)
        await pilot.press("s")
        await wait_until(pilot, lambda: any(t == "Cannot start the session" for t, _ in seen))
        await settle(pilot)
        assert not isinstance(app.screen, SessionScreen)
        (message,) = [m for t, m in seen if t == "Cannot start the session"]
        assert str(path) in message and "\n" not in message.strip()
    assert not (empty_root / "clients" / client_id / "sessions").exists()
