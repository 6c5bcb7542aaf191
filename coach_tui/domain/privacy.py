"""Who may read what: the three audiences of everything written down.

Coaching notes are the executive's, and sensitive. Every answer and running-view item
is for one of three audiences:

* **coach only** — the coach's private notes and own observations (``private``
  items and answers): in no output meant for anyone else;
* **coach and executive** — the default for every answer and item;
* **sponsor** — only what the executive agreed to share, decision by decision
  (``coach_tui.domain.consent``), plus what the sponsor co-owns: goals agreed in a
  three-way meeting with their measures, GAS levels and scores, attendance, and
  stakeholder means of groups of three or more.

An item never carries "sponsor" itself: what the sponsor sees is worked out from the
consent record each time, so an item is sponsor-visible only while a decision says so.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Final

from coach_tui.domain.model import Answer, Insight, InsightKind

Tables = dict[str, dict[str, dict[str, Any]]]


class Audience(StrEnum):
    """Who a piece of writing is for, from the narrowest to the widest."""

    COACH = "coach"
    EXECUTIVE = "executive"
    SPONSOR = "sponsor"

    @property
    def label(self) -> str:
        return AUDIENCE_LABELS[self]


AUDIENCE_LABELS: Final[dict[Audience, str]] = {
    Audience.COACH: "coach only",
    Audience.EXECUTIVE: "coach and executive",
    Audience.SPONSOR: "sponsor (with consent)",
}

#: The shipped scripts' question for the coach's own notes. A script marks such a
#: question with ``coach_only = true``; this id is the default the shipped scripts use.
COACH_NOTES_ID: Final[str] = "coach-notes"

#: Questions of the shipped scripts that are the coach's own: their answers are
#: coach-only even in files written before scripts could say so. The one place this
#: id is named: reports, the brief and the review screen ask here.
COACH_ONLY_QUESTIONS: Final[frozenset[str]] = frozenset({COACH_NOTES_ID})


def is_coach_only_question(question_id: str, coach_only: bool = False) -> bool:
    """Whether answers to this question are the coach's alone.

    ``coach_only`` is the script question's flag when the caller has the question;
    the id check covers answers saved before scripts carried the flag.
    """
    return coach_only or question_id in COACH_ONLY_QUESTIONS


#: Who sees it, in two lines: the README and the help say the same.
WHO_SEES_WHAT: Final[str] = (
    "Coach only: your private notes and coach-only answers. The executive: every other "
    "answer and item.\nThe sponsor: goals agreed in a three-way meeting, their scores, "
    "attendance and group means — and only what the executive consented to share, line by "
    "line (c on the engagement)."
)


def audience_of(thing: Insight | Answer) -> Audience:
    """The widest audience an item or answer has by itself (never the sponsor)."""
    if thing.private:
        return Audience.COACH
    if isinstance(thing, Insight) and thing.kind is InsightKind.NOTE:
        return Audience.COACH
    return Audience.EXECUTIVE


def migrate_to_consent(tables: Tables) -> Tables:
    """Schema 1 -> 2: the safe default, nothing sponsor-visible by itself.

    The old ``shared`` flag (true unless someone turned it off, which no screen
    could) is dropped rather than read as consent; no consent record is made, so
    a sponsor report needs the executive's consent first. Goals start as drafts
    (nobody recorded a three-way agreement). Answers to the coach's own note
    questions become coach-only. Items the old version made from the executive's own
    answers (self-assessment, kits), untouched by the coach since, are removed: their
    answers remain, so they come back as suggestions (``coach_tui.domain.suggestions``).
    """
    not_the_coachs = {
        doc.get("id")
        for doc in tables.get("sessions", {}).values()
        if doc.get("audience", "coach") != "coach"
    }
    insights = tables.get("insights", {})
    for key, doc in list(insights.items()):
        doc.pop("shared", None)
        if doc.get("kind") == InsightKind.GOAL.value:
            doc.setdefault("status", "draft")
        if doc.get("session_id") in not_the_coachs and _untouched(doc):
            # The executive's own words, put into a running view by the old version:
            # back to a suggestion (its answer is still there) for the coach to take up.
            del insights[key]
    for doc in tables.get("answers", {}).values():
        if doc.get("question_id") in COACH_ONLY_QUESTIONS:
            doc["private"] = True
    return tables


def _untouched(doc: dict[str, Any]) -> bool:
    """An item exactly as an answer made it: never renamed, scored, measured or ticked."""
    return not (
        doc.get("history")
        or doc.get("scores")
        or doc.get("measure")
        or any(str(v).strip() for v in (doc.get("gas") or {}).values())
        or doc.get("done")
        or doc.get("private")
    )
