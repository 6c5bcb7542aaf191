"""The merge driver's three-way merge: document by document, nothing lost."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from coach_tui.store.storage import Tables
from coach_tui.sync.merge import merge_tables


def answer(aid: str, qid: str, value: str, updated: str, session: str = "s1") -> dict[str, Any]:
    return {
        "id": aid,
        "session_id": session,
        "question_id": qid,
        "value": value,
        "updated": updated,
        "history": [],
    }


def session(sid: str, ended: str | None) -> dict[str, Any]:
    return {"id": sid, "script_title": "Intake", "started": "2026-11-02T09:00:00", "ended": ended}


def client_file(*answers: dict[str, Any], ended: str | None = "2026-11-02T10:00:00") -> Tables:
    return {
        "meta": {"1": {"kind": "coach-tui/client", "schema": 1}},
        "client": {"1": {"id": "sofia-marin", "name": "Sofia Marin"}},
        "sessions": {"1": session("s1", ended)},
        "answers": {str(i + 1): a for i, a in enumerate(answers)},
        "events": {},
    }


def test_the_same_answer_edited_on_both_keeps_the_later_and_the_other_in_history() -> None:
    base = client_file(answer("a1", "commitments", "one", "2026-11-02T09:10:00"))
    ours = client_file(answer("a1", "commitments", "laptop", "2026-11-03T09:00:00"))
    theirs = client_file(answer("a1", "commitments", "desktop", "2026-11-04T09:00:00"))
    merged = merge_tables(base, ours, theirs, "Sofia Marin")
    doc = merged.tables["answers"]["1"]
    assert doc["value"] == "desktop" and doc["updated"] == "2026-11-04T09:00:00"
    assert {"value": "laptop", "at": "2026-11-03T09:00:00"} in doc["history"]
    assert merged.notes[0] == (
        "Sofia Marin: answer 'commitments' edited on both machines; "
        "kept the later, the other is in its history"
    )
    again = merge_tables(base, merged.tables, theirs, "Sofia Marin")
    assert again.tables == merged.tables  # a redone sync changes nothing


def test_a_session_open_on_both_machines_is_never_merged_silently() -> None:
    base = client_file(ended=None)
    ours = client_file(answer("a1", "hopes", "from the laptop", "2026-11-03T09:00:00"), ended=None)
    theirs = client_file(
        answer("b1", "hopes", "from the desktop", "2026-11-03T09:05:00"), ended=None
    )
    merged = merge_tables(base, ours, theirs, "Sofia Marin")
    answers = list(merged.tables["answers"].values())
    assert len(answers) == 1 and answers[0]["value"] == "from the desktop"
    assert answers[0]["history"] == [{"value": "from the laptop", "at": "2026-11-03T09:00:00"}]
    assert any("given on both machines in the same session" in n for n in merged.notes)
    assert any("was worked on on both machines" in n for n in merged.notes)


def test_a_session_still_open_on_the_other_machine_is_named() -> None:
    base = client_file(ended=None)
    ours = copy.deepcopy(base)
    ours["events"] = {"1": {"at": "2026-11-03T09:00:00", "kind": "report"}}
    theirs = client_file(answer("b1", "hopes", "typed there", "2026-11-03T09:05:00"), ended=None)
    notes = merge_tables(base, ours, theirs, "Sofia Marin").notes
    assert notes == [
        "Sofia Marin: session 'Intake' of 2026-11-02 is still open on the other machine; "
        "finish it there before you resume it here"
    ]


def test_deleted_on_one_side_but_changed_on_the_other_is_kept_and_events_are_a_set() -> None:
    base = client_file(answer("a1", "hopes", "first", "2026-11-02T09:10:00"))
    base["events"] = {"1": {"at": "2026-11-02T09:00:00", "kind": "created"}}
    ours = copy.deepcopy(base)
    ours["answers"] = {}
    ours["events"]["2"] = {"at": "2026-11-03T09:00:00", "kind": "report"}
    theirs = copy.deepcopy(base)
    theirs["answers"]["1"] = answer("a1", "hopes", "changed", "2026-11-04T09:00:00")
    theirs["events"]["2"] = {"at": "2026-11-04T09:00:00", "kind": "session"}
    merged = merge_tables(base, ours, theirs, "Sofia Marin").tables
    assert [a["value"] for a in merged["answers"].values()] == ["changed"]
    kinds = sorted(e["kind"] for e in merged["events"].values())
    assert kinds == ["created", "report", "session"]


# ------------------------------------------------------------- property: nothing lost

texts = st.text(alphabet="abc", min_size=1, max_size=3)


@st.composite
def divergent(draw: st.DrawFn) -> tuple[Tables, Tables, Tables]:
    n = draw(st.integers(0, 4))
    base_docs = [{"id": f"i{k}", "text": draw(texts), "history": [], "tags": []} for k in range(n)]
    sides = []
    for side in ("o", "t"):
        docs = copy.deepcopy(base_docs)
        for doc in docs:
            if draw(st.booleans()):
                new = draw(texts)
                if new != doc["text"]:
                    doc["history"] = [*doc["history"], {"value": doc["text"], "at": f"2026-{side}"}]
                    doc["text"] = new
            if draw(st.booleans()):
                doc["tags"] = [*doc["tags"], draw(texts)]
        docs = [d for d in docs if not draw(st.booleans()) or d["text"] == "zzz"]
        docs += [
            {"id": f"{side}{k}", "text": draw(texts), "history": [], "tags": []}
            for k in range(draw(st.integers(0, 2)))
        ]
        sides.append({"insights": {str(i + 1): d for i, d in enumerate(docs)}})
    return {"insights": {str(i + 1): d for i, d in enumerate(base_docs)}}, sides[0], sides[1]


@given(divergent())
def test_property_nothing_added_or_changed_is_lost_and_merging_again_is_stable(
    case: tuple[Tables, Tables, Tables],
) -> None:
    base, ours, theirs = case
    merged = merge_tables(base, ours, theirs, "X").tables
    ids = {d["id"] for d in merged["insights"].values()}
    assert len(ids) == len(merged["insights"])  # no document twice
    old = {d["id"]: d for d in base["insights"].values()}
    for side in (ours, theirs):
        for doc in side["insights"].values():
            changed = doc["id"] not in old or doc != old[doc["id"]]
            if changed:
                assert doc["id"] in ids  # added or edited on a side: kept
                kept = next(d for d in merged["insights"].values() if d["id"] == doc["id"])
                said = [kept["text"], *(h["value"] for h in kept["history"])]
                assert doc["text"] in said  # the text is current or in the history
                assert set(doc["tags"]) - set(old.get(doc["id"], {}).get("tags", [])) <= set(
                    kept["tags"]
                )
    assert merge_tables(base, merged, theirs, "X").tables == merged
