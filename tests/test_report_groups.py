"""Stakeholder ratings by relationship keep small groups anonymous: a group of fewer
than three shows no figure, and when the people in such groups number only one or
two, the larger groups show none either (the overall means less the groups shown
would give those one or two away)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from coach_tui.reports.groups import WITHHELD, relationship_groups
from coach_tui.store.practice import Practice

DAY = datetime(2026, 3, 2, 10, 0)


def _rated(tmp_path: Path, groups: dict[str, int]) -> Practice:
    practice = Practice(tmp_path / "data", clock=lambda: DAY)
    cid = practice.create_client("Ann Lee").id
    for relationship, count in groups.items():
        for n in range(count):
            person = practice.add_stakeholder(cid, f"{relationship} {n}", relationship)
            practice.record_ratings(
                cid,
                {"Listening": 2 + n % 3},
                "baseline",
                "stakeholder",
                stakeholder_id=person.id,
                relationship=relationship,
            )
    return practice


def test_two_peers_beside_three_direct_reports_withhold_every_figure(tmp_path: Path) -> None:
    practice = _rated(tmp_path, {"direct report": 3, "peer": 2})
    (record,) = [practice.load(c.id) for c in practice.list_clients()]
    rows = {row.relationship: row for row in relationship_groups(record)}
    assert rows["direct report"].before == WITHHELD and rows["direct report"].people == "3"
    assert rows["peer"].before == "–"


def test_three_and_three_show_their_figures(tmp_path: Path) -> None:
    practice = _rated(tmp_path, {"direct report": 3, "peer": 3})
    (record,) = [practice.load(c.id) for c in practice.list_clients()]
    rows = {row.relationship: row for row in relationship_groups(record)}
    assert rows["direct report"].before == "3.0" and rows["peer"].before == "3.0"


def test_a_table_of_hidden_groups_is_left_out_of_the_reports(tmp_path: Path) -> None:
    from coach_tui.reports.final_stakeholders import _by_relationship

    practice = _rated(tmp_path, {"direct report": 3, "peer": 2})
    (record,) = [practice.load(c.id) for c in practice.list_clients()]
    assert _by_relationship(record) == []
    practice = _rated(tmp_path / "b", {"direct report": 3, "peer": 3})
    (record,) = [practice.load(c.id) for c in practice.list_clients()]
    assert "| direct report | 3 | 3.0 | – |" in _by_relationship(record)
