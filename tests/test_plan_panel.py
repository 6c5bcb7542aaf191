"""The plan on the live session screen: focus goals apart from the areas linked to them.

"Development areas in focus" used to list a goal's title (the plan's focus held goals
and areas alike). Now the focus goals have their own heading and the areas listed
under "Development areas in focus" are the open development areas linked to them.
"""

from __future__ import annotations

from pathlib import Path

from app_helpers import make_app, screen_text, settle

from coach_tui.domain import plan as planning
from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice
from screens.session import SessionScreen
from screens.widgets.plan_panel import PlanPanel

pytest_plugins = ["app_fixtures"]

CLIENT = "sofia-lindqvist"


async def test_the_plan_lists_focus_goals_and_their_linked_areas_apart(
    demo_root: Path,
) -> None:
    record = Practice(demo_root).load(CLIENT)
    plan = record.latest_plan()
    assert plan is not None
    items = planning.plan_items(record, plan)
    goal = items["focus_goals"][0]
    area = next(a for a in items["focus"] if a.goal_id == goal.id)
    other_areas = [
        a.text
        for a in record.insights_of(InsightKind.WEAKNESS)
        if a.goal_id != goal.id and not a.done
    ]
    app = make_app(demo_root)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        if "Resume" in screen_text(app):
            await pilot.press("escape")
            await settle(pilot)
        app.open_client(CLIENT)
        await settle(pilot)
        await pilot.press("s")  # the session opens on the plan
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert "Focus goals" in screen_text(app)
        panel = app.screen.query_one("#plan-panel", PlanPanel)
        lines = [
            " ".join(str(panel.get_option_at_index(i).prompt).split())
            for i in range(panel.option_count)
        ]
        shown = " | ".join(lines)
    assert "Focus goals" in shown and "Development areas in focus" in shown
    focus_goals = shown.index("Focus goals")
    areas = shown.index("Development areas in focus")
    assert focus_goals < shown.index(goal.text[:30]) < areas
    assert shown.index(area.text[:30]) > areas, "the linked area, under the areas"
    under_areas = shown[areas:]
    assert goal.text[:30] not in under_areas, "no goal under the development areas"
    assert not any(text[:30] in under_areas for text in other_areas), "only linked areas"
    assert "Also due" in shown
