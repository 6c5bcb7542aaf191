"""The live session's questions and texts, apart from the screen (pure functions).

What the session screen shows beside the editor (the hint for each kind of
question, the capture legend). How a script's questions become the session's is
core (``coach_tui.domain.sessions``). The screen modules keep the widgets and the keys.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.binding import Binding

from coach_tui.domain.model import AnswerValue, AskedQuestion, ClientRecord, InsightKind, Session
from coach_tui.scripts.library import Question, Script

#: Capture keys: one key each (alt+letter, with a function key for terminals
#: where alt does not reach the app).
CAPTURE_KINDS: dict[str, InsightKind] = {
    "strength": InsightKind.STRENGTH,
    "weakness": InsightKind.WEAKNESS,
    "goal": InsightKind.GOAL,
    "action": InsightKind.ACTION,
    "motivation": InsightKind.MOTIVATION,
    "note": InsightKind.NOTE,
}


MOVE = Binding.Group("Move")
CAPTURE = Binding.Group("Capture")
#: (alt+letter, function key, kind) for each capture.
CAPTURE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("s", "f2", "strength"),
    ("w", "f3", "weakness"),
    ("g", "f4", "goal"),
    ("a", "f5", "action"),
    ("m", "f8", "motivation"),
    ("n", "f9", "note"),
)


def capture_legend() -> Text:
    """The capture keys under the editor: what each alt+letter turns the line into."""
    legend = Text("Capture with alt+", style="dim")
    for index, (letter, _, kind) in enumerate(CAPTURE_KEYS):
        legend.append(" · " if index else " ", style="dim")
        legend.append(letter, style="bold")
        label = {"note": "private note", "weakness": "dev area"}.get(kind, kind)
        legend.append(f" {label}", style="dim")
    return legend


def blank_value(value: AnswerValue) -> bool:
    """No answer: how an unanswered question's editor reads ("" or [] or None)."""
    return value is None or value == "" or value == []


def answer_text(value: AnswerValue) -> str:
    if isinstance(value, list):
        return "\n".join(f"• {item}" for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def placeholder_for(kind: str) -> str:
    return "15 Mar, next Friday, in 2 weeks" if kind == "date" else "A short answer"


def hint_for(question: Question) -> str:
    fed = {"weaknesses": "development areas"}.get(question.feeds or "", question.feeds)
    feeds = f" · feeds {fed}" if question.feeds else ""
    if question.feeds == "stakeholders":
        feeds = " · each proposes a stakeholder (k confirms)"
    return {
        "text": "Type freely; saved as you go",
        "list": "One item per line" + feeds,
        "line": "One line",
        "date": "A date: YYYY-MM-DD, +14 or next week",
        "rating": "← → or a number; backspace clears",
        "choice": "↑ ↓ and space choose · letters go to the note",
        "yesno": "↑ ↓ and space: yes or no · letters go to the note",
        "choices": "↑ ↓ and space to tick any number",
    }.get(question.kind, "")


def new_session(
    record: ClientRecord, script: Script, stakeholder_id: str | None, session_id: str, at: datetime
) -> Session:
    """The session ``Practice.start_session`` writes for ``script`` at ``at``, as the
    screen shows it while it is being written (compared with the one written, then)."""
    engagement = record.engagement
    return Session(
        id=session_id,
        engagement_id=engagement.id,
        script_id=script.id,
        script_title=script.title,
        script_version=script.version,
        stage=engagement.stage,
        started=at,
        audience=script.audience,
        stakeholder_id=stakeholder_id,
        cursor=script.questions[0].id if script.questions else None,
        questions=[AskedQuestion(q.id, q.text, q.kind, q.section) for q in script.questions],
    )
