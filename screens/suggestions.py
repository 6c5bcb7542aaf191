"""Suggestions: the executive's own words, for the coach to take up with them.

What the executive wrote alone (self-assessment, kits) on a question that feeds a
running view is listed here, not put into the views. ``a`` accepts a line as it is
(a draft item), ``e`` rewords it first, ``x`` drops it; nothing here reaches a report
until accepted. Reached from the engagement (``u``).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach_tui.domain import suggestions
from coach_tui.domain.model import ClientRecord
from coach_tui.text import one_line
from screens.base import ExecutiveScreen
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader
from screens.work import CoreDone, run_core

HINT = (
    "The executive's own words, from their self-assessment or a kit. Go through them "
    "together: a accepts a line as it is, e rewords it first, x drops it. Nothing here is "
    "in a running view or a report until accepted."
)


class SuggestionsScreen(ExecutiveScreen):
    """The pending suggestions of the current engagement."""

    BINDINGS = [
        Binding("a", "accept", "Accept", id="suggestions.accept"),
        Binding("e", "reword", "Reword", id="suggestions.reword"),
        Binding("x,delete", "drop", "Drop", id="suggestions.drop"),
        Binding("escape", "back", "Back", id="suggestions.back"),
    ]
    DEFAULT_CSS = """
    SuggestionsScreen #suggestions-body { padding: 0 1; }
    SuggestionsScreen #suggestions-hint { color: $text-muted; margin-bottom: 1; }
    SuggestionsScreen #suggestion-list { height: 1fr; }
    """

    def __init__(self, client_id: str) -> None:
        super().__init__(client_id)
        self.pending: list[suggestions.Suggestion] = []

    def compose(self) -> ComposeResult:
        yield CoachHeader()
        with Vertical(id="suggestions-body"):
            yield Static(HINT, id="suggestions-hint", markup=False)
            yield OptionList(id="suggestion-list")
        yield CoachFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load_record()

    def show_record(self, record: ClientRecord) -> None:
        self.title = one_line(record.client.name)
        self.sub_title = "Suggestions from the executive"
        self.pending = suggestions.pending(record, self.library)
        options = self.query_one(OptionList)
        keep = options.highlighted or 0
        options.clear_options()
        if not self.pending:
            options.add_option(
                Option(Text("No suggestions waiting.", style="dim italic"), disabled=True)
            )
            return
        for number, item in enumerate(self.pending):
            line = Text(f"{item.kind.label:<17}", style="bold")
            line.append(one_line(item.line, 120))
            line.append(f"  {item.from_where}, {item.at:%d %b}", style="dim")
            options.add_option(Option(line, id=str(number)))
        options.highlighted = min(keep, len(self.pending) - 1)

    def _current(self) -> suggestions.Suggestion | None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is None or not self.pending or highlighted >= len(self.pending):
            return None
        return self.pending[highlighted]

    def action_accept(self) -> None:
        item = self._current()
        if item is not None:
            self._decide(item, "accept", None)

    def action_reword(self) -> None:
        from screens.dialogs import ItemDialog

        item = self._current()
        if item is None:
            return

        def worded(result: dict[str, object] | None) -> None:
            if result:
                self._decide(item, "accept", str(result["text"]))

        self.app.push_screen(
            ItemDialog(item.kind, item.line, title=f"Reword the {item.kind.label.lower()}"),
            worded,
        )

    def action_drop(self) -> None:
        item = self._current()
        if item is not None:
            self._decide(item, "drop", None)

    def _decide(self, item: suggestions.Suggestion, what: str, text: str | None) -> None:
        practice, client_id = self.practice, self.client_id

        def job() -> None:
            if what == "accept":
                suggestions.accept(practice, client_id, item, text)
            else:
                suggestions.drop(practice, client_id, item)

        run_core(self, "suggestion-decide", job)

    @on(CoreDone)
    def _decided(self, message: CoreDone) -> None:
        if message.key != "suggestion-decide":
            return
        if message.error is not None:
            self.notify(str(message.error), title="Not saved", severity="error")
        self.load_record()

    def action_back(self) -> None:
        self.app.pop_screen()
