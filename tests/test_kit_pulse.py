"""A stakeholder kit in Action, once a goal is agreed, is a pulse: the mini-survey on
the agreed goals and nothing else (no first interview again, no competency ratings),
and its answers come back as one more pulse of survey scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_kit import export, import_text

from coach_tui.domain.goals import is_agreed
from coach_tui.domain.model import InsightKind, Stage
from coach_tui.store.practice import Practice

pytest_plugins = ["app_fixtures"]


def test_a_stakeholder_kit_in_action_is_a_pulse_on_the_agreed_goals(
    demo_root: Path, tmp_path: Path
) -> None:
    record = Practice(demo_root).load("sofia-lindqvist")
    assert record.engagement.stage is Stage.ACTION
    agreed = {g.id for g in record.insights_of(InsightKind.GOAL) if is_agreed(g)}
    assert agreed
    document = json.loads(
        export(demo_root, "sofia-lindqvist", "stakeholder", "json", tmp_path).read_text("utf-8")
    )
    assert document["phase"] == "pulse"
    questions = [q for s in document["sections"] for q in s["questions"]]
    assert {q["goal_id"] for q in questions if q.get("goal_id")} == agreed
    assert not [q for q in questions if q.get("competency")], "no ratings in a pulse"
    answers: dict[str, Any] = {"relationship": "peer", "overall-change": 1}
    answers["feedforward"] = "Name the one priority you will drop this quarter."
    for q in questions:
        if q.get("goal_id"):
            answers[q["id"]] = 2
    document["answers"] = answers
    before = Practice(demo_root).load("sofia-lindqvist")
    result = import_text(demo_root, json.dumps(document), "pulse.json")
    assert (result.phase, result.ratings) == ("pulse", 0)
    after = Practice(demo_root).load("sofia-lindqvist")
    new = [s for s in after.surveys if s.id not in {x.id for x in before.surveys}]
    assert {(s.goal_id, s.score) for s in new} == {(g, 2) for g in agreed} | {(None, 1)}
    assert len(after.ratings) == len(before.ratings)


def test_before_any_goal_is_agreed_the_stakeholder_kit_is_the_interview(
    demo_root: Path, tmp_path: Path
) -> None:
    record = Practice(demo_root).load("marcus-bell")
    assert not [g for g in record.insights_of(InsightKind.GOAL) if is_agreed(g)]
    document = json.loads(
        export(demo_root, "marcus-bell", "stakeholder", "json", tmp_path).read_text("utf-8")
    )
    assert document["phase"] == "baseline"
