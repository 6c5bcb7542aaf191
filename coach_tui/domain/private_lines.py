"""The coach's private material of one executive, line by line.

A line of an answer that matches anything coach-only — a private capture (or an
earlier wording of it), a private or coach-only answer, the plan's notes for next
time — either way round, is the coach's: it stays out of whatever the executive or
the sponsor reads, so a private capture cannot come back through the answer it was
taken from. The reports and the consent record ask here, so what the executive is
shown and what the sponsor may be offered are cut by the same rule.
"""

from __future__ import annotations

from coach_tui.domain.answered import norm, value_lines
from coach_tui.domain.model import ClientRecord
from coach_tui.domain.privacy import COACH_ONLY_QUESTIONS


class PrivateLines:
    """Whether a line touches the coach's private material."""

    def __init__(self, record: ClientRecord) -> None:
        secrets: list[str] = []
        for insight in record.insights:
            if insight.private:
                secrets.append(insight.text)
                secrets.extend(str(e.value) for e in insight.history if e.value)
        for answer in record.answers:
            if answer.private or answer.question_id in COACH_ONLY_QUESTIONS:
                secrets.extend(value_lines(answer.value))
                for edit in answer.history:
                    secrets.extend(value_lines(edit.value))
        for plan in record.plans:
            secrets.extend(line for line in plan.notes.splitlines() if line.strip())
        self._secrets = [norm(s) for s in secrets if norm(s)]

    def touches(self, line: str) -> bool:
        """Whether ``line`` holds a private line or is part of one (8+ characters)."""
        normed = norm(line)
        if not normed:
            return False
        return any(s in normed or (len(normed) >= 8 and normed in s) for s in self._secrets)
