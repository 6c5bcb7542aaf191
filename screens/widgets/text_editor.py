"""The multi-line editor of the live session and the wrap-up (see ``editors``)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import TextArea

from coach_tui.text import visible
from screens.widgets.editors import app_blinks


class SafeTextArea(TextArea):
    """A ``TextArea`` whose text never holds terminal control characters."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(visible(text), **kwargs)

    def on_mount(self) -> None:
        self.cursor_blink = app_blinks(self)

    def load_text(self, text: str) -> None:
        """Also what ``area.text = ...`` calls."""
        super().load_text(visible(text))

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # TextArea's own handler would insert the raw text
        await super()._on_paste(events.Paste(visible(event.text)))
