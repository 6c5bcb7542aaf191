"""Self beside stakeholders (coach_tui.domain.assess), checked against numbers worked by hand.

``known_practice`` builds one executive through the store's public API with ratings
and mini-survey scores chosen so that every rule has a case: a blind spot, a hidden
strength, a gap of exactly one point, a gap just under, a group of two (hidden), the
change from baseline to final, and survey means below, at and above the +1 target.
The assessment screen's test (test_app_assessment.py) reuses it.
"""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction
from pathlib import Path

import pytest

from coach_tui.domain import assess
from coach_tui.domain.assess import Group, format_number
from coach_tui.domain.model import COMPETENCIES, InsightKind
from coach_tui.store.practice import Practice

WHEN = datetime(2026, 3, 2, 10, 0)

#: Stakeholders: names that must never appear on the assessment screen.
PEOPLE = {
    "Zoe Quill": "manager",
    "Yann Quarry": "peer",
    "Xena Quartz": "direct report",
    "Walt Quince": "peer",
}

BASELINE_SELF = {
    "Listening": 4,  # others 3, 3, 2 -> mean 8/3 = 2.67; gap +1.33: blind spot
    "Decisiveness": 2,  # others 3, 4, 3 -> 10/3 = 3.33; gap -1.33: hidden strength
    "Accountability": 4,  # others 3, 3, 3 -> 3.00; gap exactly +1: blind spot
    "Building trust": 3,  # others 4, 4 -> only two: "fewer than 3 responses", no flag
    "Business acumen": 4,  # others 3, 3, 4, 3 -> 13/4 = 3.25; gap +0.75: no flag
    "Managing conflict": 2,  # others 3, 3, 3 -> 3.00; gap exactly -1: hidden strength
}
#: Each stakeholder's baseline ratings (None: that person skipped the competency).
BASELINE_OTHERS = {
    "Listening": (3, 3, 2, None),
    "Decisiveness": (3, 4, 3, None),
    "Accountability": (3, 3, 3, None),
    "Building trust": (4, 4, None, None),
    "Business acumen": (3, 3, 4, 3),
    "Managing conflict": (3, 3, 3, None),
}
FINAL_SELF = {"Listening": 4, "Decisiveness": 3}
#: Final stakeholder ratings, given anonymously (as kits may be).
FINAL_OTHERS = [
    {"Listening": 4, "Decisiveness": 4},
    {"Listening": 4, "Decisiveness": 3},
    {"Listening": 3, "Decisiveness": 4},
]
GOALS = ("Ask before telling in meetings", "Decide within a week", "Share the stage")
#: Mini-survey scores per goal (index into GOALS; None: overall), one list per goal.
SURVEY = {
    0: [2, 1, 0, -1],  # mean 0.5, 50 % positive, target not met
    1: [2, 2, 1],  # mean 1.67, 100 % positive, met
    2: [1, 1, 1],  # mean exactly +1: "above +1" is not met
    None: [3, 2],  # two responses: fewer than 3, not shown
}


def known_practice(root: Path) -> tuple[Practice, str, dict[str, str]]:
    """One executive in Achievement with the ratings and scores above."""
    practice = Practice(root, clock=lambda: WHEN)
    client = practice.create_client("Quentin Hale", "Hale & Co", "Chief Executive", at=WHEN)
    cid = client.id
    practice.advance_stage(cid, at=WHEN)  # Analysis
    ids = [practice.add_stakeholder(cid, name, rel).id for name, rel in PEOPLE.items()]
    practice.record_ratings(cid, BASELINE_SELF, "baseline", "self", at=WHEN)
    for index, sid in enumerate(ids):
        ratings: dict[str, int] = {}
        for competency, values in BASELINE_OTHERS.items():
            value = values[index]
            if value is not None:
                ratings[competency] = value
        rel = list(PEOPLE.values())[index]
        practice.record_ratings(
            cid,
            ratings,
            "baseline",
            "stakeholder",
            stakeholder_id=sid,
            relationship=rel,
            at=WHEN,
        )
    goals = {text: practice.capture(cid, InsightKind.GOAL, text, at=WHEN).id for text in GOALS}
    practice.advance_stage(cid, at=WHEN)  # Action
    practice.advance_stage(cid, at=WHEN)  # Achievement
    practice.record_ratings(cid, FINAL_SELF, "final", "self", at=WHEN)
    for ratings in FINAL_OTHERS:
        practice.record_ratings(cid, ratings, "final", "stakeholder", relationship="peer", at=WHEN)
    for key, scores in SURVEY.items():
        goal_id = None if key is None else goals[GOALS[key]]
        for score in scores:
            practice.record_survey(cid, {goal_id: score}, relationship="peer", at=WHEN)
    return practice, cid, goals


@pytest.fixture
def result(tmp_path: Path) -> assess.Assessment:
    practice, cid, _ = known_practice(tmp_path / "data")
    return assess.assess(practice.load(cid))


def _row(view: assess.PhaseView, competency: str) -> assess.CompetencyRow:
    return next(r for r in view.rows if r.competency == competency)


def test_every_default_competency_has_a_row_in_menu_order(result: assess.Assessment) -> None:
    assert [r.competency for r in result.baseline.rows] == list(COMPETENCIES)
    assert [r.competency for r in result.final.rows] == list(COMPETENCIES)


def test_baseline_means_counts_and_flags_by_hand(result: assess.Assessment) -> None:
    view = result.baseline
    listening = _row(view, "Listening")
    assert listening.self_rating == 4
    assert listening.others.count == 3
    assert listening.others.exact_mean == Fraction(8, 3)
    assert listening.exact_gap == Fraction(4, 3)
    assert listening.flag == assess.BLIND_SPOT

    decisiveness = _row(view, "Decisiveness")
    assert decisiveness.others.exact_mean == Fraction(10, 3)
    assert decisiveness.exact_gap == Fraction(-4, 3)
    assert decisiveness.flag == assess.HIDDEN_STRENGTH

    # The boundaries: exactly one point either way counts ("at least 1 point").
    assert _row(view, "Accountability").exact_gap == 1
    assert _row(view, "Accountability").flag == assess.BLIND_SPOT
    assert _row(view, "Managing conflict").exact_gap == -1
    assert _row(view, "Managing conflict").flag == assess.HIDDEN_STRENGTH

    acumen = _row(view, "Business acumen")
    assert (acumen.others.count, acumen.others.exact_mean) == (4, Fraction(13, 4))
    assert acumen.gap == pytest.approx(0.75)
    assert acumen.flag is None

    assert {r.competency for r in view.blind_spots} == {"Listening", "Accountability"}
    assert {r.competency for r in view.hidden_strengths} == {"Decisiveness", "Managing conflict"}
    assert view.responses == 4


def test_a_group_of_two_is_never_shown(result: assess.Assessment) -> None:
    trust = _row(result.baseline, "Building trust")
    assert trust.others.count == 2
    assert not trust.others.shown
    assert trust.others.mean is None
    assert trust.others.share_positive is None
    assert trust.gap is None and trust.flag is None
    assert trust.others.describe() == "fewer than 3 responses"
    nobody = _row(result.baseline, "Business acumen").others
    assert nobody.describe() == "3.2 (n=4)"
    assert Group(0).describe() == "no responses"


def test_final_phase_and_change_by_hand(result: assess.Assessment) -> None:
    listening = _row(result.final, "Listening")
    assert listening.others.exact_mean == Fraction(11, 3)  # 4, 4, 3 (anonymous)
    assert listening.flag is None  # 4 - 3.67 = 0.33
    change = next(c for c in result.changes if c.competency == "Listening")
    assert (change.self_baseline, change.self_final, change.self_change) == (4, 4, 0)
    assert change.exact_others_change == Fraction(11, 3) - Fraction(8, 3)  # +1
    decisiveness = next(c for c in result.changes if c.competency == "Decisiveness")
    assert decisiveness.self_change == 1
    assert decisiveness.exact_others_change == Fraction(11, 3) - Fraction(10, 3)
    trust = next(c for c in result.changes if c.competency == "Building trust")
    assert trust.self_change is None  # no final self rating
    assert trust.others_change is None  # two baseline ratings: hidden
    assert result.has_change


def test_mini_survey_per_goal_by_hand(result: assess.Assessment) -> None:
    rows = {row.label: row for row in result.survey}
    assert list(rows) == [*GOALS, assess.OVERALL_LABEL]
    first = rows[GOALS[0]]
    assert (first.scores.count, first.mean, first.share_positive) == (4, 0.5, 0.5)
    assert first.target_met is False
    second = rows[GOALS[1]]
    assert second.scores.exact_mean == Fraction(5, 3)
    assert second.share_positive == 1.0
    assert second.target_met is True
    third = rows[GOALS[2]]
    assert third.mean == 1.0
    assert third.target_met is False  # the target is a mean *above* +1
    overall = rows[assess.OVERALL_LABEL]
    assert overall.scores.count == 2
    assert (overall.mean, overall.share_positive, overall.target_met) == (None, None, None)
    assert result.survey_responses == 4


def test_a_removed_goal_keeps_its_scores_without_its_text(tmp_path: Path) -> None:
    practice, cid, goals = known_practice(tmp_path / "data")
    practice.delete(cid, "insights", goals[GOALS[1]])
    rows = assess.assess(practice.load(cid)).survey
    labels = [row.label for row in rows]
    assert GOALS[1] not in labels
    assert assess.REMOVED_GOAL_LABEL in labels


def test_an_empty_engagement(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data", clock=lambda: WHEN)
    cid = practice.create_client("Nina Empty").id
    result = assess.assess(practice.load(cid))
    assert result.baseline.is_empty and result.final.is_empty
    assert not result.has_change
    assert result.survey == ()
    assert result.baseline.blind_spots == []


def test_a_coachs_own_competency_is_listed_after_the_menu(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data", clock=lambda: WHEN)
    cid = practice.create_client("Omar Own").id
    practice.record_ratings(cid, {"Board presence": 3}, "baseline", "self")
    rows = assess.assess(practice.load(cid)).baseline.rows
    assert rows[-1].competency == "Board presence"
    assert rows[-1].self_rating == 3


def test_nothing_names_a_stakeholder(result: assess.Assessment) -> None:
    shown = repr(result)
    for name in PEOPLE:
        assert name not in shown


@pytest.mark.parametrize(
    ("value", "signed", "expected"),
    [
        (None, False, "–"),
        (2.0, False, "2.0"),
        (8 / 3, False, "2.7"),
        (0.04, True, "0.0"),
        (-0.04, True, "0.0"),
        (1.25, True, "+1.2"),
        (-4 / 3, True, "-1.3"),
    ],
)
def test_format_number(value: float | None, signed: bool, expected: str) -> None:
    assert format_number(value, signed) == expected
