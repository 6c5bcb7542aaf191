"""The four stages of an engagement and what each usually leaves behind.

Kept apart from the rest of the model because the checklist is the method's own
vocabulary: ``coach_tui.domain.evidence`` ticks these items from real data.
``coach_tui.domain.model`` re-exports every name here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Stage(StrEnum):
    """The four stages of an engagement, in the order they happen."""

    AWARENESS = "awareness"
    ANALYSIS = "analysis"
    ACTION = "action"
    ACHIEVEMENT = "achievement"

    @property
    def label(self) -> str:
        """'Awareness', 'Analysis', … as shown to the coach."""
        return self.value.capitalize()

    @property
    def position(self) -> int:
        """0 for Awareness … 3 for Achievement."""
        return STAGES.index(self)

    def next(self) -> Stage | None:
        """The stage after this one, or None at the end of the engagement."""
        position = STAGES.index(self)
        return STAGES[position + 1] if position + 1 < len(STAGES) else None


STAGES: Final[tuple[Stage, ...]] = tuple(Stage)


@dataclass(frozen=True)
class ChecklistItem:
    """One thing a stage usually finishes before the coach moves on."""

    id: str
    text: str


#: What each stage usually leaves behind before the next one starts.
STAGE_CHECKLISTS: Final[dict[Stage, tuple[ChecklistItem, ...]]] = {
    Stage.AWARENESS: (
        ChecklistItem("intake_done", "Intake interview held"),
        ChecklistItem("kickoff", "Three-way kick-off: roles and confidentiality agreed"),
        ChecklistItem("strengths", "First strengths captured"),
        ChecklistItem("weaknesses", "First development areas captured"),
        ChecklistItem("motivations", "Motivations captured"),
        ChecklistItem("outcomes", "Expected outcomes (executive and sponsor) noted"),
    ),
    Stage.ANALYSIS: (
        ChecklistItem("interviews", "Stakeholder interviews held"),
        ChecklistItem("debrief", "360 / assessment debrief held"),
        ChecklistItem("goals_measured", "1–3 development goals, each with a success measure"),
        ChecklistItem("gas_levels", "GAS levels (−2..+2) written for every goal"),
        ChecklistItem("stakeholders", "Stakeholders chosen and approved by the manager"),
        ChecklistItem("baseline", "Baseline ratings recorded (self and stakeholders)"),
        ChecklistItem("signed_off", "Plan signed off in a three-way meeting (goals agreed)"),
        ChecklistItem("schedule", "Next coaching call scheduled"),
    ),
    Stage.ACTION: (
        ChecklistItem("calls_held", "At least three action calls held"),
        ChecklistItem("goals_scored", "Every agreed goal scored at least once"),
        ChecklistItem("no_overdue", "No overdue commitments"),
        ChecklistItem("pulse", "A pulse mini-survey since the plan was agreed"),
        ChecklistItem("midpoint", "Mid-point three-way review held"),
    ),
    Stage.ACHIEVEMENT: (
        ChecklistItem("final_self", "Final self-assessment recorded"),
        ChecklistItem("final_stakeholders", "Final stakeholder input recorded"),
        ChecklistItem("final_session", "Final session held"),
        ChecklistItem("closed", "Closing three-way: objectives met, agreed with the sponsor"),
    ),
}
