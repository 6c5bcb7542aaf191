"""The stage scripts: the shipped ones are complete and consistent, and a broken
script is reported precisely (file, line, question id) and never crashes the loader."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach_tui import locations
from coach_tui.domain.model import COMPETENCIES, GAS_LEVELS, RATING_MEANINGS, RELATIONSHIPS, Stage
from coach_tui.scripts.library import (
    AUDIENCES,
    DEFAULT_SCRIPTS,
    FEEDS,
    QUESTION_KINDS,
    Question,
    Script,
    ScriptError,
    ScriptLibrary,
    ScriptProblem,
    check_files,
    competency_id,
    load_library,
    load_script_file,
    parse_script,
    shipped_scripts,
)

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"

# --------------------------------------------------------------------------- helpers

#: Six lines every broken case starts from; the case's own lines start at line 7.
HEAD = """\
id = "broken"
title = "Broken"
stage = "action"
[[sections]]
title = "Only"
[[sections.questions]]
"""

#: A small valid script for the library tests.
VALID = """\
id = "{id}"
title = "{title}"
stage = "{stage}"
minutes = 30

[[sections]]
title = "Check"

[[sections.questions]]
id = "how"
text = "How did it go?"
kind = "text"
"""


def valid(script_id: str = "mine", title: str = "Mine", stage: str = "action") -> str:
    return VALID.format(id=script_id, title=title, stage=stage)


def problems_of(text: str, source: str = "t.toml") -> list[ScriptProblem]:
    with pytest.raises(ScriptError) as caught:
        parse_script(text, source)
    return caught.value.problems


# --------------------------------------------------------------------------- shipped


@pytest.fixture(scope="module")
def shipped() -> dict[str, Script]:
    return shipped_scripts()


def test_every_shipped_file_loads_and_ids_are_unique() -> None:
    files = sorted(PROMPTS.glob("*.toml"))
    scripts = [load_script_file(path) for path in files]
    ids = [script.id for script in scripts]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(shipped_scripts())
    for path, script in zip(files, scripts, strict=True):
        assert path.stem.replace("_", "-") == script.id, "file name = script id"


def test_shipped_scripts_are_the_expected_set(shipped: dict[str, Script]) -> None:
    assert set(shipped) == {
        "awareness-intake",
        "analysis-expectations",
        "stakeholder-interview",
        "development-plan",
        "action-checkin",
        "achievement-review",
        "phase-down",
        "final-session",
        "self-assessment",
        "mini-survey",
        "three-way-kickoff",
        "three-way-signoff",
        "three-way-midpoint",
        "three-way-close",
        "assessment-debrief",
        "monthly-review",
        "follow-up",
    }
    assert all(script.source == "shipped" for script in shipped.values())


def test_shipped_scripts_are_cached_but_the_dict_is_a_copy() -> None:
    first, second = shipped_scripts(), shipped_scripts()
    assert first is not second
    assert first["action-checkin"] is second["action-checkin"]


@pytest.mark.parametrize("stage", list(Stage))
def test_each_default_script_exists_and_matches_its_stage(
    shipped: dict[str, Script], stage: Stage
) -> None:
    script = shipped[DEFAULT_SCRIPTS[stage]]
    assert script.stage is stage
    assert script.audience == "coach"
    assert load_library(None).default_for(stage) is script


def test_every_kind_audience_and_feed_is_used(shipped: dict[str, Script]) -> None:
    questions = [q for script in shipped.values() for q in script.questions]
    assert {q.kind for q in questions} == set(QUESTION_KINDS)
    assert {s.audience for s in shipped.values()} == set(AUDIENCES)
    assert {q.feeds for q in questions if q.feeds} == set(FEEDS)


def test_shipped_scripts_are_written_for_coaches(shipped: dict[str, Script]) -> None:
    for script in shipped.values():
        assert script.description, script.id
        assert script.minutes > 0 and script.version >= 1
        assert all(section.guidance for section in script.sections), script.id
        if script.audience == "coach":
            guided = [q for q in script.questions if q.guidance or q.probes]
            assert len(guided) >= 0.7 * len(script.questions), script.id


def test_intake_is_about_fifteen_questions_with_contracting(shipped: dict[str, Script]) -> None:
    intake = shipped["awareness-intake"]
    spoken = [q for q in intake.questions if not q.coach_only]
    assert 14 <= len(spoken) <= 16, "from thirty, with duplicates gone"
    titles = [section.title for section in intake.sections]
    assert titles[0] == "Contracting" and titles[-1] == "Working agreement"
    assert titles[1:-1] == [
        "Role and context",
        "Why coaching, why now",
        "Career story",
        "Strengths",
        "Development areas",
        "Motivations",
        "Goals and outcomes",
        "Readiness",
    ]
    for contracting in (
        "confidentiality",
        "roles",
        "past-feedback",
        "contracted-sessions",
        "cadence",
    ):
        intake.question(contracting)
    assert intake.question("contracted-sessions").required
    assert intake.question("cadence").kind == "choice" and intake.question("cadence").required
    assert any(
        "relationship with your sponsor" in p for p in intake.question("key-relationships").probes
    )
    assert "limits" in intake.question("confidentiality").text
    assert intake.question("strengths").feeds == "strengths"
    assert intake.question("development-areas").feeds == "weaknesses"
    assert intake.question("coaching-goals").feeds == "goals"
    assert intake.question("motivations").feeds == "motivations"
    assert intake.question("key-relationships").feeds == "stakeholders"
    texts = [q.text for q in intake.questions]
    assert len(texts) == len(set(texts))
    for question in spoken:
        assert question.guidance.startswith("Why"), f"{question.id}: the guidance says why"


THREE_WAY = {
    "three-way-kickoff": Stage.AWARENESS,
    "three-way-signoff": Stage.ANALYSIS,
    "three-way-midpoint": Stage.ACTION,
    "three-way-close": Stage.ACHIEVEMENT,
}


def test_a_three_way_meeting_in_each_stage(shipped: dict[str, Script]) -> None:
    for script_id, stage in THREE_WAY.items():
        script = shipped[script_id]
        assert "three-way" in script.title and script.stage is stage
    assert shipped["three-way-kickoff"].question("sponsor-expectations").required
    assert shipped["three-way-signoff"].question("manager-approved").kind == "yesno"
    assert shipped["three-way-signoff"].question("goals-agreed").required
    assert shipped["three-way-close"].question("objectives-met").required
    assert shipped["three-way-close"].question("stakeholders-agree").kind == "yesno"


def test_every_coach_script_says_length_purpose_and_when(shipped: dict[str, Script]) -> None:
    for script in shipped.values():
        if script.audience != "coach" or script.id in ("analysis-expectations",):
            continue
        first = script.description.split(".")[0]
        assert "minutes" in first or "min" in first, script.id
        assert "Why:" in script.description, script.id


def test_checkin_is_short_and_the_debrief_and_follow_up_stand_alone(
    shipped: dict[str, Script],
) -> None:
    checkin = shipped["action-checkin"]
    spoken = [q for q in checkin.questions if not q.coach_only and q.id != "next-call"]
    assert checkin.minutes == 30 and len(spoken) <= 9
    assert shipped["monthly-review"].minutes == 60
    debrief = shipped["assessment-debrief"]
    assert debrief.question("instrument-results").kind == "list"
    assert not any(q.feeds == "goals" for q in debrief.questions)
    assert shipped["follow-up"].stage is Stage.ACHIEVEMENT


def test_stakeholder_words_promise_confidential_not_anonymous(
    shipped: dict[str, Script],
) -> None:
    for script_id in ("stakeholder-interview", "mini-survey"):
        script = shipped[script_id]
        words = " ".join(
            [script.description, *(q.text for q in script.questions)]
            + [s.guidance for s in script.sections]
        ).lower()
        assert "confidential" in words
        assert "anonymous" not in words and "anonymity and" not in words
    assert shipped["mini-survey"].question("followed-up").kind == "yesno"


def test_self_assessment_rates_every_competency(shipped: dict[str, Script]) -> None:
    script = shipped["self-assessment"]
    assert script.stage is Stage.ANALYSIS and script.audience == "executive"
    ratings = [q for q in script.questions if q.competency]
    assert [q.competency for q in ratings] == list(COMPETENCIES)
    for question in ratings:
        assert question.kind == "rating"
        assert question.id == competency_id(question.competency or "")
        assert question.scale == (1, 5)
        assert question.labels == RATING_MEANINGS
    assert competency_id("Strategic thinking and vision") == (
        "competency-strategic-thinking-and-vision"
    )
    assert any(q.kind != "rating" for q in script.questions), "open questions follow"


def test_stakeholder_interview_rates_with_the_same_ids(shipped: dict[str, Script]) -> None:
    interview = shipped["stakeholder-interview"]
    assert interview.audience == "stakeholder" and interview.minutes == 30
    self_ids = {q.id for q in shipped["self-assessment"].questions if q.competency}
    assert {q.id for q in interview.questions if q.competency} == self_ids
    assert interview.question("relationship").options == RELATIONSHIPS
    assert interview.question("feedforward").kind == "text"


def test_mini_survey_rates_each_goal_from_minus_three(shipped: dict[str, Script]) -> None:
    survey = shipped["mini-survey"]
    assert survey.stage is Stage.ACTION and survey.audience == "stakeholder"  # pulses from Action
    per_goal = [q for q in survey.questions if q.per_goal]
    assert len(per_goal) == 1
    assert per_goal[0].kind == "rating" and per_goal[0].scale == (-3, 3)
    assert per_goal[0].labels[-3] == "much worse"
    assert per_goal[0].labels[0] == "no change"
    assert per_goal[0].labels[3] == "much better"
    assert survey.question("overall-change").scale == (-3, 3)
    assert survey.question("feedforward").kind == "text"
    relationship = survey.question("relationship")
    assert relationship.kind == "choice"
    assert relationship.options == ("manager", "peer", "direct report", "other")


def test_action_checkin_follows_grow(shipped: dict[str, Script]) -> None:
    checkin = shipped["action-checkin"]
    assert checkin.method == "GROW"
    assert [s.title for s in checkin.sections][:4] == [
        "Goal for today",
        "Reality",
        "Options",
        "Will",
    ]
    score = checkin.question("goal-score")
    assert score.per_goal and score.carry and score.scale == (-2, 2)
    assert score.labels == GAS_LEVELS
    commitments = checkin.question("commitments")
    assert commitments.kind == "list" and commitments.feeds == "actions" and commitments.carry
    assert checkin.question("commitments-review").carry
    assert checkin.question("commitments-due").kind == "date"
    assert checkin.question("commitment-level").scale == (1, 10)


def test_goal_scores_use_gas_everywhere(shipped: dict[str, Script]) -> None:
    for script in shipped.values():
        for question in script.questions:
            if question.id == "goal-score":
                assert question.labels == GAS_LEVELS, script.id


def test_script_lookup_and_flattening(shipped: dict[str, Script]) -> None:
    checkin = shipped["action-checkin"]
    flat = [q for section in checkin.sections for q in section.questions]
    assert list(checkin.questions) == flat
    assert checkin.question("options").section == "Options"
    with pytest.raises(KeyError, match=r"no question 'optoins'.*did you mean 'options'"):
        checkin.question("optoins")
    hash(checkin.question("goal-score"))  # frozen, and the labels dict does not spoil it


def test_core_does_not_import_ui_libraries() -> None:
    code = (
        "import sys, coach_tui.scripts.library as s; s.shipped_scripts(); "
        "print([m for m in ('textual', 'questionary', 'prompt_toolkit') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROMPTS.parent,
    )
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- broken

# (case id, text, message substring, line or None, question id or None)
BROKEN: list[tuple[str, str, str, int | None, str | None]] = [
    ("empty file", "  \n\n", "the file is empty", None, None),
    (
        "bad toml",
        HEAD + 'id = "q1"\ntext = "unclosed\n',
        "invalid TOML: Illegal character",
        8,
        None,
    ),
    ("repeated key", HEAD + 'id = "q1"\ntext = "a"\ntext = "b"\n', "'text' is set twice", 9, None),
    (
        "missing id",
        HEAD.replace('id = "broken"\n', "\n") + 'id = "q"\ntext = "T"\n',
        "missing 'id'",
        None,
        None,
    ),
    (
        "missing title",
        HEAD.replace('title = "Broken"', "") + 'id = "q"\ntext = "T"\n',
        "missing 'title'",
        None,
        None,
    ),
    (
        "empty title",
        HEAD.replace('"Broken"', '"  "') + 'id = "q"\ntext = "T"\n',
        "'title' is empty",
        2,
        None,
    ),
    (
        "missing stage",
        HEAD.replace('stage = "action"', "") + 'id = "q"\ntext = "T"\n',
        "missing 'stage'",
        None,
        None,
    ),
    (
        "unknown stage",
        HEAD.replace('"action"', '"acton"') + 'id = "q"\ntext = "T"\n',
        "unknown stage 'acton' (expected one of: awareness, analysis, action, achievement)",
        3,
        None,
    ),
    (
        "unknown audience",
        'audience = "client"\n' + HEAD + 'id = "q"\ntext = "T"\n',
        "unknown audience 'client' (expected one of: coach, executive, stakeholder)",
        1,
        None,
    ),
    (
        "minutes zero",
        "minutes = 0\n" + HEAD + 'id = "q"\ntext = "T"\n',
        "'minutes' must be a positive whole number, not 0",
        1,
        None,
    ),
    (
        "version text",
        'version = "2"\n' + HEAD + 'id = "q"\ntext = "T"\n',
        "'version' must be a positive whole number, not '2'",
        1,
        None,
    ),
    ("version bool", "version = true\n" + HEAD + 'id = "q"\ntext = "T"\n', "not true", 1, None),
    (
        "invalid script id",
        HEAD.replace('"broken"', '"My Script"') + 'id = "q"\ntext = "T"\n',
        "invalid script id 'My Script': use lowercase letters, digits and hyphens, "
        "e.g. 'my-script'",
        1,
        None,
    ),
    (
        "unknown top key",
        'colour = "red"\n' + HEAD + 'id = "q"\ntext = "T"\n',
        "unknown key 'colour'",
        1,
        None,
    ),
    (
        "no sections",
        'id = "x"\ntitle = "X"\nstage = "action"\n',
        "the script has no questions",
        None,
        None,
    ),
    (
        "section as table",
        'id = "x"\ntitle = "X"\nstage = "action"\n[sections]\ntitle = "S"\n',
        "write each section as [[sections]]",
        4,
        None,
    ),
    (
        "section without questions",
        HEAD.replace("[[sections.questions]]\n", ""),
        "section 'Only': has no questions",
        4,
        None,
    ),
    (
        "section without title",
        HEAD.replace('title = "Only"', 'guidance = "g"') + 'id = "q"\ntext = "T"\n',
        "section 1: missing 'title'",
        4,
        None,
    ),
    (
        "question key in a section",
        HEAD.replace('title = "Only"', 'title = "Only"\nkind = "text"') + 'id = "q"\ntext = "T"\n',
        "section 'Only': unknown key 'kind' ('kind' belongs under [[sections.questions]])",
        6,
        None,
    ),
    (
        "missing question id",
        HEAD + 'text = "T"\n',
        "question 1 of section 'Only': missing 'id'",
        6,
        None,
    ),
    (
        "invalid question id",
        HEAD + 'id = "Strengths 1"\ntext = "T"\n',
        "invalid question id 'Strengths 1': use lowercase letters, digits and hyphens, "
        "e.g. 'strengths-1'",
        7,
        "Strengths 1",
    ),
    (
        "duplicate question id",
        HEAD + 'id = "q1"\ntext = "A"\n[[sections.questions]]\nid = "q1"\ntext = "B"\n',
        "duplicate question id 'q1' (first used at line 7)",
        10,
        "q1",
    ),
    ("missing text", HEAD + 'id = "q1"\nkind = "line"\n', "missing 'text'", 7, "q1"),
    ("empty text", HEAD + 'id = "q1"\n\ntext = ""\n', "'text' is empty", 9, "q1"),
    (
        "text not a string",
        HEAD + 'id = "q1"\ntext = 42\n',
        "'text' must be a string in quotes, not 42",
        8,
        "q1",
    ),
    (
        "unknown kind",
        HEAD + 'id = "strengths"\ntext = "T"\nkind = "ratings"\n',
        "unknown kind 'ratings' (expected one of: text, line, list, rating, choice, choices, "
        "yesno, date)",
        9,
        "strengths",
    ),
    ("empty kind", HEAD + 'id = "q1"\ntext = "T"\nkind = ""\n', "'kind' is empty", 9, "q1"),
    (
        "unknown feeds",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "list"\nfeeds = "strength"\n',
        "unknown feeds 'strength' (expected one of: strengths, weaknesses, goals, actions, "
        "motivations, stakeholders)",
        10,
        "q1",
    ),
    (
        "feeds on a rating",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "rating"\nfeeds = "goals"\n',
        "'feeds' works on text, line or list questions, not on kind 'rating'",
        10,
        "q1",
    ),
    (
        "typo in a key",
        HEAD + 'id = "q1"\ntext = "T"\ngudance = "g"\n',
        "unknown key 'gudance' (did you mean 'guidance'?)",
        9,
        "q1",
    ),
    (
        "scale reversed",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "rating"\nscale = [5, 1]\n',
        "scale [5, 1] is reversed: write the low end first, [1, 5]",
        10,
        "q1",
    ),
    (
        "scale equal",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "rating"\nscale = [3, 3]\n',
        "scale [3, 3] has no range",
        10,
        "q1",
    ),
    (
        "scale not two ints",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "rating"\nscale = [1, 2.5]\n',
        "'scale' must be two whole numbers like [1, 5], not [1, 2.5]",
        10,
        "q1",
    ),
    (
        "scale of one",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "rating"\nscale = [1]\n',
        "'scale' must be two whole numbers",
        10,
        "q1",
    ),
    (
        "scale on a text question",
        HEAD + 'id = "q1"\ntext = "T"\nscale = [1, 5]\n',
        "'scale' only applies to rating questions, not to kind 'text'",
        9,
        "q1",
    ),
    (
        "label outside the scale",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "rating"\nlabels = { "1" = "low", "7" = "high" }\n',
        "label 7 is outside the scale 1..5",
        10,
        "q1",
    ),
    (
        "label outside, as a sub-table",
        HEAD
        + 'id = "q1"\ntext = "T"\nkind = "rating"\nscale = [-2, 2]\n'
        + '[sections.questions.labels]\n"-2" = "low"\n"3" = "too high"\n',
        "label 3 is outside the scale -2..2",
        13,
        "q1",
    ),
    (
        "label key not a number",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "rating"\nlabels = { high = "5" }\n',
        "label key 'high' is not a whole number",
        10,
        "q1",
    ),
    (
        "labels not a table",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "rating"\nlabels = ["low", "high"]\n',
        "'labels' must be a table",
        10,
        "q1",
    ),
    (
        "labels on a choice",
        HEAD
        + 'id = "q1"\ntext = "T"\nkind = "choice"\noptions = ["a", "b"]\nlabels = { "1" = "x" }\n',
        "'labels' only applies to rating questions, not to kind 'choice'",
        11,
        "q1",
    ),
    (
        "choice without options",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "choice"\n',
        "a choice question needs 'options' (at least two)",
        7,
        "q1",
    ),
    (
        "choices with empty options",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "choices"\noptions = []\n',
        "a choices question needs 'options'",
        10,
        "q1",
    ),
    (
        "duplicate options",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "choice"\noptions = ["peer", "Peer", "other"]\n',
        "option 'Peer' is listed twice",
        10,
        "q1",
    ),
    (
        "options on a line question",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "line"\noptions = ["a", "b"]\n',
        "'options' only applies to choice and choices, not to kind 'line'",
        10,
        "q1",
    ),
    (
        "probes not a list",
        HEAD + 'id = "q1"\ntext = "T"\nprobes = "why?"\n',
        "'probes' must be a list of strings, not 'why?'",
        9,
        "q1",
    ),
    (
        "probes with a number",
        HEAD + 'id = "q1"\ntext = "T"\nprobes = [\n  "why?",\n  3,\n]\n',
        "'probes' must be a list of non-empty strings",
        9,
        "q1",
    ),
    (
        "carry not a bool",
        HEAD + 'id = "q1"\ntext = "T"\ncarry = "yes"\n',
        "'carry' must be true or false, not 'yes'",
        9,
        "q1",
    ),
    (
        "required not a bool",
        HEAD + 'id = "q1"\ntext = "T"\nrequired = 1\n',
        "'required' must be true or false, not 1",
        9,
        "q1",
    ),
    (
        "per_goal on text",
        HEAD + 'id = "q1"\ntext = "T"\nper_goal = true\n',
        "'per_goal' only applies to rating questions, not to kind 'text'",
        9,
        "q1",
    ),
    (
        "empty competency",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "rating"\ncompetency = ""\n',
        "'competency' is empty",
        10,
        "q1",
    ),
    (
        "competency on a yesno",
        HEAD + 'id = "q1"\ntext = "T"\nkind = "yesno"\ncompetency = "Listening"\n',
        "'competency' only applies to rating questions, not to kind 'yesno'",
        10,
        "q1",
    ),
    (
        "inline tables still find the id line",
        'id = "x"\ntitle = "X"\nstage = "action"\nsections = [\n'
        '  { title = "S", questions = [\n'
        '    { id = "inline", text = "T", kind = "bogus" },\n'
        "  ] },\n]\n",
        "unknown kind 'bogus'",
        6,
        "inline",
    ),
    (
        "a key inside a multi-line string is not a key",
        HEAD
        + 'id = "q1"\ntext = "T"\nguidance = """\nkind = "rating"\n"""\n'
        + 'kind = "line"\nscale = [1, 5]\n',
        "'scale' only applies to rating questions, not to kind 'line'",
        13,
        "q1",
    ),
]


@pytest.mark.parametrize(
    ("text", "message", "line", "qid"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_broken_script_is_reported_precisely(
    text: str, message: str, line: int | None, qid: str | None
) -> None:
    problems = problems_of(text, "broken.toml")
    matching = [p for p in problems if message in p.message]
    assert matching, f"{message!r} not in {[str(p) for p in problems]}"
    problem = matching[0]
    assert (problem.file, problem.line, problem.question_id) == ("broken.toml", line, qid)
    assert "\n" not in str(problem)


def test_problem_reads_as_file_line_question_message() -> None:
    full = ScriptProblem("awareness.toml", 42, "strengths", "unknown kind 'ratings'")
    assert str(full) == "awareness.toml:42: question 'strengths': unknown kind 'ratings'"
    assert str(ScriptProblem("a.toml", None, None, "no such file")) == "a.toml: no such file"
    assert str(ScriptProblem("a.toml", 3, None, "bad")) == "a.toml:3: bad"
    assert str(ScriptProblem("a.toml", None, "q", "bad")) == "a.toml: question 'q': bad"


def test_a_script_with_several_problems_reports_all_of_them_in_line_order() -> None:
    text = textwrap.dedent(
        """\
        id = "several"
        title = "Several"
        stage = "acton"
        minutes = -5

        [[sections]]
        title = "One"

        [[sections.questions]]
        id = "a"
        text = "A"
        kind = "ratings"

        [[sections.questions]]
        id = "b"
        text = "B"
        kind = "choice"
        gudance = "typo"

        [[sections]]
        title = "Two"
        """
    )
    with pytest.raises(ScriptError) as caught:
        parse_script(text, "several.toml")
    problems = caught.value.problems
    assert [(p.line, p.question_id) for p in problems] == [
        (3, None),
        (4, None),
        (12, "a"),
        (15, "b"),
        (18, "b"),
        (20, None),
    ]
    message = str(caught.value)
    assert message.count("\n") == len(problems) - 1
    assert "several.toml:12: question 'a': unknown kind 'ratings'" in message
    assert "needs 'options'" in message and "did you mean 'guidance'" in message
    assert "section 'Two': has no questions" in message


def test_a_valid_script_parses_with_defaults() -> None:
    text = valid() + textwrap.dedent(
        """
        [[sections.questions]]
        id = "score"
        text = "Score?"
        kind = "rating"
        labels = { 1 = "low", "+5" = "high" }

        [[sections.questions]]
        id = "who"
        text = "Who?"
        kind = "choices"
        options = ["me", "them"]
        """
    )
    script = parse_script(text, "mine.toml")
    assert script.audience == "coach" and script.version == 1 and script.method == ""
    assert script.source == "mine.toml"
    score = script.question("score")
    assert score.scale == (1, 5) and score.labels == {1: "low", 5: "high"}
    assert script.question("who").options == ("me", "them")
    assert script.question("how") == Question("how", "How did it go?", "text", "Check")


# --------------------------------------------------------------------------- files


def test_check_files_reports_unreadable_files_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes(b'id = "x"\ntitle = "Caf\xe9"\n')
    good = tmp_path / "good.toml"
    good.write_text(valid(), encoding="utf-8")
    problems = check_files([missing, latin1, good, tmp_path])
    assert [p.file for p in problems] == [str(missing), str(latin1), str(tmp_path)]
    assert all("\n" not in str(p) for p in problems)
    assert "no such file" in problems[0].message
    assert problems[1].line == 2 and "not UTF-8" in problems[1].message
    assert "folder" in problems[2].message


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + valid().encode())
    assert load_script_file(path).id == "mine"
    assert load_script_file(path).source == str(path)


def test_check_files_on_the_shipped_scripts_is_clean() -> None:
    assert check_files(sorted(PROMPTS.glob("*.toml"))) == []


# --------------------------------------------------------------------------- library


def own_scripts(root: Path) -> Path:
    folder = locations.scripts_dir(root)
    folder.mkdir(parents=True)
    return folder


def test_library_adds_replaces_and_skips_broken_scripts(tmp_path: Path) -> None:
    folder = own_scripts(tmp_path)
    (folder / "checkin.toml").write_text(valid("action-checkin", "My check-in"), encoding="utf-8")
    (folder / "retro.toml").write_text(valid("retro", "Retro"), encoding="utf-8")
    (folder / "broken.toml").write_text('id = "broken"\nstage = "acton"\n', encoding="utf-8")
    (folder / "notes.txt").write_text("not a script", encoding="utf-8")

    library = load_library(tmp_path)

    replaced = library.get("action-checkin")
    assert replaced.title == "My check-in"
    assert replaced.source == str(folder / "checkin.toml")
    assert library.default_for(Stage.ACTION) is replaced
    assert library.get("retro").stage is Stage.ACTION
    assert "broken" not in library.scripts
    assert {p.file for p in library.problems} == {str(folder / "broken.toml")}
    assert any("unknown stage 'acton'" in p.message for p in library.problems)
    assert set(shipped_scripts()) - {"action-checkin"} <= set(library.scripts)
    assert shipped_scripts()["action-checkin"].title == "Action check-in (GROW)"


def test_library_without_a_scripts_folder_is_the_shipped_set(tmp_path: Path) -> None:
    library = load_library(tmp_path)
    assert library.scripts == shipped_scripts()
    assert library.problems == []
    assert load_library(None).scripts == shipped_scripts()


def test_a_repeated_id_among_own_scripts_keeps_the_first(tmp_path: Path) -> None:
    folder = own_scripts(tmp_path)
    (folder / "a.toml").write_text(valid("retro", "First"), encoding="utf-8")
    (folder / "b.toml").write_text(valid("retro", "Second"), encoding="utf-8")
    library = load_library(tmp_path)
    assert library.get("retro").title == "First"
    assert [p.file for p in library.problems] == [str(folder / "b.toml")]
    assert "already used by a.toml" in library.problems[0].message


def test_a_replacement_must_keep_stage_and_audience(tmp_path: Path) -> None:
    folder = own_scripts(tmp_path)
    moved = folder / "moved.toml"
    moved.write_text(valid("action-checkin", "Moved", "analysis"), encoding="utf-8")
    library = load_library(tmp_path)
    assert library.get("action-checkin").source == "shipped"
    assert library.default_for(Stage.ACTION).id == "action-checkin"
    assert library.default_for(Stage.ANALYSIS).id == "development-plan"
    [problem] = library.problems
    assert problem.file == str(moved)
    assert "must keep stage 'action' and audience 'coach'" in problem.message


def test_library_queries() -> None:
    library = load_library(None)
    analysis = library.for_stage(Stage.ANALYSIS)
    assert analysis[0].id == "development-plan"
    assert {s.id for s in analysis} == {
        "development-plan",
        "analysis-expectations",
        "assessment-debrief",
        "three-way-signoff",
    }
    assert [s.id for s in library.for_stage("analysis", "stakeholder")] == ["stakeholder-interview"]
    assert [s.id for s in library.for_stage(Stage.ANALYSIS, "executive")] == ["self-assessment"]
    stages = [s.stage.value for s in library.all()]
    assert stages == sorted(stages, key=[s.value for s in Stage].index)
    assert len(library.all()) == len(library.scripts)
    with pytest.raises(KeyError) as caught:
        library.get("action-chekin")
    assert "did you mean 'action-checkin'" in str(caught.value)
    with pytest.raises(KeyError, match="no coach script"):
        ScriptLibrary({}).default_for(Stage.ACTION)


# --------------------------------------------------------------------------- fuzzing

FRAGMENTS = [
    'id = "x"',
    'id = "Bad id"',
    'id = ""',
    'title = "T"',
    "title = 3",
    'stage = "action"',
    'stage = "nope"',
    'audience = "coach"',
    "minutes = 0",
    "version = -1",
    "[[sections]]",
    "[sections]",
    "[[sections.questions]]",
    "[sections.questions]",
    "[sections.questions.labels]",
    'text = "Q?"',
    'kind = "rating"',
    'kind = "choice"',
    'kind = "bogus"',
    "scale = [5, 1]",
    "scale = [1, 5]",
    'scale = ["a", 2]',
    'labels = { "1" = "a", "x" = 2, "99999999999999999999999" = "big" }',
    '"-3" = "low"',
    'options = ["a", "a"]',
    "options = []",
    'feeds = "goals"',
    'feeds = "nope"',
    "carry = true",
    "per_goal = 1",
    'competency = ""',
    'probes = ["a", 1]',
    'guidance = """',
    "questions = [ { id = 1 } ]",
    "sections = [1, { questions = 2 }]",
    "sections = []",
    "x = [",
    "]",
    "# comment",
    "",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_arbitrary_text_only_ever_raises_script_error(text: str) -> None:
    try:
        parse_script(text, "fuzz.toml")
    except ScriptError as error:
        assert error.problems
        assert all(isinstance(p, ScriptProblem) for p in error.problems)


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_script_like_text_only_ever_raises_script_error(lines: list[str]) -> None:
    try:
        parse_script("\n".join(lines), "fuzz.toml")
    except ScriptError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.line is None or 1 <= problem.line <= len(lines) + 1
