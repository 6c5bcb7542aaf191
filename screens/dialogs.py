"""Small dialogs shared by several screens: confirm, edit an item, pick a script."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from coach_tui.domain.model import Insight, InsightKind
from coach_tui.scripts.library import Script
from coach_tui.text import one_line, visible
from screens.base import CoachModal
from screens.widgets.editors import SafeInput


def parse_due(text: str, today: date) -> date | None:
    """What the coach typed as a date (see ``coach_tui.domain.dates``); ValueError says why not."""
    from coach_tui.domain.dates import date_order, parse_date

    return parse_date(text, today, date_order())


class ConfirmDialog(CoachModal):
    """A yes/no question; dismisses with True or False."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Cancel", id="confirm.cancel"),
        Binding("y", "answer(True)", "Yes", show=False, id="confirm.yes"),
    ]

    def __init__(self, title: str, message: str, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.heading = title
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.heading, style="bold"))
            yield Static(Text(visible(self.message)), classes="message")
            with Horizontal(classes="buttons"):
                yield Button(Text(f"{self.no}  esc"), id="no")
                yield Button(Text(f"{self.yes}  y"), id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    _words_typed = False  # letters other than y reached the dialog: the coach was typing

    def on_key(self, event: events.Key) -> None:
        """y confirms only when pressed on its own, never as a letter of a word.

        A dialog that opens while the coach types (the resume offer at start-up, as
        a name is typed into the filter) would otherwise take the y of "Priya" as yes.
        """
        if not event.is_printable or not event.character:
            return
        if event.character != "y":
            self._words_typed = True
            return
        if self._words_typed:
            event.stop()
            event.prevent_default()
            self.query_one(".message", Static).update(
                Text(
                    f"{visible(self.message)}\n\nTyping reached this question: press enter on "
                    f"“{self.yes}”, or esc."
                )
            )

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        if value and self._words_typed:
            return  # see on_key
        self.dismiss(value)


class ItemDialog(CoachModal):
    """Edit (or create) a captured item: its text and, for actions, the due date.

    Dismisses with ``{"text": str, "due": date | None}`` or None when cancelled.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="item.cancel")]

    def __init__(
        self, kind: InsightKind, text: str = "", due: date | None = None, title: str = ""
    ) -> None:
        super().__init__()
        self.kind = kind
        self.initial_text = text
        self.initial_due = due
        self.heading = title or f"Edit {kind.label.lower()}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.heading, style="bold"))
            yield SafeInput(
                self.initial_text, id="text", placeholder=f"The {self.kind.label.lower()}"
            )
            if self.kind is InsightKind.ACTION:
                due = self.initial_due.isoformat() if self.initial_due else ""
                yield Label("Due (15 Mar, next Friday, in 2 weeks, 2026-03-15; empty for none)")
                yield SafeInput(due, id="due", placeholder="e.g. +14")
            yield Static("", id="problem", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save  ⏎", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        if not text:
            self.query_one("#problem", Static).update("The text cannot be empty (esc cancels).")
            return
        due: date | None = None
        if self.kind is InsightKind.ACTION:
            raw = self.query_one("#due", Input).value
            try:
                due = parse_due(raw, self.app_today())
            except ValueError as exc:
                self.query_one("#problem", Static).update(Text(str(exc)))
                self.query_one("#due", Input).focus()
                return
        self.dismiss({"text": text, "due": due})

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def edit_item_dialog(insight: Insight) -> ItemDialog:
    return ItemDialog(insight.kind, insight.text, insight.due)


class PickScriptDialog(CoachModal):
    """Choose which script to run; dismisses with the script id or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]

    def __init__(self, scripts: list[Script], title: str = "Start which session?") -> None:
        super().__init__()
        self.scripts = scripts
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.heading, style="bold"))
            options = []
            for script in self.scripts:
                line = Text(one_line(script.title), style="bold")
                line.append(
                    f"  {script.stage.label} · {script.minutes} min"
                    f" · {len(script.questions)} questions",
                    style="dim",
                )
                options.append(Option(line, id=script.id))
            yield OptionList(*options, id="scripts")
            yield Label("↑↓ choose · enter start · esc cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
