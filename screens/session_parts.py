"""The live session's questions and texts, apart from the screen (pure functions).

What the session screen shows beside the editor (the hint for each kind of
question, the capture legend) and how a script's questions become the session's
(one question per current goal for a per-goal question). The screen module keeps
the widgets and the keys.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.binding import Binding

from coach_tui.domain import plan as planning
from coach_tui.domain.model import AnswerValue, ClientRecord, InsightKind, Session
from coach_tui.scripts.library import Question, ScriptLibrary

GOAL_SEPARATOR = "--goal-"

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


def session_questions(
    script_questions: tuple[Question, ...], record: ClientRecord
) -> list[Question]:
    """The script's questions, with a per-goal question asked once per current goal."""
    goals = planning.running_views(record).goals
    expanded: list[Question] = []
    for question in script_questions:
        if not question.per_goal:
            expanded.append(question)
            continue
        for goal in goals:
            expanded.append(
                replace(
                    question,
                    id=f"{question.id}{GOAL_SEPARATOR}{goal.id}",
                    text=f"{question.text}\nGoal: {goal.text}",
                    labels={**question.labels, **goal.gas}
                    if question.scale == (-2, 2)
                    else question.labels,
                )
            )
    return expanded


def questions_of(session: Session, library: ScriptLibrary, record: ClientRecord) -> list[Question]:
    """The questions of ``session`` as the coach goes through them (per-goal ones expanded).

    The script's current questions that were asked then; if the script is gone, the
    questions as they were asked.
    """
    try:
        script_questions = library.get(session.script_id).questions
    except KeyError:
        script_questions = ()
    asked = {q.id for q in session.questions}
    known = [q for q in script_questions if q.id in asked] or list(script_questions)
    if not known:  # the script is gone: ask the questions as they were asked then
        known = [Question(q.id, q.text, q.kind, q.section) for q in session.questions]
    return session_questions(tuple(known), record)


def goal_of(question_id: str) -> str | None:
    """The goal id a per-goal question was asked about, if any."""
    _, separator, goal_id = question_id.partition(GOAL_SEPARATOR)
    return goal_id if separator else None


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
