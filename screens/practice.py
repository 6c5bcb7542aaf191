"""Practice (home): every executive, their stage and what is due, filtered by typing."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.events import Key
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from coach_tui.model import ClientSummary
from coach_tui.text import one_line
from screens.base import CoachScreen
from screens.widgets.stage_track import stage_track_text

WELCOME = (
    "Welcome to coach-tui.\n\n"
    "Your practice is empty. Press  n  to add your first executive: a name is enough "
    "to start, and the intake interview is one key away.\n\n"
    "To look around first, quit (ctrl+q) and run  coach-tui demo  — it opens a demo "
    "practice of four executives, one in each stage, in a folder of its own."
)


def _short_date(day: date | None, today: date) -> str:
    if day is None:
        return "—"
    if day == today:
        return "today"
    return f"{day:%d %b}" if day.year == today.year else f"{day:%b %Y}"


class PracticeScreen(CoachScreen):
    """Home: the coach's executives."""

    CSS_PATH = "practice.tcss"
    BINDINGS = [
        Binding("n", "new_client", "New executive", id="practice.new"),
        Binding("enter", "open", "Open", id="practice.open", priority=True),
        Binding("slash", "filter", "Filter", id="practice.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="practice.clear"),
        Binding("question_mark", "app.help", "Help", show=False, id="practice.help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[ClientSummary] = []
        self._offered_resume = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="practice"):
            yield Input(
                placeholder="Type to filter by name, organisation, role or stage", id="filter"
            )
            yield DataTable(id="clients", cursor_type="row", zebra_stripes=True)
            yield Static(WELCOME, id="welcome", markup=False)
            yield Static("", id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "coach-tui"
        self.sub_title = "Practice"
        self.query_one("#filter", Input).cursor_blink = self.app_blinks
        table = self.query_one("#clients", DataTable)
        table.add_column("Executive", key="name", width=20)
        table.add_column("Organisation · role", key="org", width=22)
        table.add_column("Stage", key="stage", width=16)
        table.add_column("Calls", key="calls", width=5)
        table.add_column("Last", key="last", width=6)
        table.add_column("Next", key="next", width=6)
        table.add_column("Actions", key="actions", width=12)
        table.focus()
        self.refresh_clients()

    def on_screen_resume(self) -> None:
        self.refresh_clients()

    @work(thread=True, exclusive=True, group="practice-load")
    def refresh_clients(self) -> None:
        """Read the index off the UI thread, then show it."""
        summaries = self.practice.list_clients()
        self.app.call_from_thread(self._show, summaries)

    def _show(self, summaries: list[ClientSummary]) -> None:
        self.summaries = summaries
        self._render_rows()
        if not self._offered_resume:
            self._offered_resume = True
            interrupted = [s for s in summaries if s.open_session]
            if interrupted:
                self._offer_resume(interrupted[0])

    def _offer_resume(self, summary: ClientSummary) -> None:
        from screens.dialogs import ConfirmDialog

        record = self.practice.load(summary.id)
        session = record.open_session()
        if session is None:
            return
        answered = len(record.answers_of(session.id))
        message = (
            f"A session with {summary.name} was interrupted: {session.script_title}, "
            f"started {session.started:%d %b %H:%M}, {answered} answer(s) saved.\n\n"
            "Resume it where you left off?"
        )

        def answer(resume: bool | None) -> None:
            if resume:
                self.coach_app.resume_session(summary.id, session.id)

        self.app.push_screen(
            ConfirmDialog("Resume the interrupted session?", message, yes="Resume", no="Later"),
            answer,
        )

    def _matches(self, summary: ClientSummary, needle: str) -> bool:
        haystack = " ".join(
            (summary.name, summary.organisation, summary.role, summary.stage.value)
        ).casefold()
        return all(word in haystack for word in needle.casefold().split())

    def _render_rows(self) -> None:
        table = self.query_one("#clients", DataTable)
        needle = self.query_one("#filter", Input).value
        today = self.app_today()
        keep = None
        if table.row_count and table.cursor_row < table.row_count:
            keep = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        table.clear()
        shown = [s for s in self.summaries if self._matches(s, needle)]
        for summary in shown:
            table.add_row(*self._cells(summary, today), key=summary.id)
        if keep is not None and keep in {s.id for s in shown}:
            table.move_cursor(row=table.get_row_index(keep))
        empty = not self.summaries
        self.query_one("#welcome").display = empty
        table.display = not empty
        self.query_one("#filter").display = not empty
        status = self.query_one("#status", Static)
        if empty:
            status.update("")
        elif not shown:
            status.update(
                Text(f"No executive matches “{one_line(needle)}” — esc clears the filter")
            )
        else:
            overdue = sum(s.overdue_actions for s in shown)
            line = f"{len(shown)} of {len(self.summaries)} executives"
            if overdue:
                line += f" · {overdue} overdue action(s)"
            status.update(Text(line))

    def _cells(self, summary: ClientSummary, today: date) -> list[Text]:
        name = Text(one_line(summary.name))
        if summary.problem:
            name = Text("⚠ ", style="bold red") + name
        elif summary.open_session:
            name = Text("● ", style="bold yellow") + name
        org = " · ".join(part for part in (summary.organisation, summary.role) if part)
        actions = Text(f"{summary.open_actions} open")
        if summary.overdue_actions:
            actions.append(f" {summary.overdue_actions}!", style="bold red")
        next_day = Text(_short_date(summary.next_session, today))
        if summary.next_session and summary.next_session < today:
            next_day.stylize("red")
        return [
            name,
            Text(one_line(org)),
            stage_track_text(summary.stage, compact=True),
            Text(str(summary.sessions), justify="right"),
            Text(_short_date(summary.last_session, today)),
            next_day,
            actions,
        ]

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._render_rows()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        table = self.query_one("#clients", DataTable)
        if table.row_count:
            table.focus()
            if table.row_count == 1:
                self.action_open()

    @on(DataTable.RowSelected, "#clients")
    def _row_selected(self) -> None:
        self.action_open()

    def on_key(self, event: Key) -> None:
        """Typing a letter while the list has focus starts filtering."""
        table = self.query_one("#clients", DataTable)
        if self.focused is not table or not event.is_printable or not event.character:
            return
        if event.character in ("n", "/", "?"):
            return
        search = self.query_one("#filter", Input)
        search.focus()
        search.insert_text_at_cursor(event.character)
        event.stop()
        event.prevent_default()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        search = self.query_one("#filter", Input)
        search.value = ""
        self.query_one("#clients", DataTable).focus()

    def action_open(self) -> None:
        table = self.query_one("#clients", DataTable)
        if not table.row_count:
            if not self.summaries:
                self.action_new_client()
            return
        client_id = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        if client_id is not None:
            summary = next(s for s in self.summaries if s.id == client_id)
            if summary.problem:
                self.notify(
                    summary.problem,
                    title="This executive's file cannot be read",
                    severity="error",
                    timeout=15,
                )
                return
            self.coach_app.open_client(client_id)

    def action_new_client(self) -> None:
        from screens.new_client import NewClientScreen

        def created(client_id: str | None) -> None:
            if client_id:
                self.refresh_clients()
                self.coach_app.open_client(client_id)

        self.app.push_screen(NewClientScreen(), created)


__all__ = ["PracticeScreen", "Screen"]
