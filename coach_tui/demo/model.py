"""The demo's shapes: a person, their goals, interviews and action calls.

The data itself is in ``tables`` (one row per executive, one row per question) and
in one module per engagement that has reached Action (``sofia``, ``daniel``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach_tui.demo.tables import ANSWERS
from coach_tui.domain.model import AnswerValue, Stage


@dataclass(frozen=True)
class DemoGoal:
    """An agreed (or, for Marcus, drafted) goal with its measure over time.

    ``area`` is the development area the goal works on (one of the person's
    ``weaknesses``). ``readings`` are (day of the engagement, value, source), the
    first being the baseline on the day of the sign-off; ``scores`` the GAS score at
    each action call after the ``baseline`` given at the sign-off, then at each
    Achievement session.
    """

    text: str
    measure: str
    gas: dict[int, str]
    area: str
    baseline: int = -1
    scores: tuple[int, ...] = ()
    readings: tuple[tuple[int, str, str], ...] = ()


@dataclass(frozen=True)
class DemoStakeholder:
    name: str
    relationship: str


@dataclass(frozen=True)
class DemoInterview:
    """One stakeholder interview: what that person said (verbatim notes)."""

    contact: str
    works_well: int
    does_well: tuple[str, ...]
    #: Per agreed competency, in order: a recent situation, then one suggestion.
    situations: tuple[str, ...]
    suggestions: tuple[str, ...]
    could_do_better: tuple[str, ...]
    most_important: str
    feedforward: str
    anything_else: str = ""


@dataclass(frozen=True)
class DemoCall:
    """One action call: a fortnightly check-in, or a monthly review when ``monthly``."""

    goal_today: str
    outcome: str  # what happened with the last call's commitment
    done: bool  # whether that commitment was kept
    tried: str  # the new behaviour tried (check-in) or the feedforward received (monthly)
    options: tuple[str, ...]
    commitment: str
    obstacle: str
    commitment_level: int
    monthly: bool = False
    plan_change: str = ""
    note: str = ""


@dataclass(frozen=True)
class DemoPerson:
    name: str
    organisation: str
    role: str
    sponsor: str
    stage: Stage
    weeks_in: int
    #: The answer to "how many sessions does your contract cover?", the days between calls.
    contract: str
    cadence_days: int
    column: int
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    motivations: tuple[str, ...]
    goals: tuple[DemoGoal, ...] = ()
    stakeholders: tuple[DemoStakeholder, ...] = ()
    competencies: tuple[str, ...] = ()
    interviews: tuple[DemoInterview, ...] = ()
    calls: tuple[DemoCall, ...] = ()
    #: A development area worked through and closed: (text, why it was closed, day).
    closed_area: tuple[str, str, int] | None = None
    #: (pulse day, per-goal scores per stakeholder in list order, overall) for each pulse.
    pulses: tuple[tuple[int, tuple[tuple[int, ...], ...], tuple[int, ...]], ...] = ()
    notes: tuple[str, ...] = ()
    self_ratings: dict[str, int] = field(default_factory=dict)

    def answer(self, script_id: str, question_id: str) -> AnswerValue | None:
        """This person's answer to a one-off session's question (None: not answered)."""
        row = ANSWERS.get(f"{script_id}/{question_id}") or ANSWERS.get(question_id)
        return None if row is None else row[self.column]


def levels(*texts: str) -> dict[int, str]:
    return dict(zip((-2, -1, 0, 1, 2), texts, strict=True))
