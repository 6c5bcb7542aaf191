"""Stakeholders: who gives input on the change; add, edit, remove, interview."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from coach_tui.domain.model import RELATIONSHIPS, ClientRecord, Stakeholder
from coach_tui.domain.stakeholder_proposals import Proposal, proposals_for
from coach_tui.errors import CoachError
from coach_tui.text import one_line
from screens.base import CoachModal, CoachScreen
from screens.dialogs import ConfirmDialog
from screens.widgets.editors import SafeInput
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader
from screens.work import CoreDone, run_core


class StakeholderDialog(CoachModal):
    """Name, relationship and email; dismisses with a dict or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="stakeholder.cancel")]

    def __init__(self, person: Stakeholder | None = None, proposal: Proposal | None = None) -> None:
        super().__init__()
        self.person = person
        self.proposal = proposal

    def compose(self) -> ComposeResult:
        person, proposal = self.person, self.proposal
        title = "Edit stakeholder" if person else "New stakeholder"
        name = person.name if person else proposal.name if proposal else ""
        relationship = person.relationship if person else "peer"
        if proposal is not None:
            title, relationship = "Confirm stakeholder", proposal.relationship
        with Vertical(classes="dialog"):
            yield Label(Text(title, style="bold"))
            if proposal is not None:
                yield Label(Text(f"From the answer: “{one_line(proposal.said, 60)}”", style="dim"))
            yield Label("Name")
            yield SafeInput(name, id="name")
            yield Label("Relationship to the executive")
            yield Select(
                [(r, r) for r in RELATIONSHIPS],
                value=relationship,
                allow_blank=False,
                id="relationship",
            )
            yield Label("Email (for kits)")
            yield SafeInput(person.email if person else "", id="email")
            yield Static("", id="problem", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save  ⏎", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.query_one("#problem", Static).update("A name is needed.")
            return
        relationship = self.query_one("#relationship", Select).value
        self.dismiss(
            {
                "name": name,
                "relationship": str(relationship),
                "email": self.query_one("#email", Input).value.strip(),
            }
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class StakeholdersScreen(CoachScreen):
    """The engagement's stakeholders."""

    CSS_PATH = "stakeholders.tcss"
    BINDINGS = [
        Binding("a", "add", "Add", id="stakeholders.add"),
        Binding("e,enter", "edit", "Edit / confirm", id="stakeholders.edit"),
        Binding("c", "confirm", "Confirm proposed", id="stakeholders.confirm"),
        Binding("x,delete", "remove", "Remove", id="stakeholders.remove"),
        Binding("i", "interview", "Interview", id="stakeholders.interview"),
        Binding("escape", "back", "Back", id="stakeholders.back"),
    ]

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.people: list[Stakeholder] = []
        self.proposed: list[Proposal] = []

    def compose(self) -> ComposeResult:
        yield CoachHeader()
        with Vertical(id="body"):
            yield Static(
                "The executive picks 1–3 behaviours to change with these people, and asks each "
                "of them roughly monthly for progress and one suggestion. Their input is "
                "reported without names.",
                classes="hint",
            )
            yield DataTable(id="people", cursor_type="row")
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#people", DataTable)
        table.add_column("Name", key="name", width=30)
        table.add_column("Relationship", key="relationship", width=16)
        table.add_column("Email", key="email", width=28)
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._show(self.practice.load(self.client_id))

    def _show(self, record: ClientRecord) -> None:
        self.title = one_line(record.client.name)
        self.sub_title = "Stakeholders"
        self.people = [s for s in record.stakeholders if s.engagement_id == record.engagement.id]
        table = self.query_one("#people", DataTable)
        table.clear()
        for person in self.people:
            table.add_row(
                Text(one_line(person.name)),
                Text(person.relationship),
                Text(one_line(person.email)),
                key=person.id,
            )
        # Named in an answer, not yet confirmed: the coach confirms (c or enter).
        self.proposed = proposals_for(record, self.library)
        for index, proposal in enumerate(self.proposed):
            table.add_row(
                Text(f"? {one_line(proposal.name)}", style="yellow"),
                Text(f"{proposal.relationship}?", style="dim"),
                Text("proposed — c confirms", style="dim italic"),
                key=f"proposed:{index}",
            )

    def _current_proposal(self) -> Proposal | None:
        table = self.query_one("#people", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        if not key or not key.startswith("proposed:"):
            return None
        return self.proposed[int(key.partition(":")[2])]

    def action_confirm(self) -> None:
        proposal = self._current_proposal() or (self.proposed[0] if self.proposed else None)
        if proposal is None:
            self.notify("Nothing proposed: a stakeholder question's answers propose people.")
            return

        def saved(result: dict[str, str] | None) -> None:
            if result:
                practice, client_id = self.practice, self.client_id
                self._write(lambda: practice.add_stakeholder(client_id, **result))

        self.app.push_screen(StakeholderDialog(proposal=proposal), saved)

    def _current(self) -> Stakeholder | None:
        table = self.query_one("#people", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return next((p for p in self.people if p.id == key), None)

    def action_add(self) -> None:
        def saved(result: dict[str, str] | None) -> None:
            if result:
                practice, client_id = self.practice, self.client_id
                self._write(lambda: practice.add_stakeholder(client_id, **result))

        self.app.push_screen(StakeholderDialog(), saved)

    def action_edit(self) -> None:
        if self._current_proposal() is not None:
            self.action_confirm()
            return
        person = self._current()
        if person is None:
            self.action_add()
            return

        def saved(result: dict[str, str] | None) -> None:
            if result:
                practice, client_id = self.practice, self.client_id
                self._write(lambda: practice.update_stakeholder(client_id, person.id, **result))

        self.app.push_screen(StakeholderDialog(person), saved)

    def action_remove(self) -> None:
        person = self._current()
        if person is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                practice, client_id = self.practice, self.client_id
                self._write(lambda: practice.delete(client_id, "stakeholders", person.id))

        self.app.push_screen(
            ConfirmDialog("Remove this stakeholder?", person.name, yes="Remove"), confirmed
        )

    def _write(self, job: Callable[[], object]) -> None:
        """Write off the UI thread; the list reloads when it is done (or says why not)."""
        practice, client_id = self.practice, self.client_id

        def write_and_read() -> ClientRecord:
            job()
            return practice.load(client_id)

        run_core(self, "stakeholders-write", write_and_read)

    @on(CoreDone)
    def _written(self, message: CoreDone) -> None:
        if message.key != "stakeholders-write":
            return
        if message.error is not None:
            self.notify(str(message.error), severity="error", markup=False)
            self.reload()
            return
        self._show(message.value)

    def action_interview(self) -> None:
        person = self._current()
        if person is None:
            self.notify("Add a stakeholder first (a).", markup=False)
            return
        try:
            self.coach_app.start_session(self.client_id, "stakeholder-interview", person.id)
        except (CoachError, KeyError) as exc:
            self.notify(str(exc), severity="error", markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()
