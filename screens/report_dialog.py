"""Reports from the engagement screen: which one, for whom, in which format."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from screens.base import CoachModal

#: (option id, label, kind, audience, format)
REPORTS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "session-client-md",
        "Session summary for the executive · Markdown",
        "session",
        "client",
        "md",
    ),
    (
        "session-client-html",
        "Session summary for the executive · HTML",
        "session",
        "client",
        "html",
    ),
    ("final-client-html", "Final report for the executive · HTML", "final", "client", "html"),
    (
        "final-sponsor-html",
        "Final report for the sponsor · HTML (themes and scores only)",
        "final",
        "sponsor",
        "html",
    ),
    ("final-client-md", "Final report for the executive · Markdown", "final", "client", "md"),
    ("final-sponsor-md", "Final report for the sponsor · Markdown", "final", "sponsor", "md"),
)


class ReportDialog(CoachModal):
    """Dismisses with (kind, audience, format) or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="report.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Write which report?", style="bold"))
            yield OptionList(*(Option(Text(label), id=key) for key, label, *_ in REPORTS))
            yield Label(
                "Written to the practice's reports folder and recorded in the history. "
                "Private notes are never included.",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        for key, _, kind, audience, fmt in REPORTS:
            if key == event.option.id:
                self.dismiss((kind, audience, fmt))

    def action_cancel(self) -> None:
        self.dismiss(None)
