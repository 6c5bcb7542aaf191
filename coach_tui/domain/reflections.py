"""The executive's own closing words: what they will keep doing, their view, advice.

Three parts of the final report come from answers the executive gave in the
Achievement sessions (and the intake), not from the coach's records:

* **keep doing** — the routines named in the phase-down call (and whether they
  still ask their stakeholders for feedforward);
* **own view** — their rating of their change as a leader (on the stakeholders'
  −3..+3 scale), of the value of the coaching, their readiness at the start and
  their readiness to carry on alone;
* **recommendations** — the early signs of slipping back, who will hold them to it,
  how the manager can support, the follow-up session.

They are the executive's words, so they reach the sponsor only through a recorded
consent decision for the section (``coach_tui.domain.consent``), on exactly the text
built here. The latest answer of the current engagement counts; answers that are
coach-only, private, or touch the coach's private lines are never used.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Final

from coach_tui.domain.answered import value_lines
from coach_tui.domain.model import Answer, ClientRecord
from coach_tui.domain.privacy import COACH_ONLY_QUESTIONS
from coach_tui.domain.private_lines import PrivateLines

#: Consentable sections made here, with how the consent screen and reports name them.
SECTIONS: Final[dict[str, str]] = {
    "keep-doing": "What the executive will keep doing",
    "own-view": "The executive's own view of the change and of the coaching",
    "recommendations": "The executive's plan for what comes next",
}

ROUTINES: Final[str] = "routines"
FEEDFORWARD_ROUTINE: Final[str] = "feedforward-routine"
OVERALL_CHANGE_SELF: Final[str] = "overall-change-self"
COACHING_VALUE: Final[str] = "coaching-value"
READINESS: Final[str] = "readiness"
READY_ALONE: Final[str] = "readiness-to-continue-alone"
RELAPSE_RISKS: Final[str] = "relapse-risks"
PARTNER: Final[str] = "accountability-partner"
MANAGER_SUPPORT: Final[str] = "manager-support"
FOLLOW_UP: Final[str] = "follow-up-date"

#: The scripts whose answer to a question means what the report says: the same id can
#: mean something else elsewhere (the manager's own ``manager-support`` in the
#: three-way expectations meeting is not the executive's request at the close).
SOURCES: Final[dict[str, tuple[str, ...]]] = {
    ROUTINES: ("phase-down",),
    FEEDFORWARD_ROUTINE: ("phase-down",),
    RELAPSE_RISKS: ("phase-down",),
    PARTNER: ("phase-down",),
    OVERALL_CHANGE_SELF: ("achievement-review",),
    READY_ALONE: ("achievement-review",),
    READINESS: ("awareness-intake",),
    COACHING_VALUE: ("final-session",),
    MANAGER_SUPPORT: ("final-session",),
    FOLLOW_UP: ("final-session", "three-way-close"),
}

#: The mini-survey's scale, so the executive's own rating reads like the stakeholders'.
CHANGE_WORDS: Final[dict[int, str]] = {
    -3: "much worse",
    -2: "worse",
    -1: "a little worse",
    0: "no change",
    1: "a little better",
    2: "better",
    3: "much better",
}


def latest_answer(record: ClientRecord, question_id: str) -> Answer | None:
    """The latest answer to a question in the engagement's ended coaching sessions
    of the scripts that ask it with this meaning (``SOURCES``)."""
    if question_id in COACH_ONLY_QUESTIONS:
        return None
    scripts = SOURCES.get(question_id)
    sessions = [
        s
        for s in record.sessions_of(record.engagement.id)
        if s.audience == "coach" and not s.is_open and (scripts is None or s.script_id in scripts)
    ]
    for session in reversed(sessions):
        answer = record.answers_of(session.id).get(question_id)
        if answer is not None and not answer.private and value_lines(answer.value):
            return answer
    return None


def _lines(record: ClientRecord, question_id: str, private: PrivateLines) -> list[str]:
    answer = latest_answer(record, question_id)
    if answer is None:
        return []
    return [line for line in value_lines(answer.value) if not private.touches(line)]


def _rating(record: ClientRecord, question_id: str, low: int, high: int) -> int | None:
    answer = latest_answer(record, question_id)
    value = answer.value if answer is not None else None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def keep_doing(record: ClientRecord, private: PrivateLines | None = None) -> list[str]:
    """The routines the executive will keep, one line each."""
    private = private or PrivateLines(record)
    out = _lines(record, ROUTINES, private)
    answer = latest_answer(record, FEEDFORWARD_ROUTINE)
    if answer is not None and answer.value is True:
        out.append("Asking the stakeholders for feedforward each month")
    return out


def own_view(record: ClientRecord) -> list[str]:
    """The executive's own ratings: change, value of the coaching, readiness."""
    out = []
    change = _rating(record, OVERALL_CHANGE_SELF, -3, 3)
    if change is not None:
        mark = f"{change:+d}" if change else "0"
        out.append(
            f"Change as a leader, self-rated: {mark} ({CHANGE_WORDS[change]}) "
            "on the stakeholders' −3..+3 scale"
        )
    value = _rating(record, COACHING_VALUE, 1, 10)
    if value is not None:
        out.append(f"Value of the coaching: {value} of 10")
    ready = _rating(record, READINESS, 1, 10)
    if ready is not None:
        out.append(f"Readiness to change at the start: {ready} of 10")
    alone = _rating(record, READY_ALONE, 1, 5)
    if alone is not None:
        out.append(f"Ready to carry on with less support: {alone} of 5")
    return out


def recommendations(record: ClientRecord, private: PrivateLines | None = None) -> list[str]:
    """What the executive planned for after the coaching, from their own answers."""
    private = private or PrivateLines(record)
    out = [f"Watch for: {line}" for line in _lines(record, RELAPSE_RISKS, private)]
    out += [f"Kept on track by: {line}" for line in _lines(record, PARTNER, private)]
    out += [f"The manager can help: {line}" for line in _lines(record, MANAGER_SUPPORT, private)]
    answer = latest_answer(record, FOLLOW_UP)
    if answer is not None and isinstance(answer.value, str):
        try:
            when = date.fromisoformat(answer.value.strip())
        except ValueError:
            when = None
        if when is not None:
            out.append(f"A follow-up session on {when.day} {when:%b %Y}")
    return out


#: Each section's lines, by name.
BUILDERS: Final[dict[str, Callable[[ClientRecord], list[str]]]] = {
    "keep-doing": keep_doing,
    "own-view": own_view,
    "recommendations": recommendations,
}


def section_lines(record: ClientRecord, name: str) -> list[str]:
    """The lines of one section (empty when nothing was answered)."""
    return BUILDERS[name](record)
