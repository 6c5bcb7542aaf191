"""Stakeholders' competency ratings by relationship: one table for every audience.

The mean of all competencies per relationship (manager, peers, direct reports …),
before and after. A group of fewer than three people shows no figure at all, so no
one's rating can be told apart; and when the people in such groups number only one
or two, no group shows a figure either, since the competency table's overall means
less the groups shown would give those one or two away. The same rows go into the
executive's report and, as something the sponsor co-owns, into the sponsor's.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach_tui.domain import assess
from coach_tui.domain.model import ClientRecord
from coach_tui.text import one_line

#: A 3+ group's figure left out because it would give a smaller group away.
WITHHELD = "withheld"


@dataclass(frozen=True)
class GroupRow:
    """Stakeholders' mean of all competencies for one relationship (3+ people)."""

    relationship: str
    people: str
    before: str
    after: str


def shows_a_figure(rows: tuple[GroupRow, ...]) -> bool:
    """Whether any row has a mean to show: a table of only hidden groups says nothing."""
    blank = {"–", WITHHELD, assess.TOO_FEW}
    return any(row.before not in blank or row.after not in blank for row in rows)


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
    sizes = {
        relationship: len({r for pairs in phases.values() for r, _ in pairs})
        for relationship, phases in grouped.items()
    }
    hidden = sum(n for n in sizes.values() if n < assess.MIN_GROUP)
    if 0 < hidden < assess.MIN_GROUP:  # the shown groups would give the hidden few away
        return tuple(
            GroupRow(one_line(relationship), assess.TOO_FEW, "–", "–")
            if size < assess.MIN_GROUP
            else GroupRow(one_line(relationship), str(size), WITHHELD, WITHHELD)
            for relationship, size in sorted(sizes.items())
        )
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
