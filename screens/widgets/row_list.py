"""A one-line-per-row list that builds and draws only the rows on screen.

The practice screen lists every executive the coach has ever had. Textual's
``DataTable`` measures and lays out every row when it is filled, so its start-up cost
grew with the size of the practice (about 0.3 s for 200 executives, profiled). This
list is given the row keys and a function that builds one row's text; it asks for a
row only when that row is drawn, so opening a ten-year practice costs the same as
opening a new one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

#: Builds the text of row ``index``; called only for the rows being drawn.
RowText = Callable[[int], Text]


def row_cells(cells: Sequence[Text], widths: Sequence[int]) -> Text:
    """One line of cells, each cut or padded to its width with a space either side.

    Cells keep their own justification (``Text(justify="right")`` for numbers), and
    a cell that is too long ends with "…" rather than pushing the next one along.
    """
    line = Text(no_wrap=True, end="")
    for cell, width in zip(cells, widths, strict=True):
        fitted = cell.copy()
        fitted.truncate(width, overflow="ellipsis")
        room = width - fitted.cell_len
        if cell.justify == "right":
            fitted.pad_left(room)
        else:
            fitted.pad_right(room)
        line.append(" ")
        line.append_text(fitted)
        line.append(" ")
    return line


class RowList(ScrollView, can_focus=True):
    """Rows of text with a cursor; enter or a click on the cursor row selects it."""

    DEFAULT_CSS = """
    RowList {
        background: $surface;
        height: 1fr;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-list--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .row-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .row-list--even {
            background: $surface-lighten-1 50%;
        }
        &:dark > .row-list--even {
            background: $surface-darken-1 40%;
        }
    }
    """

    COMPONENT_CLASSES = {"row-list--cursor", "row-list--even"}

    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False, id="row-list.up"),
        Binding("down", "cursor_down", "Down", show=False, id="row-list.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="row-list.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="row-list.page-down"),
        Binding("home", "first", "First", show=False, id="row-list.first"),
        Binding("end", "last", "Last", show=False, id="row-list.last"),
        Binding("enter", "select", "Open", id="row-list.select"),
    ]

    @dataclass
    class Selected(Message):
        """The coach chose a row (enter, or a click on the cursor row)."""

        row_list: RowList
        key: str

        @property
        def control(self) -> RowList:
            return self.row_list

    @dataclass
    class Moved(Message):
        """The coach moved the cursor to another row (keys or mouse)."""

        row_list: RowList
        key: str

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[str] = []
        self._row_text: RowText = lambda index: Text()
        self._cursor = 0
        self._texts: dict[int, Text] = {}
        self._line_styles: tuple[Style, Style, Style] | None = None

    # ------------------------------------------------------------------ rows

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> Sequence[str]:
        """The rows' keys, top to bottom."""
        return tuple(self._keys)

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, or None when the list is empty."""
        return self._keys[self._cursor] if self._keys else None

    def set_rows(
        self, keys: Sequence[str], row_text: RowText, width: int, keep: str | None = None
    ) -> None:
        """Show these rows; the cursor stays on ``keep`` if it is still listed."""
        had_rows = bool(self._keys)
        self._keys = list(keys)
        self._row_text = row_text
        if had_rows != bool(self._keys):
            self.refresh_bindings()  # enter is the screen's on an empty list
        self._texts.clear()
        cursor = self._keys.index(keep) if keep is not None and keep in self._keys else 0
        self._cursor = min(cursor, max(len(self._keys) - 1, 0))
        self.virtual_size = Size(width, len(self._keys))
        self.refresh()
        self.call_after_refresh(self._show_cursor)

    def move_cursor(self, row: int) -> None:
        if not self._keys:
            return
        row = max(0, min(row, len(self._keys) - 1))
        if row == self._cursor:
            return
        self.refresh_line(self._cursor)
        self._cursor = row
        self.refresh_line(row)
        self._show_cursor()
        self.post_message(self.Moved(self, self._keys[row]))

    def refresh_line(self, row: int) -> None:
        """Repaint one row, if it is on screen."""
        y = row - round(self.scroll_y)
        if 0 <= y < self._page:
            self.refresh(Region(0, y, self.size.width, 1))

    def _show_cursor(self) -> None:
        if self._keys:
            self.scroll_to_region(
                Region(round(self.scroll_x), self._cursor, 1, 1), animate=False, force=True
            )

    # -------------------------------------------------------------- drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles are worked out once for all the lines drawn now, not for each
        # line (a widget's style walks up to the screen: 0.5 ms a line, profiled).
        self._line_styles = None
        return super().render_lines(crop)

    def notify_style_update(self) -> None:
        self._line_styles = None  # focus, theme: the next line drawn works them out again
        super().notify_style_update()

    def _styles(self) -> tuple[Style, Style, Style]:
        """The plain, cursor and even row styles, as they are for this drawing."""
        if self._line_styles is None:
            base = self.rich_style
            self._line_styles = (
                base,
                base + self.get_component_rich_style("row-list--cursor"),
                base + self.get_component_rich_style("row-list--even"),
            )
        return self._line_styles

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.size.width
        base, cursor, even = self._styles()
        if row >= len(self._keys):
            return Strip.blank(width, base)
        text = self._texts.get(row)
        if text is None:
            text = self._texts[row] = self._row_text(row)
        if row == self._cursor:
            style = cursor
        elif row % 2:
            style = even
        else:
            style = base
        segments = Segment.apply_style(text.render(self.app.console, end=""), style)
        line = Strip(segments).crop_extend(scroll_x, scroll_x + width, style)
        return line.apply_offsets(scroll_x, row)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._show_cursor)  # a shorter window keeps it in view

    def on_focus(self, event: events.Focus) -> None:
        self.refresh_line(self._cursor)

    def on_blur(self, event: events.Blur) -> None:
        self.refresh_line(self._cursor)

    # ------------------------------------------------------------- keys, mouse

    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    @property
    def _page(self) -> int:
        """How many rows fit on screen (less a horizontal scrollbar, if shown)."""
        return self.scrollable_content_region.height

    def action_page_up(self) -> None:
        self.move_cursor(self._cursor - max(self._page - 1, 1))

    def action_page_down(self) -> None:
        self.move_cursor(self._cursor + max(self._page - 1, 1))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._keys) - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter on an empty list is left to the screen (the practice adds someone)."""
        return bool(self._keys) or action != "select"

    def action_select(self) -> None:
        self.select()

    def select(self) -> None:
        """Post Selected for the cursor row."""
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = round(self.scroll_y) + offset.y
        if row >= len(self._keys):
            return
        if row == self._cursor or event.chain > 1:
            self.move_cursor(row)
            self.select()
        else:
            self.move_cursor(row)


__all__ = ["RowList", "RowText", "row_cells"]
