"""The demo as tables: one row per executive (``WHO``), one row per question (``ANSWERS``).

Each row of ``ANSWERS`` holds the answers the four executives gave to one question of
a one-off session, side by side (Priya, Marcus, Sofia, Daniel; ``None`` where that
engagement has not got so far), so that an answer can be read beside its question
and beside the others'. Every person is fictional.
"""

from __future__ import annotations

from coach_tui.domain.model import AnswerValue, Stage

# --------------------------------------------------------------------- who

#: name, organisation, role, sponsor, stage, weeks in, the contract, days between calls
WHO: tuple[tuple[str, str, str, str, Stage, int, str, int], ...] = (
    ("Priya Raman", "Northwind Logistics", "VP Engineering", "Tom Achebe (CTO)",
     Stage.AWARENESS, 1, "10 sessions over six months", 14),
    ("Marcus Bell", "Halden Foods", "Chief Operating Officer", "Elena Vasquez (CEO)",
     Stage.ANALYSIS, 3, "12 sessions over nine months", 21),
    ("Sofia Lindqvist", "Brightwave Health", "Head of Product",
     "Jon Meyer (Chief Digital Officer)", Stage.ACTION, 20,
     "20 sessions over ten months", 14),
    ("Daniel Okafor", "Meridian Bank", "Chief Financial Officer",
     "Ruth Adeyemi (Chief Executive)", Stage.ACHIEVEMENT, 34,
     "18 sessions over eight months", 21),
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
    "awareness-intake/cadence": (
        "every two weeks",
        "every three weeks",
        "every two weeks",
        "every three weeks",
    ),
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
        ["Ask Femi and George for one suggestion each before the phase-down call"],
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
