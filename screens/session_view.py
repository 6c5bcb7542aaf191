"""One past session, read-only: questions as asked then, answers, captures, plan."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from coach_tui.domain.model import AnswerValue, ClientRecord, Session
from coach_tui.text import one_line, visible
from screens.base import CoachScreen
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader


def _value_text(value: AnswerValue) -> str:
    if isinstance(value, list):
        return "\n".join(f"• {item}" for item in value) or "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value in (None, ""):
        return "—"
    return str(value)


def session_text(record: ClientRecord, session: Session) -> Text:
    """A session as the coach would reread it: the words as asked at the time."""
    text = Text()
    text.append(f"{session.started:%A %d %B %Y, %H:%M}", style="bold")
    text.append(f" · {session.stage.label} · {session.minutes} min\n\n", style="dim")
    answers = record.answers_of(session.id)
    section = None
    for asked in session.questions:
        if asked.section != section:
            section = asked.section
            text.append(f"{visible(section or '')}\n", style="bold underline")
        answer = answers.get(asked.id)
        text.append(f"{visible(answer.question_text if answer else asked.text)}\n", style="bold")
        text.append(visible(_value_text(answer.value if answer else None)) + "\n\n")
    extra = [a for qid, a in answers.items() if qid not in {q.id for q in session.questions}]
    for answer in extra:
        text.append(f"{visible(answer.question_text)}\n", style="bold")
        text.append(visible(_value_text(answer.value)) + "\n\n")
    captured = [i for i in record.insights if i.session_id == session.id]
    if captured:
        text.append("Captured\n", style="bold underline")
        for insight in captured:
            private = " (private)" if insight.private else ""
            text.append(f"{insight.kind.label}{private}: ", style="bold")
            text.append(one_line(insight.text) + "\n")
    return text


class SessionViewScreen(CoachScreen):
    """Read one past session."""

    BINDINGS = [Binding("escape", "back", "Back", id="view.back")]

    def __init__(self, client_id: str, session_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield CoachHeader()
        with VerticalScroll(id="reading"):
            yield Static("", id="session")
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        record = self.practice.load(self.client_id)
        session = next(s for s in record.sessions if s.id == self.session_id)
        self.title = one_line(record.client.name)
        self.sub_title = one_line(session.script_title)
        self.query_one("#session", Static).update(session_text(record, session))
        self.query_one("#reading").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
