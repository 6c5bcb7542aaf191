"""Agreeing a goal with its baseline, and recording its measure over time.

``AgreeGoalDialog`` is the three-way meeting's moment: the goal is agreed with where
the executive stands today on its GAS levels (−2..+2, usually −1) and, if the coach
has it, the success measure's value today, all in one write. ``ReadingDialog`` adds
a later value of an agreed goal's measure (value, day, source). Both run the core
off the UI thread (``run_core``) and show a refusal in one line under the fields.
User text is data: every line is built as ``rich.text.Text``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from coach_tui.domain import goals as goals_life
from coach_tui.domain import outcomes
from coach_tui.domain.model import GAS_LEVELS, ClientRecord, Insight, InsightKind, MeasureReading
from coach_tui.text import one_line
from screens.base import CoachModal, CoachScreen
from screens.dialogs import parse_due
from screens.forms import FormModal
from screens.widgets.editors import SafeInput
from screens.work import CoreDone, run_core

#: Where an executive usually stands when a goal is agreed: somewhat less than expected.
DEFAULT_BASELINE = -1


def read_gas(text: str) -> int:
    """A GAS score as typed ("-1", "−1", "+2", "0"); ValueError says what is wanted."""
    cleaned = text.strip().replace("−", "-").replace("+", "")
    try:
        score = int(cleaned)
    except ValueError:
        raise ValueError("the baseline is a GAS score from -2 to +2 (usually -1)") from None
    if score not in GAS_LEVELS:
        raise ValueError(f"a GAS score is between -2 and +2, not {score}")
    return score


def goal_head(goal: Insight) -> Text:
    """The goal, its measure and its readings so far: what the coach reads out.

    Only the baseline and the two latest readings are listed, each on one line cut to
    the dialog's width, so the fields and the save button stay on an 80×24 screen.
    """
    text = Text()
    text.append(one_line(goal.text), style="bold")
    text.append("\nMeasure: ", style="dim")
    text.append(one_line(goal.measure) or "none written yet")
    readings = outcomes.by_day(goal.readings)
    if readings:
        text.append("\nSo far:", style="dim")
        shown = [readings[0], *readings[-2:]] if len(readings) > 3 else readings
        for index, reading in enumerate(shown):
            if index == 1 and len(readings) > 3:
                text.append(f"\n  … {len(readings) - 3} more", style="dim")
            width = 50 if index == 0 else 62
            text.append("\n  " + one_line(outcomes.describe(reading), width))
            if index == 0:
                text.append("  baseline", style="dim italic")
    return text


class GoalForm(FormModal):
    """A form about one goal whose save runs in the core off the UI thread.

    ``save_in_core(job)`` runs it; a refusal is shown in one line under the fields
    (``#problem``), a success dismisses the dialog with what the job returned.
    """

    def __init__(self, client_id: str, goal: Insight) -> None:
        super().__init__()
        self.client_id = client_id
        self.goal = goal

    def submit(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        raise NotImplementedError

    def refuse(self, problem: str) -> None:
        self.query_one("#problem", Static).update(Text(problem))

    def save_in_core(self, job: Callable[[], Insight]) -> None:
        self.query_one("#problem", Static).update(Text("Saving…", style="dim"))
        run_core(self, "goal-form", job, exclusive=True)

    @on(CoreDone)
    def _saved(self, message: CoreDone) -> None:
        if message.key != "goal-form":
            return
        message.stop()
        if message.error is not None:
            self.refuse(str(message.error))
            return
        self.dismiss(message.value)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class AgreeGoalDialog(GoalForm):
    """Agree a goal in the three-way meeting, with its baseline score and measure.

    Dismisses with the agreed goal, or None.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="agree.cancel"),
        Binding("ctrl+s", "save", "Agree", id="agree.save"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label(Text("Agree the goal (three-way meeting)", style="bold"))
            yield Static(goal_head(self.goal))
            levels = Text()
            for level in sorted(GAS_LEVELS, reverse=True):
                levels.append(f"{level:+d}  " if level else " 0  ", style="bold")
                levels.append(one_line(self.goal.gas.get(level, ""), 66) + "\n")
            yield Static(levels, id="levels")
            yield Label("Where does it stand today? Baseline GAS score, −2..+2")
            yield SafeInput(str(DEFAULT_BASELINE), id="baseline")
            yield Label("The measure's value today (optional)")
            yield SafeInput(id="value", placeholder="as the dashboard or sponsor gives it")
            yield Label("Source of that value (optional)")
            yield SafeInput(id="source", placeholder="dashboard, sponsor, team survey")
            yield Static("", id="problem", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Agree  ctrl+s", id="save", variant="primary")

    def action_save(self) -> None:
        try:
            baseline = read_gas(self.query_one("#baseline", Input).value)
        except ValueError as exc:
            self.refuse(str(exc))
            return
        value = self.query_one("#value", Input).value
        source = self.query_one("#source", Input).value
        today = self.app_today()
        reading = (value, today, source) if value.strip() else None
        practice, client_id, goal_id = self.practice, self.client_id, self.goal.id
        when = self.coach_app.now()

        def job() -> Insight:
            return goals_life.agree(
                practice, client_id, goal_id, baseline=baseline, reading=reading, at=when
            )

        self.save_in_core(job)


class ReadingDialog(GoalForm):
    """A value of an agreed goal's success measure: what, which day, from whom.

    With ``wrong`` (a reading typed wrong) it corrects that reading instead; the
    earlier form stays in the goal's history. Dismisses with the goal as saved, or None.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="reading.cancel"),
        Binding("ctrl+s", "save", "Save", id="reading.save"),
    ]

    def __init__(self, client_id: str, goal: Insight, wrong: MeasureReading | None = None) -> None:
        super().__init__(client_id, goal)
        self.wrong = wrong

    def compose(self) -> ComposeResult:
        wrong = self.wrong
        with VerticalScroll(classes="dialog"):
            heading = "Correct the reading" if wrong else "Record the measure"
            yield Label(Text(heading, style="bold"))
            yield Static(goal_head(self.goal), id="goal")
            yield Label("Value (as given: 7 waiting, 3.4 / 5, most weeks)")
            yield SafeInput(wrong.value if wrong else "", id="value")
            yield Label("Day it describes (empty: today; 15 Mar, last Friday, 2026-03-15)")
            yield SafeInput(wrong.on.isoformat() if wrong else "", id="day", placeholder="today")
            yield Label("Source (optional)")
            yield SafeInput(
                wrong.source if wrong else "",
                id="source",
                placeholder="dashboard, sponsor, team survey",
            )
            yield Static("", id="problem", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save  ctrl+s", id="save", variant="primary")

    def action_save(self) -> None:
        today = self.app_today()
        try:
            on_day: date = parse_due(self.query_one("#day", Input).value, today) or today
        except ValueError as exc:
            self.refuse(str(exc))
            return
        value = self.query_one("#value", Input).value
        source = self.query_one("#source", Input).value
        practice, client_id, goal_id = self.practice, self.client_id, self.goal.id

        wrong = self.wrong

        def job() -> Insight:
            if wrong is not None:
                return practice.correct_reading(
                    client_id, goal_id, wrong, value=value, on=on_day, source=source
                )
            return practice.record_reading(client_id, goal_id, value, on_day, source)

        self.save_in_core(job)


class PickItemDialog(CoachModal):
    """Choose one of several goals (or areas); dismisses with its id, "-" for ``extra``, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick_item.cancel")]

    def __init__(self, heading: str, items: list[Insight], extra: str = "") -> None:
        super().__init__()
        self.heading = heading
        self.items = items
        self.extra = extra

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label(Text(self.heading, style="bold"))
            options = [Option(Text(one_line(g.text, 70)), id=g.id) for g in self.items]
            if self.extra:
                options.append(Option(Text(self.extra, style="italic"), id="-"))
            yield OptionList(*options, id="goals")

    def on_mount(self) -> None:
        self.query_one("#goals", OptionList).focus()

    @on(OptionList.OptionSelected, "#goals")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def agreed_goals(record: ClientRecord) -> list[Insight]:
    """The current engagement's goals whose measure is recorded: the agreed ones."""
    return [g for g in record.insights_of(InsightKind.GOAL) if goals_life.is_agreed(g)]


def record_reading(
    screen: CoachScreen,
    record: ClientRecord,
    done: Callable[[], object],
    goal_id: str | None = None,
) -> None:
    """Open the reading dialog for ``goal_id`` if agreed, the only agreed goal, or a pick."""
    agreed = agreed_goals(record)
    client_id = record.client.id
    if not agreed:
        screen.notify("No agreed goal yet: agree one (A on a goal) before recording its measure.")
        return

    def saved(goal: Insight | None) -> None:
        if goal is not None:
            latest = outcomes.latest(goal)
            if latest is not None:
                screen.notify(f"Recorded: {one_line(outcomes.describe(latest), 70)}")
            done()

    def open_for(chosen: str | None) -> None:
        goal = next((g for g in agreed if g.id == chosen), None)
        if goal is not None:
            screen.app.push_screen(ReadingDialog(client_id, goal), saved)

    if goal_id in {g.id for g in agreed}:
        open_for(goal_id)
    elif len(agreed) == 1:
        open_for(agreed[0].id)
    else:
        pick = PickItemDialog("Record the measure of which goal?", agreed)
        screen.app.push_screen(pick, open_for)


def agree_goal(
    screen: CoachScreen, client_id: str, goal: Insight | None, done: Callable[[], object]
) -> None:
    """Open the agreement for the goal under the cursor (or say what is missing)."""
    if goal is None or goal.kind is not InsightKind.GOAL:
        screen.notify("Move onto a goal in the running views first (tab), then A.")
        return
    if goals_life.is_agreed(goal) and goal.agreed_at is not None:
        screen.notify(f"Already agreed on {goal.agreed_at:%d %b %Y}: m records its measure.")
        return
    missing = goals_life.missing_for_agreement(goal)
    if missing:
        screen.notify(
            f"The goal cannot be agreed yet: it needs {' and '.join(missing)} (e to edit it).",
            title="Not agreed yet",
            severity="error",
        )
        return

    def agreed(result: Insight | None) -> None:
        if result is not None:
            screen.notify("Agreed in the three-way meeting: the sponsor sees it with its scores.")
            done()

    screen.app.push_screen(AgreeGoalDialog(client_id, goal), agreed)
