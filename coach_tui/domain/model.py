"""The coaching domain as plain dataclasses: no storage, no UI.

Everything here is what a coach would name on a whiteboard: stages, executives,
engagements, sessions, answers, insights, stakeholders, ratings and plans. The store
turns these into TinyDB documents (``records.py``) and back, so the domain never
depends on how it is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Final

from coach_tui.domain.stages import STAGE_CHECKLISTS as STAGE_CHECKLISTS
from coach_tui.domain.stages import STAGES as STAGES
from coach_tui.domain.stages import ChecklistItem as ChecklistItem
from coach_tui.domain.stages import Stage as Stage


class InsightKind(StrEnum):
    """What a captured line is: the running views are grouped by these."""

    STRENGTH = "strength"
    WEAKNESS = "weakness"
    GOAL = "goal"
    ACTION = "action"
    MOTIVATION = "motivation"
    NOTE = "note"

    @property
    def label(self) -> str:
        return INSIGHT_LABELS[self]


INSIGHT_LABELS: Final[dict[InsightKind, str]] = {
    InsightKind.STRENGTH: "Strength",
    InsightKind.WEAKNESS: "Development area",
    InsightKind.GOAL: "Goal",
    InsightKind.ACTION: "Action",
    InsightKind.MOTIVATION: "Motivation",
    InsightKind.NOTE: "Note",
}

#: A script question's ``feeds`` value names the running view its answers go into.
FEEDS_TO_KIND: Final[dict[str, InsightKind | None]] = {
    "strengths": InsightKind.STRENGTH,
    "weaknesses": InsightKind.WEAKNESS,
    "goals": InsightKind.GOAL,
    "actions": InsightKind.ACTION,
    "motivations": InsightKind.MOTIVATION,
    "stakeholders": None,
}

#: Where a stakeholder stands relative to the executive.
RELATIONSHIPS: Final[tuple[str, ...]] = ("manager", "peer", "direct report", "sponsor", "other")

#: GAS: what each level means; the coach writes the concrete description per goal.
GAS_LEVELS: Final[dict[int, str]] = {
    -2: "much less than expected",
    -1: "somewhat less than expected",
    0: "expected outcome",
    1: "somewhat more than expected",
    2: "much more than expected",
}

#: The default competency menu (coaches edit it); ratings use 1–5.
COMPETENCIES: Final[tuple[str, ...]] = (
    "Strategic thinking and vision",
    "Decisiveness",
    "Influence without authority",
    "Setting clear priorities",
    "Planning and execution",
    "Building trust",
    "Developing people",
    "Communication and presence",
    "Listening",
    "Managing conflict",
    "Accountability",
    "Emotional self-regulation",
    "Business acumen",
    "Collaboration across boundaries",
)

RATING_MEANINGS: Final[dict[int, str]] = {
    1: "a clear development need",
    2: "below solid",
    3: "solid",
    4: "a strength",
    5: "a signature strength",
}

#: An answer's value: free text, a list of lines, a number, a yes/no, or nothing yet.
AnswerValue = str | list[str] | int | bool | None


@dataclass
class Edit:
    """An earlier value of an answer or insight, kept when it is changed."""

    value: AnswerValue
    at: datetime


@dataclass
class Client:
    """An executive being coached."""

    id: str
    name: str
    organisation: str = ""
    role: str = ""
    email: str = ""
    sponsor: str = ""
    created: datetime | None = None


@dataclass
class StageChange:
    """A move from one stage to the next, with what the coach chose to skip."""

    stage: Stage
    at: datetime
    skipped: list[str] = field(default_factory=list)


@dataclass
class Engagement:
    """One coaching engagement: a run through the four stages."""

    id: str
    client_id: str
    stage: Stage = Stage.AWARENESS
    started: datetime | None = None
    ended: datetime | None = None
    changes: list[StageChange] = field(default_factory=list)
    #: Coaching sessions the contract pays for (None until contracting records it):
    #: reports show attendance as sessions held of these.
    contracted_sessions: int | None = None


@dataclass
class AskedQuestion:
    """A question as it was asked in a session: the script may change later."""

    id: str
    text: str
    kind: str
    section: str = ""


@dataclass
class Session:
    """One coaching call (or a self-assessment, or a stakeholder interview)."""

    id: str
    engagement_id: str
    script_id: str
    script_title: str
    script_version: int
    stage: Stage
    started: datetime
    ended: datetime | None = None
    audience: str = "coach"
    stakeholder_id: str | None = None
    cursor: str | None = None
    questions: list[AskedQuestion] = field(default_factory=list)
    #: Time on the call: the seconds the session screen was open, saved as it runs
    #: (paused and crashed time are not in it). 0 for sessions from before it.
    active_seconds: int = 0

    @property
    def is_open(self) -> bool:
        return self.ended is None

    @property
    def minutes(self) -> int:
        """Length of the session in whole minutes: time on the call when it was kept."""
        if self.active_seconds:
            return self.active_seconds // 60
        end = self.ended or self.started
        return max(0, int((end - self.started).total_seconds() // 60))


@dataclass
class Answer:
    """The answer to one question in one session, with its earlier values."""

    id: str
    session_id: str
    question_id: str
    question_text: str
    kind: str
    value: AnswerValue
    updated: datetime
    history: list[Edit] = field(default_factory=list)
    #: Coach only: the coach's own observations, in no output meant for anyone else.
    private: bool = False


@dataclass
class GoalScore:
    """A GAS score (−2..+2) given to a goal in a session."""

    score: int
    at: datetime
    session_id: str | None = None


@dataclass
class MeasureReading:
    """One recorded value of an agreed goal's success measure.

    ``value`` is kept as the coach typed it ("7 approvals waiting", "3.4 / 5") because
    measures are rarely plain numbers; ``on`` is the day the value describes (not the
    day it was typed) and ``source`` says who or what reported it ("dashboard",
    "sponsor", "team survey"), so a report can say where a figure came from.
    """

    value: str
    on: date
    source: str = ""
    at: datetime | None = None
    session_id: str | None = None


@dataclass
class Insight:
    """A strength, development area, goal, action, motivation or note.

    Goals carry a success measure, GAS level descriptions, scores over time and a
    status (``coach_tui.domain.goals``); actions carry a due date and a done state.
    ``private`` marks coach-only items; every other item is for the coach and the
    executive, and reaches the sponsor only through a recorded consent
    (``coach_tui.domain.consent``) or, for an agreed goal, as something the sponsor co-owns.
    """

    id: str
    engagement_id: str
    kind: InsightKind
    text: str
    created: datetime
    session_id: str | None = None
    question_id: str | None = None
    #: Other answers (``"session_id/question_id"``) that hold the same line: the item
    #: stays while any of them does, whichever answer drops it first.
    also_fed_by: list[str] = field(default_factory=list)
    #: Answers that held it and passed it on: if the coach deletes the item, their
    #: next save does not bring it back either.
    fed_before: list[str] = field(default_factory=list)
    private: bool = False
    measure: str = ""
    gas: dict[int, str] = field(default_factory=dict)
    scores: list[GoalScore] = field(default_factory=list)
    due: date | None = None
    done: bool = False
    done_at: datetime | None = None
    goal_id: str | None = None
    history: list[Edit] = field(default_factory=list)
    #: A goal's life: draft -> agreed -> achieved or dropped (``coach_tui.domain.goals``).
    status: str = "draft"
    agreed_at: datetime | None = None
    agreed_session: str | None = None
    agreed_by: str = ""
    closed_reason: str = ""
    #: An agreed goal's measured outcome over time, oldest first (the first is the baseline).
    readings: list[MeasureReading] = field(default_factory=list)

    @property
    def latest_score(self) -> int | None:
        return self.scores[-1].score if self.scores else None

    def is_overdue(self, today: date) -> bool:
        return (
            self.kind is InsightKind.ACTION
            and not self.done
            and self.due is not None
            and self.due < today
        )


@dataclass
class Stakeholder:
    """Someone who works with the executive and gives input on the change."""

    id: str
    engagement_id: str
    name: str
    relationship: str = "other"
    email: str = ""
    notes: str = ""


@dataclass
class Rating:
    """One competency rating, 1–5, from the executive or a stakeholder.

    ``phase`` is ``baseline`` (Analysis) or ``final`` (Achievement); ``source`` is
    ``self`` or ``stakeholder``. Stakeholder ratings keep the relationship so that
    reports can group them without naming anyone.
    """

    id: str
    engagement_id: str
    competency: str
    value: int
    phase: str
    source: str
    at: datetime
    stakeholder_id: str | None = None
    relationship: str = ""


@dataclass
class SurveyScore:
    """A stakeholder's mini-survey score of the change on one goal, −3..+3."""

    id: str
    engagement_id: str
    goal_id: str | None
    score: int
    at: datetime
    relationship: str = ""
    stakeholder_id: str | None = None
    suggestion: str = ""


@dataclass
class Plan:
    """What the next session starts from: written at the end of a session."""

    id: str
    engagement_id: str
    created: datetime
    session_id: str | None = None
    next_date: date | None = None
    script_id: str = ""
    review_actions: list[str] = field(default_factory=list)
    score_goals: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    notes: str = ""


@dataclass
class Event:
    """A line in the executive's history log (stage moves, reports, imports)."""

    at: datetime
    kind: str
    detail: str = ""


@dataclass
class ConsentDecision:
    """The executive's yes or no to sharing one item or section with the sponsor.

    ``key`` is ``item:<insight id>`` or ``section:<name>``; the latest decision for a
    key is the one in force, earlier ones stay as the record of what was agreed.
    """

    id: str
    engagement_id: str
    key: str
    shared: bool
    at: datetime
    session_id: str | None = None
    #: The text the sponsor would have seen when the decision was made.
    text: str = ""


@dataclass
class Sharing:
    """One report written for someone other than the coach: what it contained."""

    id: str
    engagement_id: str
    at: datetime
    file: str
    audience: str
    kind: str
    item_ids: list[str] = field(default_factory=list)
    summary: str = ""


@dataclass
class SuggestionDecision:
    """The coach's answer to one suggestion from the executive's own words.

    ``source`` is ``session_id/question_id`` and ``line`` the suggested line;
    ``decision`` is ``accepted`` (then ``insight_id`` names the item made from it,
    maybe reworded) or ``dropped``.
    """

    id: str
    engagement_id: str
    source: str
    line: str
    decision: str
    at: datetime
    insight_id: str | None = None


@dataclass
class ClientSummary:
    """One row of the practice index: what the home screen lists."""

    id: str
    name: str
    organisation: str = ""
    role: str = ""
    stage: Stage = Stage.AWARENESS
    sessions: int = 0
    last_session: date | None = None
    next_session: date | None = None
    open_actions: int = 0
    overdue_actions: int = 0
    open_goals: int = 0
    open_session: bool = False
    problem: str = ""


@dataclass
class ClientRecord:
    """Everything kept about one executive: what a client file holds."""

    client: Client
    engagements: list[Engagement] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    insights: list[Insight] = field(default_factory=list)
    stakeholders: list[Stakeholder] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    surveys: list[SurveyScore] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    consent: list[ConsentDecision] = field(default_factory=list)
    sharing: list[Sharing] = field(default_factory=list)
    suggestions: list[SuggestionDecision] = field(default_factory=list)

    @property
    def engagement(self) -> Engagement:
        """The current (latest) engagement."""
        return self.engagements[-1]

    def sessions_of(self, engagement_id: str) -> list[Session]:
        return sorted(
            (s for s in self.sessions if s.engagement_id == engagement_id),
            key=lambda s: s.started,
        )

    def answers_of(self, session_id: str) -> dict[str, Answer]:
        return {a.question_id: a for a in self.answers if a.session_id == session_id}

    def insights_of(self, kind: InsightKind, engagement_id: str | None = None) -> list[Insight]:
        eid = engagement_id or self.engagement.id
        return [i for i in self.insights if i.kind is kind and i.engagement_id == eid]

    def open_session(self) -> Session | None:
        """An interrupted coach session to offer for resuming, if any.

        A self-assessment the executive left open in their own terminal is theirs to
        finish (``coach-tui self-assess``), not the coach's to resume.
        """
        open_sessions = [s for s in self.sessions if s.is_open and s.audience != "executive"]
        return max(open_sessions, key=lambda s: s.started) if open_sessions else None

    def latest_plan(self) -> Plan | None:
        plans = [p for p in self.plans if p.engagement_id == self.engagement.id]
        if not plans:
            return None
        # Ties on the timestamp go to the plan written last (stored last).
        return max(enumerate(plans), key=lambda pair: (pair[1].created, pair[0]))[1]

    def previous_answer(self, question_id: str, before: Session) -> Answer | None:
        """The answer to the same question in the latest earlier session."""
        earlier = [
            s
            for s in self.sessions
            if s.started < before.started and s.id != before.id and s.script_id == before.script_id
        ]
        for session in sorted(earlier, key=lambda s: s.started, reverse=True):
            answer = self.answers_of(session.id).get(question_id)
            if answer is not None and answer.value not in (None, "", []):
                return answer
        return None
