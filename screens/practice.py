"""Practice (home): every executive, their stage and what is due, filtered by typing."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key, Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from coach_tui.domain.answered import session_answered
from coach_tui.domain.model import ClientRecord, ClientSummary
from coach_tui.errors import CoachError
from coach_tui.locations import is_demo
from coach_tui.text import one_line
from screens.base import CoachScreen
from screens.first_frame import LaidOutOnce
from screens.widgets.editors import SafeInput
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader
from screens.widgets.row_list import RowList, row_cells
from screens.widgets.stage_track import stage_track_text
from screens.work import CoreDone, run_core

WELCOME = (
    "Welcome to coach-tui.\n\n"
    "Your practice is empty. Press  ctrl+n  (or enter) to add your first executive: a "
    "name is enough to start, and the intake interview is one key away.\n\n"
    "To look around first, quit (ctrl+q) and run  coach-tui demo  — it opens a demo "
    "practice of four executives, one in each stage, in a folder of its own."
)


#: The table's columns: key and heading.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Executive"),
    ("org", "Organisation · role"),
    ("stage", "Stage"),
    ("calls", "Calls"),
    ("last", "Last"),
    ("next", "Next"),
    ("actions", "Actions"),
)
#: Seconds the cursor rests on an executive before their file is read ahead.
READ_AHEAD_AFTER = 0.3

#: "12 open 3!" fits; the name takes what is left.
_FIXED = {"stage": 16, "calls": 5, "last": 6, "next": 6, "actions": 10}


#: Dropped in this order when the terminal is too narrow for a 14-cell name.
_DROPPED_WHEN_NARROW = ("calls", "last", "next")
_MIN_NAME = 14


def column_widths(width: int) -> dict[str, int]:
    """Column widths that fit ``width`` terminal columns, in the order of COLUMNS.

    The list never scrolls sideways (the headings would not follow): below 100
    columns the organisation goes, and on a very narrow terminal the call count and
    the dates go too, so that the name keeps 14 cells.
    """
    fixed = dict(_FIXED)

    def room_for(columns: dict[str, int], extra: int) -> int:
        """Cells left for the name (and organisation): the screen's padding and the
        scrollbar, then one cell of padding each side of every column."""
        return width - 4 - sum(columns.values()) - 2 * (len(columns) + extra)

    if width >= 100:
        room = room_for(fixed, 2)
        name = max(18, min(room // 2, 28))
        widths = {"name": name, "org": max(16, min(room - name, 40)), **fixed}
    else:
        for key in _DROPPED_WHEN_NARROW:
            if room_for(fixed, 1) >= _MIN_NAME:
                break
            del fixed[key]
        widths = {"name": max(_MIN_NAME, min(room_for(fixed, 1), 32)), **fixed}
    return {key: widths[key] for key, _ in COLUMNS if key in widths}


def _short_date(day: date | None, today: date) -> str:
    if day is None:
        return "—"
    if day == today:
        return "today"
    # Six cells either way: "07 Mar" this year, "Mar’25" another (never cut to "Mar 2…").
    return f"{day:%d %b}" if day.year == today.year else f"{day:%b}’{day:%y}"


class PracticeScreen(LaidOutOnce, CoachScreen):
    """Home: the coach's executives.

    Laid out once before its first paint (``LaidOutOnce``): its ``on_mount`` fills the
    rows from a fresh index before Textual's first layout, so that frame is whole.
    """

    BINDINGS = [
        Binding("enter", "open", "Open", id="practice.open"),
        # ctrl+n, not n: a filter may start with n ("Nora"), and the key acts as it
        # is read, so letters typed right after it go to the new dialog.
        Binding("ctrl+n", "new_client", "New executive", id="practice.new", priority=True),
        Binding("slash", "filter", "Filter", id="practice.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="practice.clear"),
        Binding("question_mark", "app.help", "Help", show=False, id="practice.help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[ClientSummary] = []
        self._offered_resume = False
        self._widths: dict[str, int] = {}
        self._first_resume_pending = False
        self._demo_folder = ""
        self._read_ahead_timer: Timer | None = None
        self._focus_list_on_resume = False

    def compose(self) -> ComposeResult:
        yield CoachHeader()
        with Vertical(id="practice"):
            # No select-on-focus: typing on the list moves here letter by letter, and
            # selecting the first letter would let the second one replace it.
            yield SafeInput(
                placeholder="Type to filter by name, organisation, role or stage",
                id="filter",
                select_on_focus=False,
            )
            yield Static("", id="client-columns", markup=False)
            yield RowList(id="clients")
            yield Static(WELCOME, id="welcome", markup=False)
            yield Static("", id="status", markup=False)
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "coach-tui"
        self.sub_title = "Practice"
        self._demo_folder = ""
        if is_demo(self.practice.root):
            # The "Seeded … in …" line is gone once the app opens: say it here.
            self.sub_title = "Demo practice"
            self._demo_folder = str(self.practice.root)
        self._set_columns(self.app.size.width)
        self.query_one("#clients", RowList).focus()
        self._first_resume_pending = True
        # The first frame shows the rows: reading a fresh index is a few ms (7 ms for
        # 200 executives; no client file is opened), while a worker thread would
        # compete with the first layout and show them 50-200 ms later. Rows to
        # rebuild (files restored or synced) mean reading client files: a worker.
        try:
            summaries = self.practice.list_clients_if_fresh()
        except CoachError:
            summaries = None  # the worker meets it again, off the UI thread
        if summaries is None:
            self.query_one("#welcome").display = False
            self.query_one("#status", Static).update("Reading your practice…")
            self.refresh_clients()
        else:
            self._show(summaries)

    def on_screen_resume(self) -> None:
        if self._focus_list_on_resume:
            self._focus_list_on_resume = False
            self.query_one("#clients", RowList).focus()
        if self._first_resume_pending:
            self._first_resume_pending = False  # it follows on_mount, which listed
            return
        self.refresh_clients()

    def on_resize(self, event: Resize) -> None:
        if self._set_columns(event.size.width):
            self._render_rows()

    def _set_columns(self, width: int) -> bool:
        """Fit the columns to the terminal: below 100 columns the organisation goes.

        Returns True if the columns changed (the rows must then be drawn again).
        """
        widths = column_widths(width)
        if widths == self._widths:
            return False
        self._widths = widths
        headings = [
            Text(label, justify="right" if key == "calls" else "left")
            for key, label in COLUMNS
            if key in widths
        ]
        self.query_one("#client-columns", Static).update(row_cells(headings, list(widths.values())))
        return True

    def refresh_clients(self) -> None:
        """Read the index off the UI thread, then show it."""
        practice = self.practice
        run_core(self, "practice-load", practice.list_clients, exclusive=True)

    @on(CoreDone)
    def _core_done(self, message: CoreDone) -> None:
        if message.key == "practice-load":
            if message.error is not None:
                self.notify(str(message.error), severity="error", timeout=15)
            else:
                self._show(message.value)
        elif message.key == "practice-resume" and message.ok:
            self._ask_resume(*message.value)  # not readable: its row shows the problem

    def _show(self, summaries: list[ClientSummary]) -> None:
        self.summaries = summaries
        self._render_rows()
        if not self._offered_resume:
            self._offered_resume = True
            interrupted = [s for s in summaries if s.open_session]
            if interrupted:
                self._offer_resume(interrupted[0])

    def _offer_resume(self, summary: ClientSummary) -> None:
        """Read the interrupted executive off the UI thread, then ask."""
        practice = self.practice
        run_core(
            self, "practice-resume", lambda: (summary, practice.load(summary.id)), exclusive=True
        )

    def _ask_resume(self, summary: ClientSummary, record: ClientRecord) -> None:
        from screens.dialogs import ConfirmDialog

        session = record.open_session()
        if session is None:
            return
        answered = session_answered(record, session)
        message = (
            f"A session with {summary.name} was interrupted: {session.script_title}, "
            f"started {session.started:%d %b %H:%M}, "
            f"{answered} {'question' if answered == 1 else 'questions'} answered so far.\n\n"
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
        """List the executives that match the filter; each row is built when drawn."""
        rows = self.query_one("#clients", RowList)
        needle = self.query_one("#filter", Input).value
        today = self.app_today()
        shown = [s for s in self.summaries if self._matches(s, needle)]
        widths = list(self._widths.values())

        def row_text(index: int) -> Text:
            return row_cells(self._cells(shown[index], today), widths)

        line_width = sum(widths) + 2 * len(widths)
        rows.set_rows([s.id for s in shown], row_text, line_width, keep=rows.cursor_key)
        empty = not self.summaries
        self.query_one("#welcome").display = empty
        rows.display = not empty
        self.query_one("#client-columns").display = not empty
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
            if self._demo_folder:
                line += f" · demo practice in {self._demo_folder}"
            line += getattr(self.app, "last_sync", "")
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
        cells = {
            "name": name,
            "org": Text(one_line(org)),
            "stage": stage_track_text(summary.stage, compact=True),
            "calls": Text(str(summary.sessions), justify="right"),
            "last": Text(_short_date(summary.last_session, today)),
            "next": next_day,
            "actions": actions,
        }
        return [cells[key] for key, _ in COLUMNS if key in self._widths]

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._render_rows()
        self._read_ahead_soon()

    @on(RowList.Moved, "#clients")
    def _cursor_moved(self) -> None:
        self._read_ahead_soon()

    def _read_ahead_soon(self) -> None:
        """Once the coach pauses on an executive, read their file for the coming enter.

        Opening the largest engagement is mostly reading and decoding its file: done
        while the coach looks at the list, enter shows it at once. Only a pause
        starts a read, so typing a name or holding an arrow key reads nothing.
        """
        if self._read_ahead_timer is not None:
            self._read_ahead_timer.stop()
        self._read_ahead_timer = self.set_timer(READ_AHEAD_AFTER, self._read_ahead)

    def _read_ahead(self) -> None:
        from screens.engagement_open import read_ahead

        self._read_ahead_timer = None
        client_id = self.query_one("#clients", RowList).cursor_key
        summary = next((s for s in self.summaries if s.id == client_id), None)
        if self.is_current and summary is not None and not summary.problem:
            read_ahead(self.coach_app, summary.id)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        rows = self.query_one("#clients", RowList)
        if rows.row_count == 1:
            self.action_open()
        if rows.row_count and not self.is_current:
            # The engagement is up: restyling this hidden screen now would only delay
            # its first frame. The list has the focus when the coach comes back.
            self._focus_list_on_resume = True
        elif rows.row_count:
            rows.focus()

    @on(RowList.Selected, "#clients")
    def _row_selected(self) -> None:
        self.action_open()

    def on_key(self, event: Key) -> None:
        """Typing a letter while the list has focus starts filtering."""
        rows = self.query_one("#clients", RowList)
        if self.focused is not rows or not event.is_printable or not event.character:
            return
        search = self.query_one("#filter", Input)
        # / and ? are keys, except in the middle of a word: typing fast, the next
        # letters can arrive before the focus has moved to the filter.
        if event.character in ("/", "?") and not search.value:
            return
        search.focus()
        search.insert_text_at_cursor(event.character)
        event.stop()
        event.prevent_default()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        search = self.query_one("#filter", Input)
        search.value = ""
        self.query_one("#clients", RowList).focus()

    def action_open(self) -> None:
        client_id = self.query_one("#clients", RowList).cursor_key
        if client_id is None:
            if not self.summaries:
                self.action_new_client()
            return
        summary = next(s for s in self.summaries if s.id == client_id)
        if summary.problem:
            self.notify(
                summary.problem,
                title="This executive's file cannot be read",
                severity="error",
                timeout=15,
                markup=False,
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
