"""The final report for the executive ("Progress report" before Achievement).

In the order a sponsor and an executive read it: an executive summary built from
the data, the agreed goals with their measured outcomes (baseline → latest) and the
stakeholders' change per goal and pulse, attendance, examples of changed behaviour,
ratings and the stakeholders' words (``final_stakeholders``), strengths, what the
executive will keep doing and their own view (``coach_tui.domain.reflections``),
recommendations with the development areas still open, and the sustainment plan.
Only goals agreed with the sponsor are reported; the coach's private material is
kept out by ``Confidential``. The sponsor's version is made from ``SponsorView``
only (``coach_tui.reports.sponsor``).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from coach_tui.domain import assess, reflections
from coach_tui.domain.answered import norm
from coach_tui.domain.model import ClientRecord, Insight, InsightKind
from coach_tui.reports import final_stakeholders, outcomes, outcomes_render
from coach_tui.reports.confidential import Confidential, answers_for, shown_items
from coach_tui.reports.frame import Audience, check_audience, footer, header
from coach_tui.reports.markdown import day, md_escape

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
    found = outcomes.outcomes(record, lambda text: "" if guard.is_secret(text) else text, today)
    out = header(record, "final", today)
    if engagement.stage.position < 3:
        out += [
            f"*Interim: the engagement is in the {engagement.stage.label} stage; "
            "the final measures come in Achievement.*",
            "",
        ]
    out += outcomes_render.summary(record.client.name, engagement.stage.label, found)
    out += [
        "> Stakeholders' comments are grouped by theme without names; groups of "
        f"fewer than {MIN_GROUP} people are not shown on their own.",
        "",
    ]
    out += _objectives(found)
    out += outcomes_render.measured(found)
    out += outcomes_render.stakeholder_change(found)
    out += outcomes_render.attendance_section(found.attendance)
    out += _changed_behaviour(record, guard)
    out += final_stakeholders.ratings(record)
    out += final_stakeholders.stakeholder_words(record, guard)
    out += _item_section(
        "Strengths to keep using", shown_items(record, InsightKind.STRENGTH, guard)
    )
    out += outcomes_render.bullets(
        "## What you will keep doing",
        reflections.keep_doing(record),
        "To agree in the phase-down call.",
    )
    out += outcomes_render.bullets(
        "## Your view of the change and of the coaching",
        reflections.own_view(record),
        "To ask at the progress review and the final session.",
    )
    out += _recommendations(record, guard, found)
    out += _sustainment(record, guard)
    out += footer()
    return "\n".join(out).rstrip() + "\n"


def _objectives(found: outcomes.Outcomes) -> list[str]:
    out = ["## Objectives", ""]
    drafts = ""
    if found.drafts:
        drafts = (
            f"{found.drafts} draft goal{'s are' if found.drafts != 1 else ' is'} not yet "
            "agreed with the sponsor, so not reported."
        )
    if not found.goals:
        return [*out, "No development goals agreed yet.", *(["", drafts] if drafts else []), ""]
    for number, goal in enumerate(found.goals, 1):
        line = f"{number}. **{md_escape(goal.text)}**"
        if goal.measure:
            line += f" — success measure: {md_escape(goal.measure)}"
        out.append(line)
    return [*out, *(["", drafts] if drafts else []), ""]


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


def _recommendations(
    record: ClientRecord, guard: Confidential, found: outcomes.Outcomes
) -> list[str]:
    out = ["## Recommendations", ""]
    lines = outcomes_render.goal_recommendations(found.goals)
    lines += [f"- {md_escape(line)}" for line in reflections.recommendations(record)]
    out += lines or ["To agree at the final session."]
    # Only the areas still open: a closed one (worked through) is not "remaining".
    remaining = [a for a in shown_items(record, InsightKind.WEAKNESS, guard) if not a.done]
    out += ["", "### Remaining development areas", ""]
    out += [f"- {md_escape(a.text)}" for a in remaining] or ["None recorded."]
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
    return [*out, ""]
