"""What the engagement achieved, as data both the executive's and the sponsor's reports use.

Per agreed goal: the success measure's readings (the first is the baseline), the GAS
scores (the first is the baseline recorded when the goal was agreed), the level it
stands at, and the mini-survey per pulse (``survey_figures``). Attendance: sessions
held of those contracted, and the three-way meetings among them. Only agreed goals
are here: a draft is the executive's and the coach's until the sponsor agrees it.

Every text passes through a ``Shown`` function on the way in: for the executive it
hides what touches the coach's private lines, for the sponsor it also withholds
stakeholder names. A text it turns into "" is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from coach_tui.domain import goals
from coach_tui.domain.model import GAS_LEVELS, ClientRecord, Insight, InsightKind
from coach_tui.reports.confidential import coach_sessions
from coach_tui.reports.survey_figures import GoalSurvey, by_goal, goal_surveys

#: How a text reaches a report: the words to print, or "" to leave it out.
Shown = Callable[[str], str]


@dataclass(frozen=True)
class Reading:
    """One recorded value of a goal's success measure."""

    value: str
    on: date
    source: str = ""


@dataclass(frozen=True)
class GoalOutcome:
    """An agreed goal as a report shows it."""

    id: str
    text: str
    measure: str
    levels: dict[int, str]
    scores: tuple[tuple[int, date], ...]
    readings: tuple[Reading, ...] = ()
    survey: GoalSurvey | None = None
    achieved: bool = False

    @property
    def latest(self) -> int | None:
        return self.scores[-1][0] if self.scores else None

    @property
    def level(self) -> str:
        """The concrete description of the level it stands at now, or ''."""
        latest = self.latest
        return self.levels.get(latest, "") if latest is not None else ""


@dataclass(frozen=True)
class Attendance:
    """Coaching sessions held, of those the contract pays for (None: not recorded)."""

    held: int
    contracted: int | None
    three_way: int = 0
    span: str = ""
    started: date | None = None
    ended: date | None = None


@dataclass(frozen=True)
class Outcomes:
    """Everything measured about one engagement, for one audience."""

    goals: tuple[GoalOutcome, ...]
    overall: GoalSurvey | None
    attendance: Attendance
    drafts: int = 0


def agreed_goals(record: ClientRecord) -> list[Insight]:
    """The engagement's goals agreed in a three-way meeting (achieved ones included)."""
    return [g for g in record.insights_of(InsightKind.GOAL) if goals.is_agreed(g)]


def goal_outcome(goal: Insight, shown: Shown, survey: GoalSurvey | None) -> GoalOutcome:
    """One agreed goal, every text through ``shown``."""
    readings = []
    for reading in goal.readings:
        value = shown(reading.value)
        if value:
            readings.append(Reading(value, reading.on, shown(reading.source)))
    return GoalOutcome(
        id=goal.id,
        text=shown(goal.text),
        measure=shown(goal.measure),
        levels={k: t for k, v in goal.gas.items() if k in GAS_LEVELS and (t := shown(v))},
        scores=tuple((s.score, s.at.date()) for s in goal.scores),
        readings=tuple(readings),
        survey=survey,
        achieved=goals.status_of(goal) is goals.GoalStatus.ACHIEVED,
    )


def is_three_way(script_id: str, title: str) -> bool:
    """A three-way meeting with the sponsor (the scripts say so in their id or title)."""
    return script_id.startswith("three-way") or "three-way" in title.casefold()


def attendance(record: ClientRecord, today: date) -> Attendance:
    """Sessions held of those contracted, the three-way meetings, the engagement's span."""
    held = coach_sessions(record)
    engagement = record.engagement
    span = ""
    if engagement.started is not None:
        end = engagement.ended.date() if engagement.ended else today
        start = engagement.started.date()
        span = f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
    contracted = engagement.contracted_sessions
    if contracted is not None and contracted <= 0:
        contracted = None
    return Attendance(
        held=len(held),
        contracted=contracted,
        three_way=sum(1 for s in held if is_three_way(s.script_id, s.script_title)),
        span=span,
        started=engagement.started.date() if engagement.started else None,
        ended=engagement.ended.date() if engagement.ended else None,
    )


def outcomes(record: ClientRecord, shown: Shown, today: date) -> Outcomes:
    """The agreed goals with their readings, scores and survey figures; attendance."""
    surveys = by_goal(goal_surveys(record))
    agreed = agreed_goals(record)
    made = [goal_outcome(g, shown, surveys.get(g.id)) for g in agreed]
    drafts = sum(
        1
        for g in record.insights_of(InsightKind.GOAL)
        if not g.private and goals.status_of(g) is goals.GoalStatus.DRAFT
    )
    return Outcomes(
        goals=tuple(g for g in made if g.text),
        overall=surveys.get(None),
        attendance=attendance(record, today),
        drafts=drafts,
    )
