"""Everyday dates as a coach types them: "15/03/2027", "next march", "in 2 weeks", "Friday".

``read_date`` turns what was typed into a date, or says why it cannot: a reading is
never silently empty. Numbers such as 03/04/2027 follow the coach's day/month order
(``COACH_TUI_DATE_ORDER=DMY|MDY``, else the locale: US-style locales are
month-first, others day-first); with no locale to go by (C or POSIX), a date that
reads both ways is refused and the message shows both readings.

The common forms are read here without any library; anything else goes to
``dateparser`` (English only), imported on first use so that starting the app
does not pay for it.
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Order = Literal["DMY", "MDY"]

#: Locales that write the month first (the rest of the world writes the day first).
_MONTH_FIRST = {"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI"}

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
WEEKDAYS = {
    name: number
    for number in range(7)
    for name in (calendar.day_name[number].lower(), calendar.day_abbr[number].lower())
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
HINT = "try 2026-03-15, 15 Mar, next Friday or in 2 weeks"


@dataclass(frozen=True)
class DateReading:
    """What was understood: a date, nothing (empty input), or a problem to show."""

    day: date | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def date_order(env: Mapping[str, str] | None = None) -> Order | None:
    """The coach's day/month order: the override, else the locale; None if unknown."""
    env = os.environ if env is None else env
    override = env.get("COACH_TUI_DATE_ORDER", "").strip().upper()
    if override in ("DMY", "MDY"):
        return "DMY" if override == "DMY" else "MDY"
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        language = value.split(".")[0].split("@")[0]
        if "_" not in language:
            return None  # C, POSIX, C.UTF-8: no country to go by
        territory = language.split("_", 1)[1].upper()
        return "MDY" if territory in _MONTH_FIRST else "DMY"
    return None


def shown(day: date) -> str:
    """A date as the coach reads it beside the field: "Fri 6 Mar 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def parse_date(text: str, today: date, order: Order | None = None) -> date | None:
    """The date in ``text`` (None when empty); ValueError with the reason otherwise."""
    reading = read_date(text, today, order)
    if reading.problem:
        raise ValueError(reading.problem)
    return reading.day


def read_date(text: str, today: date, order: Order | None = None) -> DateReading:
    """Read ``text`` as a date relative to ``today``; see the module's docstring."""
    if not text.strip():
        return DateReading(None)
    value = " ".join(text.strip().lower().replace(",", " ").split())
    try:
        day = _read(value, today, order)
    except _Ambiguous as exc:
        return DateReading(None, str(exc))
    except (ValueError, OverflowError):
        day = None
    if day is None:
        day = _fallback(value, today, order)
    if day is None:
        return DateReading(None, f"“{text.strip()[:40]}” is not a date I can read: {HINT}.")
    return DateReading(day)


class _Ambiguous(ValueError):
    pass


def _read(value: str, today: date, order: Order | None) -> date | None:
    if value in ("today", "now"):
        return today
    if value == "tomorrow":
        return today + timedelta(days=1)
    if value == "yesterday":
        return today - timedelta(days=1)
    if value == "next week":
        return today + timedelta(days=7)
    if value == "next month":
        return _add_months(today, 1)
    if value == "next year":
        return _add_months(today, 12)
    if match := re.fullmatch(r"\+?(\d{1,4})", value):
        if value.startswith("+"):
            return today + timedelta(days=int(match.group(1)))
        return None  # a bare number: a day of which month? Let the fallback say no.
    if match := re.fullmatch(r"\+?(\d{1,3})\s*w", value):
        return today + timedelta(weeks=int(match.group(1)))
    if match := re.fullmatch(
        r"(?:in\s+)?(\d{1,3}|[a-z]+)\s+(day|week|fortnight|month|year)s?(?:\s+(?:from now|time))?",
        value,
    ):
        count = _number(match.group(1))
        if count is None:
            return None
        unit = match.group(2)
        if unit == "day":
            return today + timedelta(days=count)
        if unit == "week":
            return today + timedelta(weeks=count)
        if unit == "fortnight":
            return today + timedelta(weeks=2 * count)
        return _add_months(today, count * (12 if unit == "year" else 1))
    if match := re.fullmatch(r"(?:(next|this|on)\s+)?([a-z]+)", value):
        word = match.group(2)
        if word in WEEKDAYS:
            ahead = (WEEKDAYS[word] - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
        if word in MONTHS:
            month = MONTHS[word]
            year = today.year
            if month < today.month or (match.group(1) == "next" and month <= today.month):
                year += 1
            return date(year, month, 1)
        return None
    if match := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value):
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?", value):
        return _numeric(match.group(1), match.group(2), match.group(3), today, order, value)
    if match := re.fullmatch(
        r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+([a-z]+)(?:\s+(\d{4}))?", value
    ):
        return _named(match.group(2), match.group(1), match.group(3), today)
    if match := re.fullmatch(r"([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?", value):
        return _named(match.group(1), match.group(2), match.group(3), today)
    if (match := re.fullmatch(r"([a-z]+)\s+(\d{4})", value)) and match.group(1) in MONTHS:
        return date(int(match.group(2)), MONTHS[match.group(1)], 1)
    return None


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _named(month_word: str, day: str, year: str | None, today: date) -> date | None:
    month = MONTHS.get(month_word)
    if month is None:
        return None
    return date(int(year) if year else today.year, month, int(day))


def _numeric(
    first: str, second: str, year_text: str | None, today: date, order: Order | None, raw: str
) -> date:
    a, b = int(first), int(second)
    year = today.year if year_text is None else int(year_text)
    if year_text is not None and len(year_text) == 2:
        year += 2000
    if order is None:
        if a > 12 >= b:
            order = "DMY"
        elif b > 12 >= a:
            order = "MDY"
        elif a == b:
            order = "DMY"
        else:
            one = date(year, b, a)
            other = date(year, a, b)
            raise _Ambiguous(
                f"“{raw}” could be {one.day} {one:%b} or {other.day} {other:%b %Y}: "
                f"write {one.day} {one:%b %Y} or {one.isoformat()}"
            )
    day, month = (a, b) if order == "DMY" else (b, a)
    return date(year, month, day)


def _add_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _fallback(value: str, today: date, order: Order | None) -> date | None:
    """Everything else ("a fortnight from now", "end of next month"): dateparser."""
    if not re.search(r"[a-z]", value):
        return None  # digits only: the rules above are the whole story
    try:
        import dateparser
    except ImportError:  # pragma: no cover - it is a dependency
        return None
    from datetime import datetime

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if order is not None:
        settings["DATE_ORDER"] = order
    try:
        found = dateparser.parse(value, languages=["en"], settings=settings)
    except Exception:
        return None
    return found.date() if found is not None else None
