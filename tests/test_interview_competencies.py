"""The stakeholder interview is built on the agreed competencies, not the whole menu.

The competencies agreed in the expectations meeting (``competencies-for-success``)
anchor the interview: each is rated and asked about once (a situation, a
suggestion); the other ratings are not read out. Before any is agreed, the
per-competency questions are asked once, as written, and no rating.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach_tui.domain.model import AnswerValue
from coach_tui.domain.sessions import agreed_competencies, session_questions
from coach_tui.scripts.library import ScriptError, competency_id, load_library, parse_script
from coach_tui.store.practice import Practice

DAY = datetime(2026, 3, 2, 10, 0)
LIBRARY = load_library(None)
INTERVIEW = LIBRARY.get("stakeholder-interview")


class History:
    def __init__(self, tmp_path: Path) -> None:
        self.now = DAY
        self.practice = Practice(tmp_path / "data", clock=lambda: self.now)
        self.cid = self.practice.create_client("Ann Lee", at=self.now).id

    def hold(self, script_id: str, answers: dict[str, AnswerValue]) -> None:
        self.now += timedelta(days=7)
        script = LIBRARY.get(script_id)
        session = self.practice.start_session(self.cid, script, at=self.now)
        for qid, value in answers.items():
            self.practice.save_answer(self.cid, session.id, script.question(qid), value)
        self.practice.end_session(self.cid, session.id, at=self.now + timedelta(minutes=60))

    def interview(self) -> list[str]:
        return [q.id for q in session_questions(INTERVIEW.questions, self.practice.load(self.cid))]


def test_the_interview_is_asked_once_per_agreed_competency(tmp_path: Path) -> None:
    h = History(tmp_path)
    h.hold(
        "analysis-expectations",
        {"competencies-for-success": ["Listening", "Setting clear priorities"]},
    )
    asked = h.interview()
    block = [q for q in asked if q.startswith(("competency-", "situation", "suggestion"))]
    assert block == [
        competency_id("Listening"),
        "situation--competency-listening",
        "suggestion--competency-listening",
        competency_id("Setting clear priorities"),
        "situation--competency-setting-clear-priorities",
        "suggestion--competency-setting-clear-priorities",
    ]
    ratings = [q for q in asked if q.startswith("competency-")]
    assert len(ratings) == 2, "two ratings read aloud, not fourteen"
    questions = session_questions(INTERVIEW.questions, h.practice.load(h.cid))
    situation = next(q for q in questions if q.id == "situation--competency-listening")
    assert situation.text.endswith("Competency: Listening")
    assert asked[0] == "anonymity-agreed" and "feedforward" in asked
    assert len(asked) == len(set(asked))


def test_without_agreed_competencies_a_short_generic_interview(tmp_path: Path) -> None:
    h = History(tmp_path)
    asked = h.interview()
    assert "situation" in asked and "suggestion" in asked
    assert not [q for q in asked if q.startswith("competency-")], "no rating read out"
    assert len(asked) <= 14


def test_the_latest_agreement_counts_and_at_most_three(tmp_path: Path) -> None:
    h = History(tmp_path)
    h.hold("analysis-expectations", {"competencies-for-success": ["Decisiveness"]})
    assert agreed_competencies(h.practice.load(h.cid)) == ["Decisiveness"]
    h.hold(
        "analysis-expectations",
        {
            "competencies-for-success": [
                "Listening",
                "Building trust",
                "Managing conflict",
                "Decisiveness",
            ]
        },
    )
    assert agreed_competencies(h.practice.load(h.cid)) == [
        "Listening",
        "Building trust",
        "Managing conflict",
    ]


def test_a_script_without_per_competency_questions_keeps_every_rating(tmp_path: Path) -> None:
    """The self-assessment rates the whole menu: only an anchored script is filtered."""
    h = History(tmp_path)
    h.hold("analysis-expectations", {"competencies-for-success": ["Listening"]})
    script = LIBRARY.get("self-assessment")
    asked = session_questions(script.questions, h.practice.load(h.cid))
    assert sum(1 for q in asked if q.competency) == sum(1 for q in script.questions if q.competency)


def test_per_competency_cannot_be_combined_with_a_competency() -> None:
    text = """\
id = "x"
title = "X"
stage = "analysis"
[[sections]]
title = "Only"
guidance = "g"
[[sections.questions]]
id = "rate"
text = "Rate?"
kind = "rating"
competency = "Listening"
per_competency = true
"""
    with pytest.raises(ScriptError, match="per_competency"):
        parse_script(text, "x.toml")
