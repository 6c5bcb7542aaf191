"""plan.py: running views, checklists and the draft of the next-session plan."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

from coach_tui.domain import plan as planning
from coach_tui.domain.model import InsightKind, Stage
from coach_tui.store.practice import Practice

DAY = datetime(2026, 3, 2, 10, 0)


def _practice(tmp_path: Path) -> tuple[Practice, str]:
    practice = Practice(tmp_path / "data", clock=lambda: DAY)
    return practice, practice.create_client("Ann Lee").id


def _script(*questions: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(
        id="action-checkin", title="Check-in", version=1, audience="coach", questions=questions
    )


def _question(qid: str, kind: str, feeds: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=qid, text=qid, kind=kind, section="", feeds=feeds)


def test_the_agreed_next_call_date_wins_over_the_cadence(tmp_path: Path) -> None:
    practice, cid = _practice(tmp_path)
    next_call = _question("next-call", "date")
    session = practice.start_session(cid, _script(next_call))
    practice.save_answer(cid, session.id, next_call, "2026-03-20")
    record = practice.load(cid)
    agreed = planning.draft_next_plan(record, DAY.date(), session_id=session.id)
    assert agreed.next_date == date(2026, 3, 20)
    usual = planning.draft_next_plan(record, DAY.date())
    assert usual.next_date == date(2026, 3, 16)


def test_a_past_agreed_date_falls_back_to_the_cadence(tmp_path: Path) -> None:
    practice, cid = _practice(tmp_path)
    next_call = _question("next-call", "date")
    session = practice.start_session(cid, _script(next_call))
    practice.save_answer(cid, session.id, next_call, "2026-01-01")
    draft = planning.draft_next_plan(practice.load(cid), DAY.date(), session_id=session.id)
    assert draft.next_date == date(2026, 3, 16)


def test_commitments_take_the_by_when_date(tmp_path: Path) -> None:
    practice, cid = _practice(tmp_path)
    commitments = _question("commitments", "list", feeds="actions")
    due = _question("commitments-due", "date")
    session = practice.start_session(cid, _script(commitments, due))
    practice.save_answer(cid, session.id, commitments, ["Call Bo", "Write the memo"])
    practice.save_answer(cid, session.id, due, "2026-03-09")
    when, undated = planning.commitments_due(practice.load(cid), session.id)
    assert when == date(2026, 3, 9)
    assert sorted(a.text for a in undated) == ["Call Bo", "Write the memo"]


def test_running_views_put_overdue_actions_first_and_hide_done_ones(tmp_path: Path) -> None:
    practice, cid = _practice(tmp_path)
    later = practice.capture(cid, InsightKind.ACTION, "later", due=date(2026, 4, 1))
    overdue = practice.capture(cid, InsightKind.ACTION, "overdue", due=date(2026, 2, 1))
    done = practice.capture(cid, InsightKind.ACTION, "done", due=date(2026, 1, 1))
    practice.update_insight(cid, done.id, done=True)
    views = planning.running_views(practice.load(cid))
    assert [a.id for a in views.actions] == [overdue.id, later.id]
    assert overdue.is_overdue(DAY.date()) and not later.is_overdue(DAY.date())


def test_the_awareness_checklist_follows_what_was_captured(tmp_path: Path) -> None:
    practice, cid = _practice(tmp_path)
    states = {s.item.id: s.done for s in planning.checklist(practice.load(cid), DAY.date())}
    assert not any(states.values())
    for kind in (
        InsightKind.STRENGTH,
        InsightKind.WEAKNESS,
        InsightKind.MOTIVATION,
        InsightKind.GOAL,
    ):
        practice.capture(cid, kind, f"a {kind.value}")
    intake = practice.start_session(
        cid, SimpleNamespace(**{**vars(_script()), "id": "awareness-intake"})
    )
    practice.end_session(cid, intake.id)
    states = {s.item.id: s.done for s in planning.checklist(practice.load(cid), DAY.date())}
    # A goal alone is not the sponsor's expectation: that needs the kick-off.
    assert not states["outcomes"] and not states["kickoff"]
    questions = [
        _question("roles-agreed", "yesno"),
        _question("confidentiality-agreed", "yesno"),
        _question("sponsor-expectations", "list"),
    ]
    kickoff = practice.start_session(
        cid, SimpleNamespace(**{**vars(_script(*questions)), "id": "three-way-kickoff"})
    )
    practice.save_answer(cid, kickoff.id, questions[0], True)
    practice.save_answer(cid, kickoff.id, questions[1], True)
    practice.save_answer(cid, kickoff.id, questions[2], ["Decides faster"])
    practice.end_session(cid, kickoff.id)
    states = {s.item.id: s.done for s in planning.checklist(practice.load(cid), DAY.date())}
    assert all(states.values()), states


def test_goal_trend_arrows() -> None:
    goal = SimpleNamespace(scores=[SimpleNamespace(score=-1), SimpleNamespace(score=1)])
    assert planning.goal_trend(goal) == "↑"  # type: ignore[arg-type]
    goal.scores.append(SimpleNamespace(score=0))
    assert planning.goal_trend(goal) == "↓"  # type: ignore[arg-type]
    assert planning.default_script_for(Stage.ACTION) == "action-checkin"
