"""Opening an engagement: it appears whole, in one go, or not at all with one clear line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from app_helpers import Posted, make_app, send_keys, settle, wait_until
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList

from coach_tui.domain.model import ClientRecord
from coach_tui.domain.plan import running_views
from coach_tui.store.practice import Practice
from screens.engagement import EngagementScreen
from screens.practice import PracticeScreen
from screens.widgets.footer import CoachFooter
from screens.widgets.running_views import SECTIONS

pytest_plugins = ["app_fixtures"]


async def test_enter_shows_the_engagement_with_its_record_never_empty_first(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow disk: the practice stays until the file is read, then the whole screen."""
    real_load = Practice.load

    def slow_load(self: Practice, client_id: str, **options: bool) -> ClientRecord:
        time.sleep(0.3)
        return real_load(self, client_id, **options)

    monkeypatch.setattr(Practice, "load", slow_load)
    record = real_load(Practice(demo_root), "sofia-lindqvist")
    app = make_app(demo_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await send_keys(pilot, text="sofia")
        await pilot.press("enter")
        on_screen = lambda: isinstance(app.screen, EngagementScreen) and app.screen.is_mounted  # noqa: E731
        await wait_until(pilot, on_screen, idle=False)
        screen = app.screen
        # From the moment the engagement is on screen, it shows the record.
        assert screen.title == "Sofia Lindqvist"
        sessions = {o.id for o in screen.query_one("#sessions", OptionList).options}
        assert sessions == {s.id for s in record.sessions_of(record.engagement.id)}
        views = running_views(record)
        items = {i.id for kind, _ in SECTIONS for i in views.of(kind)}
        assert items and items <= {o.id for o in screen.query_one("#views", OptionList).options}


async def test_an_unreadable_file_is_one_line_and_the_practice_stays(demo_root: Path) -> None:
    posted = Posted()
    app = make_app(demo_root)
    async with app.run_test(size=(120, 34), message_hook=posted) as pilot:
        await settle(pilot)
        path = Practice(demo_root).client_path("sofia-lindqvist")
        path.write_text("{ not json", encoding="utf-8")  # after the practice listed her
        app.open_client("sofia-lindqvist")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        (title, message), *_ = [n for n in posted.notifications if "Cannot open" in n[0]]
        assert title == "Cannot open this executive"
        assert "\n" not in message.strip() and "Traceback" not in message
        await pilot.press("escape")  # still the practice, working
        await settle(pilot)
        assert app.is_running


class KeysScreen(Screen[None]):
    BINDINGS = [Binding("s", "noop", "Session"), Binding("r", "other", "Review")]

    def compose(self) -> ComposeResult:
        yield CoachFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        # The first frame: what the footer holds when the screen is first painted.
        self.call_after_refresh(self._first_frame)

    def _first_frame(self) -> None:
        drawn = self.query_one(CoachFooter).render().plain
        self.app.first_frame_keys = drawn  # type: ignore[attr-defined]

    def action_noop(self) -> None:
        pass

    def action_other(self) -> None:
        pass


class FooterApp(App[None]):
    first_frame_keys: str | None = None

    def on_mount(self) -> None:
        self.push_screen(KeysScreen())


async def test_the_footer_has_its_keys_in_the_first_frame() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.first_frame_keys is not None
        assert "s Session r Review" in app.first_frame_keys
        keys = [entry.description for entry in app.screen.query_one(CoachFooter).entries]
        assert {"Session", "Review"} <= set(keys)
        await pilot.click(CoachFooter, offset=(0, 0))  # the first key still acts
        await pilot.pause()
        assert app.is_running


async def test_a_resized_terminal_lays_the_engagement_out_again(demo_root: Path) -> None:
    from app_helpers import screen_text

    app = make_app(demo_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        app.open_client("sofia-lindqvist")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EngagementScreen)
        views = screen.query_one("#views")
        assert views.region.right > 100
        for size in ((80, 24), (100, 30)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert screen.size == size
            assert size[0] - 3 <= views.region.right <= size[0]  # the right column follows
            assert views.region.bottom <= size[1] - 1  # above the footer
            assert "Running views" in screen_text(app)
