"""Moving to the next stage: the checklist first, and the choice to go on anyway."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from coach_tui.domain import plan as planning
from coach_tui.domain.model import Stage
from coach_tui.errors import CoachError
from screens.base import CoachModal


class AdvanceDialog(CoachModal):
    """Dismisses with the new Stage, or None when the coach stays."""

    BINDINGS = [
        Binding("escape", "cancel", "Stay", id="advance.cancel"),
        Binding("y", "move", "Move on", id="advance.move"),
    ]

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.missing: list[str] = []

    def compose(self) -> ComposeResult:
        record = self.practice.load(self.client_id)
        stage = record.engagement.stage
        following = stage.next() or stage
        states = planning.checklist(record, self.app_today())
        self.missing = [s.item.id for s in states if not s.done]
        body = Text()
        for state in states:
            body.append(" ✓ " if state.done else " ✗ ", style="green" if state.done else "bold red")
            body.append(state.item.text + "\n")
        if self.missing:
            body.append(
                f"\n{len(self.missing)} item(s) not done. You can move on anyway; "
                "the skipped items are recorded in the history.",
                style="italic",
            )
        else:
            body.append("\nEverything the stage usually needs is done.", style="italic green")
        with Vertical(classes="dialog"):
            yield Label(Text(f"Move from {stage.label} to {following.label}?", style="bold"))
            yield Static(body)
            with Horizontal(classes="buttons"):
                yield Button("Stay  esc", id="stay")
                label = "Move on anyway  y" if self.missing else "Move on  y"
                yield Button(label, id="move", variant="warning" if self.missing else "primary")

    def on_mount(self) -> None:
        self.query_one("#stay" if self.missing else "#move", Button).focus()

    @on(Button.Pressed, "#move")
    def action_move(self) -> None:
        try:
            stage: Stage = self.practice.advance_stage(self.client_id, skipped=self.missing)
        except CoachError as exc:
            self.notify(str(exc), title="Not moved", severity="error", markup=False)
            self.dismiss(None)
            return
        self.notify(f"Now in {stage.label}", markup=False)
        self.dismiss(stage)

    @on(Button.Pressed, "#stay")
    def action_cancel(self) -> None:
        self.dismiss(None)
