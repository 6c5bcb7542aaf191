"""The outcome sections as Markdown, the same for the executive and the sponsor.

Executive summary, measured outcomes, stakeholder change per goal, attendance, and
the recommendations that follow from the figures. They take ``Outcomes`` (built for
one audience by ``coach_tui.reports.outcomes``) and never the record, so the
sponsor's version prints only what its view holds. Every user text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from coach_tui.domain import assess
from coach_tui.domain.model import GAS_LEVELS
from coach_tui.reports.markdown import day as day_text
from coach_tui.reports.markdown import md_escape, plural, score
from coach_tui.reports.outcomes import Attendance, GoalOutcome, Outcomes
from coach_tui.reports.survey_figures import (
    GoalSurvey,
    PulseFigures,
    figures,
    headline,
    pulse_span,
    trend_text,
)

SURVEY_NOTE = (
    "Each stakeholder rates the change they have seen from −3 (much worse) to +3 "
    "(much better); the usual target is a mean above +1. Figures are the mean, the "
    f"share of positive ratings and n; fewer than {assess.MIN_GROUP} people show no figure."
)


def _level(value: int) -> str:
    return f"{score(value)}, {GAS_LEVELS[value]}"


def _readings_brief(goal: GoalOutcome) -> str:
    if len(goal.readings) < 2:
        return ""
    first, last = goal.readings[0], goal.readings[-1]
    return f"measure {md_escape(first.value)} → {md_escape(last.value)}"


def summary(name: str, stage: str, outcomes: Outcomes) -> list[str]:
    """A few plain sentences from the data: stage, attendance, goals and where they stand."""
    att = outcomes.attendance
    out = ["## Executive summary", ""]
    if att.ended is not None and att.started is not None:
        lead = f"{md_escape(name)}'s engagement ran {att.span} and is closed."
    elif att.started is not None:
        lead = (
            f"{md_escape(name)} is in the {stage} stage of an engagement that began on "
            f"{day_text(att.started)}."
        )
    else:
        lead = f"{md_escape(name)} is in the {stage} stage."
    three_way = ""
    if att.three_way:
        meetings = "a three-way meeting" if att.three_way == 1 else "three-way meetings"
        three_way = f", {att.three_way} of them {meetings} with the sponsor"
    if att.contracted is not None:
        held = f"{att.held} of the {att.contracted} contracted coaching sessions held{three_way}."
    else:
        held = f"{plural(att.held, 'coaching session')} held{three_way}."
    out += [f"{lead} {held}", ""]
    agreed = outcomes.goals
    if not agreed:
        out += ["No goals have been agreed with the sponsor yet.", ""]
    else:
        achieved = sum(1 for g in agreed if g.achieved)
        done = f"; {achieved} achieved" if achieved else ""
        out += [f"{plural(len(agreed), 'goal')} agreed with the sponsor{done}:", ""]
        for goal in agreed:
            parts = []
            if goal.latest is not None:
                part = f"GAS {score(goal.latest)} ({GAS_LEVELS[goal.latest]})"
                if len(goal.scores) > 1:
                    part += f", from {score(goal.scores[0][0])} at the start"
                parts.append(part)
            else:
                parts.append("not scored yet")
            if _readings_brief(goal):
                parts.append(_readings_brief(goal))
            if goal.survey is not None:
                parts.append(f"stakeholders {headline(goal.survey)}")
            status = " (achieved)" if goal.achieved else ""
            out.append(f"- **{md_escape(goal.text)}**{status}: {'; '.join(parts)}.")
        out.append("")
    if outcomes.overall is not None:
        out += [
            f"Stakeholders rate the overall change as a leader at {headline(outcomes.overall)}.",
            "",
        ]
    return out


def measured(outcomes: Outcomes, heading: str = "## Measured outcomes") -> list[str]:
    """Per agreed goal: the measure from baseline to latest, the GAS from baseline to now."""
    out = [heading, ""]
    if not outcomes.goals:
        return [*out, "Nothing to measure yet: no goals agreed with the sponsor.", ""]
    for number, goal in enumerate(outcomes.goals, 1):
        status = " (achieved)" if goal.achieved else ""
        out += [f"### {number}. {md_escape(goal.text)}{status}", ""]
        if goal.measure:
            out.append(f"- Success measure: {md_escape(goal.measure)}")
        out.append(f"- Measured: {_reading_line(goal)}")
        out.append(f"- GAS score (−2..+2): {_score_line(goal)}")
        latest = goal.latest
        if latest is not None and goal.level:
            out.append(f"- Where it stands ({_level(latest)}): {md_escape(goal.level)}")
        expected = goal.levels.get(0)
        if expected and latest != 0:
            out.append(f"- Expected outcome (0): {md_escape(expected)}")
        out.append("")
    return out


def _reading_line(goal: GoalOutcome) -> str:
    if not goal.readings:
        return "no reading of the success measure recorded yet"

    def one(reading_index: int) -> str:
        reading = goal.readings[reading_index]
        where = f", {md_escape(reading.source)}" if reading.source else ""
        return f"{md_escape(reading.value)} ({day_text(reading.on)}{where})"

    if len(goal.readings) == 1:
        return f"{one(0)}, the baseline; no later reading yet"
    return f"{one(0)} → {one(-1)}; {plural(len(goal.readings), 'reading')}"


def _score_line(goal: GoalOutcome) -> str:
    if not goal.scores:
        return "not scored yet"
    first, last = goal.scores[0], goal.scores[-1]
    if len(goal.scores) == 1:
        return f"{score(first[0])} ({day_text(first[1])}), the baseline; no later score yet"
    series = ", ".join(score(s) for s, _ in goal.scores)
    return (
        f"{score(first[0])} ({day_text(first[1])}) → {score(last[0])} ({day_text(last[1])}); "
        f"{plural(len(goal.scores), 'score')}: {series}"
    )


def stakeholder_change(outcomes: Outcomes) -> list[str]:
    """The mini-survey per agreed goal and pulse, with groups and the trend."""
    out = ["## Stakeholder change per goal", ""]
    surveyed = [(n, g) for n, g in enumerate(outcomes.goals, 1) if g.survey is not None]
    if not surveyed and outcomes.overall is None:
        return [*out, "No mini-survey responses yet.", ""]
    out += [SURVEY_NOTE, ""]
    for number, goal in surveyed:
        assert goal.survey is not None
        out += [f"### {number}. {md_escape(goal.text)}", "", *_pulses(goal.survey), ""]
    if outcomes.overall is not None:
        out += ["### Overall leadership effectiveness", "", *_pulses(outcomes.overall), ""]
    return out


def _pulses(survey: GoalSurvey) -> list[str]:
    out = []
    for pulse in survey.pulses:
        line = f"- Pulse {pulse_span(pulse)}: {figures(pulse.scores)}"
        trend = trend_text(pulse.trend)
        if trend:
            line += f", {trend}"
        line += _verdict(pulse)
        out.append(line)
        if len(pulse.groups) > 1:
            out.append(f"  - by relationship: {_breakdown(pulse)}")
    return out


def _breakdown(pulse: PulseFigures) -> str:
    """The pulse by relationship, unless it would single out fewer than three people.

    A hidden group is still given away when the groups left out hold only one or two
    people between them: the pulse's total less the groups shown is their score. So
    the breakdown is shown only when the hidden groups hold none or three or more.
    """
    hidden = sum(g.count for _, g in pulse.groups if not g.shown)
    if not any(g.shown for _, g in pulse.groups):
        return f"every group has fewer than {assess.MIN_GROUP} responses, so none is shown"
    if 0 < hidden < assess.MIN_GROUP:
        return (
            f"not shown, as it would single out the {plural(hidden, 'response')} "
            f"of groups under {assess.MIN_GROUP}"
        )
    return "; ".join(f"{md_escape(name)} {figures(g)}" for name, g in pulse.groups)


def _verdict(pulse: PulseFigures) -> str:
    mean = pulse.scores.exact_mean
    if mean is None:
        return ""
    return " — above the usual target" if mean > assess.SURVEY_TARGET else " — not yet above +1"


def attendance_section(att: Attendance) -> list[str]:
    """Sessions held of those contracted."""
    out = ["## Attendance", ""]
    if att.contracted is not None:
        out.append(f"- Coaching sessions held: {att.held} of {att.contracted} contracted")
    else:
        out.append(f"- Coaching sessions held: {att.held} (the number contracted is not recorded)")
    if att.three_way:
        out.append(f"- Of these, three-way meetings with the sponsor: {att.three_way}")
    if att.span:
        out.append(f"- Engagement: {att.span}")
    return [*out, ""]


def goal_recommendations(goals: Sequence[GoalOutcome]) -> list[str]:
    """What the figures themselves recommend, goal by goal (Markdown list lines)."""
    out = []
    for goal in goals:
        if goal.achieved:
            continue
        text = md_escape(goal.text)
        latest = goal.latest
        if latest is not None and latest < 0:
            out.append(
                f"- Keep “{text}” at the centre of the check-ins: it stands at "
                f"{score(latest)} ({GAS_LEVELS[latest]}), below the expected outcome."
            )
            continue
        pulse = goal.survey.latest if goal.survey is not None else None
        mean = pulse.scores.exact_mean if pulse is not None else None
        if pulse is not None and mean is not None and mean <= assess.SURVEY_TARGET:
            out.append(
                f"- Ask the stakeholders for feedforward on “{text}” again: their latest "
                f"pulse, {figures(pulse.scores)}, is not yet above the usual target of +1."
            )
    return out


def bullets(title: str, lines: Sequence[str], empty: str = "") -> list[str]:
    """A section of user lines, escaped; with ``empty`` as its text when there are none."""
    if not lines and not empty:
        return []
    out = [title, ""]
    out += [f"- {md_escape(line)}" for line in lines] if lines else [empty]
    return [*out, ""]
