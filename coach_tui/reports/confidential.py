"""What the executive's reports may never contain, and the record's parts they draw on.

The executive reads everything except the coach's own material: notes and captures
marked private, the coach-only answers (``coach-notes``), the plan's notes for next
time and their earlier wordings. A line of an answer that matches any of these
(either way round) is left out too, so a private capture cannot come back through
the answer it was taken from. Stakeholder names are replaced wherever stakeholders'
own words are quoted, and in everything bound for the sponsor (``sponsor_scrub``).

The sponsor's reports are not built here: they come from ``SponsorView``
(``coach_tui.reports.sponsor``), which is assembled from what the sponsor may see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from coach_tui.domain import goals, privacy
from coach_tui.domain.answered import value_lines as lines
from coach_tui.domain.model import AnswerValue, ClientRecord, Insight, InsightKind, Session
from coach_tui.domain.private_lines import PrivateLines
from coach_tui.reports.namescrub import name_pattern

#: Answers that are the coach's own notes: never in any report.
PRIVATE_QUESTIONS: Final[frozenset[str]] = privacy.COACH_ONLY_QUESTIONS

NAME_WITHHELD = "[name withheld]"


class Confidential:
    """The coach's private material for one executive, and how to keep it out."""

    def __init__(self, record: ClientRecord) -> None:
        self._private = PrivateLines(record)
        self._names = name_pattern((p.name for p in record.stakeholders), record.client.name)

    def is_secret(self, line: str) -> bool:
        """Whether a line touches the coach's private material (either way round)."""
        return self._private.touches(line)

    def allowed_lines(self, value: AnswerValue) -> list[str]:
        """The lines of an answer that may be shown: private lines dropped."""
        return [line for line in lines(value) if not self.is_secret(line)]

    def item_ok(self, insight: Insight) -> bool:
        """Whether a running-view item may appear in the executive's report."""
        if insight.private or insight.kind is InsightKind.NOTE:
            return False
        return not self.is_secret(insight.text)

    def scrub(self, text: str) -> str:
        """Stakeholder names replaced (for stakeholders' words, and for the sponsor)."""
        if self._names is None:
            return text
        return self._names.sub(NAME_WITHHELD, text)


def sponsor_scrub(record: ClientRecord) -> Callable[[str], str]:
    """Stakeholder names withheld: what every text bound for the sponsor goes through."""
    return Confidential(record).scrub


# -------------------------------------------------------------------- the record


def coach_sessions(record: ClientRecord) -> list[Session]:
    """The current engagement's ended sessions with the executive, oldest first."""
    return [
        s
        for s in record.sessions_of(record.engagement.id)
        if s.audience == "coach" and not s.is_open
    ]


def shown_goals(record: ClientRecord, guard: Confidential) -> list[Insight]:
    """The goals a report scores: only those agreed with the sponsor."""
    return [
        g for g in record.insights_of(InsightKind.GOAL) if goals.is_agreed(g) and guard.item_ok(g)
    ]


def shown_items(record: ClientRecord, kind: InsightKind, guard: Confidential) -> list[Insight]:
    """A running view's items the executive may read, oldest first."""
    return sorted(
        (i for i in record.insights_of(kind) if guard.item_ok(i)), key=lambda i: i.created
    )


def answers_for(
    record: ClientRecord, question_ids: tuple[str, ...], audience: str = "coach"
) -> list[tuple[Session, str, list[str]]]:
    """(session, question as asked, lines) of the given questions, oldest first."""
    found = []
    for session in record.sessions_of(record.engagement.id):
        if session.audience != audience or session.is_open:
            continue
        answers = record.answers_of(session.id)
        for question_id in question_ids:
            answer = answers.get(question_id)
            if answer is not None and lines(answer.value):
                found.append((session, answer.question_text, lines(answer.value)))
    return found
