"""The multi-line editor of the live session and the wrap-up (see ``editors``)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import TextArea

from coach_tui.text import visible
from screens.widgets.editors import app_blinks


def typed_run(pump: Any, first: events.Key) -> str:
    """``first``'s character and those of the printable keys queued right behind it.

    A burst of keystrokes (a fast typist, a paste the terminal sends key by key, a
    sticky key) waits in the widget's queue. Editing once per key re-wraps the
    whole paragraph each time (5,000 keys took about 7 s); taking the run of
    printable keys at the head of the queue as one edit costs what a paste costs.
    Only keys directly behind ``first`` are taken, so nothing changes order: any
    other message (enter, backspace, a callback waiting for the typed keys) ends
    the run. Uses the message pump's peek (Textual 8.2, pinned).
    """
    characters = [first.character or ""]
    while True:
        pending = pump._peek_message()
        if not (
            isinstance(pending, events.Key)
            and pending.is_printable
            and pending.character
            and pending.character.isprintable()
        ):
            break
        pump._pending_message = None  # taken: it is part of this edit
        pump._message_queue.task_done()
        characters.append(pending.character)
    return "".join(characters)


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

    async def _on_key(self, event: events.Key) -> None:
        """Printable keys queued together are typed as one edit (see ``typed_run``)."""
        if self.read_only or not (event.is_printable and event.character):
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        self._restart_blink()
        start, end = self.selection
        self._replace_via_keyboard(typed_run(self, event), start, end)
