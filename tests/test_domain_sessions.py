"""domain/sessions.py: a session's questions (per-goal expansion) and finishing in one batch."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from coach_tui.domain import goals
from coach_tui.domain.model import InsightKind
from coach_tui.domain.sessions import (
    Finish,
    contracted_sessions,
    finish_session,
    goal_of,
    questions_of,
    session_questions,
)
from coach_tui.errors import CoachError
from coach_tui.scripts.library import Question, load_library
from coach_tui.store.practice import Practice

DAY = datetime(2026, 3, 2, 10, 0)


def _practice(tmp_path: Path) -> tuple[Practice, str]:
    practice = Practice(tmp_path / "data", clock=lambda: DAY)
    return practice, practice.create_client("Ann Lee").id


def _question(qid: str, kind: str, feeds: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=qid, text=qid, kind=kind, section="", feeds=feeds)


def _script(*questions: SimpleNamespace, script_id: str = "action-checkin") -> SimpleNamespace:
    return SimpleNamespace(
        id=script_id, title="Check-in", version=1, audience="coach", questions=questions
    )


def _agreed(practice: Practice, cid: str, text: str) -> str:
    goal = practice.capture(cid, InsightKind.GOAL, text)
    levels = {k: f"level {k}" for k in range(-2, 3)}
    practice.update_insight(cid, goal.id, measure="seen by the team", gas=levels)
    goals.agree(practice, cid, goal.id)
    return goal.id


def test_a_per_goal_question_is_asked_once_per_current_goal(tmp_path: Path) -> None:
    practice, cid = _practice(tmp_path)
    first = _agreed(practice, cid, "Delegate the Lyon launch")
    second = _agreed(practice, cid, "Speak first in the board")
    draft = practice.capture(cid, InsightKind.GOAL, "A draft with no levels yet")
    plain = Question("progress", "What moved?", "text", "")
    scored = Question("gas", "Where is it now?", "rating", "", scale=(-2, 2), per_goal=True)
    talked = Question("notes", "What about this goal?", "text", "", per_goal=True)
    questions = session_questions((plain, scored, talked), practice.load(cid))
    assert [q.id for q in questions] == [
        "progress",
        f"gas--goal-{first}",
        f"gas--goal-{second}",  # only agreed goals are GAS-scored: not the draft
        f"notes--goal-{first}",
        f"notes--goal-{second}",
        f"notes--goal-{draft.id}",
    ]
    assert questions[1].text.endswith("Goal: Delegate the Lyon launch")
    assert goal_of(questions[2].id) == second
    assert goal_of("progress") is None


def test_without_goals_a_per_goal_question_is_not_asked(tmp_path: Path) -> None:
    practice, cid = _practice(tmp_path)
    scored = Question("gas", "Where is it now?", "rating", "", scale=(-2, 2), per_goal=True)
    assert session_questions((scored,), practice.load(cid)) == []


def test_a_session_whose_script_is_gone_keeps_its_questions(tmp_path: Path) -> None:
    practice, cid = _practice(tmp_path)
    session = practice.start_session(
        cid, _script(_question("why-now", "text"), script_id="retired-script")
    )
    record = practice.load(cid)
    gone = next(s for s in record.sessions if s.id == session.id)
    questions = questions_of(gone, load_library(tmp_path / "no-scripts"), record)
    assert [q.id for q in questions] == ["why-now"]


def _finishing(tmp_path: Path) -> tuple[Practice, str, str, str, str]:
    practice, cid = _practice(tmp_path)
    goal = practice.capture(cid, InsightKind.GOAL, "Delegate the Lyon launch")
    commitments = _question("commitments", "list", feeds="actions")
    due = _question("commitments-due", "date")
    session = practice.start_session(cid, _script(commitments, due))
    practice.save_answer(cid, session.id, commitments, ["Call Bo"])
    practice.save_answer(cid, session.id, due, "2026-03-09")
    action = next(i for i in practice.load(cid).insights if i.kind is InsightKind.ACTION)
    return practice, cid, session.id, goal.id, action.id


def test_finishing_writes_scores_dates_end_and_plan(tmp_path: Path) -> None:
    practice, cid, session_id, goal_id, action_id = _finishing(tmp_path)
    finish = Finish({goal_id: 1}, date(2026, 3, 16), "action-checkin", "Bring the memo")
    finish_session(practice, practice.load(cid), session_id, finish, DAY.date())
    record = practice.load(cid)
    session = next(s for s in record.sessions if s.id == session_id)
    assert session.ended is not None
    goal = next(i for i in record.insights if i.id == goal_id)
    assert [s.score for s in goal.scores] == [1]
    action = next(i for i in record.insights if i.id == action_id)
    assert action.due == date(2026, 3, 9)
    plan = record.latest_plan()
    assert plan is not None and plan.next_date == date(2026, 3, 16)
    assert plan.notes == "Bring the memo" and plan.review_actions == [action_id]


def test_finishing_is_all_or_nothing(tmp_path: Path) -> None:
    """A failure before the plan is written leaves no score, no due date, no end."""
    practice, cid, session_id, goal_id, _ = _finishing(tmp_path)
    before = practice.load(cid)

    def fail() -> None:
        raise CoachError("the disk is full")

    finish = Finish({goal_id: 1}, date(2026, 3, 16), "action-checkin", "")
    with pytest.raises(CoachError):
        finish_session(practice, before, session_id, finish, DAY.date(), before_plan=fail)
    after = practice.load(cid)
    assert after == before


def _intake_with_contract(tmp_path: Path, answer: str) -> tuple[Practice, str, str]:
    practice, cid = _practice(tmp_path)
    script = load_library(None).get("awareness-intake")
    session = practice.start_session(cid, script)
    practice.save_answer(cid, session.id, script.question("contracted-sessions"), answer)
    return practice, cid, session.id


def test_finishing_the_intake_records_the_sessions_contracted(tmp_path: Path) -> None:
    practice, cid, session_id = _intake_with_contract(tmp_path, "10 sessions, every two weeks")
    assert practice.load(cid).engagement.contracted_sessions is None
    finish = Finish({}, date(2026, 3, 16), "three-way-kickoff", "")
    finish_session(practice, practice.load(cid), session_id, finish, DAY.date())
    assert practice.load(cid).engagement.contracted_sessions == 10


def test_the_sessions_contracted_are_written_with_the_rest_or_not_at_all(
    tmp_path: Path,
) -> None:
    practice, cid, session_id = _intake_with_contract(tmp_path, "twelve, so 12 sessions")
    before = practice.load(cid)

    def fail() -> None:
        raise CoachError("the disk is full")

    finish = Finish({}, date(2026, 3, 16), "three-way-kickoff", "")
    with pytest.raises(CoachError):
        finish_session(practice, before, session_id, finish, DAY.date(), before_plan=fail)
    assert practice.load(cid) == before
    finish_session(practice, before, session_id, finish, DAY.date())
    assert practice.load(cid).engagement.contracted_sessions == 12


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("10 sessions, every two weeks", 10),
        ("8", 8),
        ("not agreed yet", None),
        ("0 so far", None),
        ("2026 budget, ask HR", None),
    ],
)
def test_the_first_whole_number_is_the_sessions_contracted(
    tmp_path: Path, answer: str, expected: int | None
) -> None:
    practice, cid, session_id = _intake_with_contract(tmp_path, answer)
    assert contracted_sessions(practice.load(cid), session_id) == expected
