"""The demo practice's executives: believable people with believable engagements.

Pure data, laid out as tables so that each answer can be read beside its question:
``tables.WHO`` has one row per executive; ``tables.ANSWERS`` one row per question of
the one-off sessions, with a column per executive (Priya, Marcus, Sofia, Daniel;
``None`` where that engagement has not got so far); each executive's goals,
stakeholder interviews and action calls are tables of their own (Sofia's and
Daniel's, who have reached Action, in ``sofia`` and ``daniel``). ``seed.py`` plays
the engagements through the store's public API. Every person is fictional.
"""

from __future__ import annotations

from coach_tui.demo.daniel import DANIEL
from coach_tui.demo.model import (
    DemoCall,
    DemoGoal,
    DemoInterview,
    DemoPerson,
    DemoStakeholder,
    levels,
)
from coach_tui.demo.sofia import SOFIA
from coach_tui.demo.tables import WHO, YES

__all__ = [
    "PEOPLE",
    "YES",
    "DemoCall",
    "DemoGoal",
    "DemoInterview",
    "DemoPerson",
    "DemoStakeholder",
]


# ------------------------------------------------------------------ people

PRIYA = DemoPerson(
    *WHO[0],
    column=0,
    strengths=(
        "Deep technical credibility: teams trust her calls on architecture",
        "Calm in incidents; people look to her when systems are down",
        "Hires well and keeps people: two of her leads followed her from her last company",
    ),
    weaknesses=(
        "Steps in and solves problems herself instead of coaching her leads",
        "Goes quiet in executive meetings when she disagrees",
    ),
    motivations=(
        "Wants to be seen as a business leader, not 'the engineering person'",
        "Cares about building a team that outlasts her",
    ),
    goals=(
        DemoGoal(
            "Lead through her managers instead of around them",
            "Leads report being trusted with decisions; she joins fewer incident calls",
            {},
            "Steps in and solves problems herself instead of coaching her leads",
        ),
    ),
    notes=("Ask about the Q2 reorganisation: who decides the new structure?",),
)

MARCUS = DemoPerson(
    *WHO[1],
    column=1,
    strengths=(
        "Turns around failing sites: three plants back to target in two years",
        "Clear, numbers-based communication the board trusts",
        "Loyal to his people; defends them in public",
    ),
    weaknesses=(
        "Decides alone and announces; peers feel consulted too late",
        "Impatient in meetings: interrupts, finishes people's sentences",
        "Under pressure, his tone turns sharp in email",
    ),
    motivations=(
        "Wants to be a credible CEO candidate within three years",
        "Pride in the plants and the people who work there",
    ),
    goals=(
        DemoGoal(
            "Involve peers before big operational decisions",
            "Peers rate 'consults me before decisions that affect my area' at 4+ of 5",
            levels(
                "Decisions still announced; peers escalate to the CEO",
                "Consults occasionally, after the decision is made",
                "Peers consulted before every major decision",
                "Peers say they shape his decisions",
                "Peers bring him into their own decisions early",
            ),
            "Decides alone and announces; peers feel consulted too late",
        ),
        DemoGoal(
            "Listen fully before responding in meetings",
            "Stakeholders notice fewer interruptions; mini-survey +1 or better",
            levels(
                "Interrupting as often as before",
                "Notices afterwards but not in the moment",
                "Catches himself in the moment most meetings",
                "Team says meetings feel different",
                "Known for asking the last question, not the first answer",
            ),
            "Impatient in meetings: interrupts, finishes people's sentences",
        ),
    ),
    stakeholders=(
        DemoStakeholder("Elena Vasquez", "manager"),
        DemoStakeholder("Raj Patel", "peer"),
        DemoStakeholder("Grace Kim", "peer"),
        DemoStakeholder("Lukas Brandt", "direct report"),
        DemoStakeholder("Amara Osei", "direct report"),
    ),
    competencies=("Listening", "Collaboration across boundaries"),
    interviews=(
        DemoInterview(
            "weekly",
            4,
            ("Delivers what he promises, every time", "Protects his plant managers"),
            (
                "In the August board prep he finished Raj's sentence twice; Raj stopped talking.",
                "The shift-pattern change reached sales the day it was announced.",
            ),
            (
                "Count to three before answering in the leadership meeting.",
                "Send peers a one-line heads-up before any change that touches their area.",
            ),
            ("Let others finish before he answers",),
            "Bring the peers in before the decision, not after.",
            "Ask 'what am I missing?' before closing a discussion.",
        ),
        DemoInterview(
            "weekly",
            3,
            ("Clear about what he wants", "Backs his people in public"),
            (
                "When I raised the transport costs he answered before I had finished.",
                "The Leeds plant closure: we read about it in the all-hands deck.",
            ),
            (
                "Paraphrase what he heard before he answers.",
                "Ask the finance view before the operations view is final.",
            ),
            ("Slow down when the issue is not his", "Write shorter, warmer emails"),
            "Consult the peers before announcing.",
            "Hold a monthly operations review with the peers, and let them set half of it.",
            "He is better than a year ago. Say that too.",
        ),
        DemoInterview(
            "daily",
            4,
            ("Fearless in a crisis", "Knows every plant manager by name"),
            (
                "In our Monday meeting he answers his own questions.",
                "He changed the delivery schedule without telling the sales desk.",
            ),
            (
                "Let the team speak first in the Monday meeting.",
                "Ask the sales desk how a change lands before making it.",
            ),
            ("Be patient with people who think out loud",),
            "Listen first.",
            "End each meeting by asking the quietest person what they think.",
        ),
    ),
    notes=("Check whether Elena has approved the stakeholder list before the sign-off.",),
    self_ratings={
        "Decisiveness": 5,
        "Listening": 4,
        "Managing conflict": 3,
        "Building trust": 4,
        "Collaboration across boundaries": 4,
        "Planning and execution": 5,
        "Communication and presence": 4,
    },
)


PEOPLE: tuple[DemoPerson, ...] = (PRIYA, MARCUS, SOFIA, DANIEL)
