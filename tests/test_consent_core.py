"""Consent in the core: the migration, goals, coach-only answers, titles, the sharing log.

Each test here names a defect of the version before consent: every item saved as
shared, no way to make one answer coach-only, the executive's summary carrying the
coach's observations, "Final report" in any stage, no record of what the sponsor got.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from review_demo import TODAY, demo_copy, fixed_clock

from coach_tui import locations
from coach_tui.domain import consent, goals, sharing, suggestions
from coach_tui.domain.model import InsightKind, Stage
from coach_tui.errors import InvalidInputError
from coach_tui.reports import report
from coach_tui.scripts import library as scripts
from coach_tui.scripts.library import load_library
from coach_tui.store.practice import Practice

OBSERVATION = "She laughed when she said it, but it clearly stings"


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return demo_copy(tmp_path_factory, tmp_path / "data")


def _as_schema_one(path: Path, self_goal: str) -> None:
    """Rewrite a client file as the version before consent wrote it."""
    tables = json.loads(path.read_text(encoding="utf-8"))
    for doc in tables["meta"].values():
        doc["schema"] = 1
    for name, table in tables.items():
        for doc in table.values():
            if name != "meta":
                doc["schema"] = 1
            if name == "insights":
                doc["shared"] = True
                for key in ("status", "agreed_at", "agreed_session", "agreed_by"):
                    doc.pop(key, None)
            if name == "answers":
                doc.pop("private", None)
    tables.pop("consent", None)
    # The old version turned the executive's own goal into a goal item.
    sessions = [d for d in tables["sessions"].values() if d["audience"] == "executive"]
    tables["insights"]["9999"] = {
        "id": "old-self-goal",
        "engagement_id": sessions[0]["engagement_id"],
        "kind": "goal",
        "text": self_goal,
        "created": sessions[0]["started"],
        "session_id": sessions[0]["id"],
        "question_id": "self-goals",
        "shared": True,
        "schema": 1,
    }
    path.write_text(json.dumps(tables), encoding="utf-8")


def test_migration_shares_nothing_and_keeps_the_old_file(root: Path) -> None:
    practice = Practice(root, clock=fixed_clock)
    cid = "daniel-okafor"
    library = load_library(root)
    script = library.get("self-assessment")
    session = practice.start_session(cid, script)
    goal_question = next(q for q in script.questions if q.id == "self-goals")
    words = "My CEO asked me to do this after the plant closure went badly"
    practice.save_answer(cid, session.id, goal_question, [words])
    practice.end_session(cid, session.id)
    path = practice.client_path(cid)
    _as_schema_one(path, words)
    old = path.read_bytes()

    record = Practice(root, clock=fixed_clock).load(cid)
    assert record.consent == []
    assert all(g.status == "draft" for g in record.insights_of(InsightKind.GOAL))
    assert words not in {g.text for g in record.insights_of(InsightKind.GOAL)}
    assert words in {s.line for s in suggestions.pending(record, library)}
    notes = [a for a in record.answers if a.question_id == "coach-notes"]
    assert notes and all(a.private for a in notes)
    with pytest.raises(consent.ConsentMissingError):
        report.render_report(record, "final", "sponsor", "md", TODAY)

    # The first write migrates the file and keeps it as it was.
    practice.log_event(cid, "test", "after the upgrade")
    kept = locations.migrations_dir(root) / f"{cid}.schema1.json"
    assert kept.read_bytes() == old
    written = json.loads(path.read_text(encoding="utf-8"))
    assert all("shared" not in d for d in written["insights"].values())


def test_a_goal_is_agreed_only_with_a_measure_and_five_levels(root: Path) -> None:
    practice = Practice(root, clock=fixed_clock)
    cid = "priya-raman"
    goal = practice.capture(cid, InsightKind.GOAL, "Coach her leads instead of solving")
    with pytest.raises(InvalidInputError, match="success measure and GAS levels"):
        goals.agree(practice, cid, goal.id)
    practice.update_insight(
        cid, goal.id, measure="Leads solve 4 of 5 incidents", gas={-2: "a", -1: "b", 0: "c"}
    )
    with pytest.raises(InvalidInputError, match=r"GAS levels \+1, \+2"):
        goals.agree(practice, cid, goal.id)
    practice.update_insight(cid, goal.id, gas={-2: "a", -1: "b", 0: "c", 1: "d", 2: "e"})
    agreed = goals.agree(practice, cid, goal.id, session_id="s1")
    assert goals.is_agreed(agreed)
    assert agreed.agreed_at == fixed_clock() and agreed.agreed_session == "s1"
    assert agreed.agreed_by == goals.THREE_WAY
    with pytest.raises(InvalidInputError, match="say why"):
        goals.close(practice, cid, goal.id, goals.GoalStatus.DROPPED)
    dropped = goals.close(practice, cid, goal.id, goals.GoalStatus.DROPPED, "role changed")
    assert not goals.is_agreed(dropped) and dropped.closed_reason == "role changed"


def test_only_agreed_goals_reach_the_sponsor_without_consent(root: Path) -> None:
    practice = Practice(root, clock=fixed_clock)
    cid = "marcus-bell"  # Analysis: goals written, not agreed; a consent record exists
    record = practice.load(cid)
    drafts = record.insights_of(InsightKind.GOAL)
    text = report.render_report(record, "final", "sponsor", "md", TODAY)
    for goal in drafts:
        assert goal.text not in text and goal.measure not in text
    assert f"{len(drafts)} goals not yet agreed in a three-way meeting" in text
    goals.agree(practice, cid, drafts[0].id)
    text = report.render_report(practice.load(cid), "final", "sponsor", "md", TODAY)
    assert drafts[0].text in text and drafts[0].measure in text
    assert drafts[1].text not in text


def test_coach_only_questions_and_answers_stay_out_of_the_executives_reports(
    root: Path,
) -> None:
    library = load_library(root)
    for script_id in ("awareness-intake", "action-checkin", "final-session"):
        notes = library.get(script_id).question("coach-notes")
        assert notes.coach_only
    practice = Practice(root, clock=fixed_clock)
    cid = "sofia-lindqvist"
    checkin = library.get("action-checkin")
    session = practice.start_session(cid, checkin)
    practice.save_answer(cid, session.id, checkin.question("coach-notes"), "Tired; ask about sleep")
    observed = practice.save_answer(cid, session.id, checkin.question("new-behaviour"), OBSERVATION)
    practice.end_session(cid, session.id)
    record = practice.load(cid)
    assert record.answers_of(session.id)["coach-notes"].private
    summary = report.build_session_summary(record, "client", today=TODAY)
    assert OBSERVATION in summary  # the executive's, until the coach says otherwise
    practice.set_answer_private(cid, observed.id, True)
    record = practice.load(cid)
    for kind in ("final", "session"):
        text = report.render_report(record, kind, "client", "md", TODAY)
        assert OBSERVATION not in text and "ask about sleep" not in text


def test_a_coach_only_question_cannot_feed_a_running_view(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'id = "mine"\ntitle = "Mine"\nstage = "action"\n'
        '[[sections]]\ntitle = "One"\n[[sections.questions]]\nid = "obs"\n'
        'text = "What did you notice?"\nkind = "list"\nfeeds = "strengths"\n'
        "coach_only = true\n",
        encoding="utf-8",
    )
    problems = scripts.check_files([path])
    assert any("coach-only question cannot feed" in str(p) for p in problems)


def test_the_title_tells_the_stage(root: Path) -> None:
    practice = Practice(root, clock=fixed_clock)
    for cid, title in (
        ("priya-raman", "Progress report"),
        ("marcus-bell", "Progress report"),
        ("sofia-lindqvist", "Progress report"),
        ("daniel-okafor", "Final report"),
    ):
        record = practice.load(cid)
        assert report.render_report(record, "final", "client", "md", TODAY).startswith(
            f"# {title}: "
        )
    record = practice.load("sofia-lindqvist")
    record.engagement.ended = datetime(2026, 2, 1)  # closed early, in Action
    assert report.render_report(record, "final", "client", "md", TODAY).startswith(
        "# Final report: "
    )
    assert record.engagement.stage is Stage.ACTION


def test_the_latest_decision_is_in_force_and_the_record_is_named(root: Path) -> None:
    practice = Practice(root, clock=fixed_clock)
    cid = "priya-raman"
    record = practice.load(cid)
    area = record.insights_of(InsightKind.WEAKNESS)[0]
    key = consent.item_key(area.id)
    consent.record_decisions(practice, cid, {key: True}, at=datetime(2026, 2, 1, 9))
    consent.record_decisions(practice, cid, {key: False}, at=datetime(2026, 2, 2, 9))
    record = practice.load(cid)
    assert [d.shared for d in record.consent] == [True, False]
    text = report.render_report(record, "final", "sponsor", "md", TODAY)
    assert area.text not in text
    assert "the executive's consent recorded on 2 Feb 2026 (0 of 1 decisions to share)" in text
    assert "2 development areas kept between the executive and the coach" in text
    consent.record_decisions(practice, cid, {key: True}, at=datetime(2026, 2, 3, 9))
    text = report.render_report(practice.load(cid), "final", "sponsor", "md", TODAY)
    assert area.text in text


def test_every_sponsor_report_is_logged_with_its_items(root: Path, tmp_path: Path) -> None:
    practice = Practice(root, clock=fixed_clock)
    cid = "daniel-okafor"
    report.write_report(practice, cid, "final", "client", "md", tmp_path / "own.md")
    assert sharing.sent(practice.load(cid)) == []
    report.write_report(practice, cid, "session", "sponsor", "html", tmp_path / "s.html")
    report.write_report(practice, cid, "final", "sponsor", "md", tmp_path / "f.md")
    record = practice.load(cid)
    final, session = sharing.sent(record)
    assert (final.kind, final.file, final.at.date()) == ("final", str(tmp_path / "f.md"), TODAY)
    shared = {d.key for d in consent.in_force(record).values() if d.shared}
    agreed = {g.id for g in record.insights_of(InsightKind.GOAL) if goals.is_agreed(g)}
    assert agreed and agreed <= set(final.item_ids)
    for item_id in final.item_ids:
        assert item_id in agreed or consent.item_key(item_id) in shared or item_id in shared
    assert sharing.describe(final).startswith(
        f"report sent to the sponsor on {TODAY.day} {TODAY:%b %Y}: 2 goals, scores"
    )
    assert session.kind == "session"
    assert date.fromisoformat(final.at.date().isoformat()) == TODAY


def test_a_reworded_item_needs_asking_again(root: Path) -> None:
    """Consent is to the words the executive saw: a rewording is not covered."""
    practice = Practice(root, clock=fixed_clock)
    cid = "priya-raman"
    record = practice.load(cid)
    area = record.insights_of(InsightKind.WEAKNESS)[0]
    key = consent.item_key(area.id)
    consent.record_decisions(practice, cid, {key: True}, texts={key: area.text})
    assert area.text in report.render_report(practice.load(cid), "final", "sponsor", "md", TODAY)
    practice.update_insight(cid, area.id, text="Freezes when the CEO asks for numbers")
    record = practice.load(cid)
    text = report.render_report(record, "final", "sponsor", "md", TODAY)
    assert "Freezes when the CEO" not in text and area.text not in text
    assert "1 item reworded since the executive agreed to share it: to ask again" in text
    (changed,) = [c for c in consent.candidates(record, str) if c.key == key]
    assert changed.changed and not changed.shared
