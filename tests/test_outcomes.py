"""Measured outcomes and the life of goals and development areas, in the core.

A reading of an agreed goal's measure is one locked write that logs it; a wrong one
is corrected or removed with its earlier form kept; agreeing a goal with its baseline
GAS score and first reading is all-or-nothing; areas close and reopen; areas and
actions link to a goal.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach_tui.domain import goals, outcomes
from coach_tui.domain.model import Insight, InsightKind, MeasureReading
from coach_tui.errors import CoachError, InvalidInputError, NotFoundError
from coach_tui.store.practice import Practice

NOW = datetime(2026, 5, 12, 10, 0)
LEVELS = {k: f"level {k}" for k in range(-2, 3)}


@pytest.fixture
def practice(tmp_path: Path) -> Practice:
    return Practice(tmp_path / "data", clock=lambda: NOW)


@pytest.fixture
def ann(practice: Practice) -> str:
    return practice.create_client("Ann Lee", sponsor="Bo Chen", at=NOW).id


def draft_goal(practice: Practice, cid: str, text: str = "Delegate approvals") -> str:
    goal = practice.capture(cid, InsightKind.GOAL, text, at=NOW)
    practice.update_insight(cid, goal.id, measure="approvals waiting on Friday", gas=LEVELS)
    return goal.id


def agreed_goal(practice: Practice, cid: str, text: str = "Delegate approvals") -> str:
    goal_id = draft_goal(practice, cid, text)
    goals.agree(practice, cid, goal_id, at=NOW)
    return goal_id


def goal_of(practice: Practice, cid: str, goal_id: str) -> Insight:
    return next(i for i in practice.load(cid).insights if i.id == goal_id)


def file_bytes(practice: Practice, cid: str) -> bytes:
    return practice.client_path(cid).read_bytes()


# ------------------------------------------------------------------ readings


def test_readings_are_kept_by_day_baseline_first(practice: Practice, ann: str) -> None:
    goal_id = agreed_goal(practice, ann)
    practice.record_reading(ann, goal_id, "4 waiting", date(2026, 5, 8), "dashboard")
    practice.record_reading(ann, goal_id, "12 waiting", date(2026, 2, 3), "sponsor")
    practice.record_reading(ann, goal_id, "7 waiting", date(2026, 3, 20))
    goal = goal_of(practice, ann, goal_id)
    assert [r.value for r in goal.readings] == ["12 waiting", "7 waiting", "4 waiting"]
    first, last = outcomes.baseline(goal), outcomes.latest(goal)
    assert first is not None and first.source == "sponsor"
    assert last is not None and last.on == date(2026, 5, 8) and last.at == NOW
    change = outcomes.change(goal)
    assert change is not None and change.delta == -8
    assert change.describe() == "12 waiting (3 Feb 2026) → 4 waiting (8 May 2026), −8"


def test_a_reading_is_one_write_and_logged(
    practice: Practice, ann: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach_tui.store import safefile

    goal_id = agreed_goal(practice, ann)
    writes: list[Path] = []
    real = safefile.atomic_write

    def counting(path: Path, data: bytes, *args: bool, **kwargs: bool) -> object:
        writes.append(Path(path))
        return real(path, data, *args, **kwargs)

    monkeypatch.setattr(safefile, "atomic_write", counting)
    practice.record_reading(ann, goal_id, "9", date(2026, 5, 1), "team survey")
    assert writes == [practice.client_path(ann)]
    record = practice.load(ann)
    assert record.events[-1].kind == "reading"
    assert "9 (team survey)" in record.events[-1].detail


@pytest.mark.parametrize(
    ("value", "on", "problem"),
    [
        ("", date(2026, 5, 1), "needs a value"),
        ("   ", date(2026, 5, 1), "needs a value"),
        ("4", date(2026, 5, 13), "future"),
        ("two\nlines", date(2026, 5, 1), "one line"),
        ("x" * 201, date(2026, 5, 1), "at most"),
    ],
)
def test_a_bad_reading_is_refused_in_one_line_and_nothing_written(
    practice: Practice, ann: str, value: str, on: date, problem: str
) -> None:
    goal_id = agreed_goal(practice, ann)
    before = file_bytes(practice, ann)
    with pytest.raises(InvalidInputError) as caught:
        practice.record_reading(ann, goal_id, value, on)
    assert problem in str(caught.value) and "\n" not in str(caught.value)
    assert file_bytes(practice, ann) == before


def test_only_an_agreed_goal_gets_readings(practice: Practice, ann: str) -> None:
    draft = draft_goal(practice, ann, "Speak up early")
    area = practice.capture(ann, InsightKind.WEAKNESS, "Holds back", at=NOW)
    with pytest.raises(InvalidInputError, match="not agreed yet"):
        practice.record_reading(ann, draft, "3", date(2026, 5, 1))
    with pytest.raises(InvalidInputError, match="not a goal"):
        practice.record_reading(ann, area.id, "3", date(2026, 5, 1))
    with pytest.raises(NotFoundError):
        practice.record_reading(ann, "no-such-goal", "3", date(2026, 5, 1))
    dropped = agreed_goal(practice, ann, "Run shorter meetings")
    goals.close(practice, ann, dropped, goals.GoalStatus.DROPPED, "the team was reorganised")
    with pytest.raises(InvalidInputError, match="not agreed yet"):
        practice.record_reading(ann, dropped, "3", date(2026, 5, 1))
    achieved = agreed_goal(practice, ann, "Hire a deputy")
    goals.close(practice, ann, achieved, goals.GoalStatus.ACHIEVED)
    practice.record_reading(ann, achieved, "hired", date(2026, 5, 1), "follow-up")


def test_a_wrong_reading_is_corrected_or_removed_with_history(practice: Practice, ann: str) -> None:
    goal_id = agreed_goal(practice, ann)
    practice.record_reading(ann, goal_id, "12", date(2026, 2, 3), "sponsor")
    goal = practice.record_reading(ann, goal_id, "70", date(2026, 5, 1), "dashboard")
    wrong = goal.readings[-1]
    goal = practice.correct_reading(ann, goal_id, wrong, value="7", on=date(2026, 4, 30))
    assert [(r.value, r.on) for r in goal.readings] == [
        ("12", date(2026, 2, 3)),
        ("7", date(2026, 4, 30)),
    ]
    assert goal.readings[-1].source == "dashboard", "what was not corrected stays"
    assert goal.history[-1].value == ["reading", "2026-05-01", "70", "dashboard"]
    with pytest.raises(NotFoundError, match="no reading"):
        practice.remove_reading(ann, goal_id, wrong)  # already corrected
    with pytest.raises(InvalidInputError, match="future"):
        practice.correct_reading(ann, goal_id, goal.readings[0], on=date(2027, 1, 1))
    goal = practice.remove_reading(ann, goal_id, goal.readings[0])
    assert [r.value for r in goal.readings] == ["7"]
    assert goal.history[-1].value == ["reading", "2026-02-03", "12", "sponsor"]
    kinds = [e.kind for e in practice.load(ann).events]
    assert kinds[-2:] == ["reading corrected", "reading removed"]


def test_hostile_reading_text_is_kept_as_data(practice: Practice, ann: str) -> None:
    goal_id = agreed_goal(practice, ann)
    value = "[/] [@click=app.quit]x[/] \x1b[31m red \u202e 🙂"
    goal = practice.record_reading(ann, goal_id, value, date(2026, 5, 1), "[b]src[/b]")
    assert goal_of(practice, ann, goal_id).readings[-1].value == value.strip()
    assert goal.readings[-1].source == "[b]src[/b]"


@given(
    days=st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=12),
)
def test_readings_stay_in_day_order_whatever_the_order_typed(days: list[int]) -> None:
    start = date(2025, 1, 1)
    readings: list[MeasureReading] = []
    for n, offset in enumerate(days):
        new = MeasureReading(str(n), start + timedelta(days=offset))
        readings = outcomes.with_reading(readings, new)
    assert [r.on for r in readings] == sorted(r.on for r in readings)
    goal = Insight("g", "e", InsightKind.GOAL, "goal", NOW, readings=readings)
    first, last = outcomes.baseline(goal), outcomes.latest(goal)
    assert first is not None and last is not None
    assert first.on == start + timedelta(days=min(days))
    assert last.on == start + timedelta(days=max(days))
    # Same day: the one recorded first is the baseline, the one recorded last the latest.
    assert first.value == str(days.index(min(days)))
    assert last.value == str(len(days) - 1 - days[::-1].index(max(days)))


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("7 approvals waiting", 7.0),
        ("3.4 / 5", 3.4),
        ("1,200 tickets", 1200.0),
        ("2,5 days", 2.5),
        ("−3 net", -3.0),
        ("45%", 45.0),
        ("most weeks", None),
        ("Q3", None),
    ],
)
def test_the_number_in_a_value(value: str, number: float | None) -> None:
    assert outcomes.number_in(value) == number


# ------------------------------------------------------------------- agreeing


def test_agree_records_baseline_score_and_reading_at_once(practice: Practice, ann: str) -> None:
    goal_id = draft_goal(practice, ann)
    goals.agree(practice, ann, goal_id, baseline=-1, reading=("12 waiting", date(2026, 5, 12), ""))
    goal = goal_of(practice, ann, goal_id)
    assert goals.is_agreed(goal)
    assert [s.score for s in goal.scores] == [-1]
    assert [(r.value, r.on) for r in goal.readings] == [("12 waiting", date(2026, 5, 12))]


@pytest.mark.parametrize("step", ["update_insight", "score_goal", "record_reading"])
def test_agree_is_all_or_nothing(
    practice: Practice, ann: str, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """A step that fails after writing its part leaves the goal a draft, file untouched."""
    goal_id = draft_goal(practice, ann)
    before = file_bytes(practice, ann)
    real = getattr(practice, step)

    def writes_then_fails(*args: object, **kwargs: object) -> Insight:
        real(*args, **kwargs)
        raise CoachError("the disk said no")

    monkeypatch.setattr(practice, step, writes_then_fails)
    with pytest.raises(CoachError, match="disk said no"):
        goals.agree(practice, ann, goal_id, baseline=-1, reading=("12", date(2026, 5, 1), ""))
    assert file_bytes(practice, ann) == before
    goal = goal_of(practice, ann, goal_id)
    assert goal.status == "draft" and goal.agreed_at is None
    assert goal.scores == [] and goal.readings == []


def test_agree_refuses_a_bad_baseline_before_writing(practice: Practice, ann: str) -> None:
    goal_id = draft_goal(practice, ann)
    before = file_bytes(practice, ann)
    for bad in (3, -3, True):
        with pytest.raises(InvalidInputError, match="baseline"):
            goals.agree(practice, ann, goal_id, baseline=bad)
    with pytest.raises(InvalidInputError, match="future"):
        goals.agree(practice, ann, goal_id, reading=("4", date(2026, 6, 1), ""))
    with pytest.raises(InvalidInputError, match="needs a value"):
        goals.agree(practice, ann, goal_id, reading=(" ", date(2026, 5, 1), ""))
    assert file_bytes(practice, ann) == before


# --------------------------------------------------------- development areas


def test_an_area_closes_and_reopens(practice: Practice, ann: str) -> None:
    area = practice.capture(ann, InsightKind.WEAKNESS, "Decides alone", at=NOW)
    closed = practice.close_area(ann, area.id, "  worked   through ")
    assert closed.done and closed.done_at == NOW and closed.closed_reason == "worked through"
    with pytest.raises(InvalidInputError, match="already closed"):
        practice.close_area(ann, area.id)
    reopened = practice.reopen_area(ann, area.id)
    assert not reopened.done and reopened.done_at is None and reopened.closed_reason == ""
    assert reopened.history[-1].value == ["closed", "worked through"]
    with pytest.raises(InvalidInputError, match="is open"):
        practice.reopen_area(ann, area.id)
    goal = practice.capture(ann, InsightKind.GOAL, "A goal", at=NOW)
    with pytest.raises(InvalidInputError, match="not a development area"):
        practice.close_area(ann, goal.id)
    kinds = [e.kind for e in practice.load(ann).events]
    assert kinds[-2:] == ["area closed", "area reopened"]


def test_areas_and_actions_link_to_a_goal(practice: Practice, ann: str) -> None:
    goal_id = agreed_goal(practice, ann)
    area = practice.capture(ann, InsightKind.WEAKNESS, "Decides alone", at=NOW)
    action = practice.capture(ann, InsightKind.ACTION, "Ask two leads", at=NOW)
    assert practice.link_to_goal(ann, area.id, goal_id).goal_id == goal_id
    assert practice.link_to_goal(ann, action.id, goal_id).goal_id == goal_id
    assert practice.link_to_goal(ann, area.id, None).goal_id is None
    strength = practice.capture(ann, InsightKind.STRENGTH, "Calm", at=NOW)
    with pytest.raises(InvalidInputError, match="only development areas and actions"):
        practice.link_to_goal(ann, strength.id, goal_id)
    with pytest.raises(InvalidInputError, match="not a goal"):
        practice.link_to_goal(ann, area.id, strength.id)
    goals.close(practice, ann, goal_id, goals.GoalStatus.DROPPED, "merged")
    with pytest.raises(InvalidInputError, match="dropped"):
        practice.link_to_goal(ann, area.id, goal_id)
    assert {i.id: i.goal_id for i in practice.load(ann).insights}[action.id] == goal_id


def test_a_closed_area_leaves_the_running_views_and_the_focus(practice: Practice, ann: str) -> None:
    from coach_tui.domain import plan as planning

    goal_id = agreed_goal(practice, ann)
    kept = practice.capture(ann, InsightKind.WEAKNESS, "Decides alone", at=NOW)
    gone = practice.capture(ann, InsightKind.WEAKNESS, "Rewrites the team's memos", at=NOW)
    for area in (kept, gone):
        practice.link_to_goal(ann, area.id, goal_id)
    practice.close_area(ann, gone.id, "worked through")
    record = practice.load(ann)
    assert [a.text for a in planning.running_views(record).weaknesses] == ["Decides alone"]
    assert [a.text for a in planning.session_views(record, NOW).weaknesses] == ["Decides alone"]
    focus = planning.draft_next_plan(record, NOW.date()).focus
    assert [i.text for i in focus if i.kind is InsightKind.WEAKNESS] == ["Decides alone"]
