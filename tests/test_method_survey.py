"""The pulse figures: the brief counts every reply, as the report does."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from coach_tui.domain import assess, goals
from coach_tui.domain.model import InsightKind
from coach_tui.reports.brief import render_brief
from coach_tui.store.practice import Practice

DAY = datetime(2026, 3, 2, 10, 0)


def _practice(tmp_path: Path) -> tuple[Practice, str, str]:
    practice = Practice(tmp_path / "data", clock=lambda: DAY)
    cid = practice.create_client("Ann Lee").id
    goal = practice.capture(cid, InsightKind.GOAL, "Decide with the team", at=DAY)
    practice.update_insight(cid, goal.id, measure="m", gas={k: f"l{k}" for k in range(-2, 3)})
    goals.agree(practice, cid, goal.id, at=DAY)
    return practice, cid, goal.id


def test_one_late_reply_does_not_replace_the_others_in_the_brief(tmp_path: Path) -> None:
    practice, cid, goal_id = _practice(tmp_path)
    for hour in range(5):
        practice.record_survey(cid, {goal_id: 2}, "peer", at=DAY + timedelta(hours=hour))
    practice.record_survey(cid, {goal_id: -1}, "peer", at=DAY + timedelta(days=2))
    record = practice.load(cid)
    text = render_brief(record, (DAY + timedelta(days=3)).date(), width=100)
    row = next(r for r in assess.survey_rows(record, record.engagement.id) if r.goal_id)
    assert row.mean == 1.5 and row.scores.count == 6
    assert "+1.5, 83% positive (n=6)" in text
    assert "-1.0 (n=1)" not in text and "−1.0 (n=1)" not in text


def test_the_brief_hides_groups_under_three(tmp_path: Path) -> None:
    practice, cid, goal_id = _practice(tmp_path)
    practice.record_survey(cid, {goal_id: 3}, "manager", at=DAY)
    practice.record_survey(cid, {goal_id: -3}, "peer", at=DAY)
    text = render_brief(practice.load(cid), DAY.date(), width=100)
    assert "fewer than 3 replies" in text
    assert "+0.0" not in text and "n=2" not in text


def test_a_closed_development_area_is_not_remaining(tmp_path: Path) -> None:
    from coach_tui.reports.report import build_final_report

    practice, cid, goal_id = _practice(tmp_path)
    open_area = practice.capture(cid, InsightKind.WEAKNESS, "Interrupts in meetings", at=DAY)
    closed = practice.capture(cid, InsightKind.WEAKNESS, "Late on email", at=DAY)
    practice.update_insight(cid, open_area.id, goal_id=goal_id)
    practice.update_insight(cid, closed.id, done=True)
    text = build_final_report(practice.load(cid), "client", DAY.date())
    remaining = text.split("Remaining development areas", 1)[1]
    assert "Interrupts in meetings" in remaining
    assert "Late on email" not in remaining


def test_the_plan_counts_the_pulses_the_review_and_reports_show(tmp_path: Path) -> None:
    """Replies trickling in over six weeks, never a month apart, are one pulse for the
    plan's 'pulse due' as for the charts and the reports (the plan used to start a
    second pulse 30 days after the first reply)."""
    from coach_tui.domain import next_step, pulses

    practice, cid, goal_id = _practice(tmp_path)
    for days in (0, 20, 40):
        practice.record_survey(cid, {goal_id: 1}, "peer", at=DAY + timedelta(days=days))
    practice.record_survey(cid, {goal_id: 2}, "peer", at=DAY + timedelta(days=90))
    record = practice.load(cid)
    shown = [p.first for p in pulses.pulses(record)]
    assert shown == [DAY.date(), (DAY + timedelta(days=90)).date()]
    assert next_step.pulse_starts(record) == shown
