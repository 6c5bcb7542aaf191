"""Kits: export, the Markdown and JSON round trips, broken responses, fuzzing.

Every import that fails must leave the data folder byte for byte as it was, and say
what is wrong with a line number. The demo practice (seeded once, copied per test)
gives a Analysis-stage executive (Marcus Bell) and an Achievement one (Daniel Okafor).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach_tui import kit as kits
from coach_tui.domain import goals, suggestions
from coach_tui.domain.model import COMPETENCIES, InsightKind
from coach_tui.errors import CoachError
from coach_tui.kit import KitError
from coach_tui.scripts.library import load_library
from coach_tui.store.practice import Practice

pytest_plugins = ["app_fixtures"]

PROJECT = Path(__file__).resolve().parent.parent

#: The self-assessment's ratings in form order (questions 1–14).
SELF_RATINGS = [4, 3, 4, 2, 5, 3, 4, 3, 2, 3, 4, 3, 4, 3]
SELF_ANSWERS = {
    15: ["- Turning strategy into an operating plan", "- Calm in a crisis"],
    16: ["* I decide before the room has spoken", "", "2. I skip one-to-ones when busy"],
    17: ["Lower on listening, I suspect.", "", "Higher on execution."],
    19: ["Fixing things that are broken"],
}


# --------------------------------------------------------------------------- helpers


def folder_state(root: Path) -> dict[str, bytes]:
    """Every file under the data folder, by relative path: compared byte for byte."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def export(root: Path, client_id: str, audience: str, fmt: str, folder: Path) -> Path:
    out = folder / f"{client_id}-{audience}.{fmt}"
    kits.export_kit(Practice(root), load_library(root), client_id, audience, fmt, out)
    return out


def mark(form: str, number: int, value: str, box: str = "[x]") -> str:
    """Put a mark in the box of question ``number`` whose text starts with ``value``."""
    lines = form.split("\n")
    current = None
    for index, line in enumerate(lines):
        heading = re.match(r"### (\d+)\.", line)
        if heading:
            current = int(heading.group(1))
        elif current == number and line.startswith("- [ ] "):
            text = line[len("- [ ] ") :]
            if text == value or text.startswith(value + " ·"):
                lines[index] = line.replace("[ ]", box, 1)
                return "\n".join(lines)
    raise AssertionError(f"no box '{value}' in question {number}")


def answer(form: str, number: int, answer_lines: list[str]) -> str:
    """Write ``answer_lines`` under the 'Answer:' line of question ``number``."""
    lines = form.split("\n")
    current = None
    for index, line in enumerate(lines):
        heading = re.match(r"### (\d+)\.", line)
        if heading:
            current = int(heading.group(1))
        elif current == number and line == "Answer:":
            lines[index + 1 : index + 1] = answer_lines
            return "\n".join(lines)
    raise AssertionError(f"no 'Answer:' in question {number}")


def line_of(text: str, start: str, after: int = 0) -> int:
    """The 1-based number of the first line starting with ``start`` after line ``after``."""
    for number, line in enumerate(text.split("\n"), 1):
        if number > after and line.startswith(start):
            return number
    raise AssertionError(f"no line starts with {start!r}")


def heading_line(text: str, number: int) -> int:
    return line_of(text, f"### {number}.")


def fill_self_md(form: str) -> str:
    for number, value in enumerate(SELF_RATINGS, 1):
        form = mark(form, number, str(value))
    for number, lines in SELF_ANSWERS.items():
        form = answer(form, number, lines)
    return form


def import_text(root: Path, text: str | bytes, source: str = "response.md") -> kits.ImportResult:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return kits.import_text(Practice(root), load_library(root), kits.decode(data, source), source)


@pytest.fixture
def marcus_self(demo_root: Path, tmp_path: Path) -> tuple[Path, str]:
    """The demo root and Marcus Bell's self-assessment form, filled in correctly."""
    form = export(demo_root, "marcus-bell", "self", "md", tmp_path).read_text("utf-8")
    return demo_root, fill_self_md(form)


def _self_ratings(root: Path, client_id: str, phase: str) -> dict[str, int]:
    record = Practice(root).load(client_id)
    return {
        r.competency: r.value
        for r in record.ratings
        if r.source == "self" and r.phase == phase and r.engagement_id == record.engagement.id
    }


# --------------------------------------------------------------------------- the form


def test_the_markdown_form_starts_with_its_header_and_instructions(
    demo_root: Path, tmp_path: Path
) -> None:
    form = export(demo_root, "marcus-bell", "self", "md", tmp_path).read_text("utf-8")
    lines = form.split("\n")
    assert lines[0].startswith("<!-- coach-tui kit")
    assert "executive: marcus-bell" in lines[:7]
    assert "# Self-assessment: Marcus Bell" in lines
    assert "**How to fill in this form**" in lines
    assert "### 9. Listening (required)" in lines
    assert lines[-2] == kits.MD_END
    # One box per scale point, with the scale's meaning beside it.
    listening = heading_line(form, 9)
    boxes = [line for line in lines[listening:] if line.startswith("- [ ]")][:5]
    assert boxes == [
        "- [ ] 1 · a clear development need",
        "- [ ] 2 · below solid",
        "- [ ] 3 · solid",
        "- [ ] 4 · a strength",
        "- [ ] 5 · a signature strength",
    ]
    # The export is recorded in the executive's history, with the kit's id.
    record = Practice(demo_root).load("marcus-bell")
    kit_id = re.search(r"^kit: ([0-9a-f]+)$", form, re.M)
    assert kit_id is not None
    assert kit_id.group(1) in kits.exported_kits(record)


def test_kits_carry_nothing_confidential(demo_root: Path, tmp_path: Path) -> None:
    """Only the questions, the executive's name and role, and (stakeholders) the goals."""
    record = Practice(demo_root).load("daniel-okafor")
    secrets = [s.name for s in record.stakeholders]
    secrets += [s.email for s in record.stakeholders if s.email]
    secrets += [i.text for i in record.insights if i.private or i.kind is InsightKind.NOTE]
    secrets += [p.notes for p in record.plans if p.notes]
    secrets += [record.client.organisation, record.client.sponsor]
    secrets += [a.value for a in record.answers if isinstance(a.value, str) and len(a.value) > 30]
    assert len(secrets) > 10
    goals = [g.text for g in record.insights_of(InsightKind.GOAL)]
    for audience in ("self", "stakeholder"):
        for fmt in ("md", "json"):
            text = export(demo_root, "daniel-okafor", audience, fmt, tmp_path).read_text("utf-8")
            for secret in secrets:
                assert secret not in text, (audience, fmt, secret)
            assert "Daniel Okafor" in text and "Chief Financial Officer" in text
            for goal in goals:
                assert (goal in text) is (audience == "stakeholder"), (audience, fmt, goal)


def test_export_refuses_a_missing_folder(demo_root: Path, tmp_path: Path) -> None:
    with pytest.raises(CoachError, match="does not exist"):
        export(demo_root, "marcus-bell", "self", "md", tmp_path / "nowhere")


# --------------------------------------------------------------------------- round trips


def test_self_markdown_round_trip(marcus_self: tuple[Path, str]) -> None:
    root, filled = marcus_self
    result = import_text(root, filled)
    assert (result.audience, result.phase, result.ratings, result.already) == (
        "self",
        "baseline",
        14,
        None,
    )
    assert _self_ratings(root, "marcus-bell", "baseline") == dict(
        zip(COMPETENCIES, SELF_RATINGS, strict=True)
    )
    record = Practice(root).load("marcus-bell")
    session = [s for s in record.sessions if s.script_id == "self-assessment"][-1]
    assert not session.is_open and session.audience == "executive"
    answers = {qid: a.value for qid, a in record.answers_of(session.id).items()}
    assert answers["self-strengths"] == [
        "Turning strategy into an operating plan",
        "Calm in a crisis",
    ]
    assert answers["self-development"] == [
        "I decide before the room has spoken",
        "I skip one-to-ones when busy",
    ]
    assert answers["self-others-view"] == "Lower on listening, I suspect.\n\nHigher on execution."
    assert answers["competency-listening"] == 2
    assert "self-goals" not in answers  # optional and left empty
    # The kit promises "your answers go to your coach only": the strengths are
    # suggestions the coach takes up, not running-view items (which reports read).
    strengths = {i.text for i in record.insights_of(InsightKind.STRENGTH)}
    assert "Calm in a crisis" not in strengths
    offered = {x.line for x in suggestions.pending(record, load_library(root))}
    assert "Calm in a crisis" in offered
    assert any(e.kind == kits.EVENT_IMPORT for e in record.events)


def test_importing_the_same_response_twice_changes_nothing(marcus_self: tuple[Path, str]) -> None:
    root, filled = marcus_self
    import_text(root, filled)
    before = folder_state(root)
    again = import_text(root, filled)
    assert again.already is not None
    assert "already imported" in again.summary()
    assert folder_state(root) == before
    # The same answers typed with other line endings and a BOM are the same response.
    crlf = "\ufeff" + filled.replace("\n", "\r\n")
    assert import_text(root, crlf).already is not None
    assert folder_state(root) == before


def test_self_json_round_trip_in_achievement(demo_root: Path, tmp_path: Path) -> None:
    """Daniel is in Achievement: his self-assessment is the final one."""
    path = export(demo_root, "daniel-okafor", "self", "json", tmp_path)
    document = json.loads(path.read_text("utf-8"))
    questions = [q for s in document["sections"] for q in s["questions"]]
    answers: dict[str, Any] = {}
    for index, q in enumerate(questions):
        if q["kind"] == "rating":
            answers[q["id"]] = 1 + index % 5
        elif q["kind"] == "list":
            answers[q["id"]] = [f"point {index}"]
        else:
            answers[q["id"]] = f"answer {index}"
    document["answers"] = answers
    result = import_text(demo_root, json.dumps(document, indent=2), "response.json")
    assert (result.phase, result.ratings) == ("final", 14)
    expected = {q["competency"]: answers[q["id"]] for q in questions if q.get("competency")}
    assert _self_ratings(demo_root, "daniel-okafor", "final") == expected
    before = folder_state(demo_root)
    assert import_text(demo_root, json.dumps(document), "again.json").already is not None
    assert folder_state(demo_root) == before


def _stakeholder_md(root: Path, folder: Path) -> str:
    form = export(root, "marcus-bell", "stakeholder", "md", folder).read_text("utf-8")
    form = mark(form, 2, "peer")
    form = mark(form, 3, "weekly")
    form = mark(form, 4, "4")
    form = answer(form, 5, ["- Gets things done", "- Clear about priorities"])
    form = answer(form, 8, ["- Lets people finish their sentences"])  # 6, 7: per competency
    form = answer(form, 9, ["Ask before he tells."])
    form = answer(form, 10, ["In the Monday meeting, ask two people first."])
    form = mark(form, 11, "yes")
    for number, value in ((13, "4"), (21, "2"), (22, "3")):  # 21: Listening
        form = mark(form, number, value)
    return form


def test_stakeholder_markdown_round_trip_is_anonymous(demo_root: Path, tmp_path: Path) -> None:
    form = _stakeholder_md(demo_root, tmp_path)
    before = Practice(demo_root).load("marcus-bell")
    result = import_text(demo_root, form)
    assert (result.audience, result.phase, result.ratings, result.named) == (
        "stakeholder",
        "baseline",
        3,
        False,
    )
    record = Practice(demo_root).load("marcus-bell")
    new = [r for r in record.ratings if r.id not in {x.id for x in before.ratings}]
    assert {(r.competency, r.value) for r in new} == {
        ("Strategic thinking and vision", 4),
        ("Listening", 2),
        ("Managing conflict", 3),
    }
    assert {(r.source, r.phase, r.stakeholder_id, r.relationship) for r in new} == {
        ("stakeholder", "baseline", None, "peer")
    }
    session = [s for s in record.sessions if s.script_id == "stakeholder-interview"][-1]
    assert session.stakeholder_id is None
    answers = {qid: a.value for qid, a in record.answers_of(session.id).items()}
    assert answers["relationship"] == "peer"
    assert answers["willing-to-help"] is True
    assert answers["does-well"] == ["Gets things done", "Clear about priorities"]
    assert "your-name" not in answers


def test_a_named_stakeholder_replaces_their_earlier_ratings(
    demo_root: Path, tmp_path: Path
) -> None:
    form = answer(_stakeholder_md(demo_root, tmp_path), 1, ["raj patel"])
    result = import_text(demo_root, form)
    assert result.named
    record = Practice(demo_root).load("marcus-bell")
    raj = next(s for s in record.stakeholders if s.name == "Raj Patel")
    listening = [
        r
        for r in record.ratings
        if r.stakeholder_id == raj.id and r.competency == "Listening" and r.phase == "baseline"
    ]
    assert [r.value for r in listening] == [2]


def test_stakeholder_json_mini_survey_round_trip(demo_root: Path, tmp_path: Path) -> None:
    path = export(demo_root, "daniel-okafor", "stakeholder", "json", tmp_path)
    document = json.loads(path.read_text("utf-8"))
    questions = [q for s in document["sections"] for q in s["questions"]]
    goal_questions = [q for q in questions if q.get("goal_id")]
    assert len(goal_questions) == 2
    answers: dict[str, Any] = {"relationship": "direct report", "overall-change": 2}
    answers["feedforward"] = "Keep the door open on Fridays."
    for q, score in zip(goal_questions, (3, -1), strict=True):
        answers[q["id"]] = score
    answers["competency-listening"] = 5
    document["answers"] = answers
    before = Practice(demo_root).load("daniel-okafor")
    result = import_text(demo_root, json.dumps(document, indent=2), "survey.json")
    assert (result.phase, result.survey, result.ratings, result.named) == ("final", 3, 1, False)
    record = Practice(demo_root).load("daniel-okafor")
    new = [s for s in record.surveys if s.id not in {x.id for x in before.surveys}]
    assert {(s.goal_id, s.score) for s in new} == {
        (goal_questions[0]["goal_id"], 3),
        (goal_questions[1]["goal_id"], -1),
        (None, 2),
    }
    assert {(s.relationship, s.suggestion, s.stakeholder_id) for s in new} == {
        ("direct report", "Keep the door open on Fridays.", None)
    }
    listening = [r for r in record.ratings if r.id not in {x.id for x in before.ratings}]
    assert [(r.competency, r.value, r.phase) for r in listening] == [("Listening", 5, "final")]


def test_stakeholder_markdown_mini_survey(demo_root: Path, tmp_path: Path) -> None:
    form = export(demo_root, "daniel-okafor", "stakeholder", "md", tmp_path).read_text("utf-8")
    form = mark(form, 2, "manager")
    form = mark(form, 3, "+2")
    form = mark(form, 4, "0")
    form = mark(form, 5, "-1")
    form = answer(form, 6, ["Say no to more meetings."])
    before = {s.id for s in Practice(demo_root).load("daniel-okafor").surveys}
    result = import_text(demo_root, form)
    assert result.survey == 3
    record = Practice(demo_root).load("daniel-okafor")
    scores = sorted(s.score for s in record.surveys if s.id not in before)
    assert scores == [-1, 0, 2]


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: t.replace("- [x]", "- [X]"), id="capital-X"),
        pytest.param(lambda t: t.replace("- [x]", "- [ x ]"), id="spaced-x"),
        pytest.param(lambda t: t.replace("- [x]", "* [✓]"), id="tick-and-star"),
        pytest.param(lambda t: t.replace("- [x]", "[x]").replace("- [ ]", "[ ]"), id="no-bullets"),
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r"), id="old-mac-cr"),
        pytest.param(lambda t: "\ufeff" + t, id="bom"),
        pytest.param(lambda t: t.replace("\n\n", "\n\n\n\n"), id="extra-blank-lines"),
        pytest.param(lambda t: t.replace("\n", "  \n"), id="trailing-spaces"),
        pytest.param(lambda t: "\n\n" + t + "\n\n", id="blank-lines-around"),
        pytest.param(lambda t: t.replace("Answer:", "**Answer:**"), id="bold-answer"),
        pytest.param(lambda t: re.sub(r"- \[ \] [^\n]*\n", "", t), id="unmarked-boxes-deleted"),
    ],
)
def test_markdown_is_forgiving_of_what_editors_do(
    marcus_self: tuple[Path, str], variant: Callable[[str], str]
) -> None:
    root, filled = marcus_self
    result = import_text(root, variant(filled))
    assert result.ratings == 14
    assert _self_ratings(root, "marcus-bell", "baseline") == dict(
        zip(COMPETENCIES, SELF_RATINGS, strict=True)
    )


def test_an_answer_written_straight_under_the_question_counts(
    marcus_self: tuple[Path, str],
) -> None:
    root, filled = marcus_self
    start = heading_line(filled, 20)
    lines = filled.split("\n")
    lines[start : start + 3] = ["", "Thanks for doing this.", ""]  # no 'Answer:' line
    import_text(root, "\n".join(lines))
    record = Practice(root).load("marcus-bell")
    session = [s for s in record.sessions if s.script_id == "self-assessment"][-1]
    assert record.answers_of(session.id)["self-anything-else"].value == "Thanks for doing this."


def test_hostile_names_and_goals_cannot_break_the_form(tmp_path: Path) -> None:
    """Names, roles and goals are data: markup, form lines and escapes stay inert."""
    root = tmp_path / "data"
    practice = Practice(root)
    cid = practice.create_client(
        "Zoë [b]O'Neil[/b] <!-- x -->", "Org", "Head of\n### 1. things \x1b[31m"
    ).id
    for _ in range(3):
        practice.advance_stage(cid)  # to Achievement: the mini-survey
    for text in (f"Stop saying\n{kits.MD_END}\n- [x] 3 ok", "## Be [bold]bold[/bold]\r\n# heading"):
        goal = practice.capture(cid, InsightKind.GOAL, text)
        # Only agreed goals are surveyed: agree it (measure and levels) first.
        practice.update_insight(cid, goal.id, measure="m", gas={k: "l" for k in range(-2, 3)})
        goals.agree(practice, cid, goal.id)
    form = export(root, cid, "stakeholder", "md", tmp_path).read_text("utf-8")
    assert "\x1b" not in form
    assert form.count(kits.MD_END) == 2  # the real last line, and inside a goal's heading
    form = mark(form, 2, "peer")
    for number in (3, 4, 5):
        form = mark(form, number, "+1")
    form = answer(form, 6, ["Keep going"])
    result = import_text(root, form)
    assert (result.survey, result.named) == (3, False)


# --------------------------------------------------------------------------- broken responses


@dataclass(frozen=True)
class Broken:
    name: str
    make: Callable[[str], str | bytes]
    line: Callable[[str], int]
    message: str


def _replace_line(text: str, start: str, new: str, after: int = 0) -> str:
    lines = text.split("\n")
    index = line_of(text, start, after) - 1
    lines[index] = new
    return "\n".join(lines)


def _marked(text: str, number: int) -> int:
    """The line of the marked box of question ``number``."""
    return line_of(text, "- [x]", heading_line(text, number))


def _edit_question_text(text: str) -> str:
    line = heading_line(text, 9) + 2
    lines = text.split("\n")
    lines[line - 1] = "Listening: hearing people out. How would you rate yourself?"
    lines[line] = ""
    return "\n".join(lines)


def _second_mark(text: str) -> str:
    lines = text.split("\n")
    start = heading_line(text, 9)
    index = line_of(text, "- [ ] 3", start) - 1
    lines[index] = lines[index].replace("[ ]", "[x]")
    return "\n".join(lines)


def _text_in_rating(text: str) -> str:
    lines = text.split("\n")
    index = line_of(text, "- [ ] 5", heading_line(text, 4))  # after the last box
    lines.insert(index, "I'd say about a four")
    return "\n".join(lines)


def _text_in_rating_line(text: str) -> int:
    return line_of(text, "- [ ] 5", heading_line(text, 4)) + 1


def _delete_heading(text: str, number: int) -> str:
    lines = text.split("\n")
    del lines[heading_line(text, number) - 1]
    return "\n".join(lines)


def _duplicate(text: str, number: int) -> str:
    lines = text.split("\n")
    start, end = heading_line(text, number) - 1, heading_line(text, number + 1) - 1
    return "\n".join(lines[:end] + lines[start:end] + lines[end:])


def _non_utf8(text: str) -> bytes:
    lines = text.encode("utf-8").split(b"\n")
    lines[49] = b"caf\xe9"
    return b"\n".join(lines)


def _truncate(text: str) -> str:
    return text[: int(len(text) * 0.6)]


def _truncated_line(text: str) -> int:
    lines = text.split("\n")
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return len(lines)


BROKEN: list[Broken] = [
    Broken(
        "wrong-executive",
        lambda t: t.replace("executive: marcus-bell", "executive: daniel-okafor"),
        lambda t: 4,
        "this kit was exported for Marcus Bell, but the file says 'executive: daniel-okafor'",
    ),
    Broken(
        "unknown-executive",
        lambda t: t.replace("executive: marcus-bell", "executive: nobody-here"),
        lambda t: 4,
        "this kit is for executive 'nobody-here', who is not in this practice",
    ),
    Broken(
        "unknown-kit-id",
        lambda t: re.sub(r"^kit: \w+$", "kit: 0123456789ab", t, flags=re.M),
        lambda t: 3,
        "kit '0123456789ab' was never exported for Marcus Bell",
    ),
    Broken(
        "another-engagement",
        lambda t: re.sub(r"^engagement: \w+$", "engagement: ffffffffffff", t, flags=re.M),
        lambda t: 5,
        "this kit belongs to no engagement of Marcus Bell",
    ),
    Broken(
        "audience-edited",
        lambda t: t.replace("for: self", "for: stakeholder"),
        lambda t: 6,
        "this kit was sent 'for: self', but the file says 'for: stakeholder'",
    ),
    Broken(
        "header-not-closed",
        lambda t: t.replace("-->\n\n# Self", "\n\n# Self", 1),
        lambda t: 1,
        "is not closed with '-->'",
    ),
    Broken(
        "edited-question",
        _edit_question_text,
        lambda t: heading_line(t, 9) + 2,
        "the text of question 9 ('Listening') was changed; put it back as it was sent",
    ),
    Broken(
        "edited-heading",
        lambda t: t.replace("### 3. Influence without authority", "### 3. Influence"),
        lambda t: heading_line(t, 3),
        "the heading of question 3 was changed",
    ),
    Broken(
        "rating-6",
        lambda t: _replace_line(t, "- [x] 3", "- [x] 6 · a strength", heading_line(t, 2)),
        lambda t: _marked(t, 2),
        "rating 6 of 'Decisiveness' is outside the scale 1 to 5",
    ),
    Broken(
        "text-where-a-rating-belongs",
        _text_in_rating,
        _text_in_rating_line,
        "text where a rating belongs ('I'd say about a four'): rate 'Setting clear priorities'",
    ),
    Broken(
        "word-instead-of-a-number",
        lambda t: _replace_line(t, "- [x] 4", "- [x] four", heading_line(t, 7)),
        lambda t: _marked(t, 7),
        "the box marked for 'Developing people' has no number after it ('four')",
    ),
    Broken(
        "marked-twice",
        _second_mark,
        lambda t: line_of(t, "- [x] 3", heading_line(t, 9)),
        "rating of 'Listening' is marked twice (2 and 3); mark one box",
    ),
    Broken(
        "odd-mark",
        lambda t: _replace_line(t, "- [x] 4", "- [o] 4 · a strength", heading_line(t, 1)),
        lambda t: line_of(t, "- [o] 4"),
        "mark a box with an x, not 'o'",
    ),
    Broken(
        "rating-not-marked",
        lambda t: _replace_line(t, "- [x] 4", "- [ ] 4 · a strength", heading_line(t, 1)),
        lambda t: heading_line(t, 1),
        "rating of 'Strategic thinking and vision' is required: put an x in one box",
    ),
    Broken(
        "missing-required-answer",
        lambda t: t.replace("- Turning strategy into an operating plan\n- Calm in a crisis\n", ""),
        lambda t: line_of(t, "Answer:", heading_line(t, 15)),
        "'What do you consistently do well?' is required: write your answer under 'Answer:'",
    ),
    Broken(
        "answer-above-the-answer-line",
        lambda t: t.replace(
            "### 17. Where do you think your colleagues would rate you higher or lower than "
            "you rated yourself?\n",
            "### 17. Where do you think your colleagues would rate you higher or lower than "
            "you rated yourself?\n\nHigher, mostly.\n",
        ),
        lambda t: heading_line(t, 17) + 2,
        "text above 'Answer:' ('Higher, mostly.')",
    ),
    Broken(
        "heading-inside-an-answer",
        lambda t: t.replace("- Calm in a crisis", "- Calm in a crisis\n# and also"),
        lambda t: line_of(t, "- Calm in a crisis") + 1,
        "'# and also' is not a heading of this form",
    ),
    Broken(
        "text-outside-any-question",
        lambda t: t.replace(
            "## In your own words\n", "## In your own words\n\nSorry this is late!\n"
        ),
        lambda t: line_of(t, "## In your own words") + 2,
        "text outside any question ('Sorry this is late!')",
    ),
    Broken(
        "question-deleted",
        lambda t: _delete_heading(t, 12),
        lambda t: heading_line(t, 11),
        "question 12 ('Emotional self-regulation') is missing after this line",
    ),
    Broken(
        "question-twice",
        lambda t: _duplicate(t, 3),
        lambda t: line_of(t, "### 3.", heading_line(t, 3)),
        "question 3 appears twice",
    ),
    Broken(
        "truncated-file",
        _truncate,
        _truncated_line,
        "the file is cut short (truncated); send the whole file",
    ),
    Broken(
        "another-format",
        lambda t: "competency,rating\nListening,4\n",
        lambda t: 1,
        "not a coach-tui kit: a filled kit starts with '<!-- coach-tui kit'",
    ),
    Broken("empty-file", lambda t: "", lambda t: 1, "the file is empty"),
    Broken(
        "five-megabytes",
        lambda t: t + "\n" + "x" * 5_000_000,
        lambda t: 1,
        "the file is 5.0 MB; a filled kit is a few kB",
    ),
    Broken(
        "not-utf8",
        _non_utf8,
        lambda t: 50,
        "not plain text (byte 0xe9 is not UTF-8): save the file as plain text (UTF-8)",
    ),
    Broken(
        "utf16",
        lambda t: t.encode("utf-16"),
        lambda t: 1,
        "the file is saved as UTF-16: save it as UTF-8 plain text",
    ),
    Broken(
        "json-syntax",
        lambda t: '{\n  "coach_tui_kit": 1,\n  "kit": "abc"\n  "for": "self"\n}\n',
        lambda t: 4,
        "broken JSON: Expecting ',' delimiter",
    ),
    Broken(
        "json-other-document",
        lambda t: '{"coach_tui_export": 1, "clients": {}}',
        lambda t: 1,
        "not a coach-tui kit: a JSON kit has",
    ),
]


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_a_broken_response_is_explained_by_line_and_writes_nothing(
    marcus_self: tuple[Path, str], case: Broken
) -> None:
    root, filled = marcus_self
    broken = case.make(filled)
    before = folder_state(root)
    with pytest.raises(KitError) as caught:
        data = broken.encode("utf-8") if isinstance(broken, str) else broken
        text = kits.decode(data, "response.md")
        kits.import_text(Practice(root), load_library(root), text, "response.md")
    expected_line = case.line(filled if isinstance(broken, bytes) else broken)
    found = [str(p) for p in caught.value.problems]
    wanted = f"response.md:{expected_line}: "
    assert any(p.startswith(wanted) and case.message in p for p in found), found
    assert folder_state(root) == before


def test_the_broken_cases_each_have_their_own_message() -> None:
    assert len(BROKEN) >= 15
    assert len({case.message for case in BROKEN}) == len(BROKEN)


def _json_response(root: Path, folder: Path, client_id: str, audience: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        export(root, client_id, audience, "json", folder).read_text("utf-8")
    )
    return document


@pytest.mark.parametrize(
    ("name", "answers", "message"),
    [
        (
            "rating-as-a-word",
            {"competency-listening": "four"},
            "text where a rating belongs ('four')",
        ),
        ("rating-7", {"competency-listening": 7}, "rating 7 of 'Listening' is outside the scale"),
        ("rating-true", {"competency-listening": True}, "text where a rating belongs (true)"),
        ("unknown-question", {"favourite-colour": "blue"}, "'favourite-colour', which is not"),
        ("list-as-number", {"self-strengths": 3}, "takes a list of text, not 3"),
    ],
)
def test_broken_json_answers(
    demo_root: Path, tmp_path: Path, name: str, answers: dict[str, Any], message: str
) -> None:
    document = _json_response(demo_root, tmp_path, "marcus-bell", "self")
    questions = [q for s in document["sections"] for q in s["questions"]]
    good: dict[str, Any] = {
        q["id"]: (3 if q["kind"] == "rating" else ["x"]) for q in questions if q["required"]
    }
    document["answers"] = {**good, **answers}
    text = json.dumps(document, indent=2)
    key = next(iter(answers))
    expected = line_of(text, f'    "{key}":')
    before = folder_state(demo_root)
    with pytest.raises(KitError) as caught:
        import_text(demo_root, text, "r.json")
    found = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"r.json:{expected}: ") and message in p for p in found), found
    assert folder_state(demo_root) == before


def test_json_question_edited_and_required_answer_missing(demo_root: Path, tmp_path: Path) -> None:
    document = _json_response(demo_root, tmp_path, "marcus-bell", "self")
    document["sections"][0]["questions"][8]["text"] = "Listening, more or less?"
    document["answers"] = {}
    text = json.dumps(document, indent=2)
    with pytest.raises(KitError) as caught:
        import_text(demo_root, text, "r.json")
    found = [str(p) for p in caught.value.problems]
    edited = line_of(text, '          "id": "competency-listening"')
    assert any(p.startswith(f"r.json:{edited}: question 'Listening' was changed") for p in found)
    assert any(
        "'What do you consistently do well?' is required and has no answer" in p for p in found
    )


def test_stakeholder_choice_and_name_problems(demo_root: Path, tmp_path: Path) -> None:
    form = _stakeholder_md(demo_root, tmp_path)
    boss = form.replace("- [x] peer", "- [x] boss", 1)
    with pytest.raises(KitError, match=r"'boss' is not one of the choices"):
        import_text(demo_root, boss)
    stranger = answer(form, 1, ["Somebody Else"])
    before = folder_state(demo_root)
    with pytest.raises(KitError) as caught:
        import_text(demo_root, stranger)
    problem = caught.value.problems[0]
    assert problem.line == line_of(stranger, "Answer:", heading_line(stranger, 1))
    assert "is not one of the stakeholders of this engagement" in problem.message
    assert folder_state(demo_root) == before


def test_a_changed_script_asks_for_a_new_kit(marcus_self: tuple[Path, str]) -> None:
    root, filled = marcus_self
    own = root / "scripts"
    own.mkdir()
    shipped = (PROJECT / "prompts" / "self-assessment.toml").read_text("utf-8")
    (own / "self-assessment.toml").write_text(shipped.replace("version = 1", "version = 2"))
    with pytest.raises(KitError, match=r"the script 'self-assessment' changed since"):
        import_text(root, filled)


def test_a_kit_from_an_earlier_engagement_is_refused(marcus_self: tuple[Path, str]) -> None:
    root, filled = marcus_self
    record = Practice(root).load("marcus-bell")
    other = filled.replace(record.engagement.id, "0" * 12)
    with pytest.raises(KitError, match="no engagement of Marcus Bell"):
        import_text(root, other)


# --------------------------------------------------------------------------- fuzzing


@pytest.fixture(scope="module")
def fuzz_root(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(demo_template, root)
    return root


@pytest.fixture(scope="module")
def fuzz_form(fuzz_root: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("fuzz-kits")
    return fill_self_md(export(fuzz_root, "marcus-bell", "self", "md", folder).read_text("utf-8"))


def _only_coach_errors(call: Callable[[], object]) -> None:
    try:
        call()
    except KitError as exc:
        assert exc.problems, "a KitError lists its problems"
        for problem in exc.problems:
            assert "\n" not in str(problem)
    except CoachError:
        pass


@settings(max_examples=150)
@given(
    st.one_of(
        st.text(),
        st.text().map(lambda t: kits.MD_OPENING + t),
        st.text().map(lambda t: "{" + t),
        st.binary().map(lambda b: b.decode("latin-1")),
    )
)
def test_parsers_never_raise_anything_else(text: str) -> None:
    _only_coach_errors(lambda: kits.detect_format(text, "fuzz"))
    _only_coach_errors(lambda: kits.parse_markdown(text, "fuzz"))
    _only_coach_errors(lambda: kits.parse_json(text, "fuzz"))
    _only_coach_errors(lambda: kits.decode(text.encode("utf-8", "surrogatepass"), "fuzz"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_arbitrary_input_never_writes(fuzz_root: Path, fuzz_form: str, data: st.DataObject) -> None:
    """Random text, random JSON kits and random edits of a good form: an error is
    always a CoachError, and a refused import leaves the folder as it was."""
    kind = data.draw(st.sampled_from(["text", "json", "edit"]))
    if kind == "text":
        text = data.draw(st.text())
    elif kind == "json":
        document = data.draw(st.dictionaries(st.text(max_size=12), json_values, max_size=8))
        document = {
            **document,
            "coach_tui_kit": 1,
            **data.draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "kit": st.text(max_size=14),
                        "executive_id": st.sampled_from(["marcus-bell", "nobody", "../x", ""]),
                        "sections": json_values,
                        "answers": json_values,
                    },
                )
            ),
        }
        text = json.dumps(document)
    else:
        lines = fuzz_form.split("\n")
        for _ in range(data.draw(st.integers(1, 4))):
            index = data.draw(st.integers(0, len(lines) - 1))
            action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
            if action == "delete":
                del lines[index]
            elif action == "insert":
                lines.insert(index, data.draw(st.text(max_size=30)))
            else:
                lines[index] = data.draw(st.text(max_size=30))
        text = "\n".join(lines)
    before = folder_state(fuzz_root)
    try:
        kits.import_text(Practice(fuzz_root), load_library(fuzz_root), text, "fuzz.md")
    except CoachError:
        assert folder_state(fuzz_root) == before
        return
    # An edit that kept the form valid was imported whole: restore for the next example.
    record = Practice(fuzz_root).load("marcus-bell")
    assert record.events[-1].kind == kits.EVENT_IMPORT
    _restore(fuzz_root, before)


def _restore(root: Path, state: dict[str, bytes]) -> None:
    from coach_tui.store import storage

    for path in list(root.rglob("*")):
        if path.is_file() and str(path.relative_to(root)) not in state:
            path.unlink()
    for name, content in state.items():
        path = root / name
        tmp = path.with_name(path.name + ".restore")
        tmp.write_bytes(content)
        tmp.replace(path)
        storage.forget(path)


# --------------------------------------------------------------------------- command line


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "coach_tui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def test_cli_export_import_and_a_typo_explained_by_line(demo_root: Path, tmp_path: Path) -> None:
    """The 'done when': a Markdown kit to Marcus Bell, one typo, then the corrected form."""
    exported = _cli(
        "kit",
        "export",
        "Marcus",
        "--for",
        "self",
        "--format",
        "md",
        "-o",
        "kit.md",
        "--data",
        str(demo_root),
        cwd=tmp_path,
    )
    assert exported.returncode == 0, exported.stderr
    assert "Wrote a self kit (baseline, 20 questions) for Marcus Bell to kit.md" in exported.stdout
    filled = fill_self_md((tmp_path / "kit.md").read_text("utf-8"))
    typo = _second_mark(filled)
    (tmp_path / "response.md").write_text(typo, "utf-8")
    before = folder_state(demo_root)
    refused = _cli("kit", "import", "response.md", "--data", str(demo_root), cwd=tmp_path)
    assert refused.returncode == 2
    line = line_of(typo, "- [x] 3", heading_line(typo, 9))
    assert refused.stderr.splitlines() == [
        f"response.md:{line}: rating of 'Listening' is marked twice (2 and 3); mark one box",
        "coach-tui: nothing was imported: 1 problem in response.md; correct it and import again",
    ]
    assert folder_state(demo_root) == before
    (tmp_path / "response.md").write_text(filled, "utf-8")
    imported = _cli("kit", "import", "response.md", "--data", str(demo_root), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert (
        "Imported the self-assessment for Marcus Bell (baseline): 14 rating(s)" in imported.stdout
    )
    again = _cli("kit", "import", "response.md", "--data", str(demo_root), cwd=tmp_path)
    assert again.returncode == 0 and "nothing changed" in again.stdout


def test_cli_kit_errors_are_one_line(demo_root: Path, tmp_path: Path) -> None:
    missing = _cli("kit", "import", "nope.md", "--data", str(demo_root), cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "coach-tui: nope.md: no such file"
    no_action = _cli("kit", cwd=tmp_path)
    assert no_action.returncode == 2
    assert len(no_action.stderr.strip().splitlines()) == 1
    (tmp_path / "form.md").write_text("<!-- coach-tui kit\n-->\n", "utf-8")
    fill_md = _cli("kit", "fill", "form.md", "-o", "out.json", cwd=tmp_path)
    assert fill_md.returncode == 2
    assert len(fill_md.stderr.strip().splitlines()) == 1


def test_kit_module_needs_no_questionary() -> None:
    code = (
        "import sys, coach_tui.kit; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('questionary', 'prompt_toolkit', 'textual')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT
    )
    assert result.stdout.strip() == "[]"
