"""The executive's final report, the stakeholders' part: ratings and their words.

Competency ratings before and after (self beside the stakeholders' means, the
by-relationship table, blind spots and hidden strengths), and the stakeholders' own
words pooled by theme: no name beside anyone's words, nothing from fewer than three
people. The figures come from ``coach_tui.domain.assess``.
"""

from __future__ import annotations

from typing import Final

from coach_tui.domain import assess
from coach_tui.domain.answered import norm
from coach_tui.domain.answered import value_lines as lines
from coach_tui.domain.model import ClientRecord
from coach_tui.reports.confidential import Confidential
from coach_tui.reports.groups import relationship_groups, shows_a_figure
from coach_tui.reports.markdown import md_cell, md_escape

MIN_GROUP: Final[int] = assess.MIN_GROUP

#: Stakeholders' own words, pooled by theme for the executive (question ids).
STAKEHOLDER_THEMES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("What works", ("does-well",)),
    ("What could be better", ("could-do-better",)),
    ("The single most important change", ("most-important-change",)),
    ("Suggestions for the future", ("feedforward",)),
    ("Changes they have noticed", ("example-of-change",)),
)


def _group(group: assess.Group) -> str:
    return "–" if group.count == 0 else group.describe()


def _opt(value: int | None) -> str:
    return "–" if value is None else str(value)


def ratings(record: ClientRecord) -> list[str]:
    """Competency ratings before and after, by relationship, and self beside others."""
    out = ["## Competency ratings before and after", ""]
    result = assess.assess(record)
    rows = list(result.rated_changes)
    if not rows:
        return [*out, "No ratings recorded yet.", ""]
    out += [
        "Ratings 1–5 (1 = a clear development need, 3 = solid, 5 = a signature strength); "
        "stakeholders' ratings are means.",
        "",
        "| Competency | Self before | Self after | Stakeholders before | Stakeholders after |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        out.append(
            f"| {md_cell(row.competency)} | {_opt(row.self_baseline)} | {_opt(row.self_final)} "
            f"| {_group(row.others_baseline)} | {_group(row.others_final)} |"
        )
    out += ["", *_by_relationship(record), ""]
    view = result.final if result.final.has_self and result.final.has_others else None
    if view is None and result.baseline.has_self and result.baseline.has_others:
        view = result.baseline
    if view is not None:
        blind = [md_escape(row.competency) for row in view.blind_spots]
        hidden = [md_escape(row.competency) for row in view.hidden_strengths]
        out += [f"### Self beside stakeholders ({view.phase} ratings)", ""]
        out.append(
            "- Blind spots (you rate yourself at least 1 point above the stakeholders' "
            "mean): " + (", ".join(blind) or "none")
        )
        out.append(
            "- Hidden strengths (at least 1 point below their mean): "
            + (", ".join(hidden) or "none")
        )
        out.append("")
    return out


def _by_relationship(record: ClientRecord) -> list[str]:
    rows = relationship_groups(record)
    if not shows_a_figure(rows):
        return []
    out = [
        "### By relationship (mean of all competencies)",
        "",
        "| Relationship | People | Before | After |",
        "|---|---:|---:|---:|",
    ]
    out += [f"| {md_cell(r.relationship)} | {r.people} | {r.before} | {r.after} |" for r in rows]
    return out


def _survey_respondents(record: ClientRecord) -> int:
    """How many people answered the mini-survey: each scores every goal once."""
    per_goal: dict[str | None, int] = {}
    for survey in record.surveys:
        if survey.engagement_id == record.engagement.id:
            per_goal[survey.goal_id] = per_goal.get(survey.goal_id, 0) + 1
    return max(per_goal.values(), default=0)


def stakeholder_words(record: ClientRecord, guard: Confidential) -> list[str]:
    """Interview and survey words pooled by theme, names removed, order not by person.

    Interview words are shown only when at least ``MIN_GROUP`` people were
    interviewed, survey suggestions only when as many answered the survey.
    """
    out = ["## What stakeholders said", ""]
    engagement_id = record.engagement.id
    sessions = [
        s
        for s in record.sessions_of(engagement_id)
        if s.audience == "stakeholder" and not s.is_open
    ]
    interviewed = len({s.stakeholder_id or s.id for s in sessions})
    respondents = _survey_respondents(record)
    if not sessions and not respondents:
        return [*out, "No stakeholder interviews or surveys yet.", ""]
    use_interviews = interviewed >= MIN_GROUP
    use_survey = respondents >= MIN_GROUP
    counts = []
    if interviewed:
        counts.append(f"{interviewed} interview{'s' if interviewed != 1 else ''}")
    if respondents:
        counts.append(f"{respondents} mini-survey response{'s' if respondents != 1 else ''}")
    out += [f"From {' and '.join(counts)}.", ""]
    if not (use_interviews and use_survey):
        out += [
            f"Input from fewer than {MIN_GROUP} people is shared in conversation only, "
            "to keep it anonymous.",
            "",
        ]
    if not (use_interviews or use_survey):
        return out
    out += ["Comments are pooled by theme, sorted alphabetically, with names removed.", ""]
    session_ids = {s.id for s in sessions} if use_interviews else set()
    suggestions = (
        [
            s.suggestion
            for s in record.surveys
            if s.engagement_id == engagement_id and s.suggestion.strip()
        ]
        if use_survey
        else []
    )
    for title, question_ids in STAKEHOLDER_THEMES:
        found: dict[str, str] = {}
        for answer in record.answers:
            if answer.session_id in session_ids and answer.question_id in question_ids:
                for line in guard.allowed_lines(answer.value):
                    found.setdefault(norm(line), guard.scrub(line))
        if "feedforward" in question_ids:
            for text in suggestions:
                for line in lines(text):
                    if not guard.is_secret(line):
                        found.setdefault(norm(line), guard.scrub(line))
        if not found:
            continue
        out += [f"### {title}", ""]
        out += [f"- {md_escape(line)}" for line in sorted(found.values(), key=str.casefold)]
        out.append("")
    return out
