"""Pulse mini-surveys: the stakeholders' replies grouped into pulses, and the trend.

A pulse is sent to the stakeholders at about 3 and 6 months after the plan is agreed
and at the close; its replies come in over a few days or weeks. Replies are grouped
into one pulse until a gap of more than ``PULSE_GAP_DAYS`` without any reply. Each
pulse's figures are ``assess.survey_rows`` on that pulse's replies alone: the same
arithmetic as the brief, the review and the reports (mean, share of positive
ratings, n; a group under 3 shows no figures).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from coach_tui.domain import assess
from coach_tui.domain.model import ClientRecord, SurveyScore

#: Replies further apart than this belong to different pulses.
PULSE_GAP_DAYS: Final[int] = 30


@dataclass(frozen=True)
class Pulse:
    """One round of the mini-survey: when its replies came, and its figures per goal."""

    first: date
    last: date
    rows: tuple[assess.SurveyRow, ...]

    def row(self, goal_id: str | None) -> assess.SurveyRow | None:
        return next((r for r in self.rows if r.goal_id == goal_id), None)


def pulses(record: ClientRecord, engagement_id: str | None = None) -> list[Pulse]:
    """The engagement's pulses, oldest first."""
    eid = engagement_id or record.engagement.id
    replies = sorted((s for s in record.surveys if s.engagement_id == eid), key=lambda s: s.at)
    rounds: list[list[SurveyScore]] = []
    for reply in replies:
        if rounds and (reply.at.date() - rounds[-1][-1].at.date()).days <= PULSE_GAP_DAYS:
            rounds[-1].append(reply)
        else:
            rounds.append([reply])
    return [
        Pulse(
            group[0].at.date(),
            group[-1].at.date(),
            assess.survey_rows(replace(record, surveys=group), eid),
        )
        for group in rounds
    ]


def trend(before: assess.SurveyRow | None, after: assess.SurveyRow) -> float | None:
    """The change of the mean between two pulses (None unless both are shown)."""
    if before is None or before.mean is None or after.mean is None:
        return None
    return after.mean - before.mean
