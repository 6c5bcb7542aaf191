"""The mini-survey figures every output prints: one arithmetic, one wording.

The brief (``coach-tui review``), the executive's report and the sponsor's report
all take their survey figures from here, so they print equal numbers. Per agreed
goal (and overall leadership) and per pulse (``coach_tui.domain.pulses``): the mean
change (−3..+3), the share of positive ratings, n, the same by relationship, and
the trend from the previous pulse. A pulse, a goal or a relationship group with
fewer than three responses shows no figure at all (``assess.Group`` enforces it),
and a trend needs both pulses shown. Replies on goals that are not agreed are
never counted: only agreed goals are surveyed and reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from coach_tui.domain import assess, goals, pulses
from coach_tui.domain.model import ClientRecord, InsightKind
from coach_tui.text import one_line


@dataclass(frozen=True)
class PulseFigures:
    """One goal in one pulse: all responses, by relationship, and the trend."""

    first: date
    last: date
    scores: assess.Group
    groups: tuple[tuple[str, assess.Group], ...]
    #: The mean's change from the previous pulse (None unless both are shown).
    trend: float | None = None


@dataclass(frozen=True)
class GoalSurvey:
    """The mini-survey on one agreed goal (``goal_id`` None: overall leadership)."""

    goal_id: str | None
    label: str
    pulses: tuple[PulseFigures, ...]

    @property
    def latest(self) -> PulseFigures | None:
        return self.pulses[-1] if self.pulses else None


def goal_surveys(record: ClientRecord) -> tuple[GoalSurvey, ...]:
    """Every agreed goal that has responses, in the goals' order, then overall."""
    engagement_id = record.engagement.id
    agreed = [g for g in record.insights_of(InsightKind.GOAL) if goals.is_agreed(g)]
    wanted: list[tuple[str | None, str]] = [(g.id, one_line(g.text)) for g in agreed]
    wanted.append((None, assess.OVERALL_LABEL))
    replies = [s for s in record.surveys if s.engagement_id == engagement_id]
    rounds = pulses.pulses(record, engagement_id)
    out = []
    for goal_id, label in wanted:
        figures: list[PulseFigures] = []
        previous: assess.Group | None = None
        for pulse in rounds:
            mine = [
                s
                for s in replies
                if s.goal_id == goal_id and pulse.first <= s.at.date() <= pulse.last
            ]
            if not mine:
                continue
            scores = assess.Group.of(s.score for s in mine)
            by_group: dict[str, list[int]] = {}
            for reply in mine:
                by_group.setdefault(reply.relationship or "other", []).append(reply.score)
            trend = None
            if previous is not None and previous.mean is not None and scores.mean is not None:
                trend = scores.mean - previous.mean
            figures.append(
                PulseFigures(
                    pulse.first,
                    pulse.last,
                    scores,
                    tuple((name, assess.Group.of(v)) for name, v in sorted(by_group.items())),
                    trend,
                )
            )
            previous = scores
        if figures:
            out.append(GoalSurvey(goal_id, label, tuple(figures)))
    return tuple(out)


def by_goal(surveys: Iterable[GoalSurvey]) -> dict[str | None, GoalSurvey]:
    return {s.goal_id: s for s in surveys}


# ------------------------------------------------------------------ the wording


def figures(group: assess.Group, noun: str = "responses") -> str:
    """'+1.5, 83% positive (n=6)', or 'fewer than 3 responses' for a small group."""
    if group.count == 0:
        return f"no {noun}"
    if not group.shown:
        return f"fewer than {assess.MIN_GROUP} {noun}"
    share = round(100 * (group.share_positive or 0.0))
    mean = assess.format_number(group.mean, signed=True)
    return f"{mean}, {share}% positive (n={group.count})"


def trend_text(trend: float | None) -> str:
    """'trend +0.7' (the change of the mean since the previous pulse), or ''."""
    return "" if trend is None else f"trend {assess.format_number(trend, signed=True)}"


def headline(survey: GoalSurvey, noun: str = "responses") -> str:
    """The latest pulse's figures and its trend: what the brief and the reports share."""
    latest = survey.latest
    if latest is None:
        return f"no {noun}"
    trend = trend_text(latest.trend)
    return figures(latest.scores, noun) + (f", {trend}" if trend else "")


def pulse_span(pulse: PulseFigures) -> str:
    """'3 Mar 2026' or '3–14 Mar 2026' or '28 Feb – 6 Mar 2026'."""
    first, last = pulse.first, pulse.last
    if first == last:
        return f"{last.day} {last:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b %Y}"
    start = f"{first.day} {first:%b}" if first.year == last.year else f"{first.day} {first:%b %Y}"
    return f"{start} – {last.day} {last:%b %Y}"


def group_line(pulse: PulseFigures) -> str:
    """'manager fewer than 3 responses; peer +1.7, 100% positive (n=3)'."""
    return "; ".join(f"{one_line(name)} {figures(group)}" for name, group in pulse.groups)
