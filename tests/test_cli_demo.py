"""``coach-tui demo`` and COACH_TUI_DATA: the demo goes beside the practice, and says where."""

from __future__ import annotations

from pathlib import Path

from app_helpers import make_app, screen_text, settle, wait_until
from test_cli import MODULE, _run

from coach_tui import locations
from coach_tui.demo import seed as demo

pytest_plugins = ["app_fixtures"]


def test_the_demo_goes_beside_the_folder_coach_tui_data_names(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    practice = home / "practice"
    result = _run(MODULE, "demo", "--no-open", home=home, data=practice, timeout=180)
    assert result.code == 0, result.both
    sibling = home / "practice-demo"
    assert str(sibling) in result.out
    assert locations.is_demo(sibling)
    assert not practice.exists()  # the real practice is never touched
    assert not (home / "xdg_data_home" / "coach-tui-demo").exists()


def test_the_marker_is_the_one_the_demo_writes() -> None:
    assert demo.DEMO_MARKER == locations.DEMO_MARKER


async def test_the_practice_screen_says_it_is_the_demo_and_where(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: "Demo practice" in screen_text(app))
        shown = " ".join(screen_text(app).split())  # the status line wraps a long path
        assert f"demo practice in {demo_root}" in shown
