"""Scale: a generated one-year practice opened by the app under Pilot.

Nothing on the start-up path may grow with the number of executives: the practice
screen comes from the index alone, without opening a single client file.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from rich.text import Text

from bench.generate import generate
from coach_tui.domain.model import ClientSummary
from coach_tui.store.practice import Practice
from screens.app import create_app
from screens.practice import PracticeScreen
from screens.widgets.row_list import RowList


@pytest.fixture(scope="module")
def one_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("one-year")
    totals = generate(root, years=1, seed=7, quiet=True)
    assert totals["executives"] == 20
    assert totals["sessions"] == 240
    Practice(root).list_clients()  # the index is fresh, as after any normal use
    return root


async def test_start_up_reads_only_the_index(one_year: Path, reads: list[Path]) -> None:
    opened = reads
    app = create_app(one_year, clock=lambda: datetime(2026, 11, 28, 9, 0), blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert len(screen.summaries) == 20
    client_files = [p for p in opened if p.parent.name == "clients"]
    assert client_files == [], f"start-up opened {len(client_files)} client file(s)"


async def test_start_up_builds_only_the_rows_on_screen(
    one_year: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list asks for a row's text only to draw it: 20 executives, 8 lines shown."""
    built: list[str] = []
    real_cells = PracticeScreen._cells

    def counting_cells(self: PracticeScreen, summary: ClientSummary, today: date) -> list[Text]:
        built.append(summary.id)
        return real_cells(self, summary, today)

    monkeypatch.setattr(PracticeScreen, "_cells", counting_cells)
    app = create_app(one_year, clock=lambda: datetime(2026, 11, 28, 9, 0), blink=False)
    async with app.run_test(size=(100, 18)) as pilot:
        await pilot.pause()
        rows = app.screen.query_one("#clients", RowList)
        assert rows.row_count == 20
        assert rows.show_vertical_scrollbar
        assert not rows.show_horizontal_scrollbar  # the columns fit beside the scrollbar
        shown = rows.scrollable_content_region.height
        assert 0 < shown < 20
        assert set(built) == set(rows.keys[:shown])
        await pilot.press("end")
        await pilot.pause()
        assert rows.cursor == 19
        assert rows.keys[19] in built


def test_the_largest_executive_has_the_most_sessions(one_year: Path) -> None:
    practice = Practice(one_year)
    counts = sorted(len(practice.load(cid).sessions) for cid in practice.client_ids())
    assert counts[-1] == 48
    assert sum(counts) == 240
