"""One engagement, written out by hand, for the report tests (not the demo's wording).

Ann Lee, Head of Operations, in Achievement after six calls of twelve contracted:
two agreed goals with GAS scores and readings of their measures, a draft goal the
old survey kit still asked about, two pulses of the mini-survey, the closing answers
(routines, own view, readiness, relapse risks, manager support, follow-up) and a
coach-only note. ``write_practice`` puts it on disk through ``coach-tui import``.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from coach_tui import __version__
from coach_tui.cli.main import main
from coach_tui.domain.model import (
    Answer,
    Client,
    ClientRecord,
    ConsentDecision,
    Engagement,
    GoalScore,
    Insight,
    InsightKind,
    MeasureReading,
    Session,
    Stage,
    SurveyScore,
)
from coach_tui.store.practice import FILE_KIND
from coach_tui.store.records import SCHEMA, to_doc

TODAY = date(2026, 6, 10)
START = datetime(2026, 1, 5, 9, 0)
SECRET = "Coach only: she may leave if the reorganisation drags on"

#: Pulse 1 (10–12 Mar) and pulse 2 (20–22 May): (relationship, goal-1, goal-2, overall, draft)
PULSE_1 = [
    ("direct report", 1, 0, 1, 2),
    ("direct report", 0, 0, 1, 2),
    ("direct report", 1, 1, 0, 2),
    ("peer", 2, -1, 1, 2),
    ("peer", -1, 0, 2, 2),
]
PULSE_2 = [
    ("direct report", 2, 1, 2, 3),
    ("direct report", 2, 1, 2, 3),
    ("direct report", 1, 0, 1, 3),
    ("peer", 2, 2, 2, 3),
    ("manager", 1, 1, 1, 3),
]
GAS = {
    -2: "Queue over 20",
    -1: "Queue over 10",
    0: "Queue under 5",
    1: "Queue under 3",
    2: "No queue",
}
GAS_2 = {
    -2: "Silent in the committee",
    -1: "Speaks when asked",
    0: "Speaks up once a meeting",
    1: "Leads one item a month",
    2: "Chairs the committee",
}


def _session(n: int, script: str, title: str, when: datetime) -> Session:
    return Session(
        f"s{n}", "e1", script, title, 1, Stage.ACHIEVEMENT, when, ended=when + timedelta(hours=1)
    )


def _answer(session: Session, qid: str, value: object, kind: str = "text", **kw: bool) -> Answer:
    return Answer(
        f"{session.id}-{qid}", session.id, qid, qid.replace("-", " "), kind, value,  # type: ignore[arg-type]
        session.started, **kw,
    )  # fmt: skip


def build(contracted: int | None = 12) -> ClientRecord:
    """The whole record (consent: one decision, so sponsor reports can be made)."""
    record = ClientRecord(
        client=Client("ann-lee", "Ann Lee", "Acme Logistics", "Head of Operations"),
        engagements=[
            Engagement("e1", "ann-lee", Stage.ACHIEVEMENT, START, contracted_sessions=contracted)
        ],
    )
    s1 = _session(1, "awareness-intake", "Intake interview", START)
    s2 = _session(2, "three-way-signoff", "Plan sign-off (three-way)", datetime(2026, 2, 2, 9))
    s3 = _session(3, "action-checkin", "Action check-in (GROW)", datetime(2026, 3, 2, 9))
    s4 = _session(4, "achievement-review", "Progress review", datetime(2026, 5, 4, 9))
    s5 = _session(5, "phase-down", "Phase-down call", datetime(2026, 5, 18, 9))
    s6 = _session(6, "final-session", "Final session", datetime(2026, 6, 1, 9))
    record.sessions = [s1, s2, s3, s4, s5, s6]
    record.answers = [
        _answer(s1, "readiness", 8, "rating"),
        _answer(s4, "overall-change-self", 2, "rating"),
        _answer(s4, "readiness-to-continue-alone", 4, "rating"),
        _answer(s5, "routines", ["Friday review of open decisions", "Monthly skip-level lunch"],
                "list"),
        _answer(s5, "feedforward-routine", True, "yesno"),
        _answer(s5, "relapse-risks", "Quarter-end crunch pulls me back into approvals"),
        _answer(s5, "accountability-partner", "A peer from the finance leadership team", "line"),
        _answer(s6, "coaching-value", 9, "rating"),
        _answer(s6, "manager-support", "Ask me each month which decision I handed over"),
        _answer(s6, "follow-up-date", "2026-09-15", "date"),
        _answer(s6, "coach-notes", SECRET),
    ]  # fmt: skip
    agreed = datetime(2026, 2, 2, 10)
    g1 = Insight(
        "g1", "e1", InsightKind.GOAL, "Delegate decisions to the team", START,
        measure="Approval queue under 5", gas=dict(GAS), status="agreed", agreed_at=agreed,
        scores=[GoalScore(-1, agreed, "s2"), GoalScore(0, s3.started, "s3"),
                GoalScore(1, s4.started, "s4")],
        readings=[MeasureReading("14 waiting", date(2026, 2, 1), "dashboard"),
                  MeasureReading("9 waiting", date(2026, 3, 31), "dashboard"),
                  MeasureReading("4 waiting", date(2026, 5, 30), "dashboard")],
    )  # fmt: skip
    g2 = Insight(
        "g2", "e1", InsightKind.GOAL, "Speak up in the executive committee", START,
        measure="Leads one agenda item a month", gas=dict(GAS_2), status="agreed",
        agreed_at=agreed,
        scores=[GoalScore(-2, agreed, "s2"), GoalScore(-1, s4.started, "s4")],
    )  # fmt: skip
    g3 = Insight("g3", "e1", InsightKind.GOAL, "Stray line from the self-assessment", START)
    record.insights = [
        g1,
        g2,
        g3,
        Insight("w1", "e1", InsightKind.WEAKNESS, "Interrupts in meetings", START),
        Insight("w2", "e1", InsightKind.WEAKNESS, "Late on email", START, done=True),
        Insight("st1", "e1", InsightKind.STRENGTH, "Calm under pressure", START),
        Insight("a1", "e1", InsightKind.ACTION, "Hand over the Monday approvals", START,
                due=date(2026, 7, 1)),
    ]  # fmt: skip
    for first, rows in ((datetime(2026, 3, 10, 9), PULSE_1), (datetime(2026, 5, 20, 9), PULSE_2)):
        for n, (relationship, one, two, overall, draft) in enumerate(rows):
            at = first + timedelta(hours=12 * n)
            for goal_id, value in (("g1", one), ("g2", two), (None, overall), ("g3", draft)):
                record.surveys.append(
                    SurveyScore(f"sv{at:%m%d%H}{goal_id}", "e1", goal_id, value, at, relationship)
                )
    record.consent = [ConsentDecision("d0", "e1", "item:nothing", False, datetime(2026, 6, 1))]
    return record


def export_document(record: ClientRecord) -> dict[str, object]:
    """The record as ``coach-tui export`` writes it."""
    tables: dict[str, list[dict[str, object]]] = {
        "meta": [{"kind": FILE_KIND, "schema": SCHEMA, "client_id": record.client.id}],
        "client": [to_doc(record.client)],
    }
    for name in (
        "engagements", "sessions", "answers", "insights", "stakeholders", "ratings",
        "surveys", "plans", "events", "consent", "sharing",
    ):  # fmt: skip
        tables[name] = [to_doc(item) for item in getattr(record, name)]
    return {
        "coach_tui_export": 1,
        "version": __version__,
        "schema": SCHEMA,
        "exported": START.isoformat(),
        "clients": {record.client.id: tables},
    }


def write_practice(record: ClientRecord, root: Path) -> Path:
    """Put the record in a practice at ``root`` through ``coach-tui import``."""
    source = root.parent / f"{record.client.id}-export.json"
    source.write_text(json.dumps(export_document(record)), encoding="utf-8")
    assert main(["import", str(source), "--data", str(root)]) == 0
    return root
