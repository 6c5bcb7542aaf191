"""The practice's row list: keys, mouse, scrolling, and user text drawn as text."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from screens.widgets.row_list import RowList, row_cells

ODD_NAMES = [
    "[/]",
    "[TODO]",
    "[@click=app.quit]x[/]",
    "C:\\dir\\",
    "Zoë 🚀 Ñandú",
    "A very long name " * 12,
]


class ListApp(App[None]):
    """A bare app holding one RowList, recording what it builds and selects."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names
        self.built: list[int] = []
        self.selected: list[str] = []

    def compose(self) -> ComposeResult:
        yield RowList(id="rows")

    def on_mount(self) -> None:
        self.rows.set_rows([f"k{i}" for i in range(len(self.names))], self.row_text, 40)
        self.rows.focus()

    @property
    def rows(self) -> RowList:
        return self.query_one("#rows", RowList)

    def row_text(self, index: int) -> Text:
        self.built.append(index)
        return row_cells([Text(self.names[index])], [38])

    def on_row_list_selected(self, message: RowList.Selected) -> None:
        self.selected.append(message.key)


def lines(app: App[None]) -> list[str]:
    rows = app.query_one(RowList)
    return [rows.render_line(y).text for y in range(rows.scrollable_content_region.height)]


def test_row_cells_cut_pad_and_justify() -> None:
    line = row_cells(
        [Text("Sofia Lindqvist"), Text("12", justify="right"), Text("🚀🚀🚀")],
        [8, 5, 4],
    )
    assert line.plain == " Sofia L…     12  🚀 … "
    assert line.cell_len == 8 + 5 + 4 + 2 * 3


async def test_keys_move_the_cursor_and_scroll_it_into_view() -> None:
    app = ListApp([f"Executive {i}" for i in range(500)])
    async with app.run_test(size=(44, 10)) as pilot:
        await pilot.pause()
        rows = app.rows
        assert rows.cursor == 0
        assert max(app.built) < 10  # only what is on screen was built
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert rows.cursor_key == "k2"
        assert app.selected == ["k2"]
        await pilot.press("end")
        await pilot.pause()
        assert rows.cursor == 499
        assert lines(app)[-1].strip() == "Executive 499"
        await pilot.press("pageup")
        await pilot.pause()
        assert rows.cursor == 499 - (rows.scrollable_content_region.height - 1)
        assert f"Executive {rows.cursor}" in "\n".join(lines(app))
        await pilot.press("home")
        await pilot.pause()
        assert rows.cursor == 0
        assert lines(app)[0].strip() == "Executive 0"
        await pilot.press("pagedown")
        assert rows.cursor == rows.scrollable_content_region.height - 1
        await pilot.press("up")
        assert rows.cursor == rows.scrollable_content_region.height - 2
        assert len(set(app.built)) < 40  # a few screens' worth, not 500 rows


async def test_the_cursor_stays_within_the_rows() -> None:
    app = ListApp(["Ann", "Bo"])
    async with app.run_test(size=(44, 10)) as pilot:
        await pilot.pause()
        await pilot.press("up")
        assert app.rows.cursor == 0
        await pilot.press("down", "down", "down", "pagedown")
        assert app.rows.cursor == 1


async def test_a_click_moves_the_cursor_and_a_second_click_selects() -> None:
    app = ListApp(["Ann", "Bo", "Cy"])
    async with app.run_test(size=(44, 10)) as pilot:
        await pilot.pause()
        await pilot.click(RowList, offset=(3, 2))
        await pilot.pause()
        assert app.rows.cursor_key == "k2"
        assert app.selected == []
        await pilot.click(RowList, offset=(3, 2))
        await pilot.pause()
        assert app.selected == ["k2"]
        await pilot.click(RowList, offset=(3, 8))  # below the last row: nothing
        await pilot.pause()
        assert app.rows.cursor_key == "k2"
        assert app.selected == ["k2"]


async def test_set_rows_keeps_the_cursor_on_the_same_key() -> None:
    app = ListApp(["Ann", "Bo", "Cy"])
    async with app.run_test(size=(44, 10)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")
        app.rows.set_rows(["k2", "k0"], app.row_text, 40, keep="k2")
        assert app.rows.cursor_key == "k2"
        app.rows.set_rows(["k0"], app.row_text, 40, keep="k2")
        assert app.rows.cursor_key == "k0"
        app.rows.set_rows([], app.row_text, 40, keep="k0")
        assert app.rows.cursor_key is None
        app.rows.select()  # nothing to select: no message, no error
        await pilot.press("down", "end", "enter")
        await pilot.pause()
        assert app.selected == []


async def test_user_text_is_drawn_as_typed() -> None:
    app = ListApp(ODD_NAMES)
    async with app.run_test(size=(44, 10)) as pilot:
        await pilot.pause()
        shown = [line.strip() for line in lines(app)[: len(ODD_NAMES)]]
        assert shown[:5] == ODD_NAMES[:5]
        assert shown[5].endswith("…")
        assert shown[5].startswith("A very long name A very")
        await pilot.click(RowList, offset=(3, 2))  # the "[@click=…]" row: no action runs
        await pilot.click(RowList, offset=(3, 2))
        await pilot.pause()
        assert app.is_running
        assert app.selected == ["k2"]


async def test_the_cursor_stays_in_view_when_the_window_gets_shorter() -> None:
    app = ListApp([f"Executive {i}" for i in range(100)])
    async with app.run_test(size=(44, 24)) as pilot:
        await pilot.pause()
        for _ in range(15):
            await pilot.press("down")
        assert app.rows.scroll_y == 0
        await pilot.resize_terminal(44, 10)
        await pilot.pause()
        await pilot.pause()
        assert "Executive 15" in "\n".join(lines(app))


async def test_the_cursor_row_is_drawn_focused_then_blurred_then_moved() -> None:
    """Row styles are worked out once a drawing: a change of focus or cursor still shows."""
    from textual.widgets import Input

    class TwoApp(ListApp):
        def compose(self) -> ComposeResult:
            yield RowList(id="rows")
            yield Input(id="other")

    app = TwoApp(["Ana", "Ben", "Cleo"])
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        rows = app.rows

        def styles() -> list[object]:
            strips = rows.render_lines(rows.scrollable_content_region.reset_offset)
            first = [next(iter(strip)).style for strip in strips[:3]]
            return [(style.color, style.bgcolor) for style in first if style is not None]

        focused = styles()
        assert focused[0] != focused[2]  # the cursor row stands out
        app.query_one("#other", Input).focus()
        await pilot.pause()
        blurred = styles()
        assert blurred[0] != focused[0] and blurred[0] != blurred[2]
        rows.focus()
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        moved = styles()
        assert moved[1] == focused[0] and moved[0] == focused[2]  # the cursor moved down
