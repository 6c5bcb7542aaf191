"""A goal's readings, to put right: correct (``e``) or remove (``x``) one typed wrong.

Opened with ``M`` on the engagement. A corrected or removed reading keeps its
earlier form in the goal's history and the executive's log (the store does it);
this dialog lists the readings oldest first, the first marked as the baseline.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from coach_tui.domain import outcomes
from coach_tui.domain.model import ClientRecord, Insight, MeasureReading
from coach_tui.text import one_line
from screens.base import CoachModal, CoachScreen
from screens.dialogs import ConfirmDialog
from screens.measures import PickItemDialog, ReadingDialog, agreed_goals
from screens.work import CoreDone, run_core


class ReadingsDialog(CoachModal):
    """The readings of one goal; dismisses with True when any was changed."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="readings.close"),
        Binding("e", "correct", "Correct", id="readings.correct"),
        Binding("x,delete", "remove", "Remove", id="readings.remove"),
    ]

    def __init__(self, client_id: str, goal: Insight) -> None:
        super().__init__()
        self.client_id = client_id
        self.goal = goal
        self.changed = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label(Text("Readings of the measure", style="bold"))
            yield Static(Text(one_line(self.goal.text)), id="goal")
            yield OptionList(id="readings")
            yield Static(Text("e correct · x remove · esc close", style="dim"))
            yield Static("", id="problem", classes="error")

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#readings", OptionList).focus()

    def _readings(self) -> list[MeasureReading]:
        return outcomes.by_day(self.goal.readings)

    def _fill(self) -> None:
        listing = self.query_one("#readings", OptionList)
        keep = listing.highlighted
        listing.clear_options()
        readings = self._readings()
        if not readings:
            listing.add_option(Option(Text("No reading left.", style="dim italic"), disabled=True))
            return
        for index, reading in enumerate(readings):
            line = Text(one_line(outcomes.describe(reading), 70))
            if index == 0:
                line.append("  baseline", style="dim italic")
            listing.add_option(Option(line, id=str(index)))
        listing.highlighted = min(keep or 0, len(readings) - 1)

    def _current(self) -> MeasureReading | None:
        option = self.query_one("#readings", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self._readings()[int(option.id)]

    @on(OptionList.OptionSelected, "#readings")
    def action_correct(self) -> None:
        reading = self._current()
        if reading is None:
            return

        def corrected(goal: Insight | None) -> None:
            if goal is not None:
                self._changed(goal)

        self.app.push_screen(ReadingDialog(self.client_id, self.goal, reading), corrected)

    def action_remove(self) -> None:
        reading = self._current()
        if reading is None:
            return
        practice, client_id, goal_id = self.practice, self.client_id, self.goal.id

        def confirmed(yes: bool | None) -> None:
            if yes:
                job = lambda: practice.remove_reading(client_id, goal_id, reading)  # noqa: E731
                run_core(self, "remove-reading", job, exclusive=True)

        message = outcomes.describe(reading)
        self.app.push_screen(
            ConfirmDialog("Remove this reading?", message, yes="Remove"), confirmed
        )

    @on(CoreDone)
    def _removed(self, message: CoreDone) -> None:
        if message.key != "remove-reading":
            return
        message.stop()
        if message.error is not None:
            self.query_one("#problem", Static).update(Text(str(message.error)))
            return
        self._changed(message.value)

    def _changed(self, goal: Insight) -> None:
        self.goal = goal
        self.changed = True
        self.query_one("#problem", Static).update("")
        self._fill()

    def action_close(self) -> None:
        self.dismiss(self.changed)


def fix_readings(
    screen: CoachScreen,
    record: ClientRecord,
    done: Callable[[], object],
    goal_id: str | None = None,
) -> None:
    """Open the readings of the goal under the cursor, the only one with readings, or a pick."""
    measured = [g for g in agreed_goals(record) if g.readings]
    if not measured:
        screen.notify("No reading recorded yet: m records one.")
        return
    client_id = record.client.id

    def closed(changed: bool | None) -> None:
        if changed:
            done()

    def open_for(chosen: str | None) -> None:
        goal = next((g for g in measured if g.id == chosen), None)
        if goal is not None:
            screen.app.push_screen(ReadingsDialog(client_id, goal), closed)

    if goal_id in {g.id for g in measured}:
        open_for(goal_id)
    elif len(measured) == 1:
        open_for(measured[0].id)
    else:
        screen.app.push_screen(PickItemDialog("The readings of which goal?", measured), open_for)
