"""The practice (home) screen, adding an executive, help, the palette, stakeholders."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from app_helpers import NOW, make_app, screen_text, send_keys, settle, wait_until
from textual.widgets import DataTable

from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice
from screens.engagement import EngagementScreen
from screens.help import HelpScreen
from screens.new_client import NewClientScreen
from screens.practice import PracticeScreen, _short_date, column_widths
from screens.stakeholders import StakeholderDialog, StakeholdersScreen
from screens.widgets.row_list import RowList

pytest_plugins = ["app_fixtures"]


async def test_first_run_explains_the_first_step(empty_root: Path) -> None:
    app = make_app(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        shown = screen_text(app)
        assert "Your practice is empty" in shown
        assert "coach-tui demo" in shown
        assert not app.screen.query_one("#clients").display
        # Enter on the empty practice goes straight to adding the first executive.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NewClientScreen)


async def test_add_an_executive_with_the_keyboard(empty_root: Path) -> None:
    app = make_app(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, NewClientScreen)
        # Enter moves from field to field; on the last one it adds.
        await send_keys(pilot, text="Ann  Lee")
        await pilot.press("enter")
        await send_keys(pilot, text="Acme Rail")
        await pilot.press("enter")
        await send_keys(pilot, text="COO")
        await pilot.press("enter")
        await send_keys(pilot, text="Bo Chen (CEO)")
        await pilot.press("enter")
        await send_keys(pilot, text="ann@example.com")
        await pilot.press("enter")
        await settle(pilot)
        # The new executive opens at once, in the Awareness stage.
        assert isinstance(app.screen, EngagementScreen)
        await wait_until(pilot, lambda: "Ann Lee" in screen_text(app))  # whose file opened
        await wait_until(pilot, lambda: "Awareness" in screen_text(app))
        client = Practice(empty_root).load("ann-lee").client
        assert (client.name, client.organisation, client.role) == ("Ann Lee", "Acme Rail", "COO")
        assert (client.sponsor, client.email) == ("Bo Chen (CEO)", "ann@example.com")
        assert client.created == NOW
        # Back home, the practice lists them.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert "Ann Lee" in screen_text(app)
        assert app.screen.query_one("#clients", RowList).row_count == 1


async def test_a_name_is_required(empty_root: Path) -> None:
    app = make_app(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewClientScreen)
        assert "A name is needed." in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
    assert Practice(empty_root).list_clients() == []


async def test_a_duplicate_name_is_warned_then_added_on_confirmation(empty_root: Path) -> None:
    Practice(empty_root).create_client("Ann Lee", organisation="Acme Rail")
    app = make_app(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await send_keys(pilot, text="ann lee")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewClientScreen)
        shown = screen_text(app)
        assert "already in your practice (Acme Rail)" in shown
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
    names = sorted((s.id, s.name) for s in Practice(empty_root).list_clients())
    assert names == [("ann-lee", "Ann Lee"), ("ann-lee-2", "ann lee")]


async def test_typing_filters_the_list_and_enter_opens_the_one_left(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#clients", RowList)
        assert table.row_count == 4
        await send_keys(pilot, text="lindq")
        await pilot.pause()
        assert table.row_count == 1
        assert "1 of 4 executives" in screen_text(app)
        await send_keys(pilot, text="zz")
        await pilot.pause()
        assert table.row_count == 0
        assert "No executive matches “lindqzz”" in screen_text(app)
        await pilot.press("backspace", "backspace", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await wait_until(pilot, lambda: "Sofia Lindqvist" in screen_text(app))  # whose file opened


async def test_a_name_typed_fast_then_enter_opens_that_executive(demo_root: Path) -> None:
    """A burst of keys, as a fast typist or a paste delivers them: enter waits its turn."""
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send_keys(pilot, *"sof", "enter", wait=False)
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await wait_until(pilot, lambda: "Sofia Lindqvist" in screen_text(app))  # whose file opened


async def test_coming_back_to_the_practice_lists_it_again(demo_root: Path) -> None:
    """The first return from an executive re-reads the index (only the resume that
    follows the first mount is skipped)."""
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        Practice(demo_root).create_client("Zoe Quinn")  # another process, meanwhile
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.query_one("#clients", RowList).row_count == 5
        assert "Zoe Quinn" in screen_text(app)


async def test_a_stale_index_is_rebuilt_off_the_ui_thread(demo_root: Path) -> None:
    """Files restored from a backup: the rows come from a worker, not a frozen screen."""
    Practice(demo_root).index_path.unlink()
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert not screen.query_one("#welcome").display  # not "your practice is empty"
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert screen.query_one("#clients", RowList).row_count == 4
        assert "4 of 4 executives" in screen_text(app)
    assert Practice(demo_root).list_clients_if_fresh() is not None


async def test_the_list_fits_80_columns(demo_root: Path) -> None:
    """No sideways scrolling at 80×24: the next call and the actions are in view."""
    app = make_app(demo_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        row = next(line for line in lines if "Sofia Lindqvist" in line)
        assert "Action" in row and "12 Mar" in row and "2 open 1!" in row
        assert "1 overdue action(s)" in screen_text(app)
    for width in (50, 60, 66, 70, 76, 80, 99, 100, 120, 200):
        widths = column_widths(width)
        assert sum(widths.values()) + 2 * len(widths) <= width - 4
        assert widths["name"] >= 14


async def test_narrow_terminals_drop_columns_rather_than_scroll_sideways(
    demo_root: Path,
) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        heading = next(line for line in lines if "Executive" in line)
        row = next(line for line in lines if "Sofia Lindqvist" in line)
        assert "Calls" not in heading and "Last" not in heading
        assert heading.index("Stage") == row.index("●")  # headings sit over their cells
        assert heading.index("Next") == row.index("12 Mar")
        rows = app.screen.query_one("#clients", RowList)
        assert not rows.show_horizontal_scrollbar
        await pilot.press("right", "right")
        assert rows.scroll_x == 0


def test_dates_fit_their_column_whatever_the_year() -> None:
    today = date(2026, 11, 28)
    assert _short_date(today, today) == "today"
    assert _short_date(date(2026, 3, 7), today) == "07 Mar"
    assert _short_date(date(2025, 11, 3), today) == "Nov’25"
    assert _short_date(date(2027, 1, 9), today) == "Jan’27"
    assert _short_date(None, today) == "—"
    widths = column_widths(80)
    assert widths["last"] == widths["next"] == len("07 Mar")
    assert widths["name"] >= 20


async def test_help_lists_the_keys_of_the_screen(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "Keys on this screen (Practice)" in shown
        for line in ("ctrl+n", "New executive"), ("ctrl+p", "command palette"), ("ctrl+q", "quit"):
            assert any(line[0] in row and line[1] in row for row in shown.splitlines()), line
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        # The session's help explains the capture keys and their function-key twins.
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)


async def test_palette_finds_an_executive_by_part_of_the_name(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await send_keys(pilot, text="okaf")
        await wait_until(pilot, lambda: "Open Daniel Okafor" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await wait_until(pilot, lambda: "Daniel Okafor" in screen_text(app))  # whose file opened
        await wait_until(pilot, lambda: "Meridian Bank" in screen_text(app))


async def test_stakeholders_screen_adds_one(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await send_keys(pilot, text="priya")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, StakeholdersScreen)
        before = app.screen.query_one("#people", DataTable).row_count
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, StakeholderDialog)
        await send_keys(pilot, text="Lena Park")
        await pilot.press("tab", "enter", "down", "enter")  # relationship: the next one
        await pilot.press("tab")
        await send_keys(pilot, text="lena@example.com")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StakeholdersScreen)
        assert app.screen.query_one("#people", DataTable).row_count == before + 1
        assert "Lena Park" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await wait_until(pilot, lambda: "Lena Park" in screen_text(app))
    people = Practice(demo_root).load("priya-raman").stakeholders
    lena = next(p for p in people if p.name == "Lena Park")
    assert lena.email == "lena@example.com"
    assert lena.relationship != "peer"  # moved off the default with the arrow key


async def test_overdue_actions_follow_the_calendar(empty_root: Path) -> None:
    day_one = datetime(2026, 3, 2, 9, 0)
    practice = Practice(empty_root, clock=lambda: day_one)
    client_id = practice.create_client("Ann Lee").id
    practice.capture(client_id, InsightKind.ACTION, "Call Bo", due=date(2026, 3, 3))
    assert practice.list_clients()[0].overdue_actions == 0  # not due yet on day one
    app = make_app(empty_root)
    app.practice.clock = lambda: datetime(2026, 3, 9, 10, 30)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "1 overdue action(s)" in screen_text(app)
