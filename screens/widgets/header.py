"""The header: the screen's title line drawn by one widget.

Textual's ``Header`` is four widgets (the icon, the title, the clock's space and the
header holding them), each styled, laid out and painted on its own: 10-20 ms of
every screen a coach opens (measured pushing a screen with and without it), and
four more widgets for every refresh to visit while the coach types. This header
draws the same line as one widget: the icon on the left (a click opens the command
palette), the title and sub-title centred between the icon's and the clock's room,
cut with an ellipsis when the terminal is narrow. The titles are the coach's text
and stay text (``Content``, never markup).
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

#: Textual's header: the icon's room on the left, the clock's on the right.
ICON_ROOM = 8
CLOCK_ROOM = 10
ICON = "⭘"


class CoachHeader(Widget, can_focus=False):
    """The screen's title and sub-title, as Textual's header shows them."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    CoachHeader {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._titles_changed, init=False)
            self.watch(node, "sub_title", self._titles_changed, init=False)

    def _titles_changed(self) -> None:
        self.refresh()

    @property
    def titles(self) -> Content:
        """What the header shows between the icon and the clock's room."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> Content:
        room = max(self.size.width - ICON_ROOM - CLOCK_ROOM, 0)
        titles = self.titles
        if titles.cell_length > room:
            titles = titles.truncate(room, ellipsis=True)
        left = (room - titles.cell_length) // 2
        right = room - titles.cell_length - left
        icon = f" {ICON}".ljust(ICON_ROOM)
        return Content.assemble(icon, " " * left, titles, " " * (right + CLOCK_ROOM))

    async def on_click(self, event: events.Click) -> None:
        """The icon opens the command palette, as Textual's does."""
        if event.x < ICON_ROOM and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
