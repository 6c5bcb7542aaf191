"""Stakeholders' competency ratings by relationship: one table for every audience.

The mean of all competencies per relationship (manager, peers, direct reports …),
before and after. A group of fewer than three people shows no figure at all, so no
one's rating can be told apart; the same rows go into the executive's report and,
as something the sponsor co-owns, into the sponsor's.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach_tui.domain import assess
from coach_tui.domain.model import ClientRecord
from coach_tui.text import one_line


@dataclass(frozen=True)
class GroupRow:
    """Stakeholders' mean of all competencies for one relationship (3+ people)."""

    relationship: str
    people: str
    before: str
    after: str


def relationship_groups(record: ClientRecord) -> tuple[GroupRow, ...]:
    """Stakeholder means of all competencies by relationship, groups of 3+ only."""
    ratings = [
        r
        for r in record.ratings
        if r.engagement_id == record.engagement.id and r.source == "stakeholder"
    ]
    people = {p.id: p.relationship for p in record.stakeholders}
    grouped: dict[str, dict[str, list[tuple[object, int]]]] = {}
    for index, rating in enumerate(ratings):
        relationship = rating.relationship or people.get(rating.stakeholder_id or "", "") or "other"
        rater: object = rating.stakeholder_id or ("unnamed", index)
        grouped.setdefault(relationship, {}).setdefault(rating.phase, []).append(
            (rater, rating.value)
        )
    rows = []
    for relationship in sorted(grouped):
        phases = grouped[relationship]
        raters = {r for pairs in phases.values() for r, _ in pairs}
        if len(raters) < assess.MIN_GROUP:
            rows.append(GroupRow(one_line(relationship), assess.TOO_FEW, "–", "–"))
            continue
        cells = []
        for phase in ("baseline", "final"):
            pairs = phases.get(phase, [])
            if not pairs:
                cells.append("–")
            elif len({r for r, _ in pairs}) < assess.MIN_GROUP:
                cells.append(assess.TOO_FEW)
            else:
                cells.append(f"{sum(v for _, v in pairs) / len(pairs):.1f}")
        rows.append(GroupRow(one_line(relationship), str(len(raters)), cells[0], cells[1]))
    return tuple(rows)
