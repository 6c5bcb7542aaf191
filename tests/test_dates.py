"""Everyday dates: what a coach types on a date question or for the next session."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach_tui.domain.dates import date_order, parse_date, read_date, shown

TODAY = date(2026, 3, 2)  # a Monday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("next march", date(2027, 3, 1)),
        ("15/03/2027", date(2027, 3, 15)),
        ("in 2 weeks", date(2026, 3, 16)),
        ("in three weeks", date(2026, 3, 23)),
        ("Friday", date(2026, 3, 6)),
        ("next Monday", date(2026, 3, 9)),
        ("tomorrow", date(2026, 3, 3)),
        ("2027-03-15", date(2027, 3, 15)),
        ("15 March", date(2026, 3, 15)),
        ("March 15, 2027", date(2027, 3, 15)),
        ("+14", date(2026, 3, 16)),
        ("2w", date(2026, 3, 16)),
        ("next week", date(2026, 3, 9)),
        ("a fortnight from now", date(2026, 3, 16)),
        ("in 2 months", date(2026, 5, 2)),
        ("june", date(2026, 6, 1)),
    ],
)
def test_everyday_forms_are_read(typed: str, expected: date) -> None:
    assert read_date(typed, TODAY, "DMY").day == expected


def test_the_locale_order_decides_day_and_month() -> None:
    assert parse_date("03/04/2027", TODAY, "DMY") == date(2027, 4, 3)
    assert parse_date("03/04/2027", TODAY, "MDY") == date(2027, 3, 4)
    assert date_order({"LANG": "en_US.UTF-8"}) == "MDY"
    assert date_order({"LANG": "en_GB.UTF-8"}) == "DMY"
    assert date_order({"LANG": "de_DE.UTF-8", "COACH_TUI_DATE_ORDER": "mdy"}) == "MDY"
    assert date_order({"LANG": "C.UTF-8"}) is None


def test_an_ambiguous_date_is_refused_with_both_readings() -> None:
    reading = read_date("03/04/2027", TODAY, None)
    assert reading.day is None
    assert "3 Apr 2027" in reading.problem and "4 Mar 2027" in reading.problem
    # Unambiguous without a locale: 15 cannot be a month.
    assert read_date("15/03/2027", TODAY, None).day == date(2027, 3, 15)


@pytest.mark.parametrize("typed", ["blah", "32/01/2027", "5", "2027-13-01", "next blursday"])
def test_nonsense_is_refused_with_a_message(typed: str) -> None:
    reading = read_date(typed, TODAY, "DMY")
    assert reading.day is None and "not a date" in reading.problem
    with pytest.raises(ValueError, match="not a date"):
        parse_date(typed, TODAY, "DMY")


def test_empty_is_no_date_and_no_problem() -> None:
    assert read_date("   ", TODAY) == read_date("", TODAY)
    assert read_date("", TODAY).day is None and read_date("", TODAY).ok


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 12, 31)))
def test_iso_and_shown_dates_read_back(day: date) -> None:
    assert parse_date(day.isoformat(), TODAY) == day
    assert parse_date(f"{day.day} {day:%B %Y}", TODAY) == day
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year}", TODAY, "DMY") == day
    assert parse_date(f"{day.month}/{day.day}/{day.year}", TODAY, "MDY") == day


@given(st.integers(min_value=0, max_value=999))
def test_relative_days_and_weeks(count: int) -> None:
    assert parse_date(f"+{count}", TODAY) == TODAY + timedelta(days=count)
    assert parse_date(f"in {count} weeks", TODAY) == TODAY + timedelta(weeks=count)


@given(st.text(max_size=30))
def test_any_text_reads_or_says_why(text: str) -> None:
    reading = read_date(text, TODAY, "DMY")
    assert (reading.day is None) or not reading.problem
    if text.strip() and reading.day is None:
        assert reading.problem


def test_shown_date_names_the_weekday() -> None:
    assert shown(date(2026, 3, 6)) == "Fri 6 Mar 2026"


def test_the_library_is_not_imported_until_needed() -> None:
    code = (
        "import sys; from datetime import date; from coach_tui.domain import dates;"
        "dates.read_date('15/03/2027', date(2026, 3, 2));"
        "assert 'dateparser' not in sys.modules, 'imported early';"
        "assert dates.read_date('2 days ago', date(2026, 3, 2)).day == date(2026, 2, 28);"
        "assert 'dateparser' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
