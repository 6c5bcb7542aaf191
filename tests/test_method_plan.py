"""The method: the checklist reads real evidence; the next script follows the history.

Each stage's history is built through the store's public API with the shipped
scripts, and the plan must propose the next script not yet held (never the one just
held), focus on the agreed goals furthest from +2 and their open linked areas, and
name a three-way meeting when one is due.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach_tui.domain import goals, next_step
from coach_tui.domain import plan as planning
from coach_tui.domain.model import AnswerValue, InsightKind, Stage
from coach_tui.scripts.library import load_library
from coach_tui.store.practice import Practice

DAY = datetime(2026, 3, 2, 10, 0)
LIBRARY = load_library(None)


class Engagement:
    """A small engagement played forward with the shipped scripts."""

    def __init__(self, tmp_path: Path) -> None:
        self.now = DAY - timedelta(days=200)
        self.practice = Practice(tmp_path / "data", clock=lambda: self.now)
        self.cid = self.practice.create_client("Ann Lee", sponsor="Bo Chen", at=self.now).id

    def hold(self, script_id: str, answers: dict[str, AnswerValue] | None = None) -> str:
        self.now += timedelta(days=7)
        script = LIBRARY.get(script_id)
        session = self.practice.start_session(self.cid, script, at=self.now)
        for question_id, value in (answers or {}).items():
            question = script.question(question_id)
            self.practice.save_answer(self.cid, session.id, question, value, at=self.now)
        self.practice.end_session(self.cid, session.id, at=self.now + timedelta(minutes=30))
        return session.id

    def advance(self) -> None:
        self.practice.advance_stage(self.cid, at=self.now)

    def goal(self, text: str, agreed: bool = True) -> str:
        goal = self.practice.capture(self.cid, InsightKind.GOAL, text, at=self.now)
        self.practice.update_insight(
            self.cid, goal.id, measure="a count", gas={k: f"level {k}" for k in range(-2, 3)}
        )
        if agreed:
            goals.agree(self.practice, self.cid, goal.id, at=self.now)
        return goal.id

    def next(self) -> str:
        return next_step.next_script(self.practice.load(self.cid), self.now.date())

    def states(self) -> dict[str, bool]:
        record = self.practice.load(self.cid)
        return {s.item.id: s.done for s in planning.checklist(record, self.now.date())}


def test_awareness_intake_then_kick_off_then_analysis(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    assert e.next() == "awareness-intake"
    e.hold("awareness-intake")
    assert e.next() == "three-way-kickoff"
    e.hold("three-way-kickoff", {"roles-agreed": True, "confidentiality-agreed": True})
    assert e.next() == "analysis-expectations"
    assert not e.states()["outcomes"], "no sponsor expectations recorded yet"


def test_analysis_never_proposes_the_plan_twice(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    e.advance()
    e.hold("analysis-expectations")
    assert e.next() == "assessment-debrief"
    e.hold("assessment-debrief")
    assert e.next() == "development-plan"
    e.hold("development-plan", {"manager-approved": False})
    assert e.next() == "three-way-signoff"
    record = e.practice.load(e.cid)
    draft = planning.draft_next_plan(record, e.now.date())
    assert draft.script_id == "three-way-signoff"
    assert any("plan sign-off" in r for r in draft.reminders)


def test_the_manager_approval_is_read_from_the_answer(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    e.advance()
    e.practice.add_stakeholder(e.cid, "Cy Dee", "peer")
    e.hold("development-plan", {"manager-approved": False})
    assert not e.states()["stakeholders"], "a 'no' does not tick the approval"
    e.hold("three-way-signoff", {"manager-approved": True, "goals-agreed": True})
    states = e.states()
    assert states["stakeholders"]
    assert not states["signed_off"], "signed off needs an agreed goal too"
    e.goal("Decide faster")
    assert e.states()["signed_off"]


def test_action_alternates_check_ins_monthly_review_and_mid_point(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    e.advance()
    e.advance()
    held = []
    for _ in range(7):
        script_id = e.next()
        held.append(script_id)
        e.hold(script_id)
    assert held == [
        "action-checkin",
        "action-checkin",
        "monthly-review",
        "action-checkin",
        "action-checkin",
        "monthly-review",
        "three-way-midpoint",
    ]
    for _ in range(2):
        assert e.next() == "action-checkin", "the mid-point is held once"
        e.hold("action-checkin")
    assert e.next() == "monthly-review"


def test_achievement_moves_through_its_one_off_sessions(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    for _ in range(3):
        e.advance()
    order = []
    for _ in range(5):
        script_id = e.next()
        order.append(script_id)
        e.hold(script_id)
    assert order == [
        "achievement-review",
        "phase-down",
        "final-session",
        "three-way-close",
        "follow-up",
    ]
    assert e.next() not in order[-1:]


def test_the_close_is_ticked_by_the_agreement(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    for _ in range(3):
        e.advance()
    assert not e.states()["closed"]
    e.hold("three-way-close", {"objectives-met": "mostly", "stakeholders-agree": True})
    assert e.states()["closed"]


def test_focus_is_the_agreed_goals_furthest_from_plus_two_and_their_areas(
    tmp_path: Path,
) -> None:
    e = Engagement(tmp_path)
    e.advance()
    e.advance()
    session = e.hold("action-checkin")
    behind = e.goal("Listen before deciding")
    ahead = e.goal("Delegate decisions")
    draft_goal = e.goal("A stray line", agreed=False)
    e.practice.score_goal(e.cid, behind, -1, session, at=e.now)
    e.practice.score_goal(e.cid, ahead, 2, session, at=e.now)
    linked = e.practice.capture(e.cid, InsightKind.WEAKNESS, "Interrupts", at=e.now)
    e.practice.update_insight(e.cid, linked.id, goal_id=behind)
    other = e.practice.capture(e.cid, InsightKind.WEAKNESS, "Late emails", at=e.now)
    e.practice.update_insight(e.cid, other.id, goal_id=ahead)
    draft = planning.draft_next_plan(e.practice.load(e.cid), e.now.date())
    assert [i.id for i in draft.focus] == [behind, linked.id]
    assert draft_goal not in {g.id for g in draft.score_goals}
    assert {g.id for g in draft.score_goals} == {behind, ahead}


@pytest.mark.parametrize("stage", list(Stage))
def test_every_checklist_item_has_evidence(stage: Stage) -> None:
    from coach_tui.domain.evidence import EVIDENCE
    from coach_tui.domain.model import STAGE_CHECKLISTS

    assert all(item.id in EVIDENCE for item in STAGE_CHECKLISTS[stage])


def test_only_agreed_goals_with_levels_are_offered_for_scoring(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    agreed = e.goal("Listen before deciding")
    e.goal("Drafted, not agreed", agreed=False)
    bare = e.practice.capture(e.cid, InsightKind.GOAL, "A stray line", at=e.now)
    record = e.practice.load(e.cid)
    assert [g.id for g in planning.scorable_goals(record)] == [agreed]
    assert bare.id not in {g.id for g in planning.scorable_goals(record)}


def test_agreeing_a_goal_can_record_its_baseline(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    goal = e.practice.capture(e.cid, InsightKind.GOAL, "Decide faster", at=e.now)
    e.practice.update_insight(
        e.cid, goal.id, measure="days to decide", gas={k: f"l{k}" for k in range(-2, 3)}
    )
    agreed = goals.agree(e.practice, e.cid, goal.id, at=e.now, baseline=-1)
    assert [s.score for s in agreed.scores] == [-1]
    assert agreed.scores[0].at == e.now


def test_the_mini_survey_runs_from_action_on() -> None:
    assert LIBRARY.get("mini-survey").stage is Stage.ACTION


def _pulse_notes(e: Engagement) -> list[str]:
    record = e.practice.load(e.cid)
    return [r for r in next_step.reminders(record, e.now.date()) if "pulse" in r]


def test_pulses_are_due_at_three_and_six_months_and_at_the_close(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    e.advance()
    goal = e.goal("Listen before deciding")
    e.advance()
    e.now += timedelta(days=60)
    assert _pulse_notes(e) == [], "two months after the agreement: nothing due yet"
    e.now += timedelta(days=35)
    assert _pulse_notes(e) == ["the 3-month pulse mini-survey is due"]
    for _ in range(3):  # replies over three days are one pulse
        e.now += timedelta(days=1)
        e.practice.record_survey(e.cid, {goal: 1}, relationship="peer", at=e.now)
    assert _pulse_notes(e) == []
    e.now += timedelta(days=90)
    assert _pulse_notes(e) == ["the 6-month pulse mini-survey is due"]
    e.practice.record_survey(e.cid, {goal: 2}, relationship="peer", at=e.now)
    assert _pulse_notes(e) == []
    e.now += timedelta(days=20)
    e.advance()
    assert _pulse_notes(e) == ["the closing pulse mini-survey is due"]
    assert not e.states()["final_stakeholders"], "an Action pulse is not the closing input"
    e.now += timedelta(days=7)
    e.practice.record_survey(e.cid, {goal: 2}, relationship="peer", at=e.now)
    assert _pulse_notes(e) == []
    assert e.states()["final_stakeholders"]


def test_no_pulse_before_the_plan_is_agreed(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    e.advance()
    e.goal("Drafted only", agreed=False)
    e.advance()
    e.now += timedelta(days=200)
    assert _pulse_notes(e) == []


def test_the_plan_names_focus_goals_and_their_linked_areas_apart(tmp_path: Path) -> None:
    """'Development areas in focus' lists areas linked to the focus goals, never a goal."""
    from coach_tui.domain.sessions import Finish, finish_session

    e = Engagement(tmp_path)
    e.advance()
    e.advance()
    behind = e.goal("Listen before deciding")
    ahead = e.goal("Delegate decisions")
    session = e.hold("action-checkin")
    e.practice.score_goal(e.cid, behind, -1, session, at=e.now)
    e.practice.score_goal(e.cid, ahead, 1, session, at=e.now)
    linked = e.practice.capture(e.cid, InsightKind.WEAKNESS, "Interrupts", at=e.now)
    e.practice.update_insight(e.cid, linked.id, goal_id=behind)
    closed = e.practice.capture(e.cid, InsightKind.WEAKNESS, "Sharp emails", at=e.now)
    e.practice.update_insight(
        e.cid, closed.id, goal_id=behind, done=True, closed_reason="worked through"
    )
    e.practice.capture(e.cid, InsightKind.WEAKNESS, "Late to meetings", at=e.now)
    live = e.practice.start_session(e.cid, LIBRARY.get("action-checkin"), at=e.now)
    finish = Finish({}, None, "action-checkin", "")
    finish_session(e.practice, e.practice.load(e.cid), live.id, finish, e.now.date())
    record = e.practice.load(e.cid)
    plan = record.latest_plan()
    assert plan is not None
    items = planning.plan_items(record, plan)
    assert [g.id for g in items["focus_goals"]] == [behind]
    assert [a.id for a in items["focus"]] == [linked.id]
    assert all(a.kind is InsightKind.WEAKNESS for a in items["focus"])


def test_an_old_plan_naming_only_areas_finds_their_goals(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    goal = e.goal("Listen before deciding")
    area = e.practice.capture(e.cid, InsightKind.WEAKNESS, "Interrupts", at=e.now)
    e.practice.update_insight(e.cid, area.id, goal_id=goal)
    e.practice.write_plan(e.cid, focus=[area.id])
    record = e.practice.load(e.cid)
    plan = record.latest_plan()
    assert plan is not None
    items = planning.plan_items(record, plan)
    assert [g.id for g in items["focus_goals"]] == [goal]
    assert [a.id for a in items["focus"]] == [area.id]


def test_nothing_is_proposed_once_every_session_is_held(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    for _ in range(3):
        e.advance()
    for script_id in next_step.ONE_OFF[Stage.ACHIEVEMENT]:
        e.hold(script_id)
    assert e.next() == "", "the follow-up was the last one-off: none is proposed twice"


def test_the_pulse_item_needs_a_survey_after_the_agreement(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    e.advance()
    e.practice.record_survey(e.cid, {None: 1}, relationship="peer", at=e.now)
    e.now += timedelta(days=7)
    goal = e.goal("Listen before deciding")
    e.advance()
    assert not e.states()["pulse"], "a survey before the plan was agreed is not a pulse"
    e.now += timedelta(days=90)
    e.practice.record_survey(e.cid, {goal: 1}, relationship="peer", at=e.now)
    assert e.states()["pulse"]


def test_the_method_table_is_complete_and_true() -> None:
    """docs/METHOD.md names every checklist item and script; every question it names exists."""
    import re

    from coach_tui.domain.model import STAGE_CHECKLISTS

    text = (Path(__file__).resolve().parent.parent / "docs" / "METHOD.md").read_text()
    table = text[text.index("## Stage by stage") : text.index("## The intake")]
    for items in STAGE_CHECKLISTS.values():
        for item in items:
            assert f"`{item.id}`" in table, item.id
    coach_scripts = {s.id for s in LIBRARY.all()}
    named = set(re.findall(r"`([a-z-]+)`", table))
    assert coach_scripts <= named, coach_scripts - named
    cited = [
        (script_id, inside)
        for script_id, inside in re.findall(r"`([a-z-]+)` \(([^)]*)\)", table)
        if script_id in coach_scripts
    ]
    assert len(cited) >= 20
    for script_id, inside in cited:
        script = LIBRARY.get(script_id)
        for question_id in re.findall(r"`([a-z-]+)`", inside):
            script.question(question_id)  # KeyError names the script and the question


def test_the_agreed_cadence_dates_the_next_call(tmp_path: Path) -> None:
    e = Engagement(tmp_path)
    record = e.practice.load(e.cid)
    assert planning.draft_next_plan(record, e.now.date()).next_date == e.now.date() + timedelta(
        days=14
    ), "the usual two weeks"
    e.hold("awareness-intake", {"cadence": "every three weeks"})
    record = e.practice.load(e.cid)
    draft = planning.draft_next_plan(record, e.now.date())
    assert draft.next_date == e.now.date() + timedelta(days=21)
    e.advance()
    e.hold("development-plan", {"call-frequency": "every four weeks"})
    record = e.practice.load(e.cid)
    draft = planning.draft_next_plan(record, e.now.date())
    assert draft.next_date == e.now.date() + timedelta(days=28), "the plan's rhythm wins"
