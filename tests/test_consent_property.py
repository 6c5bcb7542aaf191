"""Proof that the sponsor sees only what consent (or co-ownership) covers.

Hypothesis builds random engagements: answers of every audience, running-view items,
goals agreed or not, coach-only notes, stakeholders, plan notes, survey suggestions,
suggestions from the executive's own words, and a random consent record. Every text
is made of distinctive words. Every sponsor output (final and session; Markdown and
HTML) is rendered, and no word of anything consent does not cover may appear in it,
compared case-insensitively and also after HTML escaping. Without any recorded
consent, nothing is rendered at all.

The outcome sections are in it too: readings of a goal's measure (the sponsor's only
for an agreed goal) and the executive's closing answers (what they will keep doing,
their plan for what comes next), which reach the sponsor only through a yes to the
section given on the words it has now — not a no, not a yes to earlier words, not an
older or private answer.
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach_tui.domain import consent
from coach_tui.domain.model import (
    GAS_LEVELS,
    Answer,
    Client,
    ClientRecord,
    ConsentDecision,
    Engagement,
    GoalScore,
    Insight,
    InsightKind,
    MeasureReading,
    Plan,
    Session,
    Stage,
    Stakeholder,
    SurveyScore,
)
from coach_tui.domain.reflections import SECTIONS as CLOSING
from coach_tui.domain.reflections import SOURCES
from coach_tui.reports import report

#: Scripts a session may follow: the closing answers count only from their own.
SCRIPTS = ["action-checkin", "phase-down", "final-session"]

#: Closing answers with words in them, and the consent section each belongs to.
CLOSING_QUESTIONS = {
    "routines": "keep-doing",
    "relapse-risks": "recommendations",
    "accountability-partner": "recommendations",
    "manager-support": "recommendations",
}

TODAY = date(2026, 10, 12)
START = datetime(2026, 6, 1, 9, 0)

#: Distinctive words: "zq…k<n>q" never occurs in a report's own text, and the
#: running number keeps one word from being a part of another.
WORD = st.text(alphabet="abcdefghijlmnoprstuvwxy", min_size=1, max_size=6)


class Words:
    """Hands out fresh distinctive words and remembers which may be shown."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data
        self.used: set[str] = set()

    def text(self, count: int = 2) -> str:
        words = []
        while len(words) < count:
            word = f"zq{self.data.draw(WORD)}k{len(self.used)}q"
            self.used.add(word)
            words.append(word)
        return " ".join(words)


def _build(data: st.DataObject) -> tuple[ClientRecord, set[str], set[str], set[str]]:
    """A random record, the words that may be shown, those that must not, and those
    that must (the closing answers a yes covers)."""
    words = Words(data)
    allowed: set[str] = set()
    forbidden: set[str] = set()
    must: set[str] = set()

    def draw_text(share: bool, count: int = 2) -> str:
        text = words.text(count)
        (allowed if share else forbidden).update(text.split())
        return text

    stage = data.draw(st.sampled_from(list(Stage)))
    client_name = words.text(2).title()
    allowed.update(client_name.casefold().split())
    record = ClientRecord(
        client=Client("c1", client_name, sponsor=draw_text(False)),
        engagements=[Engagement("e1", "c1", stage=stage, started=START)],
    )
    for n in range(data.draw(st.integers(0, 5))):
        name = draw_text(False).title()
        record.stakeholders.append(
            Stakeholder(f"p{n}", "e1", name, data.draw(st.sampled_from(["peer", "manager"])))
        )
    audiences = ["coach", "coach", "executive", "stakeholder"]
    sessions = []
    closing: list[tuple[Session, str, str, str]] = []
    for n in range(data.draw(st.integers(1, 4))):
        when = START + timedelta(days=7 * n)
        session = Session(
            f"s{n}",
            "e1",
            data.draw(st.sampled_from(SCRIPTS)),
            "A session",
            1,
            stage,
            when,
            ended=when + timedelta(minutes=50),
            audience=data.draw(st.sampled_from(audiences)),
        )
        sessions.append(session)
        for q in range(data.draw(st.integers(0, 3))):
            value = draw_text(False, 3)
            record.answers.append(
                Answer(
                    f"a{n}-{q}",
                    session.id,
                    data.draw(st.sampled_from(["coach-notes", "obstacles", "self-goals"])),
                    draw_text(False),
                    "text",
                    value,
                    when,
                    private=data.draw(st.booleans()),
                )
            )
        for question_id in data.draw(st.lists(st.sampled_from(sorted(CLOSING_QUESTIONS)))):
            said = words.text(2)
            private = data.draw(st.booleans())
            answer_id = f"c{n}-{len(closing)}"
            closing.append((session, question_id, said, answer_id))
            value: str | list[str] = [said] if question_id == "routines" else said
            record.answers.append(
                Answer(
                    answer_id,
                    session.id,
                    question_id,
                    question_id,
                    "list" if question_id == "routines" else "text",
                    value,
                    when,
                    private=private,
                )
            )
    record.sessions = sessions
    decisions: list[ConsentDecision] = []
    made_any = data.draw(st.booleans())
    kinds = [
        InsightKind.STRENGTH,
        InsightKind.WEAKNESS,
        InsightKind.ACTION,
        InsightKind.MOTIVATION,
        InsightKind.NOTE,
        InsightKind.GOAL,
    ]
    for n in range(data.draw(st.integers(0, 10))):
        kind = data.draw(st.sampled_from(kinds))
        private = data.draw(st.booleans()) if kind is not InsightKind.NOTE else True
        session_id = data.draw(st.sampled_from([s.id for s in sessions]))
        item_id = f"i{n}"
        choice = data.draw(st.sampled_from([None, True, False]))
        # A yes is given to the words the executive saw; some items were reworded since.
        reworded = choice is True and data.draw(st.booleans())
        agreed = kind is InsightKind.GOAL and data.draw(st.booleans())
        # An agreed goal is the sponsor's too, whatever any item decision says.
        shown = not private and (
            agreed or (kind in consent.ITEM_KINDS and choice is True and not reworded)
        )
        text = draw_text(shown)
        if choice is not None:
            seen = draw_text(False) if reworded else data.draw(st.sampled_from(["", text]))
            decisions.append(
                ConsentDecision(f"d{n}", "e1", consent.item_key(item_id), choice, START, text=seen)
            )
        insight = Insight(
            item_id,
            "e1",
            kind,
            text,
            START,
            session_id=session_id,
            private=private,
            done=data.draw(st.booleans()),
        )
        if kind is InsightKind.GOAL:
            insight.measure = draw_text(shown)
            insight.gas = {level: draw_text(shown) for level in GAS_LEVELS}
            insight.scores = [GoalScore(data.draw(st.integers(-2, 2)), START, session_id)]
            # Readings of the measure are the sponsor's exactly when the goal is.
            insight.readings = [
                MeasureReading(draw_text(shown), TODAY, draw_text(shown))
                for _ in range(data.draw(st.integers(0, 2)))
            ]
            if agreed:
                insight.status = "agreed"
                insight.agreed_at = START
        # Earlier wordings are never shown to anyone but the coach's history.
        record.insights.append(insight)
    for name in consent.SECTIONS:
        if name in CLOSING:
            continue
        choice = data.draw(st.sampled_from([None, True, False]))
        if choice is not None:
            decisions.append(
                ConsentDecision(f"sec-{name}", "e1", consent.section_key(name), choice, START)
            )
    record.consent = decisions
    covered = _closing_consent(data, record, words, decisions)
    for session, question_id, text, answer_id in closing:
        # Shown only if it is the latest answer to its question, not private, from a
        # coaching session, and its section has a yes on the words it has now.
        latest = _latest(record, question_id)
        current = latest is not None and latest.id == answer_id
        shown = (
            current and session.audience == "coach" and CLOSING_QUESTIONS[question_id] in covered
        )
        (allowed if shown else forbidden).update(text.split())
        if shown:
            must.update(text.split())
    if made_any:
        # At least one decision makes a record exist (it may be a "no").
        decisions.append(ConsentDecision("d-none", "e1", "item:nothing", False, START))
    record.consent = decisions
    record.plans.append(Plan("pl", "e1", START, session_id="s0", notes=draw_text(False)))
    for n in range(data.draw(st.integers(0, 4))):
        record.surveys.append(
            SurveyScore(f"sv{n}", "e1", None, 1, START, "peer", suggestion=draw_text(False))
        )
    return record, allowed, forbidden, must


def _latest(record: ClientRecord, question_id: str) -> Answer | None:
    """The answer a report uses: the latest coaching session's of a script that asks it
    with this meaning, if it is not private."""
    for session in sorted(record.sessions, key=lambda s: s.started, reverse=True):
        if session.audience != "coach" or session.script_id not in SOURCES[question_id]:
            continue
        answer = record.answers_of(session.id).get(question_id)
        if answer is not None and not answer.private:
            return answer
    return None


def _closing_consent(
    data: st.DataObject, record: ClientRecord, words: Words, decisions: list[ConsentDecision]
) -> set[str]:
    """Random decisions on the closing sections; the names of those that share."""
    covered: set[str] = set()
    scrub = report.sponsor_scrub(record)
    for name in CLOSING:
        choice = data.draw(st.sampled_from(["none", "no", "yes-now", "yes-blank", "yes-before"]))
        if choice == "none":
            continue
        now = consent.section_text(record, name, scrub)
        text = {"yes-now": now, "yes-blank": "", "yes-before": words.text(2)}.get(choice, now)
        shared = choice != "no"
        decisions.append(
            ConsentDecision(f"cl-{name}", "e1", consent.section_key(name), shared, START, text=text)
        )
        if shared and choice != "yes-before" and now:
            covered.add(name)
    return covered


def _outputs(record: ClientRecord) -> list[tuple[str, str]]:
    out = []
    kinds = ["final"]
    if any(s.audience == "coach" for s in record.sessions):
        kinds.append("session")
    for kind in kinds:
        for fmt in ("md", "html"):
            out.append((f"{kind}.{fmt}", report.render_report(record, kind, "sponsor", fmt, TODAY)))
    return out


@settings(max_examples=150, suppress_health_check=[HealthCheck.large_base_example])
@given(st.data())
def test_no_sponsor_output_carries_what_consent_does_not_cover(data: st.DataObject) -> None:
    record, allowed, forbidden, _must = _build(data)
    forbidden -= allowed
    if consent.relied_on(record) is None:
        with pytest.raises(consent.ConsentMissingError):
            report.render_report(record, "final", "sponsor", "md", TODAY)
        return
    for name, text in _outputs(record):
        folded = text.casefold()
        leaked = sorted(
            word for word in forbidden if word in folded or html.escape(word).casefold() in folded
        )
        assert leaked == [], f"{name} shows {leaked}"


@settings(max_examples=60, suppress_health_check=[HealthCheck.large_base_example])
@given(st.data())
def test_what_consent_covers_does_reach_the_sponsor(data: st.DataObject) -> None:
    """The other half: a shared item is in the final report (the test can see leaks)."""
    record, _allowed, _forbidden, must = _build(data)
    if consent.relied_on(record) is None:
        return
    text = report.render_report(record, "final", "sponsor", "md", TODAY).casefold()
    missing = sorted(word for word in must if word not in text)
    assert missing == [], f"closing words shared with consent are missing: {missing}"
    shared = consent.in_force(record)
    for item in record.insights:
        key = consent.item_key(item.id)
        covered = consent.covers(shared, key, item.text)
        if covered and not item.private and item.kind in consent.ITEM_KINDS:
            assert item.text.casefold() in text
