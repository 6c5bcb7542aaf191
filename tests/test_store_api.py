"""The behaviour of ``Practice``, the public API of the store."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from coach_tui import locations
from coach_tui.domain.model import (
    RELATIONSHIPS,
    STAGES,
    Edit,
    InsightKind,
    Stage,
)
from coach_tui.errors import (
    AmbiguousError,
    CoachError,
    InvalidInputError,
    NotFoundError,
    StoreError,
)
from coach_tui.store import livefile, migrations, records, safefile, storage
from coach_tui.store import practice as store
from coach_tui.store.practice import Practice

T0 = datetime(2024, 3, 1, 9, 0, 0)


class Clock:
    """A clock that moves one minute on every reading, so every change has its own time."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def question(
    qid: str, kind: str = "text", feeds: str | None = None, text: str | None = None
) -> SimpleNamespace:
    return SimpleNamespace(id=qid, text=text or f"{qid}?", kind=kind, section="Intro", feeds=feeds)


def script(*questions: SimpleNamespace, audience: str = "coach") -> SimpleNamespace:
    return SimpleNamespace(
        id="awareness-intake",
        title="Intake",
        version=1,
        audience=audience,
        questions=list(questions) or [question("q1")],
    )


@pytest.fixture
def practice(tmp_path: Path) -> Practice:
    return Practice(tmp_path / "data", clock=Clock())


@pytest.fixture
def ana(practice: Practice) -> str:
    return practice.create_client("Ana López", organisation="Acme", role="COO").id


@pytest.fixture
def session_id(practice: Practice, ana: str) -> str:
    return practice.start_session(ana, script(question("q1"), question("q2"))).id


def file_state(path: Path) -> tuple[int, int, bytes]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns, path.read_bytes()


def on_disk(practice: Practice, client_id: str) -> dict[str, Any]:
    return json.loads(practice.client_path(client_id).read_bytes())  # type: ignore[no-any-return]


def on_disk_session(practice: Practice, client_id: str, session_id: str) -> dict[str, Any]:
    """A live session's own file, as it is on disk."""
    path = livefile.session_path(practice.root, client_id, session_id)
    return json.loads(path.read_bytes())  # type: ignore[no-any-return]


# ----------------------------------------------------------------- clients


def test_create_client_uses_readable_slug_ids(practice: Practice) -> None:
    assert practice.create_client("Ana María López").id == "ana-maria-lopez"
    assert practice.create_client("  Ana   María López ").id == "ana-maria-lopez-2"
    assert practice.create_client("ANA MARÍA LÓPEZ").id == "ana-maria-lopez-3"
    assert practice.create_client("O'Brien, Seán").id == "o-brien-sean"
    assert practice.create_client("李小龙").id == "executive"
    assert practice.create_client("李小龙").id == "executive-2"
    long = practice.create_client("x" * 100)
    assert len(long.id) <= 40
    assert practice.client_ids() == sorted(
        [
            "ana-maria-lopez",
            "ana-maria-lopez-2",
            "ana-maria-lopez-3",
            "o-brien-sean",
            "executive",
            "executive-2",
            long.id,
        ]
    )


def test_create_client_keeps_fields_and_starts_in_awareness(practice: Practice) -> None:
    client = practice.create_client(
        " Bo  Berg ", organisation=" Acme ", role=" CFO ", email=" bo@acme.test ", sponsor=" Jo "
    )
    assert (client.name, client.organisation, client.role, client.email, client.sponsor) == (
        "Bo Berg",
        "Acme",
        "CFO",
        "bo@acme.test",
        "Jo",
    )
    record = practice.load(client.id)
    assert record.client == client
    assert record.engagement.stage is Stage.AWARENESS
    assert [c.stage for c in record.engagement.changes] == [Stage.AWARENESS]
    assert [e.kind for e in record.events] == ["created"]
    meta = list(on_disk(practice, client.id)["meta"].values())
    assert meta == [{"kind": "coach-tui/client", "schema": records.SCHEMA, "client_id": client.id}]
    (summary,) = practice.list_clients()
    assert (summary.id, summary.name, summary.organisation, summary.stage) == (
        client.id,
        "Bo Berg",
        "Acme",
        Stage.AWARENESS,
    )


@pytest.mark.parametrize("name", ["", "   ", "\n\t"])
def test_create_client_needs_a_name(practice: Practice, name: str) -> None:
    with pytest.raises(InvalidInputError):
        practice.create_client(name)
    assert practice.client_ids() == []


def test_update_client(practice: Practice, ana: str) -> None:
    updated = practice.update_client(ana, name="Ana L. Pérez", role=" CEO ")
    assert (updated.name, updated.role, updated.organisation) == ("Ana L. Pérez", "CEO", "Acme")
    assert practice.load(ana).client == updated
    assert practice.list_clients()[0].name == "Ana L. Pérez"
    with pytest.raises(InvalidInputError):
        practice.update_client(ana, name=" ")
    with pytest.raises(InvalidInputError):
        practice.update_client(ana, id="other")
    assert practice.load(ana).client == updated


def test_unknown_client_is_not_found(practice: Practice) -> None:
    for bad in ("nobody", "../etc/passwd", "Ana", ""):
        with pytest.raises(NotFoundError):
            practice.load(bad)
    with pytest.raises(NotFoundError):
        practice.capture("nobody", InsightKind.NOTE, "x")
    assert practice.client_ids() == []


# ----------------------------------------------------------------- answers


def test_answer_history_keeps_earlier_values_in_order(
    practice: Practice, ana: str, session_id: str
) -> None:
    q1 = question("q1")
    first = practice.save_answer(ana, session_id, q1, "one")
    practice.save_answer(ana, session_id, q1, "two")
    last = practice.save_answer(ana, session_id, q1, "three")
    assert last.id == first.id
    (answer,) = practice.load(ana).answers
    assert answer.value == "three"
    assert [e.value for e in answer.history] == ["one", "two"]
    times = [e.at for e in answer.history] + [answer.updated]
    assert times == sorted(times) and len(set(times)) == 3
    assert answer.question_text == "q1?" and answer.kind == "text"


def test_saving_the_same_value_again_changes_nothing_on_disk(
    practice: Practice, ana: str, session_id: str
) -> None:
    q1 = question("q1")
    practice.save_answer(ana, session_id, q1, "same")
    path = practice.client_path(ana)
    before = file_state(path)
    backup_before = file_state(safefile.backup_path(path))
    again = practice.save_answer(ana, session_id, q1, "same")
    assert again.value == "same" and again.history == []
    assert file_state(path) == before, "the file was rewritten"
    assert file_state(safefile.backup_path(path)) == backup_before
    (answer,) = practice.load(ana).answers
    assert answer.history == []


def test_answer_values_keep_their_kind(practice: Practice, ana: str, session_id: str) -> None:
    saved = {
        "a-list": practice.save_answer(
            ana, session_id, question("a-list", "list"), [" a ", "", "b"]
        ),
        "a-lines": practice.save_answer(ana, session_id, question("a-lines", "list"), "x\n\ny"),
        "a-rating": practice.save_answer(ana, session_id, question("a-rating", "rating"), 4),
        "a-yes": practice.save_answer(ana, session_id, question("a-yes", "yesno"), False),
        "a-date": practice.save_answer(ana, session_id, question("a-date", "date"), "2024-05-01"),
        "a-none": practice.save_answer(ana, session_id, question("a-none", "text"), None),
    }
    expected = {
        "a-list": ["a", "b"],
        "a-lines": ["x", "y"],
        "a-rating": 4,
        "a-yes": False,
        "a-date": "2024-05-01",
        "a-none": "",
    }
    assert {k: v.value for k, v in saved.items()} == expected
    assert {a.question_id: a.value for a in practice.load(ana).answers} == expected
    for kind, bad in [
        ("rating", "4"),
        ("rating", True),
        ("yesno", "yes"),
        ("date", "May 1"),
        ("text", 3),
        ("list", 3),
    ]:
        with pytest.raises(InvalidInputError):
            practice.save_answer(ana, session_id, question("bad", kind), bad)
    assert "bad" not in {a.question_id for a in practice.load(ana).answers}


def test_answer_to_unknown_session_is_not_found(practice: Practice, ana: str) -> None:
    with pytest.raises(NotFoundError):
        practice.save_answer(ana, "nosuchsession", question("q1"), "x")


def test_answers_are_per_session(practice: Practice, ana: str) -> None:
    s1 = practice.start_session(ana, script())
    practice.end_session(ana, s1.id)
    s2 = practice.start_session(ana, script())
    practice.save_answer(ana, s1.id, question("q1"), "first call")
    practice.save_answer(ana, s2.id, question("q1"), "second call")
    record = practice.load(ana)
    assert record.answers_of(s1.id)["q1"].value == "first call"
    assert record.answers_of(s2.id)["q1"].value == "second call"
    assert record.answers_of(s2.id)["q1"].history == []
    session2 = next(s for s in record.sessions if s.id == s2.id)
    assert record.previous_answer("q1", session2).value == "first call"  # type: ignore[union-attr]


# ---------------------------------------------------------- fed insights


#: Two list questions that feed the strengths view, as two scripts might ask.
STRENGTHS = question("strengths", "list", feeds="strengths")
MORE_STRENGTHS = question("more-strengths", "list", feeds="strengths")


def fed(practice: Practice, client_id: str, kind: InsightKind = InsightKind.STRENGTH) -> list[str]:
    return sorted(i.text for i in practice.load(client_id).insights_of(kind))


def test_list_answer_feeds_one_insight_per_item(
    practice: Practice, ana: str, session_id: str
) -> None:
    q = question("strengths", "list", feeds="strengths")
    practice.save_answer(ana, session_id, q, ["Listens", "Decides fast", "Listens"])
    insights = practice.load(ana).insights_of(InsightKind.STRENGTH)
    assert sorted(i.text for i in insights) == ["Decides fast", "Listens"]
    assert all(i.session_id == session_id and i.question_id == "strengths" for i in insights)
    listens_id = next(i.id for i in insights if i.text == "Listens")

    practice.save_answer(ana, session_id, q, ["Listens", "Coaches others"])
    assert fed(practice, ana) == ["Coaches others", "Listens"]
    assert next(i.id for i in practice.load(ana).insights if i.text == "Listens") == listens_id

    practice.save_answer(ana, session_id, q, [])
    assert fed(practice, ana) == []


def test_text_answer_feeds_one_insight_per_line(
    practice: Practice, ana: str, session_id: str
) -> None:
    q = question("why", "text", feeds="motivations")
    practice.save_answer(ana, session_id, q, "- Impact\n* Growth\n\n  • Family  \n")
    assert fed(practice, ana, InsightKind.MOTIVATION) == ["Family", "Growth", "Impact"]
    # Other kinds are not touched.
    assert fed(practice, ana, InsightKind.STRENGTH) == []


def test_fed_insights_the_coach_edited_are_kept(
    practice: Practice, ana: str, session_id: str
) -> None:
    q = question("strengths", "list", feeds="strengths")
    practice.save_answer(ana, session_id, q, ["Listens", "Decides fast"])
    listens = next(i for i in practice.load(ana).insights if i.text == "Listens")
    practice.update_insight(ana, listens.id, text="Listens deeply")
    practice.save_answer(ana, session_id, q, ["Decides fast"])
    assert fed(practice, ana) == ["Decides fast", "Listens deeply"]
    practice.save_answer(ana, session_id, q, [])
    assert fed(practice, ana) == ["Listens deeply"]


def test_captured_insights_are_not_touched_by_a_feeding_answer(
    practice: Practice, ana: str, session_id: str
) -> None:
    practice.capture(ana, InsightKind.STRENGTH, "Listens", session_id=session_id)
    q = question("strengths", "list", feeds="strengths")
    practice.save_answer(ana, session_id, q, ["Decides fast"])
    practice.save_answer(ana, session_id, q, [])
    assert fed(practice, ana) == ["Listens"]


def test_fed_insight_edited_without_changing_its_text_is_kept(
    practice: Practice, ana: str, session_id: str
) -> None:
    q = question("goals", "list", feeds="goals")
    practice.save_answer(ana, session_id, q, ["Delegate more", "Speak up"])
    goal = next(i for i in practice.load(ana).insights if i.text == "Delegate more")
    practice.update_insight(ana, goal.id, measure="2 projects handed over", gas={0: "two"})
    practice.score_goal(ana, goal.id, 1, session_id=session_id)
    practice.save_answer(ana, session_id, q, ["Speak up"])
    kept = {i.text: i for i in practice.load(ana).insights_of(InsightKind.GOAL)}
    assert "Delegate more" in kept
    assert kept["Delegate more"].measure == "2 projects handed over"


def test_renamed_fed_insight_is_not_created_again(
    practice: Practice, ana: str, session_id: str
) -> None:
    q = question("strengths", "list", feeds="strengths")
    practice.save_answer(ana, session_id, q, ["Listens", "Decides fast"])
    listens = next(i for i in practice.load(ana).insights if i.text == "Listens")
    practice.update_insight(ana, listens.id, text="Listens deeply")
    practice.save_answer(ana, session_id, q, ["Listens", "Decides fast", "Coaches"])
    assert fed(practice, ana) == ["Coaches", "Decides fast", "Listens deeply"]


def test_deleted_fed_insight_is_not_created_again(
    practice: Practice, ana: str, session_id: str
) -> None:
    q = question("strengths", "list", feeds="strengths")
    practice.save_answer(ana, session_id, q, ["Listens", "Decides fast"])
    decides = next(i for i in practice.load(ana).insights if i.text == "Decides fast")
    practice.delete(ana, "insights", decides.id)
    practice.save_answer(ana, session_id, q, ["Listens", "Decides fast", "Coaches"])
    assert fed(practice, ana) == ["Coaches", "Listens"]


def test_the_same_line_from_two_questions_is_one_item(
    practice: Practice, ana: str, session_id: str
) -> None:
    q1, q2 = STRENGTHS, MORE_STRENGTHS
    practice.save_answer(ana, session_id, q1, ["Listens"])
    practice.save_answer(ana, session_id, q2, ["Listens", "Decides fast"])
    assert fed(practice, ana) == ["Decides fast", "Listens"]


def test_an_item_still_in_another_answer_stays(
    practice: Practice, ana: str, session_id: str
) -> None:
    q1, q2 = STRENGTHS, MORE_STRENGTHS
    practice.save_answer(ana, session_id, q1, ["Listens"])
    practice.save_answer(ana, session_id, q2, ["Listens", "Decides fast"])
    practice.save_answer(ana, session_id, q1, [])
    assert fed(practice, ana) == ["Decides fast", "Listens"]
    listens = next(i for i in practice.load(ana).insights if i.text == "Listens")
    assert (listens.session_id, listens.question_id) == (session_id, "more-strengths")
    assert listens.also_fed_by == []
    # Once the last answer saying it drops it, it goes.
    practice.save_answer(ana, session_id, q2, ["Decides fast"])
    assert fed(practice, ana) == ["Decides fast"]


def test_an_item_said_in_two_sessions_stays_until_both_drop_it(
    practice: Practice, ana: str, session_id: str
) -> None:
    q = question("strengths", "list", feeds="strengths")
    practice.save_answer(ana, session_id, q, ["Listens"])
    later = practice.start_session(ana, script(q)).id
    practice.save_answer(ana, later, q, ["Listens", "Coaches"])
    assert fed(practice, ana) == ["Coaches", "Listens"]
    practice.save_answer(ana, later, q, ["Coaches"])  # the later answer drops it
    assert fed(practice, ana) == ["Coaches", "Listens"]
    practice.save_answer(ana, later, q, ["Coaches", "Listens"])  # and says it again
    practice.save_answer(ana, session_id, q, [])  # the first answer drops it
    assert fed(practice, ana) == ["Coaches", "Listens"]
    practice.save_answer(ana, later, q, ["Coaches"])
    assert fed(practice, ana) == ["Coaches"]


def test_a_shared_item_the_coach_deleted_is_not_brought_back(
    practice: Practice, ana: str, session_id: str
) -> None:
    q1, q2 = STRENGTHS, MORE_STRENGTHS
    practice.save_answer(ana, session_id, q1, ["Listens"])
    practice.save_answer(ana, session_id, q2, ["Listens"])
    listens = next(i for i in practice.load(ana).insights if i.text == "Listens")
    practice.delete(ana, "insights", listens.id)
    practice.save_answer(ana, session_id, q2, ["Listens", "Decides fast"])
    practice.save_answer(ana, session_id, q1, ["Listens", "Coaches"])
    assert fed(practice, ana) == ["Coaches", "Decides fast"]


def test_a_shared_item_the_coach_renamed_is_not_added_again(
    practice: Practice, ana: str, session_id: str
) -> None:
    q1, q2 = STRENGTHS, MORE_STRENGTHS
    practice.save_answer(ana, session_id, q1, ["Listens"])
    practice.save_answer(ana, session_id, q2, ["Listens"])
    item = next(i for i in practice.load(ana).insights if i.text == "Listens")
    practice.update_insight(ana, item.id, text="Listens deeply")
    for more in (["Decides"], ["Decides", "Coaches"]):  # saved again and again
        practice.save_answer(ana, session_id, q2, ["Listens", *more])
        practice.save_answer(ana, session_id, q1, ["Listens", *more])
    assert fed(practice, ana) == ["Coaches", "Decides", "Listens deeply"]
    # A third question with the old wording joins the renamed item too.
    q3 = question("yet-more", "list", feeds="strengths")
    practice.save_answer(ana, session_id, q3, ["Listens"])
    assert fed(practice, ana) == ["Coaches", "Decides", "Listens deeply"]


def test_an_answer_that_passed_an_item_on_and_says_it_again_keeps_it(
    practice: Practice, ana: str, session_id: str
) -> None:
    q1, q2 = STRENGTHS, MORE_STRENGTHS
    practice.save_answer(ana, session_id, q1, ["Listens"])
    practice.save_answer(ana, session_id, q2, ["Listens"])
    practice.save_answer(ana, session_id, q1, [])  # q2 takes the item over
    practice.save_answer(ana, session_id, q1, ["Listens"])  # q1 says it again
    practice.save_answer(ana, session_id, q2, [])  # q2 drops it: q1 still says it
    assert fed(practice, ana) == ["Listens"]


def test_an_item_passed_on_then_deleted_stays_deleted(
    practice: Practice, ana: str, session_id: str
) -> None:
    q1, q2 = STRENGTHS, MORE_STRENGTHS
    practice.save_answer(ana, session_id, q1, ["Listens"])
    practice.save_answer(ana, session_id, q2, ["Listens"])
    practice.save_answer(ana, session_id, q1, [])
    listens = next(i for i in practice.load(ana).insights if i.text == "Listens")
    practice.delete(ana, "insights", listens.id)
    practice.save_answer(ana, session_id, q1, ["Listens"])  # the first answer again
    assert fed(practice, ana) == []


def test_a_restored_item_goes_when_no_answer_says_it_any_more(
    practice: Practice, ana: str, session_id: str
) -> None:
    """Answers dropped the line while the item was in the trash: no stale heir."""
    q1, q2 = STRENGTHS, MORE_STRENGTHS
    practice.save_answer(ana, session_id, q1, ["Listens"])
    practice.save_answer(ana, session_id, q2, ["Listens"])
    listens = next(i for i in practice.load(ana).insights if i.text == "Listens")
    practice.delete(ana, "insights", listens.id)
    practice.save_answer(ana, session_id, q2, [])
    practice.save_answer(ana, session_id, q1, [])
    (trashed,) = practice.trash(ana)
    practice.restore(ana, trashed["id"])
    assert fed(practice, ana) == ["Listens"]
    practice.save_answer(ana, session_id, q1, ["Listens", "Decides"])
    practice.save_answer(ana, session_id, q1, ["Decides"])
    assert fed(practice, ana) == ["Decides"]


def test_a_shared_item_the_coach_worked_on_is_kept(
    practice: Practice, ana: str, session_id: str
) -> None:
    q1 = question("goals", "list", feeds="goals")
    q2 = question("more-goals", "list", feeds="goals")
    practice.save_answer(ana, session_id, q1, ["Delegate more"])
    practice.save_answer(ana, session_id, q2, ["Delegate more"])
    goal = practice.load(ana).insights_of(InsightKind.GOAL)[0]
    practice.update_insight(ana, goal.id, measure="2 projects handed over")
    practice.save_answer(ana, session_id, q1, [])
    practice.save_answer(ana, session_id, q2, [])
    (kept,) = practice.load(ana).insights_of(InsightKind.GOAL)
    assert kept.measure == "2 projects handed over"


# ---------------------------------------------------------------- insights


@pytest.mark.parametrize("kind", list(InsightKind))
def test_capture_every_kind(practice: Practice, ana: str, kind: InsightKind) -> None:
    insight = practice.capture(ana, kind, "  Something worth keeping  ")
    assert insight.text == "Something worth keeping"
    assert insight.private is (kind is InsightKind.NOTE)
    (loaded,) = practice.load(ana).insights
    assert loaded == insight
    assert loaded.kind is kind
    assert loaded.engagement_id == practice.load(ana).engagement.id
    with pytest.raises(InvalidInputError):
        practice.capture(ana, kind, "   ")
    assert len(practice.load(ana).insights) == 1


def test_capture_details(practice: Practice, ana: str, session_id: str) -> None:
    note = practice.capture(ana, InsightKind.NOTE, "Tired today", private=False)
    assert note.private is True, "notes are always private"
    secret = practice.capture(ana, InsightKind.WEAKNESS, "Avoids conflict", private=True)
    assert secret.private is True
    goal = practice.capture(
        ana,
        InsightKind.GOAL,
        "Delegate",
        measure=" 2 projects ",
        gas={-2: "none", 2: " all "},
        session_id=session_id,
    )
    action = practice.capture(
        ana, InsightKind.ACTION, "Talk to Sam", due=date(2024, 3, 5), goal_id=goal.id
    )
    record = practice.load(ana)
    loaded = {i.id: i for i in record.insights}
    assert loaded[goal.id].measure == "2 projects"
    assert loaded[goal.id].gas == {-2: "none", 2: "all"}
    assert loaded[goal.id].session_id == session_id
    assert loaded[action.id].due == date(2024, 3, 5) and loaded[action.id].goal_id == goal.id
    assert loaded[action.id].is_overdue(date(2024, 3, 6))
    with pytest.raises(InvalidInputError):
        practice.capture(ana, InsightKind.GOAL, "Bad", gas={3: "too high"})
    (summary,) = practice.list_clients()
    assert (summary.open_goals, summary.open_actions) == (1, 1)


def test_update_insight_keeps_text_history(practice: Practice, ana: str) -> None:
    item = practice.capture(ana, InsightKind.WEAKNESS, "Interrupts")
    practice.update_insight(ana, item.id, text="Interrupts in meetings")
    practice.update_insight(ana, item.id, text="Interrupts in meetings")  # no change
    practice.update_insight(ana, item.id, text=" Interrupts peers ", private=True)
    (loaded,) = practice.load(ana).insights
    assert loaded.text == "Interrupts peers" and loaded.private is True
    assert [e.value for e in loaded.history] == ["Interrupts", "Interrupts in meetings"]
    assert all(isinstance(e, Edit) for e in loaded.history)
    with pytest.raises(InvalidInputError):
        practice.update_insight(ana, item.id, text="  ")
    with pytest.raises(InvalidInputError):
        practice.update_insight(ana, item.id, kind="goal")
    with pytest.raises(NotFoundError):
        practice.update_insight(ana, "nope", text="x")
    assert practice.load(ana).insights == [loaded]


def test_marking_an_action_done(practice: Practice, ana: str) -> None:
    action = practice.capture(ana, InsightKind.ACTION, "Send notes", due=date(2024, 1, 1))
    done = practice.update_insight(ana, action.id, done=True)
    assert done.done and done.done_at is not None
    assert practice.list_clients()[0].overdue_actions == 0
    undone = practice.update_insight(ana, action.id, done=False)
    assert not undone.done and undone.done_at is None
    assert practice.load(ana).insights == [undone]


def test_score_goal(practice: Practice, ana: str) -> None:
    goal = practice.capture(ana, InsightKind.GOAL, "Delegate")
    s1 = practice.start_session(ana, script()).id
    s2 = practice.start_session(ana, script()).id
    for bad in (-3, 3, 10):
        with pytest.raises(InvalidInputError):
            practice.score_goal(ana, goal.id, bad, session_id=s1)
    for level in (-2, -1, 0, 1, 2):
        practice.score_goal(ana, goal.id, level, session_id=s1)
    (loaded,) = practice.load(ana).insights
    assert [(s.score, s.session_id) for s in loaded.scores] == [(2, s1)], "latest wins"
    practice.score_goal(ana, goal.id, -1, session_id=s2)
    practice.score_goal(ana, goal.id, 0, session_id=s1)
    (loaded,) = practice.load(ana).insights
    assert sorted((s.session_id, s.score) for s in loaded.scores) == sorted([(s2, -1), (s1, 0)])
    assert loaded.latest_score == 0
    action = practice.capture(ana, InsightKind.ACTION, "Not a goal")
    with pytest.raises(InvalidInputError):
        practice.score_goal(ana, action.id, 1)


@pytest.mark.parametrize("call", ["score_goal", "record_ratings", "record_survey"])
def test_scores_refuse_booleans(practice: Practice, ana: str, call: str) -> None:
    goal = practice.capture(ana, InsightKind.GOAL, "Delegate")
    calls: dict[str, Callable[[], object]] = {
        "score_goal": lambda: practice.score_goal(ana, goal.id, True),  # type: ignore[arg-type]
        "record_ratings": lambda: practice.record_ratings(
            ana, {"Listening": True}, "baseline", "self"
        ),
        "record_survey": lambda: practice.record_survey(ana, {goal.id: True}),
    }
    with pytest.raises(InvalidInputError):
        calls[call]()


# ------------------------------------------------------------- delete/trash


def test_delete_moves_to_trash_and_restore_brings_it_back(
    practice: Practice, ana: str, session_id: str
) -> None:
    goal = practice.capture(ana, InsightKind.GOAL, "Delegate", measure="2 projects")
    practice.save_answer(ana, session_id, question("q1"), "an answer")
    answer_id = practice.load(ana).answers[0].id
    practice.delete(ana, "insights", goal.id)
    practice.delete(ana, "answers", answer_id)
    record = practice.load(ana)
    assert record.insights == [] and record.answers == []
    trash = practice.trash(ana)
    assert sorted(t["table"] for t in trash) == ["answers", "insights"]
    goal_trash = next(t for t in trash if t["table"] == "insights")
    assert goal_trash["doc"]["text"] == "Delegate"
    assert [e.kind for e in record.events].count("deleted") == 2

    label = practice.restore(ana, goal_trash["id"])
    assert "Delegate" in label
    (restored,) = practice.load(ana).insights
    assert restored == goal
    assert [t["table"] for t in practice.trash(ana)] == ["answers"]
    with pytest.raises(NotFoundError):
        practice.restore(ana, goal_trash["id"])
    assert practice.list_clients()[0].open_goals == 1


def test_delete_refuses_what_it_cannot_delete(practice: Practice, ana: str) -> None:
    before = practice.client_path(ana).read_bytes()
    with pytest.raises(NotFoundError):
        practice.delete(ana, "insights", "nope")
    for table in ("client", "events", "trash", "meta", "nonsense"):
        with pytest.raises(InvalidInputError):
            practice.delete(ana, table, "x")
    with pytest.raises(NotFoundError):
        practice.restore(ana, "nope")
    assert practice.client_path(ana).read_bytes() == before


# ------------------------------------------------------------ stakeholders


def test_add_stakeholder_validates_relationship(practice: Practice, ana: str) -> None:
    people = [practice.add_stakeholder(ana, f"Person {r}", r) for r in RELATIONSHIPS]
    assert [p.relationship for p in practice.load(ana).stakeholders] == list(RELATIONSHIPS)
    for bad in ("boss", "", "Manager"):
        with pytest.raises(InvalidInputError):
            practice.add_stakeholder(ana, "Zed", bad)
    with pytest.raises(InvalidInputError):
        practice.add_stakeholder(ana, "  ", "peer")
    changed = practice.update_stakeholder(ana, people[0].id, relationship="peer", email="p@x.test")
    assert changed.relationship == "peer"
    with pytest.raises(InvalidInputError):
        practice.update_stakeholder(ana, people[0].id, relationship="boss")
    with pytest.raises(InvalidInputError):
        practice.update_stakeholder(ana, people[0].id, name=" ")
    assert practice.load(ana).stakeholders[0] == changed
    assert len(practice.load(ana).stakeholders) == len(RELATIONSHIPS)


# ----------------------------------------------------------------- ratings


def test_record_ratings_range_and_replacement(practice: Practice, ana: str) -> None:
    for bad in (0, 6, -1, "3", 3.5, None):
        with pytest.raises(InvalidInputError):
            practice.record_ratings(ana, {"Listening": bad}, "baseline", "self")  # type: ignore[dict-item]
    with pytest.raises(InvalidInputError):
        practice.record_ratings(ana, {"Listening": 3}, "midway", "self")
    with pytest.raises(InvalidInputError):
        practice.record_ratings(ana, {"Listening": 3}, "baseline", "boss")
    assert practice.load(ana).ratings == []

    practice.record_ratings(ana, {"Listening": 2, "Decisiveness": 3}, "baseline", "self")
    practice.record_ratings(ana, {"Listening": 4}, "baseline", "self")
    sam = practice.add_stakeholder(ana, "Sam", "peer")
    practice.record_ratings(ana, {"Listening": 1}, "baseline", "stakeholder", sam.id, "peer")
    practice.record_ratings(ana, {"Listening": 5}, "baseline", "stakeholder", sam.id, "peer")
    practice.record_ratings(ana, {"Listening": 3}, "final", "self")
    # Anonymous stakeholder ratings (no id) are never taken for the same rater.
    practice.record_ratings(ana, {"Listening": 2}, "baseline", "stakeholder")
    practice.record_ratings(ana, {"Listening": 3}, "baseline", "stakeholder")
    got = sorted(
        (r.phase, r.source, r.stakeholder_id or "", r.competency, r.value)
        for r in practice.load(ana).ratings
    )
    assert got == sorted(
        [
            ("baseline", "self", "", "Listening", 4),
            ("baseline", "self", "", "Decisiveness", 3),
            ("baseline", "stakeholder", sam.id, "Listening", 5),
            ("final", "self", "", "Listening", 3),
            ("baseline", "stakeholder", "", "Listening", 2),
            ("baseline", "stakeholder", "", "Listening", 3),
        ]
    )
    for value in range(1, 6):
        (made,) = practice.record_ratings(ana, {"Building trust": value}, "final", "self")
        assert made.value == value


def test_record_survey(practice: Practice, ana: str) -> None:
    goal = practice.capture(ana, InsightKind.GOAL, "Delegate")
    for bad in (-4, 4):
        with pytest.raises(InvalidInputError):
            practice.record_survey(ana, {goal.id: bad})
    made = practice.record_survey(ana, {goal.id: 2, None: -3}, "peer", suggestion="More 1:1s")
    assert sorted(s.score for s in practice.load(ana).surveys) == [-3, 2]
    assert {s.goal_id for s in made} == {goal.id, None}


# ------------------------------------------------------------------- plans


def test_write_plan_then_latest_plan(practice: Practice, ana: str, session_id: str) -> None:
    assert practice.load(ana).latest_plan() is None
    practice.write_plan(ana, next_date=date(2024, 3, 10), notes="old")
    goal = practice.capture(ana, InsightKind.GOAL, "Delegate")
    plan = practice.write_plan(
        ana,
        session_id=session_id,
        next_date=date(2024, 3, 15),
        script_id="action-call",
        review_actions=["a1"],
        score_goals=[goal.id],
        focus=["Delegation", "Sponsor"],
        notes="Start with the sponsor conversation",
    )
    latest = practice.load(ana).latest_plan()
    assert latest == plan
    assert practice.list_clients()[0].next_session == date(2024, 3, 15)


# ------------------------------------------------------------------ stages


def test_advance_stage_through_all_four(practice: Practice, ana: str) -> None:
    reached = [
        practice.advance_stage(ana, skipped=["baseline"] if i == 1 else None) for i in range(3)
    ]
    assert reached == [Stage.ANALYSIS, Stage.ACTION, Stage.ACHIEVEMENT]
    engagement = practice.load(ana).engagement
    assert [c.stage for c in engagement.changes] == list(STAGES)
    assert [c.skipped for c in engagement.changes] == [[], [], ["baseline"], []]
    assert engagement.stage is Stage.ACHIEVEMENT
    stage_events = [e.detail for e in practice.load(ana).events if e.kind == "stage"]
    assert stage_events == ["to Analysis", "to Action (skipped: baseline)", "to Achievement"]
    before = practice.client_path(ana).read_bytes()
    with pytest.raises(InvalidInputError):
        practice.advance_stage(ana)
    assert practice.client_path(ana).read_bytes() == before
    assert practice.list_clients()[0].stage is Stage.ACHIEVEMENT


# ---------------------------------------------------------------- sessions


def test_sessions_open_resume_and_end(practice: Practice, ana: str) -> None:
    s = practice.start_session(ana, script(question("q1"), question("q2", "list")))
    assert s.cursor == "q1" and [q.id for q in s.questions] == ["q1", "q2"]
    assert s.stage is Stage.AWARENESS
    practice.set_cursor(ana, s.id, "q2")
    record = practice.load(ana)
    assert record.open_session() is not None and record.open_session().cursor == "q2"  # type: ignore[union-attr]
    assert practice.list_clients()[0].open_session is True
    ended = practice.end_session(ana, s.id)
    assert ended.ended is not None and not ended.is_open
    assert practice.load(ana).open_session() is None
    (summary,) = practice.list_clients()
    assert summary.sessions == 1 and summary.open_session is False
    assert summary.last_session == ended.started.date()


# -------------------------------------------------------------------- find


def test_find(practice: Practice) -> None:
    ana = practice.create_client("Ana Silva")
    anabel = practice.create_client("Anabel Ruiz")
    bo = practice.create_client("Bo Berg")
    assert practice.find("bo-berg").id == bo.id
    assert practice.find("BERG").id == bo.id
    assert practice.find(" ruiz ").id == anabel.id
    assert practice.find("ana silva").id == ana.id
    with pytest.raises(AmbiguousError) as info:
        practice.find("ana")
    message = str(info.value)
    for candidate in (ana, anabel):
        assert candidate.name in message and candidate.id in message
    assert bo.name not in message
    with pytest.raises(NotFoundError):
        practice.find("zoe")
    with pytest.raises(NotFoundError):
        practice.find("")


def test_find_prefers_an_exact_name(practice: Practice) -> None:
    ana = practice.create_client("Ana")
    practice.create_client("Anabel")
    assert practice.find("ANA").id == ana.id


# ------------------------------------------------------------------- index


def test_deleted_index_is_rebuilt(practice: Practice, ana: str) -> None:
    practice.capture(ana, InsightKind.GOAL, "Delegate")
    practice.create_client("Bo Berg")
    expected = practice.list_clients()
    practice.index_path.unlink()
    fresh = Practice(practice.root)
    assert fresh.list_clients() == expected
    assert practice.index_path.exists()
    tables = json.loads(practice.index_path.read_bytes())
    assert sorted(d["id"] for d in tables["clients"].values()) == ["ana-lopez", "bo-berg"]
    assert fresh.rebuild_index() == expected


def test_the_fresh_index_is_listed_without_reading_client_files(
    practice: Practice, ana: str, reads: list[Path]
) -> None:
    """What the app's first screen relies on: a fresh index or None, never a rebuild."""
    practice.create_client("Bo Berg")
    expected = practice.list_clients()
    read = reads
    read.clear()
    assert practice.list_clients_if_fresh() == expected
    assert read == [practice.index_path]

    # A client file changed behind the index's back (restored, synced): not fresh.
    path = practice.client_path(ana)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    read.clear()
    assert practice.list_clients_if_fresh() is None
    assert read == [practice.index_path]
    assert practice.list_clients() == expected  # the rebuild reads the changed file
    assert path in read
    assert practice.list_clients_if_fresh() == expected

    # A file gone, or one the index has not seen yet: not fresh either.
    practice.index_path.unlink()
    assert Practice(practice.root).list_clients_if_fresh() is None


def test_import_clients_writes_new_files_and_their_index_rows(
    practice: Practice, ana: str, tmp_path: Path
) -> None:
    practice.capture(ana, InsightKind.GOAL, "Delegate")
    exported = practice.export_client(ana)
    tables = {
        name: {str(i + 1): doc for i, doc in enumerate(docs)} for name, docs in exported.items()
    }
    other = Practice(tmp_path / "other", clock=Clock())
    assert other.import_clients({ana: tables}) == [ana]
    assert other.load(ana).insights_of(InsightKind.GOAL)[0].text == "Delegate"
    fresh = other.list_clients_if_fresh()  # the index row was written with the file
    assert fresh is not None and [s.id for s in fresh] == [ana]
    before = other.client_path(ana).read_bytes()
    # The same documents again: already imported (an interrupted import, run again).
    assert other.import_clients({ana: tables}) == []
    assert other.client_path(ana).read_bytes() == before
    # Other documents under the same id: never overwritten (bad input, exit 2).
    changed = {**tables, "client": {"1": {**tables["client"]["1"], "role": "changed"}}}
    with pytest.raises(InvalidInputError, match="appeared during the import"):
        other.import_clients({ana: changed})
    assert other.client_path(ana).read_bytes() == before


def test_index_written_before_a_crash_is_noticed_as_stale(practice: Practice, ana: str) -> None:
    """A crash between the client write and the index write leaves an old index row."""
    practice.list_clients()
    old_index = practice.index_path.read_bytes()
    practice.capture(ana, InsightKind.GOAL, "Delegate")
    practice.update_client(ana, name="Ana Reborn")
    practice.advance_stage(ana)
    practice.index_path.write_bytes(old_index)  # the index as it was before those writes
    for p in (practice, Practice(practice.root)):
        (summary,) = p.list_clients()
        assert summary.name == "Ana Reborn"
        assert summary.open_goals == 1
        assert summary.stage is Stage.ANALYSIS
    rows = json.loads(practice.index_path.read_bytes())["clients"]
    assert [r["name"] for r in rows.values()] == ["Ana Reborn"]


def test_index_notices_a_client_file_removed_or_added_behind_its_back(
    practice: Practice, ana: str, tmp_path: Path
) -> None:
    bo = practice.create_client("Bo Berg")
    assert [s.id for s in practice.list_clients()] == [ana, bo.id]
    moved = tmp_path / "bo.json"
    shutil.move(practice.client_path(bo.id), moved)
    assert [s.id for s in practice.list_clients()] == [ana]
    shutil.move(moved, practice.client_path(bo.id))
    assert [s.id for s in practice.list_clients()] == [ana, bo.id]


@pytest.mark.parametrize(
    "garbage",
    [b"garbage", b"", b"[1,2]", b'{"a": 1}', b'{"_default": {"1": {"id": "ana-lopez"}}}'],
    ids=["text", "empty", "list", "bad-table", "foreign"],
)
def test_garbage_index_is_ignored_without_touching_clients(
    practice: Practice, ana: str, garbage: bytes
) -> None:
    practice.capture(ana, InsightKind.GOAL, "Delegate")
    bo = practice.create_client("Bo Berg")
    expected = practice.list_clients()
    clients_before = {p: p.read_bytes() for p in (practice.root / "clients").iterdir()}
    practice.index_path.write_bytes(garbage)
    for p in (practice, Practice(practice.root)):
        assert p.list_clients() == expected
        assert p.find("berg").id == bo.id
    practice.capture(ana, InsightKind.ACTION, "Act")
    assert practice.list_clients()[0].open_actions == 1
    for path, content in clients_before.items():
        if path.name != f"{ana}.json" and not path.name.startswith(f"{ana}.json"):
            assert path.read_bytes() == content, f"{path.name} was touched"


@pytest.mark.parametrize(
    "garbage",
    [
        b"garbage",
        b"",
        b"[1,2]",
        b'{"a": 1}',
        b'{"_default": {"1": {"id": "ana-lopez"}}}',
    ],
    ids=["text", "empty", "list", "bad-table", "foreign"],
)
def test_garbage_index_is_rebuilt_on_disk(practice: Practice, ana: str, garbage: bytes) -> None:
    """An index that does not parse is set aside and rebuilt from the client files.

    Otherwise every listing would reload every client file, for ever.
    """
    practice.index_path.write_bytes(garbage)
    practice.list_clients()
    practice.capture(ana, InsightKind.NOTE, "refresh the row")
    tables = json.loads(practice.index_path.read_bytes())
    assert store.file_schema(tables)[0] == store.INDEX_KIND
    assert [d["id"] for d in tables["clients"].values()] == [ana]
    assert (practice.root / "practice.json.broken").read_bytes() == garbage


def test_reads_take_no_lock(practice: Practice, ana: str, session_id: str, tmp_path: Path) -> None:
    practice.save_answer(ana, session_id, question("q1"), "x")
    copy = tmp_path / "copy"
    shutil.copytree(practice.root, copy, ignore=shutil.ignore_patterns("*.lock"))
    reader = Practice(copy)
    record = reader.load(ana)
    assert record.answers[0].value == "x"
    reader.trash(ana)
    reader.export_client(ana)
    reader.list_clients()
    reader.find("ana")
    locks = sorted(p.name for p in (copy / "clients").iterdir() if p.name.endswith(".lock"))
    assert locks == [], "a read took a client lock"


def test_read_only_practice_still_lists(practice: Practice, ana: str) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    practice.index_path.unlink()
    practice.root.chmod(0o500)
    try:
        assert [s.id for s in Practice(practice.root).list_clients()] == [ana]
    finally:
        practice.root.chmod(0o700)


# --------------------------------------------------------------- migration


#: The schema files are written in today; the tests add a pretend next one.
NOW = records.SCHEMA


def _add_nickname(tables: storage.Tables) -> storage.Tables:
    for doc in tables.get("client", {}).values():
        doc["nickname"] = "Annie"
    return tables


@pytest.fixture
def schema_two(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "SCHEMA", NOW + 1)
    monkeypatch.setattr(store, "SCHEMA", NOW + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, NOW: _add_nickname})


def test_migration_on_write_keeps_a_pre_migration_copy(
    practice: Practice, ana: str, request: pytest.FixtureRequest
) -> None:
    practice.capture(ana, InsightKind.STRENGTH, "Listens")
    path = practice.client_path(ana)
    old = path.read_bytes()
    request.getfixturevalue("schema_two")

    practice.capture(ana, InsightKind.NOTE, "After the upgrade")
    copy = locations.migrations_dir(practice.root) / f"{ana}.schema{NOW}.json"
    assert copy.read_bytes() == old
    tables = json.loads(path.read_bytes())
    assert store.file_schema(tables) == ("coach-tui/client", NOW + 1)
    assert [d["nickname"] for d in tables["client"].values()] == ["Annie"]
    record = practice.load(ana)
    assert sorted(i.text for i in record.insights) == ["After the upgrade", "Listens"]
    assert practice.list_clients()[0].name == "Ana López"
    # A second write neither migrates again nor replaces the copy.
    practice.capture(ana, InsightKind.NOTE, "Again")
    assert copy.read_bytes() == old


def test_migration_on_read_changes_nothing_on_disk(
    practice: Practice, ana: str, request: pytest.FixtureRequest
) -> None:
    path = practice.client_path(ana)
    old = path.read_bytes()
    request.getfixturevalue("schema_two")
    record = practice.load(ana)
    assert record.client.name == "Ana López"
    assert practice.export_client(ana)["client"][0]["nickname"] == "Annie"
    assert path.read_bytes() == old
    assert not locations.migrations_dir(practice.root).exists()


def test_migration_leaves_no_copy_when_nothing_needs_migrating(
    practice: Practice, ana: str
) -> None:
    practice.capture(ana, InsightKind.NOTE, "x")
    assert not locations.migrations_dir(practice.root).exists()


# ------------------------------------------------- returned data is a copy


def test_mutating_a_loaded_answer_does_not_change_the_store(
    practice: Practice, ana: str, session_id: str
) -> None:
    q = question("q1", "list")
    practice.save_answer(ana, session_id, q, ["A", "B"])
    answer = practice.load(ana).answers[0]
    assert isinstance(answer.value, list)
    answer.value.append("C")  # e.g. a list editor working on the loaded value
    practice.save_answer(ana, session_id, q, answer.value)
    saved = [d["value"] for d in on_disk_session(practice, ana, session_id)["answers"].values()]
    assert saved == [["A", "B", "C"]], "the save was skipped: data lost"


def test_mutating_an_export_does_not_change_the_store(practice: Practice, ana: str) -> None:
    export = practice.export_client(ana)
    export["client"][0]["name"] = "Changed in the export"
    practice.capture(ana, InsightKind.NOTE, "next save")
    assert practice.load(ana).client.name == "Ana López"
    assert [d["name"] for d in on_disk(practice, ana)["client"].values()] == ["Ana López"]


def test_mutating_the_trash_listing_does_not_change_the_store(practice: Practice, ana: str) -> None:
    goal = practice.capture(ana, InsightKind.GOAL, "Delegate")
    practice.delete(ana, "insights", goal.id)
    (item,) = practice.trash(ana)
    item["table"] = "plans"
    assert practice.trash(ana)[0]["table"] == "insights"


# ---------------------------------------------------------- odd user text


@pytest.mark.parametrize(
    "text",
    [
        "[bold]not markup[/bold] [/",
        '{"json": true}',
        "emoji 🧭 and ünïcode",
        "a\0b",
        "x" * 100_000,
        "line\r\nbreaks\n\n",
    ],
)
def test_user_text_round_trips(practice: Practice, ana: str, session_id: str, text: str) -> None:
    practice.save_answer(ana, session_id, question("q1"), text)
    practice.capture(ana, InsightKind.NOTE, text)
    record = Practice(practice.root).load(ana)
    assert record.answers[0].value == text
    assert record.insights[0].text == text.strip()


def test_unencodable_text_is_refused_as_input(
    practice: Practice, ana: str, session_id: str
) -> None:
    before = practice.client_path(ana).read_bytes()
    try:
        practice.save_answer(ana, session_id, question("q1"), "pasted \udce9 text")
    except CoachError:
        pass
    assert practice.client_path(ana).read_bytes() == before or practice.load(ana).answers


def test_store_errors_are_coach_errors() -> None:
    assert issubclass(StoreError, CoachError)
