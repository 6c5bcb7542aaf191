"""The sponsor's report and session summary as Markdown (and HTML), from the view only.

Every function here takes a ``SponsorView`` or ``SponsorSessionView`` — never the
executive's record — so what the sponsor reads is exactly what the view holds. User
text is escaped with the report's Markdown escaping; HTML is made by the report's
``to_html`` (raw HTML off, nothing loaded from anywhere).
"""

from __future__ import annotations

from datetime import date

from coach_tui.domain.model import GAS_LEVELS, ClientRecord
from coach_tui.reports import outcomes_render
from coach_tui.reports.groups import shows_a_figure
from coach_tui.reports.html_page import to_html
from coach_tui.reports.markdown import md_cell, md_escape
from coach_tui.reports.sponsor import (
    SponsorSessionView,
    SponsorView,
    build_session_view,
    build_view,
)

FOOTER = "*Prepared with coach-tui for the sponsor, with the executive's consent. Confidential.*"


def _day(when: date) -> str:
    return f"{when.day} {when:%b %Y}"


def _score(value: int) -> str:
    return f"{value:+d}" if value else "0"


def _header(title: str, name: str, where: str, prepared: date) -> list[str]:
    out = [f"# {md_escape(f'{title}: {name}')}", ""]
    if where:
        out += [md_escape(where), ""]
    return [*out, f"Prepared {_day(prepared)} for the sponsor. Confidential.", ""]


def _consent(relied: str, left_out: tuple[str, ...]) -> list[str]:
    out = [
        f"> Shared on the basis of {md_escape(relied)}. The executive's own words appear "
        "only where they agreed to share them; no stakeholder is quoted or named, and "
        "groups of fewer than 3 people are not shown on their own.",
        "",
    ]
    if left_out:
        out += ["Left out of this report:", ""]
        out += [f"- {md_escape(line)}" for line in left_out]
        out.append("")
    return out


def render_final(view: SponsorView) -> str:
    """The sponsor's progress or final report as Markdown."""
    out = _header(view.title, view.name, view.where, view.prepared)
    if view.title != "Final report":
        out += [
            f"*Progress report: the engagement is in the {view.stage} stage; "
            "the final measures come in Achievement.*",
            "",
        ]
    found = view.outcomes()
    out += outcomes_render.summary(view.name, view.stage, found)
    out += _consent(view.consent, view.left_out)
    out += outcomes_render.measured(found, "## Agreed goals and measured outcomes")
    out += outcomes_render.stakeholder_change(found)
    out += outcomes_render.attendance_section(found.attendance)
    if shows_a_figure(view.groups):
        out += [
            "## Stakeholders' ratings by relationship",
            "",
            "Mean of all competencies, 1–5; groups of fewer than 3 people are not shown.",
            "",
            "| Relationship | People | Before | After |",
            "|---|---:|---:|---:|",
        ]
        out += [
            f"| {md_cell(g.relationship)} | {g.people} | {g.before} | {g.after} |"
            for g in view.groups
        ]
        out.append("")
    if view.ratings:
        head = ["Competency"]
        if view.show_self:
            head += ["Self before", "Self after"]
        if view.show_others:
            head += ["Stakeholders before", "Stakeholders after"]
        out += ["## Competency ratings", "", "| " + " | ".join(head) + " |"]
        out.append("|---" + "|---:" * (len(head) - 1) + "|")
        for row in view.ratings:
            cells = [md_cell(row.competency)]
            if view.show_self:
                cells += [row.self_before, row.self_after]
            if view.show_others:
                cells += [row.others_before, row.others_after]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    for title, items in (
        ("Strengths the executive chose to share", view.strengths),
        ("Development areas the executive chose to share", view.development_areas),
        ("Actions the executive chose to share", view.actions),
    ):
        if items:
            out += [f"## {title}", ""]
            for item in items:
                note = f" — {item.note}" if item.note else ""
                out.append(f"- {md_escape(item.text)}{note}")
            out.append("")
    out += outcomes_render.bullets("## What the executive will keep doing", view.keep_doing)
    out += outcomes_render.bullets("## The executive's own view", view.own_view)
    out += _recommendations(view)
    out += ["---", "", FOOTER]
    return "\n".join(out).rstrip() + "\n"


def _recommendations(view: SponsorView) -> list[str]:
    """What the figures recommend, and what the executive chose to share of their plan."""
    lines = outcomes_render.goal_recommendations(view.goals)
    lines += [f"- {md_escape(line)}" for line in view.recommendations]
    still_open = [a for a in view.development_areas if not a.note]
    if still_open:
        names = "; ".join(md_escape(a.text) for a in still_open)
        lines.append(f"- Keep working on the development areas the executive shared: {names}")
    return ["## Recommendations", "", *lines, ""] if lines else []


def render_session(view: SponsorSessionView) -> str:
    """The sponsor's summary of one session as Markdown."""
    out = _header(view.title, view.name, "", view.prepared)
    out += [
        f"{md_escape(view.script_title)} · {_day(view.day)} · {view.minutes} min · "
        f"{view.stage} stage",
        "",
    ]
    out += _consent(view.consent, view.left_out)
    out += ["## Agreed goals", ""]
    if not view.scores:
        out.append("No goals agreed in a three-way meeting yet.")
    for text, score in view.scores:
        scored = (
            f"GAS {_score(score)} — {GAS_LEVELS[score]}"
            if score is not None
            else ("not scored in this session")
        )
        out.append(f"- {md_escape(text)}: {scored}")
    out.append("")
    if view.actions:
        out += ["## Commitments the executive chose to share", ""]
        for item in view.actions:
            note = f" — {item.note}" if item.note else ""
            out.append(f"- {md_escape(item.text)}{note}")
        out.append("")
    out += ["## Next session", ""]
    out.append(_day(view.next_date) if view.next_date else "To be arranged.")
    out += ["", "---", "", FOOTER]
    return "\n".join(out).rstrip() + "\n"


def render(
    record: ClientRecord,
    kind: str,
    fmt: str,
    today: date,
    session_id: str | None = None,
) -> tuple[str, SponsorView | SponsorSessionView]:
    """The sponsor's report text and the view it was made from (for the sharing log)."""
    view: SponsorView | SponsorSessionView
    if kind == "session":
        view = build_session_view(record, today, session_id)
        markdown = render_session(view)
    else:
        view = build_view(record, today)
        markdown = render_final(view)
    if fmt == "html":
        return to_html(markdown, f"{view.title}: {view.name}"), view
    return markdown, view
