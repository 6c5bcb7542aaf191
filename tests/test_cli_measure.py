"""``coach-tui measure NAME GOAL VALUE [--on DATE] [--source S]``, run as the real command."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hostile_cli import run

from coach_tui.domain import goals
from coach_tui.domain.model import Insight, InsightKind
from coach_tui.store.practice import Practice

LEVELS = {k: f"level {k}" for k in range(-2, 3)}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    practice = Practice(data)
    cid = practice.create_client("Ann Lee").id
    for text, agree in (("Delegate approvals", True), ("Speak up early", False)):
        goal = practice.capture(cid, InsightKind.GOAL, text)
        practice.update_insight(cid, goal.id, measure="approvals waiting", gas=LEVELS)
        if agree:
            goals.agree(practice, cid, goal.id)
    practice.create_client("Ann Mars")
    return data


def goal(root: Path, text: str) -> Insight:
    practice = Practice(root)
    record = practice.load(practice.find("Ann Lee").id)
    return next(g for g in record.insights if g.text == text)


def test_measure_records_a_reading_and_shows_baseline_to_latest(tmp_path: Path, root: Path) -> None:
    earlier = date.today() - timedelta(days=30)
    done = run(
        "measure", "Lee", "delegate", "12 waiting", "--on", earlier.isoformat(),
        "--source", "dashboard", home=tmp_path, data=root,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "Recorded for 'Delegate approvals' (Ann Lee)." in done.out
    done = run("measure", "Lee", "Delegate approvals", "4 waiting", home=tmp_path, data=root)
    assert done.code == 0, done.err
    assert "12 waiting" in done.out and "→ 4 waiting" in done.out and "−8" in done.out
    readings = goal(root, "Delegate approvals").readings
    assert [(r.value, r.on, r.source) for r in readings] == [
        ("12 waiting", earlier, "dashboard"),
        ("4 waiting", date.today(), ""),
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("Ann", "delegate", "4"), "matches several executives"),
        (("Nobody", "delegate", "4"), "no executive matches"),
        (("Lee", "nothing like it", "4"), "no goal matches"),
        (("Lee", "e", "4"), "matches several goals"),
        (("Lee", "speak", "4"), "not agreed yet"),
        (("Lee", "delegate", "  "), "needs a value"),
        (("Lee", "delegate", "4", "--on", "in 2 weeks"), "future"),
        (("Lee", "delegate", "4", "--on", "the day after never"), "--on:"),
    ],
)
def test_measure_refuses_in_one_line_with_exit_2(
    tmp_path: Path, root: Path, args: tuple[str, ...], words: str
) -> None:
    before = Practice(root).client_path("ann-lee").read_bytes()
    done = run("measure", *args, home=tmp_path, data=root)
    assert done.code == 2
    assert words in done.one_line_error()
    assert Practice(root).client_path("ann-lee").read_bytes() == before


def test_measure_without_arguments_is_bad_usage(tmp_path: Path, root: Path) -> None:
    done = run("measure", "Lee", home=tmp_path, data=root)
    assert done.code == 2 and "--help" in done.one_line_error()


def test_hostile_value_and_source_are_data(tmp_path: Path, root: Path) -> None:
    value = "[/] [@click=app.quit]x[/] \x1b[2J\u202e 🙂 " + "long " * 30
    done = run(
        "measure", "Lee", "delegate", value, "--source", "\x1b]0;pwned\x07[b]", home=tmp_path,
        data=root,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "\x1b" not in done.out and "\u202e" not in done.out and "\x07" not in done.out
    assert "[@click=app.quit]x[/]" in done.out and "🙂" in done.out
    (reading,) = goal(root, "Delegate approvals").readings
    assert reading.value == value.strip() and reading.source == "\x1b]0;pwned\x07[b]"
