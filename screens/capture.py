"""Adding, editing, removing and ticking off captured items (outside a live session)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from coach_tui.domain.model import GAS_LEVELS, Insight, InsightKind
from coach_tui.errors import CoachError
from screens.base import CoachModal, CoachScreen
from screens.dialogs import ConfirmDialog, ItemDialog, parse_due
from screens.widgets.editors import SafeInput


class GoalDialog(CoachModal):
    """A goal: what, how success is measured, and what each GAS level looks like.

    Dismisses with ``{"text", "measure", "gas"}`` or None.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="goal.cancel"),
        Binding("ctrl+s", "save", "Save", id="goal.save"),
    ]

    def __init__(self, goal: Insight | None = None) -> None:
        super().__init__()
        self.goal = goal

    def compose(self) -> ComposeResult:
        goal = self.goal
        with VerticalScroll(classes="dialog"):
            yield Label(Text("Edit goal" if goal else "New goal", style="bold"))
            yield Label("Goal (observable by others)")
            yield SafeInput(goal.text if goal else "", id="text")
            yield Label("Success measure")
            yield SafeInput(
                goal.measure if goal else "", id="measure", placeholder="How will others know?"
            )
            yield Label(Text("GAS levels: what each score would look like", style="bold"))
            for level, meaning in sorted(GAS_LEVELS.items()):
                yield Label(f"{level:+d}  {meaning}", markup=False)
                yield SafeInput(goal.gas.get(level, "") if goal else "", id=f"gas{level + 2}")
            yield Static("", id="problem", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save  ctrl+s", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        if not text:
            self.query_one("#problem", Static).update("A goal needs a text.")
            return
        gas = {level: self.query_one(f"#gas{level + 2}", Input).value for level in GAS_LEVELS}
        measure = self.query_one("#measure", Input).value
        self.dismiss({"text": text, "measure": measure, "gas": gas})

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class AddItemDialog(CoachModal):
    """Add a strength, development area, goal, action, motivation or private note."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="add.cancel")]

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label(Text("Add to the running views", style="bold"))
            with RadioSet(id="kind"):
                for index, kind in enumerate(InsightKind):
                    yield RadioButton(kind.label, value=index == 0, name=kind.value)
            yield Label("Text")
            yield SafeInput(id="text")
            yield Label("Due (actions only): YYYY-MM-DD, +7, next week")
            yield SafeInput(id="due")
            yield Static("", id="problem", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Add  ⏎", id="add", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def _kind(self) -> InsightKind:
        pressed = self.query_one("#kind", RadioSet).pressed_button
        return InsightKind(pressed.name) if pressed and pressed.name else InsightKind.STRENGTH

    @on(Input.Submitted)
    @on(Button.Pressed, "#add")
    def _add(self) -> None:
        problem = self.query_one("#problem", Static)
        try:
            due = parse_due(self.query_one("#due", Input).value, self.app_today())
        except ValueError as exc:
            problem.update(Text(str(exc)))
            return
        try:
            insight = self.practice.capture(
                self.client_id, self._kind(), self.query_one("#text", Input).value, due=due
            )
        except CoachError as exc:
            problem.update(Text(str(exc)))
            return
        self.dismiss(insight)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def handle_item_action(
    screen: CoachScreen,
    client_id: str,
    insight: Insight,
    action: str,
    done: Callable[[], object],
) -> None:
    """Edit, remove or tick off ``insight``; ``done`` runs after a change is saved."""
    app = screen.app
    practice = screen.practice

    def report(exc: CoachError) -> None:
        screen.notify(str(exc), title="Not saved", severity="error")

    if action == "toggle_done":
        try:
            practice.update_insight(client_id, insight.id, done=not insight.done)
        except CoachError as exc:
            report(exc)
        done()
        return

    if action == "remove":

        def confirmed(yes: bool | None) -> None:
            if yes:
                try:
                    practice.delete(client_id, "insights", insight.id)
                    screen.notify(
                        f"{insight.kind.label} moved to the trash (check --trash)", markup=False
                    )
                except CoachError as exc:
                    report(exc)
                done()

        app.push_screen(
            ConfirmDialog(
                f"Remove this {insight.kind.label.lower()}?",
                insight.text,
                yes="Remove",
            ),
            confirmed,
        )
        return

    if insight.kind is InsightKind.GOAL:

        def goal_saved(result: dict[str, object] | None) -> None:
            if result:
                try:
                    practice.update_insight(client_id, insight.id, **result)
                except CoachError as exc:
                    report(exc)
                done()

        app.push_screen(GoalDialog(insight), goal_saved)
        return

    def saved(result: dict[str, object] | None) -> None:
        if result:
            changes = {"text": result["text"]}
            if insight.kind is InsightKind.ACTION:
                changes["due"] = result["due"]
            try:
                practice.update_insight(client_id, insight.id, **changes)
            except CoachError as exc:
                report(exc)
            done()

    app.push_screen(ItemDialog(insight.kind, insight.text, insight.due), saved)
