"""A kit is answered once: importing a corrected fill of the same kit updates that response."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_kit import _stakeholder_md, export, fill_self_md, import_text

from coach_tui.domain import suggestions
from coach_tui.domain.model import InsightKind
from coach_tui.scripts.library import load_library
from coach_tui.store.practice import Practice

pytest_plugins = ["app_fixtures"]


def _kit_sessions(root: Path, client_id: str, script_id: str) -> list[Any]:
    record = Practice(root).load(client_id)
    return [s for s in record.sessions if s.script_id == script_id]


def test_a_corrected_self_assessment_updates_the_same_session(
    demo_root: Path, tmp_path: Path
) -> None:
    form = export(demo_root, "marcus-bell", "self", "md", tmp_path).read_text("utf-8")
    before = len(_kit_sessions(demo_root, "marcus-bell", "self-assessment"))
    filled = fill_self_md(form)
    first = import_text(demo_root, filled)
    assert first.updated is None
    corrected = filled.replace("Calm in a crisis", "Calm in a real crisis")
    second = import_text(demo_root, corrected)
    assert second.updated is not None
    assert "updated it" in second.summary() and "was imported on" in second.summary()
    sessions = _kit_sessions(demo_root, "marcus-bell", "self-assessment")
    assert len(sessions) == before + 1, "a second session was made for the same kit"
    record = Practice(demo_root).load("marcus-bell")
    strengths = record.answers_of(sessions[-1].id)["self-strengths"]
    assert strengths.value == ["Turning strategy into an operating plan", "Calm in a real crisis"]
    assert strengths.history and "Calm in a crisis" in strengths.history[-1].value
    # The executive's words are suggestions (never items): the corrected line, once.
    lines = [s.line for s in suggestions.pending(record, load_library(demo_root))]
    assert lines.count("Calm in a real crisis") == 1 and "Calm in a crisis" not in lines
    texts = [i.text for i in record.insights_of(InsightKind.STRENGTH)]
    assert "Calm in a real crisis" not in texts and "Calm in a crisis" not in texts
    baseline_self = [
        r
        for r in record.ratings
        if r.source == "self" and r.phase == "baseline" and r.engagement_id == record.engagement.id
    ]
    assert len(baseline_self) == 14, "ratings were recorded twice"
    # Importing the corrected version again changes nothing.
    assert import_text(demo_root, corrected).already is not None
    # Going back to the first version is an update again, not "already imported".
    assert import_text(demo_root, filled).updated is not None


def test_a_corrected_anonymous_stakeholder_response_replaces_its_scores(
    demo_root: Path, tmp_path: Path
) -> None:
    form = _stakeholder_md(demo_root, tmp_path)
    before = Practice(demo_root).load("marcus-bell")
    import_text(demo_root, form)
    corrected = form.replace("Ask before he tells.", "Ask before he tells, every time.")
    result = import_text(demo_root, corrected)
    assert result.updated is not None
    record = Practice(demo_root).load("marcus-bell")
    new_sessions = [s for s in record.sessions if s.id not in {x.id for x in before.sessions}]
    assert len(new_sessions) == 1
    new = [r for r in record.ratings if r.id not in {x.id for x in before.ratings}]
    assert len(new) == 3, "the anonymous stakeholder's ratings were recorded twice"


def test_a_corrected_mini_survey_replaces_its_scores(demo_root: Path, tmp_path: Path) -> None:
    path = export(demo_root, "daniel-okafor", "stakeholder", "json", tmp_path)
    document = json.loads(path.read_text("utf-8"))
    questions = [q for s in document["sections"] for q in s["questions"]]
    answers: dict[str, Any] = {"relationship": "peer", "overall-change": 2, "feedforward": "x"}
    for q in questions:
        if q.get("goal_id"):
            answers[q["id"]] = 1
    document["answers"] = answers
    before = Practice(demo_root).load("daniel-okafor")
    import_text(demo_root, json.dumps(document), "survey.json")
    answers["overall-change"] = 3
    result = import_text(demo_root, json.dumps(document), "survey.json")
    assert result.updated is not None
    record = Practice(demo_root).load("daniel-okafor")
    new = [s for s in record.surveys if s.id not in {x.id for x in before.surveys}]
    assert sorted((s.goal_id is None, s.score) for s in new) == [(False, 1), (False, 1), (True, 3)]
