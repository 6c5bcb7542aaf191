"""The executive's consent to share with the sponsor, as a record of decisions.

Nothing the executive says or the coach writes down reaches the sponsor by default.
On the consent screen the coach goes through, with the executive, every item and
section that could go to the sponsor, with the words the sponsor would read, and
records a yes or a no for each: a ``ConsentDecision`` with its date and the session
it was made in. The latest decision for a key is in force; the earlier ones stay.

Keys are ``item:<id>`` for a strength, development area or action, and
``section:<name>`` for the self-ratings, the competency table and the executive's
closing words (``coach_tui.domain.reflections``: what they will keep doing, their own
view, their plan for what comes next). A yes to closing words covers the words it
was given on: reworded answers need asking again, as items do. Goals agreed in a
three-way meeting are the sponsor's too (``coach_tui.domain.goals``) and need no consent;
draft goals go nowhere until they are agreed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Final

from coach_tui.domain import assess, goals, reflections
from coach_tui.domain.model import ClientRecord, ConsentDecision, Insight, InsightKind
from coach_tui.domain.privacy import Audience, audience_of
from coach_tui.errors import CoachError
from coach_tui.text import one_line

if TYPE_CHECKING:
    from coach_tui.store.practice import Practice

#: Turns a text into the words the sponsor would read (stakeholder names withheld).
Scrub = Callable[[str], str]

#: Sections shared as a whole, with how the consent screen and reports name them.
SECTIONS: Final[dict[str, str]] = {
    "self-ratings": "The executive's own ratings",
    "competencies": "The competency table (stakeholders' means by competency)",
    **reflections.SECTIONS,
}

#: Running views that can be shared item by item, in the order a report lists them.
ITEM_KINDS: Final[tuple[InsightKind, ...]] = (
    InsightKind.STRENGTH,
    InsightKind.WEAKNESS,
    InsightKind.ACTION,
)

GROUP_LABELS: Final[dict[InsightKind, str]] = {
    InsightKind.STRENGTH: "Strengths",
    InsightKind.WEAKNESS: "Development areas",
    InsightKind.ACTION: "Actions",
}

HOW_TO_RECORD: Final[str] = (
    "open the executive in coach-tui and press c on the engagement to record, with "
    "the executive, what the sponsor may see"
)


class ConsentMissingError(CoachError):
    """A sponsor report was asked for and no consent was ever recorded."""

    exit_code = 1


@dataclass(frozen=True)
class Candidate:
    """One thing that could go to the sponsor, with the words the sponsor would read."""

    key: str
    group: str
    text: str
    shared: bool
    #: The decision in force, or None while nothing was decided (not shared).
    decision: ConsentDecision | None = None
    #: Co-owned by the sponsor (an agreed goal): shown, never toggled.
    fixed: bool = False
    #: Reworded since the executive said yes: not shared until asked again.
    changed: bool = False


def item_key(item_id: str) -> str:
    return f"item:{item_id}"


def section_key(name: str) -> str:
    return f"section:{name}"


def in_force(record: ClientRecord) -> dict[str, ConsentDecision]:
    """The decision in force for each key in the current engagement (the latest)."""
    engagement_id = record.engagement.id
    found: dict[str, ConsentDecision] = {}
    ordered = sorted(
        (d for d in record.consent if d.engagement_id == engagement_id),
        key=lambda d: d.at,
    )
    for decision in ordered:
        found[decision.key] = decision
    return found


def is_shared(decisions: Mapping[str, ConsentDecision], key: str) -> bool:
    """Only an explicit, recorded yes shares: no decision means no."""
    decision = decisions.get(key)
    return decision is not None and decision.shared


def covers(decisions: Mapping[str, ConsentDecision], key: str, text: str) -> bool:
    """Whether a yes is in force for an item *as it reads now*.

    A decision keeps the words it was made on; an item reworded since then is not
    covered (the executive agreed to other words) until the coach asks again.
    """
    decision = decisions.get(key)
    if decision is None or not decision.shared:
        return False
    return not decision.text or decision.text == text


def was_reworded(decisions: Mapping[str, ConsentDecision], key: str, text: str) -> bool:
    """A yes given to words the item no longer has."""
    decision = decisions.get(key)
    return decision is not None and decision.shared and not covers(decisions, key, text)


def shareable_items(record: ClientRecord, kind: InsightKind) -> list[Insight]:
    """Items of a running view that consent could share (never coach-only ones)."""
    return sorted(
        (i for i in record.insights_of(kind) if audience_of(i) is Audience.EXECUTIVE),
        key=lambda i: i.created,
    )


def self_ratings_text(record: ClientRecord) -> str:
    """The self-ratings as the sponsor would read them, on one line."""
    result = assess.assess(record)
    parts = []
    for row in result.rated_changes:
        if row.self_baseline is None and row.self_final is None:
            continue
        before = "–" if row.self_baseline is None else str(row.self_baseline)
        after = "" if row.self_final is None else f" → {row.self_final}"
        parts.append(f"{row.competency} {before}{after}")
    return "; ".join(parts)


def competencies_text(record: ClientRecord) -> str:
    """The competency table's stakeholder means as the sponsor would read them."""
    result = assess.assess(record)
    parts = []
    for row in result.rated_changes:
        before = row.others_baseline.describe() if row.others_baseline.count else "–"
        after = f" → {row.others_final.describe()}" if row.others_final.count else ""
        parts.append(f"{row.competency} {before}{after}")
    return "; ".join(parts)


def candidates(record: ClientRecord, scrub: Scrub) -> list[Candidate]:
    """Everything that could go to the sponsor, agreed goals first, in report order.

    ``scrub`` turns an item's text into the words the sponsor would read (stakeholder
    names withheld), so the coach and the executive decide on exactly that.
    """
    decisions = in_force(record)
    out: list[Candidate] = []
    for goal in record.insights_of(InsightKind.GOAL):
        if goals.is_agreed(goal):
            text = scrub(one_line(goal.text))
            if goal.measure:
                text += f" — success measure: {scrub(one_line(goal.measure))}"
            out.append(
                Candidate(
                    f"goal:{goal.id}", "Agreed goals (the sponsor's too)", text, True, fixed=True
                )
            )
    for kind in ITEM_KINDS:
        for item in shareable_items(record, kind):
            key = item_key(item.id)
            text = scrub(one_line(item.text))
            out.append(
                Candidate(
                    key,
                    GROUP_LABELS[kind],
                    text,
                    covers(decisions, key, text),
                    decisions.get(key),
                    changed=was_reworded(decisions, key, text),
                )
            )
    for name in SECTIONS:
        text = section_text(record, name, scrub)
        if not text:
            continue
        key = section_key(name)
        shared = (
            covers(decisions, key, text)
            if name in reflections.SECTIONS
            else is_shared(decisions, key)
        )
        changed = name in reflections.SECTIONS and was_reworded(decisions, key, text)
        out.append(Candidate(key, "Sections", text, shared, decisions.get(key), changed=changed))
    return out


def section_text(record: ClientRecord, name: str, scrub: Scrub) -> str:
    """A section as the sponsor would read it, on one line ('' when it is empty).

    For the executive's closing words this is also the text a decision is made on.
    """
    if name == "self-ratings":
        body = self_ratings_text(record)
    elif name == "competencies":
        body = competencies_text(record)
    else:
        body = "; ".join(scrub(one_line(line)) for line in reflections.section_lines(record, name))
    return f"{SECTIONS[name]}: {body}" if body else ""


def section_covered(
    record: ClientRecord, decisions: Mapping[str, ConsentDecision], name: str, scrub: Scrub
) -> bool:
    """Whether a yes is in force for a closing-words section as it reads now."""
    text = section_text(record, name, scrub)
    return bool(text) and covers(decisions, section_key(name), text)


def record_decisions(
    practice: Practice,
    client_id: str,
    choices: Mapping[str, bool],
    *,
    texts: Mapping[str, str] | None = None,
    session_id: str | None = None,
    at: datetime | None = None,
) -> list[ConsentDecision]:
    """Record the executive's decisions (key -> shared) in one write, dated."""
    from coach_tui.store.practice import new_id

    record = practice.load(client_id)
    when = at or practice.clock()
    made = [
        ConsentDecision(
            id=new_id(),
            engagement_id=record.engagement.id,
            key=key,
            shared=bool(shared),
            at=when,
            session_id=session_id,
            text=(texts or {}).get(key, ""),
        )
        for key, shared in choices.items()
    ]
    if made:
        yes = sum(1 for d in made if d.shared)
        practice.append(
            client_id,
            "consent",
            made,
            detail=f"{len(made)} decision(s) for the sponsor: {yes} shared, {len(made) - yes} not",
        )
    return made


def relied_on(record: ClientRecord) -> str | None:
    """How a report names the consent record it used, or None if there is none."""
    decisions = in_force(record)
    if not decisions:
        return None
    latest = max(decisions.values(), key=lambda d: d.at)
    where = ""
    if latest.session_id:
        for session in record.sessions:
            if session.id == latest.session_id:
                where = f" in the session '{one_line(session.script_title)}'"
                break
    yes = sum(1 for d in decisions.values() if d.shared)
    return (
        f"the executive's consent recorded on {latest.at.day} {latest.at:%b %Y}{where} "
        f"({yes} of {len(decisions)} decisions to share)"
    )


def require(record: ClientRecord) -> str:
    """The consent record's description, or a one-line refusal naming how to record it."""
    found = relied_on(record)
    if found is None:
        raise ConsentMissingError(
            f"no consent to share with the sponsor is recorded for "
            f"{one_line(record.client.name)}; {HOW_TO_RECORD}"
        )
    return found
