"""Reading ahead: the executive the coach pauses on is read before enter, never stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import make_app, screen_text, send_keys, settle, wait_until

from coach_tui.domain.model import ClientRecord, InsightKind
from coach_tui.store.practice import Practice
from screens.engagement import EngagementScreen
from screens.practice import PracticeScreen
from screens.widgets.row_list import RowList

pytest_plugins = ["app_fixtures"]


def count_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    loads: list[str] = []
    real_load = Practice.load

    def counted(self: Practice, client_id: str, **options: bool) -> ClientRecord:
        loads.append(client_id)
        return real_load(self, client_id, **options)

    monkeypatch.setattr(Practice, "load", counted)
    return loads


async def pause_on_sofia(pilot: object) -> None:
    await send_keys(pilot, text="sofia")  # type: ignore[arg-type]
    await wait_until(pilot, lambda: pilot.app.read_ahead is not None, timeout=10)  # type: ignore[attr-defined]


async def test_enter_after_a_pause_shows_what_was_read_ahead(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = count_loads(monkeypatch)
    app = make_app(demo_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        loads.clear()  # the copied folder's index was rebuilt from the files
        await pause_on_sofia(pilot)
        assert loads == ["sofia-lindqvist"]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
        assert loads == ["sofia-lindqvist"]  # shown from the read ahead, not read again
        assert app.screen.title == "Sofia Lindqvist"
        assert app.read_ahead is None  # held once: the engagement owns the record


async def test_a_file_written_after_the_read_is_read_again(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = count_loads(monkeypatch)
    app = make_app(demo_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pause_on_sofia(pilot)
        # Another process (a kit import, a sync) writes her file after the read.
        Practice(demo_root).capture(
            "sofia-lindqvist", InsightKind.STRENGTH, "Calm in the board room"
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
        await settle(pilot)
        assert loads.count("sofia-lindqvist") >= 2
        assert "Calm in the board room" in screen_text(app)


async def test_typing_or_arrowing_past_reads_nothing(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys arriving together restart the wait: only where the coach stopped is read."""
    import screens.practice

    pause = 1.0  # far longer than the gap between keys the terminal delivers together
    monkeypatch.setattr(screens.practice, "READ_AHEAD_AFTER", pause)
    loads = count_loads(monkeypatch)
    app = make_app(demo_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        rows = app.screen.query_one("#clients", RowList)
        loads.clear()  # the copied folder's index was rebuilt from the files
        await send_keys(pilot, "down", "down", "down")
        await wait_until(pilot, lambda: loads, timeout=10)
        await pilot.pause(pause)
        await settle(pilot)
        assert loads == [rows.cursor_key]  # not the rows passed on the way


async def test_back_from_the_engagement_the_list_has_the_focus(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pause_on_sofia(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
        await settle(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        await settle(pilot)
        assert isinstance(app.focused, RowList)
        await pilot.press("enter")  # opens her again
        await wait_until(pilot, lambda: isinstance(app.screen, EngagementScreen))
