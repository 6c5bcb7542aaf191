"""Consent: with the executive, decide what the sponsor may see, line by line.

Lists every item and section that could go to the sponsor with the exact words the
sponsor would read (stakeholder names withheld), the agreed goals first (the
sponsor's too, not toggled). ``space`` or ``enter`` shares a line (✓) or keeps it
between the executive and the coach (✗); a line never decided (·) is not shared.
Each decision is saved off the UI thread the moment it is made, dated, with the
session it was made in (when opened from a session).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from coach_tui.domain import consent
from coach_tui.domain.model import ClientRecord
from coach_tui.reports.report import sponsor_scrub
from coach_tui.text import one_line
from screens.base import ExecutiveScreen
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader
from screens.work import CoreDone, run_core

MARKS = {
    True: ("✓ shared", "bold green"),
    False: ("✗ kept", "bold red"),
    None: ("· not yet", "dim"),
}
HINT = (
    "With the executive: space shares a line with the sponsor (✓) or keeps it between "
    "you (✗). Not decided (·) is not shared. Agreed goals go as agreed."
)
#: Short names of the groups for the narrow "What" column.
KIND_LABELS = {
    "Strengths": "Strength",
    "Development areas": "Dev. area",
    "Actions": "Action",
    "Sections": "Section",
}


class ConsentScreen(ExecutiveScreen):
    """The consent record of the current engagement, one decision per line."""

    CSS_PATH = "consent.tcss"
    BINDINGS = [
        Binding(
            "space,enter",
            "flip",
            "Share / keep",
            key_display="space",
            id="consent.toggle",
            priority=True,
        ),
        Binding("y", "decide(True)", "Share", id="consent.share"),
        Binding("n", "decide(False)", "Keep", id="consent.keep"),
        Binding("escape", "back", "Done", id="consent.back"),
    ]

    def __init__(self, client_id: str, session_id: str | None = None) -> None:
        super().__init__(client_id)
        self.session_id = session_id
        self.rows: list[consent.Candidate] = []
        self.state: dict[str, bool | None] = {}

    def compose(self) -> ComposeResult:
        yield CoachHeader()
        with Vertical(id="body"):
            yield Static(HINT, id="consent-hint", markup=False)
            yield Static("", id="consent-state", markup=False)
            yield DataTable(id="items", cursor_type="row", zebra_stripes=False)
            yield Static("", id="consent-detail", markup=False)
        yield CoachFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#items", DataTable)
        table.add_column("Sponsor", key="mark", width=9)
        table.add_column("What", key="kind", width=9)
        table.add_column("The words the sponsor would read", key="text")
        table.focus()
        self.load_record()

    def show_record(self, record: ClientRecord) -> None:
        self.title = one_line(record.client.name)
        self.sub_title = "Consent: what the sponsor may see"
        self.rows = consent.candidates(record, sponsor_scrub(record))
        self.state = {c.key: self._decided(c) for c in self.rows}
        table = self.query_one("#items", DataTable)
        row = table.cursor_row
        table.clear()
        for candidate in self.rows:
            table.add_row(
                self._mark(candidate),
                Text(KIND_LABELS.get(candidate.group, "Goal"), style="dim"),
                Text(one_line(candidate.text)),
                key=candidate.key,
            )
        if self.rows:
            table.move_cursor(row=min(row, len(self.rows) - 1))
        self._show_state(record)

    def _show_state(self, record: ClientRecord | None = None) -> None:
        relied = consent.relied_on(record) if record is not None else None
        shared = sum(1 for c in self.rows if not c.fixed and self.state.get(c.key) is True)
        kept = sum(1 for c in self.rows if self.state.get(c.key) is False)
        open_ = sum(1 for c in self.rows if self.state.get(c.key) is None)
        line = f"{shared} shared · {kept} kept · {open_} not decided"
        if relied is not None:
            line += f" — in force: {relied}"
        elif not any(c.decision for c in self.rows) and shared + kept == 0:
            line += " — no consent recorded yet: no sponsor report can be written"
        self.query_one("#consent-state", Static).update(line)

    @staticmethod
    def _decided(candidate: consent.Candidate) -> bool | None:
        """✓, ✗, or None: not decided, or reworded since the yes (to ask again)."""
        if candidate.fixed:
            return True
        if candidate.decision is None or candidate.changed:
            return None
        return candidate.decision.shared

    def _mark(self, candidate: consent.Candidate) -> Text:
        if candidate.fixed:
            return Text("agreed", style="bold cyan")
        state = self.state.get(candidate.key)
        if state is None and candidate.changed:
            return Text("· reworded", style="bold yellow")
        label, style = MARKS[state]
        return Text(label, style=style)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole text of the line under the cursor: the table cuts long ones."""
        candidate = next((c for c in self.rows if c.key == event.row_key.value), None)
        detail = Text()
        if candidate is not None:
            detail.append(f"{candidate.group}: ", style="bold")
            detail.append(one_line(candidate.text))
        self.query_one("#consent-detail", Static).update(detail)

    def _current(self) -> consent.Candidate | None:
        table = self.query_one("#items", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return next((c for c in self.rows if c.key == key), None)

    def action_flip(self) -> None:
        candidate = self._current()
        if candidate is None:
            return
        self.action_decide(self.state.get(candidate.key) is not True)

    def action_decide(self, shared: bool) -> None:
        candidate = self._current()
        if candidate is None:
            return
        if candidate.fixed:
            self.notify(
                "An agreed goal is the sponsor's too: it was agreed in the three-way meeting.",
                markup=False,
            )
            return
        self.state[candidate.key] = shared
        table = self.query_one("#items", DataTable)
        table.update_cell(candidate.key, "mark", self._mark(candidate))
        self._show_state()
        self._save(candidate.key, shared, candidate.text)

    def _save(self, key: str, shared: bool, text: str) -> None:
        practice, client_id, session_id = self.practice, self.client_id, self.session_id

        def job() -> ClientRecord:
            consent.record_decisions(
                practice, client_id, {key: shared}, texts={key: text}, session_id=session_id
            )
            return practice.load(client_id)

        run_core(self, "consent-save", job)

    @on(CoreDone)
    def _saved(self, message: CoreDone) -> None:
        if message.key != "consent-save":
            return
        if message.error is not None:
            self.notify(str(message.error), title="Decision not saved", severity="error")
            return
        self._show_state(message.value)

    def action_back(self) -> None:
        self.app.pop_screen()
