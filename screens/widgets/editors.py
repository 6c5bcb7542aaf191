"""Text editors that never send a control character to the terminal.

``TextArea`` and ``Input`` draw their text as it is: an answer holding an ANSI escape
sequence (pasted, or imported from a kit) would reach the terminal and recolour or
move things — or worse. These editors show such characters as visible symbols
(``␛``, ``␇``: ``coach_tui.text.visible``), both for the text they start with and
for what is pasted; typing cannot produce them. Newlines and tabs are kept.

They also follow the app's cursor setting on mount (tests and snapshots run with a
cursor that does not blink), so no screen has to set it widget by widget.

``SafeTextArea`` lives in ``text_editor`` so that the practice screen, the first one
shown, does not import ``TextArea`` (about 12 ms of start-up).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Input

from coach_tui.text import visible


def app_blinks(widget: Widget) -> bool:
    """Whether the app wants blinking cursors (tests and snapshots turn them off)."""
    return bool(getattr(widget.app, "cursor_blinks", True))


class SafeInput(Input):
    """An ``Input`` whose value never holds terminal control characters."""

    def __init__(self, value: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(visible(value) if value else value, *args, **kwargs)

    def on_mount(self) -> None:
        self.cursor_blink = app_blinks(self)

    def validate_value(self, value: str) -> str:
        """Every value set, typed or assigned (``visible`` keeps the length)."""
        return visible(value)

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        super()._on_paste(events.Paste(visible(event.text)))
