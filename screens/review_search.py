"""The review's search: every answer and capture of an executive matching a query.

A hit keeps where it was found (session, question or capture) and a short snippet
around it with the match highlighted; ``screens.review`` lists and opens them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets.option_list import Option

from coach_tui.domain.model import (
    ClientRecord,
    Session,
)
from coach_tui.text import one_line, visible
from screens.review_timeline import (
    HIT_STYLE,
    MAX_HITS,
    MIN_QUERY,
    SNIPPET,
    value_text,
)


@dataclass(frozen=True)
class Hit:
    """One search result: where it is, and a snippet with the match marked."""

    session: Session
    question_id: str | None  # None: a capture of that session
    label: str
    snippet: Text


def _snippet(text: str, start: int, length: int) -> Text:
    flat = text.replace("\n", " ")
    left = max(0, start - SNIPPET // 3)
    right = min(len(flat), start + length + SNIPPET)
    shown = Text()
    if left:
        shown.append("…")
    shown.append(visible(flat[left:start]))
    shown.append(visible(flat[start : start + length]), style=HIT_STYLE)
    shown.append(visible(flat[start + length : right]))
    if right < len(flat):
        shown.append("…")
    return shown


def search(record: ClientRecord, query: str) -> list[Hit]:
    """Every answer and capture of every session that contains ``query`` (any case)."""
    needle = query.strip().casefold()
    if len(needle) < MIN_QUERY:
        return []
    hits: list[Hit] = []
    for session in sorted(record.sessions, key=lambda s: s.started, reverse=True):
        answers = record.answers_of(session.id)
        order = [q.id for q in session.questions] + [
            q for q in answers if q not in {asked.id for asked in session.questions}
        ]
        for question_id in order:
            answer = answers.get(question_id)
            if answer is None:
                continue
            text = value_text(answer.value)
            at = text.casefold().find(needle)
            if at < 0:
                continue
            hits.append(
                Hit(
                    session,
                    question_id,
                    one_line(answer.question_text),
                    _snippet(text, at, len(needle)),
                )
            )
        for insight in record.insights:
            if insight.session_id != session.id:
                continue
            at = insight.text.casefold().find(needle)
            if at >= 0:
                label = f"captured {insight.kind.label.lower()}"
                hits.append(Hit(session, None, label, _snippet(insight.text, at, len(needle))))
        if len(hits) >= MAX_HITS:
            break
    return hits[:MAX_HITS]


def hit_option(index: int, hit: Hit) -> Option:
    line = Text()
    line.append(f"{hit.session.started:%d %b %Y}", style="bold")
    line.append(f"  {one_line(hit.session.script_title, 26)}\n", style="dim")
    line.append("  ")
    line.append(one_line(hit.label, 60), style="italic")
    line.append("\n  ")
    line.append_text(hit.snippet)
    return Option(line, id=f"hit-{index}")


def highlight(text: Text, query: str) -> Text:
    if query.strip():
        text.highlight_words([query.strip()], style=HIT_STYLE, case_sensitive=False)
    return text
