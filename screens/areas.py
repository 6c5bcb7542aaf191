"""Development areas and actions in the goal's service: link them, close and reopen areas.

From the engagement's running views: ``g`` ties the development area or action under
the cursor to the goal it serves (or unties it); ``z`` closes the area under the
cursor (worked through, or no longer relevant: the reason is asked) and, anywhere
else, offers the closed areas to reopen. Closed areas leave the running views: they
are not "remaining". The core work runs off the UI thread (``run_core``).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from coach_tui.domain import goals as goals_life
from coach_tui.domain.model import ClientRecord, Insight, InsightKind
from coach_tui.text import one_line
from screens.base import CoachScreen
from screens.forms import FormModal
from screens.measures import PickItemDialog
from screens.widgets.editors import SafeInput
from screens.work import CoreDone, run_core

NO_GOAL = "No goal (unlink)"


class CloseAreaDialog(FormModal):
    """Why the area is closed (optional); dismisses with the reason, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="close_area.cancel"),
        Binding("ctrl+s", "save", "Close the area", id="close_area.save"),
    ]

    def __init__(self, area: Insight) -> None:
        super().__init__()
        self.area = area

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label(Text("Close the development area", style="bold"))
            yield Static(Text(one_line(self.area.text)))
            yield Label("Why? (worked through, folded into a goal, no longer relevant)")
            yield SafeInput(id="reason")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Close  ctrl+s", id="save", variant="primary")

    def submit(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self.query_one("#reason", Input).value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _run(screen: CoachScreen, key: str, job: Callable[[], Insight], said: str) -> None:
    """Run ``job`` off the UI thread; the screen's ``CoreDone`` handler reloads it."""

    def wrapped() -> str:
        job()
        return said

    run_core(screen, key, wrapped)


def handle_done(screen: CoachScreen, message: CoreDone, reload: Callable[[], object]) -> bool:
    """The engagement's ``CoreDone`` for this module's jobs: True when it was one."""
    if not message.key.startswith("area-"):
        return False
    if message.error is not None:
        screen.notify(str(message.error), title="Not saved", severity="error")
    else:
        screen.notify(str(message.value))
    reload()
    return True


def link_to_goal(screen: CoachScreen, record: ClientRecord, item: Insight | None) -> None:
    """Tie the area or action under the cursor to a goal (a pick of the current ones)."""
    if item is None or item.kind not in (InsightKind.WEAKNESS, InsightKind.ACTION):
        screen.notify("Move onto a development area or an action first (tab), then g.")
        return
    goals = [
        g
        for g in record.insights_of(InsightKind.GOAL)
        if goals_life.status_of(g) is not goals_life.GoalStatus.DROPPED
    ]
    if not goals:
        screen.notify("No goal yet to link it to: a adds one.")
        return
    client_id = record.client.id
    practice = screen.practice

    def chosen(goal_id: str | None) -> None:
        if goal_id is None:
            return
        target = None if goal_id == "-" else goal_id
        goal = next((g for g in goals if g.id == target), None)
        said = f"Linked to '{one_line(goal.text, 50)}'" if goal else "No longer linked to a goal"
        _run(
            screen,
            "area-link",
            lambda: practice.link_to_goal(client_id, item.id, target),
            said,
        )

    heading = f"Which goal does this {item.kind.label.lower()} serve?"
    screen.app.push_screen(PickItemDialog(heading, goals, extra=NO_GOAL), chosen)


def close_or_reopen(screen: CoachScreen, record: ClientRecord, item: Insight | None) -> None:
    """Close the open area under the cursor; elsewhere, pick a closed one to reopen."""
    client_id = record.client.id
    practice = screen.practice
    if item is not None and item.kind is InsightKind.WEAKNESS and not item.done:

        def closed(reason: str | None) -> None:
            if reason is not None:
                _run(
                    screen,
                    "area-close",
                    lambda: practice.close_area(client_id, item.id, reason),
                    "Area closed: z elsewhere reopens it",
                )

        screen.app.push_screen(CloseAreaDialog(item), closed)
        return
    shut = [a for a in record.insights_of(InsightKind.WEAKNESS) if a.done]
    if not shut:
        screen.notify("Move onto a development area to close it (no area is closed).")
        return

    def reopen(area_id: str | None) -> None:
        if area_id is not None:
            _run(
                screen,
                "area-reopen",
                lambda: practice.reopen_area(client_id, area_id),
                "Area reopened",
            )

    screen.app.push_screen(PickItemDialog("Reopen which closed area?", shut), reopen)
