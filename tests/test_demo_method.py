"""The demo follows the method and reads like real engagements.

Seeded once (with the real today, so that ``coach-tui review`` in a subprocess sees
the same dates): every executive with agreed goals has them agreed at the sign-off
with a baseline score, readings of each measure over time, pulses about three (and
six) months after the agreement, an open development area linked to each focus goal
and one area closed with a reason; every engagement has its sessions contracted.
Answers fit their questions: no line is reused across different questions (what the
old rotating answers did), and every required question is answered.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from coach_tui import locations
from coach_tui.demo.people import PEOPLE
from coach_tui.demo.seed import seed_demo
from coach_tui.domain import goals as goal_life
from coach_tui.domain import next_step
from coach_tui.domain import plan as planning
from coach_tui.domain.model import ClientRecord, InsightKind
from coach_tui.scripts.library import load_library
from coach_tui.store.practice import Practice, slugify

IDS = [slugify(p.name) for p in PEOPLE]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("method-demo") / "data"
    seed_demo(root, today=date.today())
    return root


def _record(root: Path, client_id: str) -> ClientRecord:
    return Practice(root).load(client_id)


@pytest.mark.parametrize("client_id", IDS)
def test_every_engagement_has_its_sessions_contracted(demo: Path, client_id: str) -> None:
    contracted = _record(demo, client_id).engagement.contracted_sessions
    assert contracted is not None and 10 <= contracted <= 20


@pytest.mark.parametrize("client_id", ["sofia-lindqvist", "daniel-okafor"])
def test_agreed_goals_carry_baseline_readings_and_linked_areas(demo: Path, client_id: str) -> None:
    record = _record(demo, client_id)
    agreed = [g for g in record.insights_of(InsightKind.GOAL) if goal_life.is_agreed(g)]
    assert len(agreed) == 2
    signoff = next(s for s in record.sessions if s.script_id == "three-way-signoff")
    areas = record.insights_of(InsightKind.WEAKNESS)
    for goal in agreed:
        assert goal.agreed_session == signoff.id
        assert goal.scores[0].session_id == signoff.id, "the baseline is scored at the sign-off"
        assert goal.scores[0].score < 0
        assert len(goal.readings) >= 3, "the measure read at the sign-off and since"
        days = [r.on for r in goal.readings]
        assert days == sorted(days) and days[0] == signoff.started.date()
        assert all(r.source for r in goal.readings)
        assert any(a.goal_id == goal.id for a in areas), "each goal works on an area"
    closed = [a for a in areas if a.done]
    assert len(closed) == 1
    assert closed[0].done_at is not None and closed[0].closed_reason
    assert closed[0].done_at.date() < date.today()


@pytest.mark.parametrize(("client_id", "pulses"), [("sofia-lindqvist", 1), ("daniel-okafor", 2)])
def test_pulses_about_three_and_six_months_after_the_agreement(
    demo: Path, client_id: str, pulses: int
) -> None:
    record = _record(demo, client_id)
    agreed = min(
        g.agreed_at for g in record.insights_of(InsightKind.GOAL) if g.agreed_at is not None
    )
    starts = next_step.pulse_starts(record)
    assert len(starts) == pulses
    assert 80 <= (starts[0] - agreed.date()).days <= 100, "the 3-month pulse"
    if pulses > 1:
        assert 150 <= (starts[1] - agreed.date()).days <= 190, "about six months, at the close"


@pytest.mark.parametrize("client_id", ["sofia-lindqvist", "daniel-okafor"])
def test_each_focus_goal_has_an_open_linked_area(demo: Path, client_id: str) -> None:
    record = _record(demo, client_id)
    plan = record.latest_plan()
    assert plan is not None
    items = planning.plan_items(record, plan)
    assert items["focus_goals"]
    for goal in items["focus_goals"]:
        assert goal_life.is_agreed(goal)
        assert any(a.goal_id == goal.id and not a.done for a in items["focus"])
    assert all(a.kind is InsightKind.WEAKNESS for a in items["focus"])
    ahead = [g for g in record.insights_of(InsightKind.GOAL) if g.latest_score == 2]
    assert not {g.id for g in ahead} & {g.id for g in items["focus_goals"]}


@pytest.mark.parametrize("client_id", IDS)
def test_answers_fit_their_questions(demo: Path, client_id: str) -> None:
    """No line is the answer to two different questions; required ones are answered."""
    record = _record(demo, client_id)
    library = load_library(None)
    seen: dict[str, str] = {}
    for session in record.sessions:
        answers = record.answers_of(session.id)
        script = library.get(session.script_id)
        for question in script.questions:
            if question.required and not question.per_goal and not question.competency:
                assert question.id in answers, f"{session.script_id}: {question.id}"
        for answer in answers.values():
            if answer.kind not in ("text", "line") or not isinstance(answer.value, str):
                continue
            earlier = seen.setdefault(answer.value, answer.question_id)
            base = answer.question_id.split("--")[0]
            assert earlier.split("--")[0] in (base, "new-behaviour", "feedforward-received"), (
                f"'{answer.value}' answers both {earlier} and {answer.question_id}"
            )


def test_what_happened_with_each_commitment_names_the_commitment(demo: Path) -> None:
    """The issue's example: 'What happened with each commitment?' -> 'Team of 22…'."""
    record = _record(demo, "sofia-lindqvist")
    actions = {a.text for a in record.insights_of(InsightKind.ACTION)}
    reviews = [a for a in record.answers if a.question_id == "commitments-review" and a.value]
    assert len(reviews) >= 6
    for answer in reviews:
        assert isinstance(answer.value, list)
        for line in answer.value:
            commitment = line.split(": ")[0]
            assert commitment in actions, line
            assert "Team of 22" not in line


def test_the_interviews_are_built_on_the_agreed_competencies(demo: Path) -> None:
    record = _record(demo, "marcus-bell")
    interviews = [s for s in record.sessions if s.script_id == "stakeholder-interview"]
    assert len(interviews) == 3
    for session in interviews:
        answered = set(record.answers_of(session.id))
        assert "competency-listening" in answered
        assert "situation--competency-collaboration-across-boundaries" in answered
        assert "competency-decisiveness" not in answered, "not agreed: not read out"


def _review(root: Path, home: Path, name: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COACH_TUI"))}
    env.update(HOME=str(home), PYTHONIOENCODING="utf-8", COLUMNS="120")
    env[locations.ENV_DATA] = str(root)
    proc = subprocess.run(
        [sys.executable, "-m", "coach_tui", "review", name],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc.stdout


@pytest.mark.parametrize("client_id", IDS)
def test_review_proposes_a_new_script_and_names_the_focus_goals(
    demo: Path, tmp_path: Path, client_id: str
) -> None:
    record = _record(demo, client_id)
    library = load_library(None)
    held = [s for s in record.sessions_of(record.engagement.id) if s.audience == "coach"]
    last = max(held, key=lambda s: s.started)
    plan = record.latest_plan()
    assert plan is not None and plan.script_id and plan.script_id != last.script_id
    out = _review(demo, tmp_path, record.client.name)
    next_line = next(line for line in out.splitlines() if line.startswith("Next session:"))
    assert library.get(plan.script_id).title in next_line
    assert library.get(last.script_id).title not in next_line
    agreed = [g for g in record.insights_of(InsightKind.GOAL) if goal_life.is_agreed(g)]
    if agreed:
        items = planning.plan_items(record, plan)
        for goal in items["focus_goals"]:
            assert f"focus goal: {goal.text[:40]}" in out


def test_the_demo_is_deterministic(tmp_path: Path, demo: Path) -> None:
    again = tmp_path / "again"
    seed_demo(again, today=date.today())

    def answers(root: Path) -> list[tuple[str, str]]:
        out = []
        for client_id in IDS:
            record = _record(root, client_id)
            out += sorted(
                (a.question_id.split("--goal-")[0], repr(a.value)) for a in record.answers
            )
        return out

    assert answers(again) == answers(demo)
