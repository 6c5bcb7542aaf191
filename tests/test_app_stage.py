"""Moving an engagement to the next stage: the checklist, and going on anyway."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app_helpers import (
    NOW,
    Posted,
    engagement_shown,
    make_app,
    screen_text,
    send_keys,
    settle,
    wait_until,
)
from textual.pilot import Pilot

from coach_tui.domain.model import STAGE_CHECKLISTS, Stage
from coach_tui.store.practice import Practice
from screens.advance import AdvanceDialog
from screens.engagement import EngagementScreen

pytest_plugins = ["app_fixtures"]


async def open_engagement(pilot: Pilot[Any], name: str) -> EngagementScreen:
    await settle(pilot)
    await send_keys(pilot, text=name)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EngagementScreen)
    await wait_until(pilot, lambda: engagement_shown(pilot.app))
    return screen


async def test_advance_with_the_checklist_complete(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_engagement(pilot, "priya")
        assert "◉ Awareness" in screen_text(app)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert isinstance(app.screen, AdvanceDialog)
        shown = screen_text(app)
        assert "Move from Awareness to Analysis?" in shown
        assert "Everything the stage usually needs is done." in shown
        assert "✗" not in shown
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await wait_until(pilot, lambda: "◉ Analysis" in screen_text(app))
        assert "Checklist · Analysis" in screen_text(app)
    engagement = Practice(demo_root).load("priya-raman").engagement
    assert engagement.stage is Stage.ANALYSIS
    change = engagement.changes[-1]
    assert (change.stage, change.at, change.skipped) == (Stage.ANALYSIS, NOW, [])


async def test_advance_without_the_checklist_records_what_was_skipped(empty_root: Path) -> None:
    client_id = Practice(empty_root).create_client("Ann Lee").id
    app = make_app(empty_root)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_engagement(pilot, "ann")
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert isinstance(app.screen, AdvanceDialog)
        shown = screen_text(app)
        missing = len(STAGE_CHECKLISTS[Stage.AWARENESS])
        assert f"{missing} item(s) not done" in shown
        assert "Move on anyway  y" in shown
        for item in STAGE_CHECKLISTS[Stage.AWARENESS]:
            assert item.text in shown
        # "Stay" has the focus: a stray enter does not move the engagement on.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        assert Practice(empty_root).load(client_id).engagement.stage is Stage.AWARENESS
        await pilot.press("greater_than_sign")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await wait_until(pilot, lambda: "◉ Analysis" in screen_text(app))
        assert f"moved to Analysis with {missing} item(s) skipped" in screen_text(app)
    engagement = Practice(empty_root).load(client_id).engagement
    assert engagement.stage is Stage.ANALYSIS
    assert engagement.changes[-1].skipped == [i.id for i in STAGE_CHECKLISTS[Stage.AWARENESS]]


async def test_escape_stays_and_the_last_stage_has_no_next(demo_root: Path) -> None:
    app = make_app(demo_root)
    posted = Posted()
    async with app.run_test(size=(100, 30), message_hook=posted) as pilot:
        await open_engagement(pilot, "marcus")
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert isinstance(app.screen, AdvanceDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await pilot.press("escape")  # back to the practice
        await settle(pilot)
        await pilot.press("escape")  # the filter still says "marcus": clear it
        screen = await open_engagement(pilot, "daniel")
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert app.screen is screen
        assert any("Achievement is the last stage" in m for _, m in posted.notifications)
    practice = Practice(demo_root)
    assert practice.load("marcus-bell").engagement.stage is Stage.ANALYSIS
    assert practice.load("daniel-okafor").engagement.stage is Stage.ACHIEVEMENT
