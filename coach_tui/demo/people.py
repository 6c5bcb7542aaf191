"""The demo practice's executives: believable people with believable notes.

Pure data. ``demo.py`` plays their engagements through the store's public API.
Every person is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach_tui.domain.model import Stage


@dataclass(frozen=True)
class DemoGoal:
    text: str
    measure: str
    gas: dict[int, str]
    scores: tuple[int, ...] = ()


@dataclass(frozen=True)
class DemoStakeholder:
    name: str
    relationship: str


@dataclass(frozen=True)
class DemoPerson:
    name: str
    organisation: str
    role: str
    sponsor: str
    stage: Stage
    weeks_in: int
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    motivations: tuple[str, ...]
    goals: tuple[DemoGoal, ...]
    actions: tuple[str, ...]
    stakeholders: tuple[DemoStakeholder, ...]
    story: tuple[str, ...]
    notes: tuple[str, ...]
    lines: tuple[str, ...]
    self_ratings: dict[str, int] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)


PRIYA = DemoPerson(
    name="Priya Raman",
    organisation="Northwind Logistics",
    role="VP Engineering",
    sponsor="Tom Achebe (CTO)",
    stage=Stage.AWARENESS,
    weeks_in=1,
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
        ),
    ),
    actions=("Write down the three decisions she will hand to her leads this month",),
    stakeholders=(),
    story=(
        "Promoted from principal engineer to director in 18 months, then hired in as VP "
        "eight months ago. Grew the org from 40 to 95 engineers this year.",
        "Her CTO asked for coaching: he sees a strong engineer who hasn't yet made the "
        "jump to running an organisation through others. There is a reorganisation in Q2.",
        "The turning point she names is the outage at her last company: she fixed it "
        "herself at 3 am and was praised for it, and she thinks that story still runs her.",
        "Outside work: two young children, a long commute twice a week. Protects Sunday.",
    ),
    notes=(
        "Energy dropped when we talked about the exec team: follow up on the CFO relationship.",
    ),
    lines=("Reports to the CTO; 95 engineers, 7 managers", "Eight months in role"),
)

MARCUS = DemoPerson(
    name="Marcus Bell",
    organisation="Halden Foods",
    role="Chief Operating Officer",
    sponsor="Elena Vasquez (CEO)",
    stage=Stage.ANALYSIS,
    weeks_in=3,
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
            {
                -2: "Decisions still announced; peers escalate to the CEO",
                -1: "Consults occasionally, after the decision is made",
                0: "Peers consulted before every major decision",
                1: "Peers say they shape his decisions",
                2: "Peers bring him into their own decisions early",
            },
        ),
        DemoGoal(
            "Listen fully before responding in meetings",
            "Stakeholders notice fewer interruptions; mini-survey +1 or better",
            {
                -2: "Interrupting as often as before",
                -1: "Notices afterwards but not in the moment",
                0: "Catches himself in the moment most meetings",
                1: "Team says meetings feel different",
                2: "Known for asking the last question, not the first answer",
            },
        ),
    ),
    actions=(
        "Ask each peer for 30 minutes to hear how his decisions land in their area",
        "Send the stakeholder list to Elena for approval",
    ),
    stakeholders=(
        DemoStakeholder("Elena Vasquez", "manager"),
        DemoStakeholder("Raj Patel", "peer"),
        DemoStakeholder("Grace Kim", "peer"),
        DemoStakeholder("Lukas Brandt", "direct report"),
        DemoStakeholder("Amara Osei", "direct report"),
    ),
    story=(
        "Started on the factory floor at 19, engineering degree at night, plant manager at "
        "31. COO for four years.",
        "Elena wants him as a possible successor but says the leadership team 'works "
        "around Marcus, not with him'.",
        "He expected the feedback on decisiveness to be praise and was surprised that "
        "peers saw it as a problem.",
        "Runs marathons; says running is where he thinks.",
    ),
    notes=("He bristled at the word 'impatient' but came back to it himself later.",),
    lines=("Five plants, 3,200 people", "Four years as COO"),
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
    name="Sofia Lindqvist",
    organisation="Brightwave Health",
    role="Head of Product",
    sponsor="Jon Meyer (Chief Digital Officer)",
    stage=Stage.ACTION,
    weeks_in=11,
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
            {
                -2: "More than 10 priorities; team cannot name them",
                -1: "Five or more priorities; frequent additions",
                0: "Three priorities, one or two additions a quarter",
                1: "Three priorities held all quarter; says no with reasons",
                2: "Peers adopt her prioritisation method",
            },
            scores=(-1, -1, 0, 0, 1),
        ),
        DemoGoal(
            "Raise disagreements with engineering early and directly",
            "Engineering lead says issues reach him within a week; no escalations to the CDO",
            {
                -2: "Issues reach the CDO before they reach engineering",
                -1: "Raises issues only when they are urgent",
                0: "Raises disagreements within a week, one to one",
                1: "Joint problem-solving sessions with engineering",
                2: "Engineering comes to her early with their concerns too",
            },
            scores=(-2, -1, -1, 0, 0),
        ),
    ),
    actions=(
        "Share the Q3 top-three priorities with the whole team in Monday's meeting",
        "Book a monthly 1:1 with Arjun (engineering) and bring one open disagreement",
        "Say no to the partner-portal request, with the reason, by Friday",
        "Ask two direct reports for one feedforward suggestion each",
    ),
    stakeholders=(
        DemoStakeholder("Jon Meyer", "manager"),
        DemoStakeholder("Arjun Mehta", "peer"),
        DemoStakeholder("Claire Dubois", "peer"),
        DemoStakeholder("Tomás Ruiz", "direct report"),
        DemoStakeholder("Wen Li", "direct report"),
        DemoStakeholder("Nadia Haddad", "direct report"),
    ),
    story=(
        "Product manager, then group PM at a consumer app; joined Brightwave three years "
        "ago to build the patient app from scratch. Team of 22 now.",
        "Jon sponsors the coaching: he wants her ready to lead the digital organisation "
        "but says she 'carries everyone's priorities and none of her own'.",
        "Tried the 'three priorities' rule in the last quarter; held it for six weeks, "
        "then the partner-portal request arrived from sales and she said yes.",
        "Raised the release-date disagreement with Arjun directly this time. Uncomfortable, "
        "but he thanked her and they agreed a joint plan.",
        "Noticed she rewrote two of Wen's documents again on Sunday night; caught it after.",
        "Feedforward from Tomás: 'tell us what you will stop doing, not only what we start'.",
    ),
    notes=(
        "She cried briefly when talking about her father's illness; not for any report.",
        "Ask next time whether the Sunday work is about control or about fear of judgement.",
    ),
    lines=("Team of 22 across 3 squads", "Reports to the CDO"),
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
    name="Daniel Okafor",
    organisation="Meridian Bank",
    role="Chief Financial Officer",
    sponsor="Ruth Adeyemi (Chief Executive)",
    stage=Stage.ACHIEVEMENT,
    weeks_in=15,
    strengths=(
        "Unflappable under scrutiny: regulators and analysts trust him",
        "Brilliant at explaining complex numbers simply",
        "Generous mentor to young finance talent",
    ),
    weaknesses=(
        "Seen as distant by the wider leadership team",
        "Delegates tasks but not decisions; approvals queue on his desk",
    ),
    motivations=(
        "Wants finance to be seen as a partner to the business, not a gatekeeper",
        "Legacy: leave a finance team that can run without him",
    ),
    goals=(
        DemoGoal(
            "Delegate decisions, not just tasks",
            "Approval queue under 5 items; directs say they decide within agreed limits",
            {
                -2: "All approvals still with him",
                -1: "Delegation limits agreed but overridden",
                0: "Limits agreed and respected; queue under 5",
                1: "Directs set their own limits with him",
                2: "Finance team runs a month-end close without him",
            },
            scores=(-1, 0, 0, 1, 1, 1, 2),
        ),
        DemoGoal(
            "Be visible and approachable to business leaders",
            "Business unit heads rate 'approachable' 4+ of 5; monthly floor walks held",
            {
                -2: "Contact only through formal reviews",
                -1: "Occasional visits, cancelled under pressure",
                0: "Monthly visits to each unit held",
                1: "Unit heads call him early on decisions",
                2: "Seen as the CEO's most accessible executive",
            },
            scores=(-1, -1, 0, 0, 1, 1, 1),
        ),
    ),
    actions=(
        "Write the sustainment plan with Ruth: what she will look for each quarter",
        "Hand the budget-review chair to Femi for Q1",
    ),
    stakeholders=(
        DemoStakeholder("Ruth Adeyemi", "manager"),
        DemoStakeholder("Femi Adebayo", "direct report"),
        DemoStakeholder("Sara Nilsen", "direct report"),
        DemoStakeholder("George Hall", "peer"),
        DemoStakeholder("Ines Moreau", "peer"),
    ),
    story=(
        "Audit partner, then finance director, CFO for five years; led the bank through "
        "its listing. Ruth asked for coaching as part of succession planning.",
        "Started walking the floors monthly in Action; says the first two visits felt "
        "'like an inspection' and the third was the first real conversation.",
        "Femi ran the October close; Daniel checked in only twice, by agreement.",
        "He now names delegation as 'the best decision I made this year'.",
    ),
    notes=("He is considering an external CEO role; keep confidential.",),
    lines=("Finance team of 140", "Five years as CFO"),
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
