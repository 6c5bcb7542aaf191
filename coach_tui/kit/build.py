"""Building a Kit for an executive from the practice's scripts; nothing is written.

Export builds the kit from what the engagement has now; import rebuilds it from what
the export recorded, so both go through this one function.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from coach_tui.domain.goals import is_agreed
from coach_tui.domain.model import ClientRecord, InsightKind, Stage
from coach_tui.errors import InvalidInputError
from coach_tui.kit.model import (
    AUDIENCES,
    GOAL_PREFIX,
    INTERVIEW_SCRIPT,
    LEFT_OUT,
    NAME_ID,
    SELF_SCRIPT,
    SURVEY_SCRIPT,
    Kit,
    KitQuestion,
    KitSection,
    phase_for,
)
from coach_tui.scripts.library import Question, Script, ScriptLibrary
from coach_tui.text import one_line


def _from_script(
    q: Question, *, required: bool | None = None, guidance: bool = True
) -> KitQuestion:
    return KitQuestion(
        id=q.id,
        text=q.text,
        kind=q.kind,
        guidance=q.guidance if guidance else "",
        scale=q.scale,
        labels=dict(q.labels),
        options=q.options,
        required=q.required if required is None else required,
        competency=q.competency,
        source_id=q.id,
    )


def _name_question(executive: str) -> KitQuestion:
    return KitQuestion(
        id=NAME_ID,
        text="Your name (optional)",
        kind="line",
        guidance=(
            "Leave it empty to answer anonymously. Your coach never shows your name "
            f"beside your answers, to {executive} or anyone else."
        ),
    )


def _shared_goals(record: ClientRecord, goal_ids: tuple[str, ...] | None) -> list[tuple[str, str]]:
    """(id, text) of the goals a stakeholder kit asks about: only the agreed ones."""
    goals = record.insights_of(InsightKind.GOAL)
    if goal_ids is None:
        return [(g.id, g.text) for g in goals if is_agreed(g)]
    by_id = {g.id: g.text for g in goals}
    return [(gid, by_id.get(gid, "")) for gid in goal_ids]


def _pulse_due(record: ClientRecord) -> bool:
    """In Action, once a goal is agreed, stakeholders are asked for a pulse (the
    mini-survey on the agreed goals), not for the first interview again."""
    return record.engagement.stage is Stage.ACTION and any(
        is_agreed(g) for g in record.insights_of(InsightKind.GOAL)
    )


def build_kit(
    record: ClientRecord,
    library: ScriptLibrary,
    audience: str,
    *,
    kit_id: str | None = None,
    phase: str | None = None,
    goal_ids: tuple[str, ...] | None = None,
) -> Kit:
    """The kit for ``audience`` ('self' or 'stakeholder'); nothing is written.

    ``phase`` and ``goal_ids`` default to what the engagement has now; import passes
    the ones recorded at export to rebuild exactly the questions that were sent.
    """
    if audience not in AUDIENCES:
        raise InvalidInputError(f"a kit is for 'self' or 'stakeholder', not '{audience}'")
    if phase is None:
        phase = phase_for(record.engagement.stage)
        if audience == "stakeholder" and phase == "baseline" and _pulse_due(record):
            phase = "pulse"
    client = record.client
    name = one_line(client.name)
    common: dict[str, Any] = {
        "kit_id": kit_id or secrets.token_hex(6),
        "audience": audience,
        "phase": phase,
        "client_id": client.id,
        "engagement_id": record.engagement.id,
        "executive": name,
        "role": one_line(client.role),
    }
    if audience == "self":
        script = library.get(SELF_SCRIPT)
        sections = tuple(
            KitSection(s.title, s.guidance, tuple(_from_script(q) for q in s.questions))
            for s in script.sections
        )
        return Kit(
            **common,
            title=f"{script.title}: {name}",
            intro=script.description,
            minutes=script.minutes,
            sections=sections,
            scripts=((script.id, script.version),),
        )
    interview = library.get(INTERVIEW_SCRIPT)
    if phase == "baseline":
        return Kit(
            **common,
            title=f"Stakeholder input: {name}",
            intro=_INTERVIEW_INTRO.format(name=name),
            minutes=max(10, interview.minutes // 2),
            sections=_interview_sections(interview, name),
            scripts=((interview.id, interview.version),),
        )
    survey = library.get(SURVEY_SCRIPT)
    goals = _shared_goals(record, goal_ids)
    parts = _survey_sections(survey, goals, name)
    if phase != "pulse":  # a pulse asks about the change only; the final adds the ratings
        parts.append(_ratings_section(interview))
    return Kit(
        **common,
        title=f"{survey.title}: {name}",
        intro=_SURVEY_INTRO.format(name=name, description=survey.description),
        minutes=survey.minutes + 5,
        sections=tuple(s for s in parts if s.questions),
        scripts=((survey.id, survey.version), (interview.id, interview.version)),
        goal_ids=tuple(gid for gid, _ in goals),
    )


_INTERVIEW_INTRO = (
    "{name} is working with an executive coach on their leadership, and you are one of "
    "the people whose view counts. Please answer candidly: your coach combines your "
    "answers with other people's and never attributes them to you."
)


_SURVEY_INTRO = "{name} has been working with an executive coach on the goals below. {description}"


_RATINGS_GUIDANCE = (
    "Rate each competency as you see it today: 1 = a clear development need, 3 = solid, "
    "5 = a signature strength. Leave a competency unmarked if you cannot judge it from "
    "how you work together."
)


def _interview_sections(interview: Script, name: str) -> tuple[KitSection, ...]:
    """The interview in writing: the coach's guidance is left out (it is for the coach)."""
    sections: list[KitSection] = []
    for number, section in enumerate(interview.sections):
        questions = [
            _from_script(q, guidance=False)
            for q in section.questions
            if q.id not in LEFT_OUT and not q.competency
        ]
        questions = [
            q if q.kind != "list" else _with_guidance(q, "One point per line.") for q in questions
        ]
        title = section.title
        if number == 0:
            questions.insert(0, _name_question(name))
            title = "About you"
        if questions:
            sections.append(KitSection(title, "", tuple(questions)))
    ratings = _ratings_section(interview)
    if ratings.questions:
        sections.append(ratings)
    return tuple(sections)


def _with_guidance(q: KitQuestion, guidance: str) -> KitQuestion:
    return replace(q, guidance=guidance)


def _ratings_section(interview: Script) -> KitSection:
    """The interview's competency ratings, each optional, with respondent-facing words."""
    questions = tuple(
        _from_script(q, required=False, guidance=False) for q in interview.questions if q.competency
    )
    title = next(
        (s.title for s in interview.sections if any(q.competency for q in s.questions)),
        "Competency ratings",
    )
    return KitSection(title, _RATINGS_GUIDANCE, questions)


def _survey_sections(survey: Script, goals: list[tuple[str, str]], name: str) -> list[KitSection]:
    sections: list[KitSection] = []
    for number, section in enumerate(survey.sections):
        questions: list[KitQuestion] = []
        for q in section.questions:
            if q.per_goal:
                for goal_id, text in goals:
                    questions.append(
                        replace(
                            _from_script(q),
                            id=GOAL_PREFIX + goal_id,
                            goal_id=goal_id,
                            goal=text,
                            guidance="",
                        )
                    )
            else:
                questions.append(_from_script(q))
        if number == 0:
            questions.insert(0, _name_question(name))
        if questions:
            sections.append(KitSection(section.title, section.guidance, tuple(questions)))
    return sections
