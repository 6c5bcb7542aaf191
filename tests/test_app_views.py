"""Running-view items are never cut silently: each one ends on screen, wrapped."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import make_app, screen_text, settle

from coach_tui.domain.model import Stage
from coach_tui.store.practice import Practice
from screens.session import SessionScreen
from screens.widgets.running_views import RunningViewsList

pytest_plugins = ["app_fixtures"]


@pytest.mark.parametrize(("size", "in_session"), [((80, 24), False), ((120, 34), True)])
async def test_every_item_shows_its_last_word(
    demo_root: Path, size: tuple[int, int], in_session: bool
) -> None:
    practice = Practice(demo_root)
    client_id = next(s.id for s in practice.list_clients() if s.stage is Stage.ACTION)
    app = make_app(demo_root)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if "Resume" in screen_text(app):
            await pilot.press("escape")
            await settle(pilot)
        app.open_client(client_id)
        await settle(pilot)
        if in_session:
            await pilot.press("s")
            await settle(pilot)
            assert isinstance(app.screen, SessionScreen)
            await pilot.press("ctrl+t", "ctrl+r")  # the plan shows first: the views
        else:
            app.screen.query_one("#views", RunningViewsList).focus()
        await settle(pilot)
        views = app.screen.query_one("#views", RunningViewsList)
        checked = 0
        for _ in range(views.option_count):
            option = views.highlighted_option
            if option is not None and option.id is not None:
                last_word = option.prompt.plain.split()[-1]
                assert last_word in screen_text(app), f"cut: …{option.prompt.plain[-50:]}"
                checked += 1
            await pilot.press("down")
        assert checked >= 10


async def test_the_plan_is_on_the_session_screen_and_commitments_tick_off(
    demo_root: Path,
) -> None:
    from app_helpers import wait_until

    from coach_tui.domain import plan as planning
    from coach_tui.domain.model import InsightKind

    practice = Practice(demo_root)
    client_id = next(s.id for s in practice.list_clients() if s.stage is Stage.ACTION)
    record = practice.load(client_id)
    plan = record.latest_plan()
    assert plan is not None
    commitment = planning.plan_items(record, plan)["review_actions"][0]
    app = make_app(demo_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        if "Resume" in screen_text(app):
            await pilot.press("escape")
            await settle(pilot)
        app.open_client(client_id)
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
        assert "Plan for today" in shown and "Commitments to review" in shown
        assert "Notes for next time" in shown
        assert "Plan" in screen_text(app).splitlines()[-1]  # the key is in the footer
        await pilot.press("ctrl+r")  # the panel on screen: the plan
        await settle(pilot)
        await pilot.press("space")
        await wait_until(
            pilot,
            lambda: (
                next(
                    i
                    for i in Practice(demo_root).load(client_id).insights_of(InsightKind.ACTION)
                    if i.id == commitment.id
                ).done
            ),
        )
        await wait_until(pilot, lambda: "☑" in screen_text(app))
        await pilot.press("ctrl+t")  # back to the running views
        await settle(pilot)
        assert "Running views" in screen_text(app)
