"""The app shows bidi controls as visible symbols: U+202E never reverses a line on screen."""

from __future__ import annotations

from pathlib import Path

from app_helpers import NOW, engagement_shown, make_app, screen_text, settle, wait_until

from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice
from screens.engagement import EngagementScreen
from screens.practice import PracticeScreen

pytest_plugins = ["app_fixtures"]

NAME = "Ana \u202eSmith\u2066"


async def test_bidi_overrides_are_visible_on_the_practice_and_engagement(
    empty_root: Path,
) -> None:
    practice = Practice(empty_root, clock=lambda: NOW)
    client = practice.create_client(NAME, organisation="Acme \u202eCorp", role="CFO")
    practice.capture(client.id, InsightKind.STRENGTH, "calm \u202eunder pressure")
    app = make_app(empty_root)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        shown = screen_text(app)
        assert "\u202e" not in shown and "\u2066" not in shown
        assert "Ana �Smith�" in shown
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        await wait_until(pilot, lambda: engagement_shown(pilot.app))
        await settle(pilot)
        shown = screen_text(app)
        assert "\u202e" not in shown
        assert "calm �under pressure" in shown
