"""The final report for the executive ("Progress report" before Achievement).

Everything the executive may read about the engagement: objectives, progress on
each goal, examples of changed behaviour, ratings and the stakeholders' words
(``final_stakeholders``), strengths, the development areas still open and the
sustainment plan. The coach's private material is kept out by ``Confidential``.
The sponsor's version is made from ``SponsorView`` only (``coach_tui.reports.sponsor``).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from coach_tui.domain import assess
from coach_tui.domain.model import GAS_LEVELS, ClientRecord, Insight, InsightKind
from coach_tui.reports import final_stakeholders
from coach_tui.reports.confidential import (
    Confidential,
    answers_for,
    coach_sessions,
    shown_goals,
    shown_items,
)
from coach_tui.reports.frame import Audience, check_audience, footer, header
from coach_tui.reports.markdown import day, md_escape, norm, score

MIN_GROUP: Final[int] = assess.MIN_GROUP
FEWER: Final[str] = assess.TOO_FEW

#: Questions of the executive's sessions whose answers are examples of changed behaviour.
CHANGE_QUESTIONS: Final[tuple[str, ...]] = (
    "changed-behaviours",
    "what-changed",
    "others-noticed",
    "new-behaviour",
    "proudest",
)

#: Questions whose answers say how the manager can support the change.
SUPPORT_QUESTIONS: Final[tuple[str, ...]] = ("manager-support",)


def build_final_report(
    record: ClientRecord, audience: Audience = "client", today: date | None = None
) -> str:
    """The final report as Markdown ("Progress report" before Achievement)."""
    check_audience(audience)
    today = today or date.today()
    if audience == "sponsor":
        from coach_tui.reports import sponsor_render

        return sponsor_render.render(record, "final", "md", today)[0]
    guard = Confidential(record)
    engagement = record.engagement
    held = coach_sessions(record)
    out = header(record, "final", today)
    span = ""
    if engagement.started is not None:
        end = engagement.ended.date() if engagement.ended else today
        span = f"Engagement {day(engagement.started.date())} – {day(end)}, "
    out += [
        f"{span}{len(held)} coaching session{'s' if len(held) != 1 else ''}; "
        f"stage now: {engagement.stage.label}.",
        "",
    ]
    if engagement.stage.position < 3:
        out += [
            f"*Interim: the engagement is in the {engagement.stage.label} stage; "
            "the final measures come in Achievement.*",
            "",
        ]
    out += [
        "> Stakeholders' comments are grouped by theme without names; groups of "
        f"fewer than {MIN_GROUP} people are not shown on their own.",
        "",
    ]
    out += _objectives(record, guard)
    out += _progress(record, guard)
    out += _changed_behaviour(record, guard)
    out += final_stakeholders.ratings(record)
    out += final_stakeholders.stakeholder_words(record, guard)
    out += _item_section(
        "Strengths to keep using", shown_items(record, InsightKind.STRENGTH, guard)
    )
    # Only the areas still open: a closed one (worked through) is not "remaining".
    remaining = [a for a in shown_items(record, InsightKind.WEAKNESS, guard) if not a.done]
    out += _item_section("Remaining development areas", remaining)
    out += _sustainment(record, guard)
    out += footer()
    return "\n".join(out).rstrip() + "\n"


def _objectives(record: ClientRecord, guard: Confidential) -> list[str]:
    out = ["## Objectives", ""]
    goals = shown_goals(record, guard)
    if not goals:
        return [*out, "No development goals agreed yet.", ""]
    for number, goal in enumerate(goals, 1):
        line = f"{number}. **{md_escape(goal.text)}**"
        if goal.measure and not guard.is_secret(goal.measure):
            line += f" — success measure: {md_escape(goal.measure)}"
        out.append(line)
    return [*out, ""]


def _survey_line(row: assess.SurveyRow) -> str:
    group = row.scores
    if not group.shown:
        return "–" if group.count == 0 else group.describe()
    verdict = (
        "above the usual target of +1" if row.target_met else "not yet above the usual target of +1"
    )
    return f"mean {score(row.mean or 0.0)} from {group.count} responses ({verdict})"


def _progress(record: ClientRecord, guard: Confidential) -> list[str]:
    out = ["## Progress on each goal", ""]
    goals = shown_goals(record, guard)
    surveys = {
        row.goal_id: row
        for row in assess.survey_rows(record, record.engagement.id)
        if row.scores.count
    }
    if not goals:
        out += ["Nothing to measure yet: no goals.", ""]
    for number, goal in enumerate(goals, 1):
        out += [f"### {number}. {md_escape(goal.text)}", ""]
        scores = goal.scores
        if scores:
            first, last = scores[0], scores[-1]
            series = ", ".join(score(s.score) for s in scores)
            out.append(
                f"- GAS score: {score(first.score)} ({day(first.at.date())}) → "
                f"{score(last.score)} ({day(last.at.date())}); "
                f"{len(scores)} score{'s' if len(scores) != 1 else ''}: {series}"
            )
            level = goal.gas.get(last.score)
            if level and not guard.is_secret(level):
                out.append(
                    f"- Where it stands ({score(last.score)}, {GAS_LEVELS[last.score]}): "
                    f"{md_escape(level)}"
                )
        else:
            out.append("- GAS score: not scored yet")
        expected = goal.gas.get(0)
        if expected and not guard.is_secret(expected) and goal.latest_score != 0:
            out.append(f"- Expected outcome (0): {md_escape(expected)}")
        if goal.id in surveys:
            out.append(f"- Stakeholder mini-survey (−3..+3): {_survey_line(surveys[goal.id])}")
        out.append("")
    if None in surveys:
        out += [
            "### Overall leadership effectiveness",
            "",
            f"Stakeholder mini-survey (−3..+3): {_survey_line(surveys[None])}.",
            "",
        ]
    return out


def _changed_behaviour(record: ClientRecord, guard: Confidential) -> list[str]:
    out = ["## Examples of changed behaviour", ""]
    seen: set[str] = set()
    for session, _question, found in answers_for(record, CHANGE_QUESTIONS):
        for line in found:
            if guard.is_secret(line) or norm(line) in seen:
                continue
            seen.add(norm(line))
            out.append(f"- {md_escape(line)} *({day(session.started.date())})*")
    if not seen:
        out.append("None recorded yet.")
    return [*out, ""]


def _item_section(title: str, items: list[Insight]) -> list[str]:
    out = [f"## {title}", ""]
    if not items:
        return [*out, "None recorded.", ""]
    out += [f"- {md_escape(item.text)}" for item in items]
    return [*out, ""]


def _sustainment(record: ClientRecord, guard: Confidential) -> list[str]:
    out = ["## Sustainment plan", ""]
    actions = [a for a in shown_items(record, InsightKind.ACTION, guard) if not a.done]
    if actions:
        for action in sorted(actions, key=lambda a: (a.due or date.max, a.created)):
            due = f" — by {day(action.due)}" if action.due else ""
            out.append(f"- {md_escape(action.text)}{due}")
    else:
        out.append("No open commitments.")
    out += ["", "### How the manager can support", ""]
    found = False
    for _session, _question, support in answers_for(record, SUPPORT_QUESTIONS):
        for line in support:
            if not guard.is_secret(line):
                out.append(f"- {md_escape(line)}")
                found = True
    if not found:
        out.append("To agree with the manager at the final session.")
    return [*out, ""]
