"""Measured outcomes: an agreed goal's success measure, read again and again over time.

A goal's ``readings`` are kept oldest first by the day each value describes (two
readings of the same day stay in the order they were recorded). The first is the
baseline, the last is where the executive stands now; a report shows the two side
by side. Values are kept as typed ("7 approvals waiting", "3.4 / 5", "most weeks"):
when both ends hold a number the change is worked out, otherwise the two values are
simply shown.

Nothing here writes: the store's ``record_reading`` / ``correct_reading`` use
``check_reading`` so the UI, the command line and the store refuse the same things.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from coach_tui.domain.model import ClientRecord, Insight, InsightKind, MeasureReading
from coach_tui.errors import AmbiguousError, InvalidInputError, NotFoundError

#: A value longer than this is not a reading but an essay: the coach is told so.
MAX_VALUE = 200
MAX_SOURCE = 80

_NUMBER = re.compile(r"(?<![\w.])([-+−]?)(\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?)")


def check_reading(value: str, on: date, today: date, source: str = "") -> tuple[str, str]:
    """The value and source as kept (trimmed), or one line saying why not."""
    cleaned = value.strip()
    if not cleaned:
        raise InvalidInputError("a reading needs a value (what the measure showed)")
    if "\n" in cleaned or "\r" in cleaned:
        raise InvalidInputError("a reading's value is one line")
    if len(cleaned) > MAX_VALUE:
        raise InvalidInputError(f"a reading's value is at most {MAX_VALUE} characters")
    where = " ".join(source.split())
    if len(where) > MAX_SOURCE:
        raise InvalidInputError(f"a reading's source is at most {MAX_SOURCE} characters")
    if on > today:
        raise InvalidInputError(f"a reading cannot be dated in the future ({on:%d %b %Y})")
    return cleaned, where


def by_day(readings: Iterable[MeasureReading]) -> list[MeasureReading]:
    """Readings oldest first by the day they describe; same-day ones keep their order."""
    return sorted(readings, key=lambda r: r.on)


def with_reading(readings: list[MeasureReading], new: MeasureReading) -> list[MeasureReading]:
    """``readings`` with ``new`` in its place by day (after any of the same day)."""
    return by_day([*readings, new])


def baseline(goal: Insight) -> MeasureReading | None:
    """Where the measure stood first: the earliest reading."""
    readings = by_day(goal.readings)
    return readings[0] if readings else None


def latest(goal: Insight) -> MeasureReading | None:
    """Where the measure stands now: the latest reading."""
    readings = by_day(goal.readings)
    return readings[-1] if readings else None


def number_in(value: str) -> float | None:
    """The first number in a value as typed ("7 waiting" -> 7, "1,200" -> 1200), if any."""
    match = _NUMBER.search(value)
    if match is None:
        return None
    sign, digits = match.groups()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits):
        digits = digits.replace(",", "")
    number = float(digits.replace(",", "."))
    return -number if sign in ("-", "−") else number


@dataclass(frozen=True)
class Change:
    """Baseline -> latest of one goal's measure, and the difference when both are numbers."""

    first: MeasureReading
    last: MeasureReading
    count: int

    @property
    def delta(self) -> float | None:
        if self.count < 2:
            return None
        before, after = number_in(self.first.value), number_in(self.last.value)
        if before is None or after is None:
            return None
        return after - before

    def describe(self) -> str:
        """``7 waiting (3 Feb) -> 4 waiting (12 May), -3``: the line a report shows."""
        if self.count < 2:
            return f"{self.first.value} ({_day(self.first.on)}), the baseline"
        first, last = self.first, self.last
        text = f"{first.value} ({_day(first.on)}) → {last.value} ({_day(last.on)})"
        delta = self.delta
        if delta is not None:
            text += f", {_signed(delta)}"
        return text


def change(goal: Insight) -> Change | None:
    """The goal's measured change so far (None before its first reading)."""
    readings = by_day(goal.readings)
    if not readings:
        return None
    return Change(readings[0], readings[-1], len(readings))


def numbers(goal: Insight) -> list[float]:
    """The numeric readings of a goal, by day (for a trend line); others left out."""
    found = (number_in(r.value) for r in by_day(goal.readings))
    return [n for n in found if n is not None]


def describe(reading: MeasureReading) -> str:
    """One reading as a line: ``12 May 2026: 4 waiting (dashboard)``."""
    text = f"{reading.on:%d %b %Y}: {reading.value}"
    return f"{text} ({reading.source})" if reading.source else text


def _day(on: date) -> str:
    return f"{on.day} {on:%b %Y}"


def _signed(delta: float) -> str:
    shown = f"{delta:+.1f}".rstrip("0").rstrip(".") if delta != int(delta) else f"{delta:+.0f}"
    return shown.replace("-", "−")


def find_goal(record: ClientRecord, query: str) -> Insight:
    """One goal of the current engagement by id or a unique, case-insensitive part of it."""
    from coach_tui.text import first_few, one_line

    query = query.strip()
    goals = record.insights_of(InsightKind.GOAL)
    for goal in goals:
        if goal.id == query:
            return goal
    needle = query.casefold()
    matches = [g for g in goals if needle and needle in g.text.casefold()]
    exact = [g for g in matches if g.text.casefold() == needle]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = first_few([f"'{one_line(g.text, 40)}'" for g in goals]) or "none yet"
        raise NotFoundError(f"no goal matches '{one_line(query, 40)}' (goals: {known})")
    names = first_few([f"'{one_line(g.text, 40)}' ({g.id})" for g in matches])
    raise AmbiguousError(f"'{one_line(query, 40)}' matches several goals: {names}")
