"""The date understood from what the coach is typing, shown beside a date field."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from coach_tui.domain.dates import date_order, read_date, shown


def date_reading_text(raw: str, today: date) -> Text:
    """ "→ Fri 6 Mar 2026" when the text reads as a date, the reason in red when not."""
    if not raw.strip():
        return Text("e.g. 15 Mar · next Friday · in 2 weeks", style="dim")
    reading = read_date(raw, today, date_order())
    if reading.problem:
        return Text(reading.problem, style="bold red")
    assert reading.day is not None
    return Text(f"→ {shown(reading.day)}", style="bold green")
