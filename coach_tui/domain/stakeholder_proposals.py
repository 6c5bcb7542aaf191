"""Stakeholders proposed from what the executive said, for the coach to confirm.

A script question with ``feeds = "stakeholders"`` ("Whose support matters most…?")
is answered one person a line: "Bob (CEO)", "Maria Lopez – my manager", "Priya,
peer in finance". Each line proposes a stakeholder: a name and a relationship
guessed from the words around it. Nothing is added by itself: the coach confirms
each proposal (and may correct the guess), because the executive picks the
stakeholders and the manager approves them. A name already on the list, or
proposed by an earlier line, is proposed once (compared without case or spaces).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coach_tui.domain.model import AnswerValue, ClientRecord
from coach_tui.scripts.library import ScriptLibrary

#: Words that suggest a relationship, tried in this order (first match wins).
_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sponsor", ("sponsor", "hr ", "hr)", "hrbp", "human resources")),
    ("direct report", ("direct report", "reports to me", "my team", "deputy", "team lead")),
    (
        "manager",
        ("manager", "my boss", "boss", "reports to", "line manager", "ceo", "president", "chair"),
    ),
    ("peer", ("peer", "colleague", "counterpart", "fellow", "head of", "vp", "director", "cfo",
              "cto", "coo", "cmo", "chro", "cio")),
)  # fmt: skip
_SEPARATORS = re.compile(r"\s*(?:\(|\s[-–—]\s|,|:)\s*")


@dataclass(frozen=True)
class Proposal:
    """A person the executive named: who, and the relationship the words suggest."""

    name: str
    relationship: str
    said: str  # the line as given, for the coach to see why


def key(name: str) -> str:
    """How names are compared: without case, and spaces collapsed."""
    return " ".join(name.casefold().split())


def guess_relationship(words: str) -> str:
    """ "CEO" -> manager, "peer in finance" -> peer; "other" when nothing fits."""
    text = f" {words.casefold()} "
    for relationship, hints in _HINTS:
        if any(hint in text for hint in hints):
            return relationship
    return "other"


def parse_person(line: str) -> Proposal | None:
    """One line of the answer as a proposal; None for a blank line."""
    said = " ".join(line.strip().lstrip("-*•·").split())
    if not said:
        return None
    parts = _SEPARATORS.split(said, maxsplit=1)
    name = parts[0].strip(" ()")
    rest = parts[1].rstrip(")").strip() if len(parts) > 1 else ""
    if not name:
        return None
    return Proposal(name=name, relationship=guess_relationship(rest or name), said=said)


def propose(lines: Iterable[str], existing: Iterable[str]) -> list[Proposal]:
    """Proposals from ``lines``, none for a name in ``existing`` or proposed before."""
    seen = {key(name) for name in existing}
    found: list[Proposal] = []
    for line in lines:
        proposal = parse_person(line)
        if proposal is None or key(proposal.name) in seen:
            continue
        seen.add(key(proposal.name))
        found.append(proposal)
    return found


def _lines(value: AnswerValue) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str):
        return value.splitlines()
    return []


def proposals_for(record: ClientRecord, library: ScriptLibrary) -> list[Proposal]:
    """What the current engagement's answers propose, minus its stakeholders."""
    engagement = record.engagement
    lines: list[str] = []
    for session in sorted(record.sessions, key=lambda s: s.started):
        if session.engagement_id != engagement.id:
            continue
        try:
            script = library.get(session.script_id)
        except KeyError:
            continue
        feeding = {q.id for q in script.questions if q.feeds == "stakeholders"}
        if not feeding:
            continue  # most scripts: no need to gather the session's answers
        answers = record.answers_of(session.id)
        for question_id in sorted(feeding & set(answers)):
            lines.extend(_lines(answers[question_id].value))
    people = [s.name for s in record.stakeholders if s.engagement_id == engagement.id]
    return propose(lines, people)
