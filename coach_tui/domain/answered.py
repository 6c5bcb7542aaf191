"""What counts as an answer: one rule for every count the coach reads.

A skipped question is stored as an empty value (a blank line, an empty list, no
choice), so counting stored answers would count it. Every screen and command that
says "N answered" asks this module, so the wrap-up, the sessions list, the review
header and the self-assessment never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coach_tui.domain.model import Answer, AnswerValue, ClientRecord, Session


def is_answered(value: AnswerValue) -> bool:
    """True for a value the coach gave: not None, not blank text, not an empty list."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(str(item).strip() for item in value)
    return True  # a rating, a yes/no (False is an answer), a number


def answered_ids(
    answers: Mapping[str, Answer] | Mapping[str, AnswerValue],
    question_ids: Iterable[str] | None = None,
) -> set[str]:
    """The question ids among ``question_ids`` (default: all) that have an answer."""
    wanted = set(answers) if question_ids is None else set(question_ids)
    found: set[str] = set()
    for question_id, item in answers.items():
        value = item.value if isinstance(item, Answer) else item
        if question_id in wanted and is_answered(value):
            found.add(question_id)
    return found


def answered_count(
    answers: Mapping[str, Answer] | Mapping[str, AnswerValue],
    question_ids: Iterable[str] | None = None,
) -> int:
    """How many of ``question_ids`` (default: every stored one) are answered."""
    return len(answered_ids(answers, question_ids))


def session_answered(record: ClientRecord, session: Session) -> int:
    """The answers of one session, as the sessions list and the review count them."""
    return answered_count(record.answers_of(session.id))


def norm(text: str) -> str:
    """Text compared as a coach would: spaces collapsed, case ignored."""
    return " ".join(text.split()).casefold()


def value_lines(value: AnswerValue) -> list[str]:
    """An answer's value as lines (blank ones dropped); a yes/no as 'yes'/'no'."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, int):
        return [str(value)]
    return [line.strip() for line in value.splitlines() if line.strip()]
