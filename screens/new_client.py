"""New executive: a short form; the name is required and duplicates are warned."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from coach_tui.text import one_line
from screens.forms import FormModal
from screens.widgets.editors import SafeInput
from screens.work import CoreDone, run_core

FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Name (required)", "e.g. Priya Raman"),
    ("organisation", "Organisation", "e.g. Northwind Logistics"),
    ("role", "Role", "e.g. VP Engineering"),
    ("sponsor", "Sponsor (who asked for the coaching)", "e.g. Tom Achebe (CTO)"),
    ("email", "Email", "for kits and summaries"),
)


class NewClientScreen(FormModal):
    """Dismisses with the new executive's id, or None when cancelled."""

    CSS_PATH = "new_client.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="new.cancel"),
        Binding("ctrl+s", "save", "Add", id="new.save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._confirmed_duplicate = ""
        self._adding = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="new-client"):
            yield Label(Text("New executive", style="bold"))
            yield Label(
                Text("tab or enter: next field (5, the form scrolls) · ctrl+s adds", style="dim")
            )
            # Problems show at the top: at 80×24 the form scrolls, the top stays near.
            yield Static("", id="problem", classes="error")
            for key, label, placeholder in FIELDS:
                yield Label(label)
                yield SafeInput(id=key, placeholder=placeholder)
            with Horizontal(classes="buttons"):
                yield Button("Cancel  esc", id="cancel")
                yield Button("Add  ctrl+s", id="add", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#problem").display = False
        super().on_mount()  # the name field gets the focus once no typed key waits

    def submit(self) -> None:
        self.action_save()

    def _problem(self, message: str | Text) -> None:
        problem = self.query_one("#problem", Static)
        problem.update(message)
        problem.display = bool(str(message))
        if problem.display:
            self.call_after_refresh(problem.scroll_visible, animate=False)

    def _value(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value

    @on(Button.Pressed, "#add")
    def action_save(self) -> None:
        name = " ".join(self._value("name").split())
        if not name:
            self.query_one("#name", Input).focus()
            self._problem("A name is needed.")
            return
        same = self.practice.similar_names(name)
        if same and self._confirmed_duplicate != name.casefold():
            self._confirmed_duplicate = name.casefold()
            where = ", ".join(one_line(s.organisation or s.id) for s in same)
            self._problem(
                Text(
                    f"{one_line(name)} is already in your practice ({where}). "
                    "Press ctrl+s again to add another executive of that name."
                )
            )
            return
        if self._adding:
            return  # ctrl+s again while the first one is being written
        self._adding = True
        practice = self.practice
        organisation, role = self._value("organisation"), self._value("role")
        email, sponsor = self._value("email"), self._value("sponsor")
        run_core(
            self,
            "new-client",
            lambda: (
                practice.create_client(
                    name, organisation=organisation, role=role, email=email, sponsor=sponsor
                ).id
            ),
        )

    @on(CoreDone)
    def _added(self, message: CoreDone) -> None:
        """The executive is written (off the UI thread): close with their id, or say why not."""
        if message.key != "new-client":
            return
        self._adding = False
        if message.error is not None:
            self._problem(Text(str(message.error)))
            return
        self.dismiss(str(message.value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
