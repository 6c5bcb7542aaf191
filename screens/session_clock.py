"""The session clock: time on the call, beside the minutes the script planned.

Counting from the session's start would count a pause, a lunch break or a crash
("⏱ 8:40" after two minutes of work). The clock counts only while the session
screen is open, starts from what was saved (``Session.active_seconds``) on resume,
and the screen saves it with the cursor every few seconds, so a crash loses at
most that much.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text

#: How often the time on the call is saved while the session is open.
SAVE_EVERY_SECONDS = 10


class CallClock:
    """Seconds on the call: what was saved before plus this stretch."""

    def __init__(self, saved_seconds: int, monotonic: Callable[[], float] = time.monotonic):
        self._monotonic = monotonic
        self._base = max(0, saved_seconds)
        self._since = monotonic()

    @property
    def seconds(self) -> int:
        return self._base + int(self._monotonic() - self._since)

    def text(self, planned_minutes: int) -> Text:
        """ "⏱ 12 of 45 min" (red once over); "⏱ 12 min" when the script sets none."""
        minutes = self.seconds // 60
        text = Text(f"⏱ {minutes}")
        if planned_minutes:
            over = minutes >= planned_minutes
            text.append(f" of {planned_minutes} min", style="bold red" if over else "dim")
        else:
            text.append(" min", style="dim")
        return text
