"""The demo practice's executives: believable people with believable engagements.

Pure data, laid out as tables so that each answer can be read beside its question:
``WHO`` has one row per executive; ``ANSWERS`` one row per question of the one-off
sessions, with a column per executive (Priya, Marcus, Sofia, Daniel; ``None`` where
that engagement has not got so far); each executive's goals, stakeholder interviews
and action calls are tables of their own. ``seed.py`` plays the engagements through
the store's public API. Every person is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    #: The answer to "how many sessions, how often?" and the days between calls.
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


def _levels(*texts: str) -> dict[int, str]:
    return dict(zip((-2, -1, 0, 1, 2), texts, strict=True))


# --------------------------------------------------------------------- who

#: name, organisation, role, sponsor, stage, weeks in, the contract, days between calls
WHO: tuple[tuple[str, str, str, str, Stage, int, str, int], ...] = (
    ("Priya Raman", "Northwind Logistics", "VP Engineering", "Tom Achebe (CTO)",
     Stage.AWARENESS, 1, "10 sessions over six months, every two to three weeks", 14),
    ("Marcus Bell", "Halden Foods", "Chief Operating Officer", "Elena Vasquez (CEO)",
     Stage.ANALYSIS, 3, "12 sessions over nine months, every three weeks", 21),
    ("Sofia Lindqvist", "Brightwave Health", "Head of Product",
     "Jon Meyer (Chief Digital Officer)", Stage.ACTION, 19,
     "20 sessions over ten months, every two weeks", 14),
    ("Daniel Okafor", "Meridian Bank", "Chief Financial Officer",
     "Ruth Adeyemi (Chief Executive)", Stage.ACHIEVEMENT, 34,
     "18 sessions over eight months, every three weeks", 21),
)  # fmt: skip


# ----------------------------------------------------------------- answers

#: The one-off sessions' answers: "script/question" (or a question id every script
#: shares) -> (Priya, Marcus, Sofia, Daniel). Running-view questions (strengths,
#: development areas, motivations, goals) are answered from the person's own lists.
ANSWERS: dict[str, tuple[AnswerValue, AnswerValue, AnswerValue, AnswerValue]] = {
    # ---- the intake interview
    "awareness-intake/role": (
        "VP Engineering, eight months: platform uptime, delivery, hiring",
        "COO, four years: five plants, output, cost and safety",
        "Head of Product, three years: the patient app roadmap and its adoption",
        "CFO, five years: reporting, capital, the listing and the regulator",
    ),
    "awareness-intake/scope": (
        "Architecture and hiring are hers. The roadmap is negotiated with the business "
        "every quarter, and the pressure comes from a reorganisation planned for Q2.",
        "Every operational call is his, and he likes it that way. The pressure comes from "
        "the board: margins on two plants and a product recall last spring.",
        "The roadmap is hers in name. In practice sales and the clinical team add to it "
        "all quarter, and she feels she has to say yes to keep them on side.",
        "Capital, reporting and the regulator are his. He says the pressure is that "
        "every approval above a small limit still lands on his desk.",
    ),
    "awareness-intake/team-size": (
        "7 direct, 95 in total",
        "6 direct, 3,200 in total",
        "5 direct, 22 in total across 3 squads",
        "6 direct, 140 in total",
    ),
    "awareness-intake/key-relationships": (
        [
            "Tom Achebe (CTO, my manager)",
            "Dana Wu, CFO (peer)",
            "Leo Park, platform team lead (reports to me)",
        ],
        [
            "Elena Vasquez (CEO, my boss)",
            "Raj Patel, CFO (peer)",
            "Grace Kim, head of sales (peer)",
        ],
        [
            "Jon Meyer (Chief Digital Officer, my manager)",
            "Arjun Mehta, head of engineering (peer)",
            "Tomás Ruiz, product lead (reports to me)",
        ],
        [
            "Ruth Adeyemi (CEO, my boss)",
            "George Hall, head of retail banking (peer)",
            "Femi Adebayo, financial controller (reports to me)",
        ],
    ),
    "awareness-intake/why-now": (
        "Tom suggested it after her first review: strong engineer, not yet running the "
        "organisation through others. The Q2 reorganisation doubles her scope.",
        "Elena proposed it: she sees him as a possible successor, but the leadership "
        "team 'works around Marcus, not with him'. Succession is reviewed next summer.",
        "Jon offered it as part of her development towards leading digital. She wanted "
        "it too: the last quarter ended with twelve priorities and a tired team.",
        "Ruth asked for it as part of succession planning. Daniel agreed readily and "
        "says he wants finance to stop being the bottleneck.",
    ),
    "awareness-intake/past-feedback": (
        [
            "2025 review: 'technically outstanding, steps in too quickly'",
            "2023 360 at her last company: 'hard to read in leadership meetings'",
        ],
        [
            "2024 board review: 'delivers results, decides alone'",
            "2022 360: 'impatient, interrupts, but fiercely loyal to his people'",
        ],
        [
            "2025 review: 'great judgement, takes on too much'",
            "2024 team survey: 'we don't know what she will drop when something new comes'",
        ],
        [
            "2025 360: 'trusted by regulators, distant from the business'",
            "2023 review: 'approvals are slow; the team waits for him'",
        ],
    ),
    "awareness-intake/career-story": (
        "Principal engineer, then director within 18 months, then hired in as VP eight "
        "months ago. The turning point she names is an outage she fixed herself at 3 am "
        "and was praised for; she thinks that story still runs her.",
        "Started on the factory floor at 19, engineering degree at night, plant manager at "
        "31, COO for four years. Turned three failing plants around by deciding fast.",
        "Product manager, then group PM at a consumer app; joined Brightwave three years "
        "ago to build the patient app from scratch. Proudest of the launch; tired since.",
        "Audit partner, then finance director, CFO for five years; led the bank through "
        "its listing. Says he learned to be careful in audit and never unlearned it.",
    ),
    "awareness-intake/readiness": (8, 7, 9, 8),
    "awareness-intake/roles": (
        "Push her when she retreats into technical detail; she prefers blunt to polite.",
        "Tell him straight. He does not want 'a therapist', he wants someone who notices.",
        "Hold her to her own priorities, kindly. Call it out when she says yes too fast.",
        "Challenge him on the numbers he hides behind. He likes evidence, so bring some.",
    ),
    "awareness-intake/coach-notes": (
        "Energy dropped when we talked about the exec team: follow up on the CFO relationship.",
        "He bristled at the word 'impatient' but came back to it himself later.",
        "She cried briefly when talking about her father's illness; not for any report.",
        "He is considering an external CEO role; keep confidential.",
    ),
    # ---- the three-way kick-off
    "three-way-kickoff/attendees": (
        ["Priya Raman, executive", "Tom Achebe, CTO and sponsor"],
        ["Marcus Bell, executive", "Elena Vasquez, CEO and sponsor"],
        ["Sofia Lindqvist, executive", "Jon Meyer, CDO and sponsor"],
        [
            "Daniel Okafor, executive",
            "Ruth Adeyemi, CEO and sponsor",
            "Hannah Cole, HR business partner",
        ],
    ),
    "three-way-kickoff/sponsor-expectations": (
        [
            "Her leads make the calls in incidents; she coaches them afterwards",
            "She speaks up in the exec meeting when she disagrees",
        ],
        [
            "Peers shape his decisions before they are announced",
            "Meetings where others finish their sentences",
        ],
        [
            "A roadmap of three priorities that holds for a quarter",
            "Disagreements with engineering raised early, not escalated to me",
        ],
        [
            "Decisions made in finance without him, within limits he sets",
            "Business heads who call him early instead of working around him",
        ],
    ),
    "three-way-kickoff/sponsor-support": (
        "Tom will stay out of incident calls unless Priya asks him in.",
        "Elena will give feedback after each leadership meeting, two minutes, in person.",
        "Jon will back her when she says no to sales, and ask about priorities monthly.",
        "Ruth will raise the delegation limits at the board and give monthly feedback.",
    ),
    # ---- the expectations meeting (Analysis)
    "analysis-expectations/attendees": (
        None,
        ["Marcus Bell, executive", "Elena Vasquez, CEO and manager"],
        ["Sofia Lindqvist, executive", "Jon Meyer, CDO and manager"],
        [
            "Daniel Okafor, executive",
            "Ruth Adeyemi, CEO and manager",
            "Hannah Cole, HR business partner",
        ],
    ),
    "analysis-expectations/business-context": (
        None,
        "Two plants merge next year; the COO has to bring both leadership teams along.",
        "The app goes to three new hospital groups in 2027; the roadmap has to hold.",
        "A new regulator regime and a cost programme: finance has to decide faster.",
    ),
    "analysis-expectations/manager-success": (
        None,
        "The leadership team brings problems to Marcus before they reach me.",
        "I stop hearing about product-engineering disagreements from engineering first.",
        "Month-end closes without Daniel in the room, and the business heads seek him out.",
    ),
    "analysis-expectations/executive-response": (
        None,
        "Surprised that peers feel consulted too late; he thought speed was the point.",
        "Relieved it was said out loud; she knew the roadmap was overloaded.",
        "Agrees with delegation; 'distant' stung, and he asked for examples.",
    ),
    "analysis-expectations/executive-priorities": (
        None,
        ["Keep the pace on the plants while I bring the peers in earlier"],
        ["Protect the team's time, not only the roadmap"],
        ["Leave a finance team that can run without me"],
    ),
    "analysis-expectations/how-measured": (
        None,
        "Peers say in the interviews whether they were consulted; Elena counts escalations.",
        "The team names the same three priorities; mid-quarter additions are counted.",
        "The approvals queue on the dashboard; business heads' rating of 'approachable'.",
    ),
    "analysis-expectations/manager-support": (
        None,
        "Elena will ask the peers how consulted they felt, once a month, and tell him.",
        "Jon will hold the line with sales on additions and review priorities monthly.",
        "Ruth will sign the new delegation limits and stop routing approvals to Daniel.",
    ),
    "analysis-expectations/stretch-opportunities": (
        None,
        ["leading a change", "working across boundaries"],
        ["high accountability", "working across boundaries"],
        ["leading a change", "leading a diverse group"],
    ),
    "analysis-expectations/review-rhythm": (
        None,
        "at the mid-point and at the end",
        "every quarter",
        "at the mid-point and at the end",
    ),
    # ---- the assessment debrief
    "assessment-debrief/first-reaction": (
        None,
        "'I rate myself higher on listening than anyone else does. That's the one.'",
        "'They all say the same thing about priorities. At least it's consistent.'",
        "'Nobody says I'm unapproachable. They say they don't see me. Different thing.'",
    ),
    "assessment-debrief/instrument-results": (
        None,
        [
            "Hogan HDS Bold: 91st percentile (high): confident, can override others",
            "EQ-i 2.0 Impulse control: 88 (below mid range)",
        ],
        [
            "Hogan HDS Diligent: 84th percentile (high): perfectionism under pressure",
            "EQ-i 2.0 Assertiveness: 92 (mid range)",
        ],
        [
            "Hogan HDS Reserved: 80th percentile (high): withdraws under pressure",
            "EQ-i 2.0 Interpersonal relationships: 95 (mid range)",
        ],
    ),
    "assessment-debrief/assessment-themes": (
        None,
        [
            "Decides fast and well, but peers learn of decisions too late",
            "Interrupts; people stop offering views in his meetings",
        ],
        [
            "Everyone names a different top priority for her team",
            "Engineering hears of disagreements through the CDO",
        ],
        [
            "Trusted on numbers, seen as remote by the business",
            "Approvals wait for him; his directs feel unempowered",
        ],
    ),
    "assessment-debrief/take-into-plan": (
        None,
        "Listening in meetings, and bringing peers in before decisions.",
        "Three priorities a quarter, and raising disagreements early.",
        "Delegating decisions with limits, and being seen in the business.",
    ),
    # ---- the development plan
    "development-plan/goals-why": (
        None,
        "Because the CEO job is about bringing people along, and he cannot do it alone.",
        "Because the team is tired, and because leading digital means saying no.",
        "Because a finance team that waits for him will not outlast him.",
    ),
    "development-plan/stakeholder-ask": (
        None,
        "At his next one-to-one with each, with the same two sentences, by Friday.",
        "In her Monday team meeting, then one by one with Jon, Arjun and Claire.",
        "Over coffee with each, this week; he will ask for one suggestion a month.",
    ),
    "development-plan/stretch-experiences": (
        None,
        ["leading a change", "working across boundaries"],
        ["high accountability", "working across boundaries"],
        ["leading a change", "unfamiliar responsibilities"],
    ),
    "development-plan/support-people": (
        None,
        ["Elena, after each leadership meeting", "Raj, who will tell him when he interrupts"],
        ["Jon, on saying no to sales", "Arjun, on raising issues early"],
        ["Ruth, on the delegation limits", "Femi, who takes over the close"],
    ),
    "development-plan/call-frequency": (
        None,
        "every three weeks",
        "every two weeks",
        "every three weeks",
    ),
    "development-plan/planned-calls": (
        None,
        "Eight calls over six months, then a review",
        "Eight calls over four months, with a three-way at the mid-point",
        "Eight calls over six months, with a three-way at the mid-point",
    ),
    "development-plan/plan-confidence": (None, 7, 8, 8),
    "development-plan/first-actions": (
        None,
        [
            "Ask each peer for 30 minutes to hear how his decisions land in their area",
            "Send the stakeholder list to Elena for approval",
        ],
        ["Tell each stakeholder what I am working on and ask for their help"],
        ["Tell each stakeholder what I am working on and ask for one suggestion a month"],
    ),
    # ---- the plan sign-off (three-way)
    "three-way-signoff/plan-presented": (
        None,
        None,
        "Two goals: three priorities a quarter, and disagreements raised within a week.",
        "Two goals: decisions delegated within limits, and monthly visits to each unit.",
    ),
    "three-way-signoff/sponsor-reaction": (
        None,
        None,
        "Jon agreed both and asked that 'priorities' include what the team stops doing.",
        "Ruth agreed both; she wants the approvals queue on the monthly board pack.",
    ),
    "three-way-signoff/sponsor-support": (
        None,
        None,
        "Jon will ask about the three priorities in every monthly one-to-one.",
        "Ruth will give feedback after each business review and back the new limits.",
    ),
    # ---- the mid-point review (three-way)
    "three-way-midpoint/midpoint-progress": (
        None,
        None,
        "Q3 held at three priorities with one addition; she raised the release date with "
        "Arjun herself, before it reached Jon.",
        "Femi chairs the budget review; Daniel visited each unit twice and was called "
        "early by two unit heads on pricing.",
    ),
    "three-way-midpoint/sponsor-observations": (
        None,
        None,
        "Jon has not had an engineering escalation for two months.",
        "Ruth notices he is quoted by the business heads, not only by the auditors.",
    ),
    "three-way-midpoint/goals-still-right": (None, None, "yes", "yes"),
    "three-way-midpoint/sponsor-support": (
        None,
        None,
        "Jon will protect the quarter's priorities at the portfolio board.",
        "Ruth will hand Daniel's seat on two committees to his directs.",
    ),
    # ---- Achievement
    "achievement-review/what-changed": (
        None,
        None,
        None,
        "He decides less himself and sets limits instead; the queue is under five items.",
    ),
    "achievement-review/others-noticed": (
        None,
        None,
        None,
        "George says the unit heads now call him before the review, not after it.",
    ),
    "achievement-review/overall-change-self": (None, None, None, 2),
    "achievement-review/results-reflection": (
        None,
        None,
        None,
        "Pleased the survey agrees with the queue; surprised peers still see him as formal.",
    ),
    "achievement-review/readiness-to-continue-alone": (None, None, None, 4),
    "achievement-review/changed-behaviours": (
        None,
        None,
        None,
        [
            "Sets written limits and stays out below them: Femi ran the October close",
            "Walks each unit monthly: two unit heads now call him early on pricing",
        ],
    ),
    "achievement-review/strengths-confirmed": (
        None,
        None,
        None,
        ["Generous mentor to young finance talent"],
    ),
    "achievement-review/remaining-areas": (
        None,
        None,
        None,
        [
            "Seen as distant by the wider leadership team",
            "Long silences in meetings read as disapproval",
        ],
    ),
    "achievement-review/next-steps": (
        None,
        None,
        None,
        ["Ask two unit heads for feedforward before the phase-down call"],
    ),
    "phase-down/own-check-in": (
        None,
        None,
        None,
        "Every Friday he reads the approvals queue and asks one business head for feedback.",
    ),
    "phase-down/relapse-risks": (
        None,
        None,
        None,
        "Year-end: under pressure he takes approvals back. Early sign: the queue over five.",
    ),
    "phase-down/remaining-calls": (None, None, None, "monthly"),
    "phase-down/routines": (
        None,
        None,
        None,
        [
            "Every Friday, read the approvals queue and hand back anything below a limit",
            "Each month, ask one business head for one suggestion",
        ],
    ),
    "phase-down/accountability-partner": (
        None,
        None,
        None,
        "Femi, at our monthly one-to-one",
    ),
}

#: Yes/no questions that record an agreement or a done step: in the demo, yes.
YES: frozenset[str] = frozenset(
    {
        "confidentiality",
        "roles-agreed",
        "confidentiality-agreed",
        "manager-approved",
        "goals-agreed",
        "measures-and-levels",
        "stakeholders-agree",
        "anonymity-agreed",
        "willing-to-help",
        "feedforward-routine",
        "final-self-assessment-done",
        "mini-survey-sent",
    }
)


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
            _levels(
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
            _levels(
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

SOFIA = DemoPerson(
    *WHO[2],
    column=2,
    strengths=(
        "Sharp product judgement; her roadmap calls have been right three years running",
        "Builds warm, loyal relationships with her direct reports",
        "Writes clearly: her strategy memos are used as examples",
    ),
    weaknesses=(
        "Says yes to every request; the roadmap carries too many priorities",
        "Avoids conflict with engineering leadership; issues fester",
        "Over-prepares: spends evenings rewriting her team's documents",
    ),
    motivations=(
        "Wants her team to have room to do their best work",
        "Would like to lead the whole digital organisation one day",
    ),
    goals=(
        DemoGoal(
            "Set and hold three clear priorities per quarter",
            "Team and peers can name the same three priorities; fewer than 2 mid-quarter additions",
            _levels(
                "More than 10 priorities; team cannot name them",
                "Five or more priorities; frequent additions",
                "Three priorities, one or two additions a quarter",
                "Three priorities held all quarter; says no with reasons",
                "Peers adopt her prioritisation method",
            ),
            "Says yes to every request; the roadmap carries too many priorities",
            baseline=-1,
            scores=(-1, -1, 0, 0, 0, 1, 1, 1),
            readings=(
                (19, "9 priorities on the roadmap; 4 additions last quarter", "roadmap review"),
                (54, "5 priorities; 2 additions so far this quarter", "roadmap review"),
                (96, "3 priorities; 1 addition this quarter", "roadmap review"),
                (111, "3 priorities; 5 of 6 stakeholders named the same three", "pulse survey"),
            ),
        ),
        DemoGoal(
            "Raise disagreements with engineering early and directly",
            "Engineering lead says issues reach him within a week; no escalations to the CDO",
            _levels(
                "Issues reach the CDO before they reach engineering",
                "Raises issues only when they are urgent",
                "Raises disagreements within a week, one to one",
                "Joint problem-solving sessions with engineering",
                "Engineering comes to her early with their concerns too",
            ),
            "Avoids conflict with engineering leadership; issues fester",
            baseline=-2,
            scores=(-2, -1, -1, -1, 0, 0, 0, 0),
            readings=(
                (19, "3 escalations to the CDO last quarter", "CDO's log"),
                (54, "1 escalation this month; 2 issues raised with Arjun directly", "CDO's log"),
                (96, "No escalation for two months", "CDO's log"),
            ),
        ),
    ),
    stakeholders=(
        DemoStakeholder("Jon Meyer", "manager"),
        DemoStakeholder("Arjun Mehta", "peer"),
        DemoStakeholder("Claire Dubois", "peer"),
        DemoStakeholder("Tomás Ruiz", "direct report"),
        DemoStakeholder("Wen Li", "direct report"),
        DemoStakeholder("Nadia Haddad", "direct report"),
    ),
    competencies=("Setting clear priorities", "Managing conflict"),
    interviews=(
        DemoInterview(
            "weekly",
            4,
            ("Her product calls are right", "Her team would follow her anywhere"),
            (
                "In Q2 she accepted the partner portal in week eight and dropped nothing.",
                "The release-date issue reached me through engineering, not through her.",
            ),
            (
                "For every new request, name what comes off the list.",
                "Bring me disagreements after she has tried with Arjun, not instead of it.",
            ),
            ("Say no to sales with a reason",),
            "Hold three priorities for a whole quarter.",
            "Publish the quarter's three priorities and what will not be done.",
        ),
        DemoInterview(
            "daily",
            3,
            ("Clear writing: her memos settle arguments", "Knows the users better than anyone"),
            (
                "We built two features in parallel that competed for the same sprint.",
                "She agreed the date in the meeting and told Jon afterwards it would slip.",
            ),
            (
                "Give engineering one ranked list, not three equal ones.",
                "Tell me directly when she disagrees; I would rather hear it in the room.",
            ),
            ("Raise problems while they are small",),
            "Tell engineering directly when she disagrees.",
            "A fortnightly half hour with me, with one open disagreement on the agenda.",
            "Please keep this confidential; I work with her every day.",
        ),
        DemoInterview(
            "daily",
            5,
            ("Protects the team from noise", "Gives generous credit"),
            (
                "We had nine 'top' priorities in March; nobody knew which came first.",
                "She rewrote my document on a Sunday instead of telling me what was wrong.",
            ),
            (
                "Tell us what she will stop doing, not only what we start.",
                "Give feedback on the draft instead of rewriting it.",
            ),
            ("Trust us with the documents",),
            "Fewer priorities, held longer.",
            "Tell us what you will stop doing, not only what we start.",
        ),
    ),
    calls=(
        DemoCall(
            "Get the Q3 priorities down to three before the planning day",
            "Spoke to each stakeholder about the goals; all five agreed to help",
            True,
            "Listed every request on the roadmap and sorted them with Jon: nine became five.",
            ("Rank the five with the team", "Ask Jon to pick three", "Drop the unsponsored two"),
            "Share the Q3 top-three priorities with the whole team in Monday's meeting",
            "Sales will push the partner portal again; she will ask them what it replaces.",
            8,
            note="She is more at ease with lists than with saying no: practise the sentence.",
        ),
        DemoCall(
            "Practise saying no to the partner-portal request",
            "Shared the top three on Monday; two people asked where their project went",
            True,
            "Rehearsed the no with me, then said it to sales with the reason; they accepted.",
            ("Send the reason in writing", "Offer Q4 instead", "Ask Jon to back it"),
            "Say no to the partner-portal request, with the reason, by Friday",
            "Feeling she lets sales down; she will remember what the team gains.",
            7,
        ),
        DemoCall(
            "Look back at the month and the measures",
            "Said no to the portal with the reason; sales took it to Jon, who backed her",
            True,
            "Tomás: 'tell us what you will stop doing, not only what we start'.",
            ("Add a 'stopped' column to the roadmap", "Ask Arjun for his view monthly"),
            "Book a monthly 1:1 with Arjun and bring one open disagreement",
            "Arjun's diary; she will ask his assistant, not wait for him.",
            8,
            monthly=True,
            plan_change="No change to the goals; add a 'stopped' column to the roadmap.",
        ),
        DemoCall(
            "Prepare the first 1:1 with Arjun",
            "The 1:1 with Arjun is booked for next Tuesday",
            True,
            "Raised the release-date disagreement with Arjun directly. Uncomfortable, but "
            "he thanked her and they agreed a joint plan.",
            ("Open with the shared goal", "Bring data, not opinions", "Ask what he needs"),
            "Bring the test-environment disagreement to Arjun on Tuesday",
            "She may soften it into a question; she will say 'I disagree' first.",
            7,
        ),
        DemoCall(
            "Understand why the Sunday rewrites came back",
            "Raised the test environment with Arjun; they split the cost",
            True,
            "Noticed she rewrote two of Wen's documents again on Sunday night; caught it "
            "after, and gave Wen comments on the third instead.",
            ("Comment, do not rewrite", "Agree a review slot on Fridays", "Ask Wen first"),
            "Give Wen comments on the next document instead of rewriting it",
            "Tiredness on Sunday evening; no laptop after 6 pm on Sundays.",
            8,
            note="Closed the over-preparing area? Not yet: ask again in a month.",
        ),
        DemoCall(
            "Monthly look: feedforward and the measures",
            "Gave Wen comments, not a rewrite; Wen's next draft needed one round",
            True,
            "Arjun suggested a shared quarterly planning day for product and engineering.",
            ("Plan the day with Arjun", "Invite Claire", "Use the three-priority format"),
            "Ask two direct reports for one feedforward suggestion each",
            "Forgetting in a busy week; she put it in Monday's agenda.",
            9,
            monthly=True,
            plan_change="Goals still right; the mid-point three-way with Jon is due.",
        ),
        DemoCall(
            "Prepare the quarterly planning day with Arjun",
            "Asked Tomás and Wen; both said 'keep the stopped column'",
            True,
            "Ran the planning day with Arjun: one ranked list for Q4, agreed in the room.",
            ("Share the ranked list with sales", "Review it at mid-quarter"),
            "Send the Q4 ranked list to sales and Claire with what is not in it",
            "Sales will ask for exceptions; she will point to the list.",
            8,
        ),
        DemoCall(
            "Hold the Q4 list under pressure",
            "Sent the Q4 list; sales asked for one exception and she said no",
            True,
            "A clinical request arrived mid-quarter; she asked what it replaces before yes.",
            ("Trade it for the lowest item", "Ask Jon", "Defer to Q1"),
            "Decide the clinical request with Jon, trading it for the lowest item",
            "The clinical team is senior; she will use the same sentence as with sales.",
            8,
        ),
    ),
    closed_area=(
        "Over-prepares: spends evenings rewriting her team's documents",
        "Worked through: comments instead of rewrites for two months; Wen and Tomás confirm it",
        110,
    ),
    pulses=((109, ((2, 1), (1, 1), (1, 0), (2, 1), (1, 1), (2, 0)), (2, 1, 1, 2, 1, 1)),),
    notes=("Ask next time whether the Sunday work is about control or about fear of judgement.",),
    self_ratings={
        "Setting clear priorities": 2,
        "Managing conflict": 2,
        "Developing people": 4,
        "Strategic thinking and vision": 4,
        "Communication and presence": 4,
        "Building trust": 5,
        "Listening": 4,
    },
)

DANIEL = DemoPerson(
    *WHO[3],
    column=3,
    strengths=(
        "Unflappable under scrutiny: regulators and analysts trust him",
        "Brilliant at explaining complex numbers simply",
        "Generous mentor to young finance talent",
    ),
    weaknesses=(
        "Seen as distant by the wider leadership team",
        "Delegates tasks but not decisions; approvals queue on his desk",
        "Long silences in meetings read as disapproval",
    ),
    motivations=(
        "Wants finance to be seen as a partner to the business, not a gatekeeper",
        "Legacy: leave a finance team that can run without him",
    ),
    goals=(
        DemoGoal(
            "Delegate decisions, not just tasks",
            "Approval queue under 5 items; directs say they decide within agreed limits",
            _levels(
                "All approvals still with him",
                "Delegation limits agreed but overridden",
                "Limits agreed and respected; queue under 5",
                "Directs set their own limits with him",
                "Finance team runs a month-end close without him",
            ),
            "Delegates tasks but not decisions; approvals queue on his desk",
            baseline=-1,
            scores=(-1, 0, 0, 1, 1, 1, 2, 2, 2, 2),
            readings=(
                (19, "23 items waiting for his approval", "approvals dashboard"),
                (68, "11 items waiting", "approvals dashboard"),
                (131, "4 items waiting", "approvals dashboard"),
                (184, "3 items waiting; Femi ran the October close", "approvals dashboard"),
            ),
        ),
        DemoGoal(
            "Be visible and approachable to business leaders",
            "Business unit heads rate 'approachable' 4+ of 5; monthly floor walks held",
            _levels(
                "Contact only through formal reviews",
                "Occasional visits, cancelled under pressure",
                "Monthly visits to each unit held",
                "Unit heads call him early on decisions",
                "Seen as the CEO's most accessible executive",
            ),
            "Seen as distant by the wider leadership team",
            baseline=-2,
            scores=(-1, -1, 0, 0, 0, 1, 1, 1, 1, 1),
            readings=(
                (19, "'Approachable' 2.4 of 5; no unit visits last quarter", "unit heads"),
                (89, "'Approachable' 3.1 of 5; 3 of 4 units visited", "unit heads"),
                (184, "'Approachable' 3.8 of 5; every unit visited monthly", "unit heads"),
            ),
        ),
    ),
    stakeholders=(
        DemoStakeholder("Ruth Adeyemi", "manager"),
        DemoStakeholder("Femi Adebayo", "direct report"),
        DemoStakeholder("Sara Nilsen", "direct report"),
        DemoStakeholder("George Hall", "peer"),
        DemoStakeholder("Ines Moreau", "peer"),
    ),
    competencies=("Developing people", "Collaboration across boundaries"),
    interviews=(
        DemoInterview(
            "weekly",
            4,
            ("The regulator trusts him completely", "Explains numbers so the board understands"),
            (
                "Femi prepared the whole listing pack; Daniel still signed every page himself.",
                "The retail heads only see him at the quarterly review.",
            ),
            (
                "Agree limits with each direct and stay out below them.",
                "Walk the floors once a month, without an agenda.",
            ),
            ("Let his people present their own work",),
            "Let his team decide.",
            "Hand one decision a week to a direct and tell them he will not check.",
        ),
        DemoInterview(
            "daily",
            3,
            ("Teaches generously", "Never loses his temper"),
            (
                "My hiring request for the controller role waited three weeks on his desk.",
                "He was silent in the pricing meeting; the business took it as a no.",
            ),
            (
                "Tell me the limit and let me decide inside it.",
                "Say what he thinks in the meeting, even briefly.",
            ),
            ("Decide faster or let us decide", "Say when he agrees"),
            "Trust us with decisions.",
            "When he is quiet, say 'I'm thinking, not disagreeing'.",
            "I would like to run the close one month.",
        ),
        DemoInterview(
            "monthly",
            3,
            ("Straight with the numbers", "Calm when markets move"),
            (
                "His team could not give me a pricing answer without him.",
                "We built the branch business case without finance until the last week.",
            ),
            (
                "Give his directs authority to answer business heads.",
                "Come to our planning sessions early, not the sign-off.",
            ),
            ("Be in the business, not only in the boardroom",),
            "Be visible to the business.",
            "Join one business planning session a quarter from the start.",
        ),
    ),
    calls=(
        DemoCall(
            "Agree the first delegation limits with Femi and Sara",
            "Told each stakeholder what he is working on; Ines asked to be asked monthly",
            True,
            "Wrote down which approvals he still takes and why; 18 of 23 need not be his.",
            ("Set limits per director", "Start with the close", "Ask Ruth to announce them"),
            "Agree written approval limits with Femi and Sara by Friday",
            "He will be tempted to keep 'just the big ones'; the limit is in writing.",
            8,
        ),
        DemoCall(
            "Plan the first floor walks",
            "The limits are agreed and signed by Ruth",
            True,
            "Started walking the floors; the first two visits felt 'like an inspection'.",
            ("Go without slides", "Ask one question per desk", "Bring a director with him"),
            "Visit retail and treasury without an agenda before the next call",
            "Month-end; he put both visits in the diary before it.",
            7,
        ),
        DemoCall(
            "Look back at the month and the measures",
            "Visited retail and treasury; the third visit was the first real conversation",
            True,
            "Sara: 'tell me the limit, then leave me to it'.",
            ("Review the limits monthly", "Let Sara present to the board"),
            "Let Sara present the cost programme to the board herself",
            "His own wish to be in the room; he will join by invitation only.",
            8,
            monthly=True,
            plan_change="No change to the goals; review the limits monthly.",
        ),
        DemoCall(
            "Step back from the October close",
            "Sara presented to the board; Ruth praised it",
            True,
            "Agreed with Femi that he runs the October close; Daniel checks in twice.",
            ("Agree the two check-ins", "Tell the auditors", "Stay out of the close room"),
            "Hand the October close to Femi, with two agreed check-ins",
            "The auditors will call him; he will refer them to Femi.",
            8,
        ),
        DemoCall(
            "Debrief the close",
            "Femi ran the October close; Daniel checked in only twice, by agreement",
            True,
            "Spoke first in the pricing meeting for the first time, and the unit head "
            "thanked him afterwards.",
            ("Do it at every pricing meeting", "Ask a question before giving a view"),
            "Say 'I'm thinking, not disagreeing' when he goes quiet in the next two meetings",
            "Old habit under scrutiny; he wrote the sentence on his notepad.",
            7,
        ),
        DemoCall(
            "Monthly look: feedforward and the measures",
            "Used the sentence twice; George noticed",
            True,
            "George: 'come to our planning sessions at the start, not for the sign-off'.",
            ("Join the branch planning day", "Send a director instead"),
            "Join the branch planning day from the start",
            "Board week clashes; he moved the board prep.",
            9,
            monthly=True,
            plan_change="Goals still right; the mid-point three-way with Ruth is due.",
        ),
        DemoCall(
            "Keep the limits when year-end pressure starts",
            "Joined the branch planning day; stayed all morning",
            True,
            "Took back one approval under pressure; noticed it the same day and returned it.",
            ("Tell Femi when he is tempted", "Ask what the limit was for"),
            "Hand the budget-review chair to Femi for Q1",
            "Ruth may ask for him; he will explain the change to her first.",
            8,
        ),
        DemoCall(
            "Plan the sustainment with Ruth",
            "Femi chairs the Q1 budget review",
            True,
            "Walked every unit this month without being asked; two heads called him early.",
            ("Quarterly check with Ruth", "A monthly question to one business head"),
            "Write the sustainment plan with Ruth: what she will look for each quarter",
            "Ruth's diary in December; he booked January now.",
            8,
        ),
    ),
    closed_area=(
        "Delegates tasks but not decisions; approvals queue on his desk",
        "Worked through: the queue has stayed under five for three months and his directs "
        "decide within written limits",
        150,
    ),
    pulses=(
        (109, ((1, 1), (1, 0), (1, 1), (2, 1), (0, 0)), (1, 1, 1, 1, 0)),
        (190, ((2, 1), (2, 1), (2, 2), (2, 1), (1, 1)), (2, 2, 2, 1, 1)),
    ),
    notes=("Sustainment plan: what will Ruth look for each quarter? Ask at the final session.",),
    self_ratings={
        "Developing people": 4,
        "Building trust": 4,
        "Collaboration across boundaries": 3,
        "Communication and presence": 4,
        "Accountability": 5,
        "Influence without authority": 3,
    },
)

PEOPLE: tuple[DemoPerson, ...] = (PRIYA, MARCUS, SOFIA, DANIEL)
