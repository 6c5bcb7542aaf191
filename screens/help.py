"""Help: every key of the screen underneath and of the app, grouped and explained."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach_tui.privacy import WHO_SEES_WHAT
from screens.base import CoachScreen

GENERAL = (
    ("f1", "this help"),
    ("ctrl+p", "command palette: jump to an executive, a session or a script"),
    ("ctrl+q", "quit (an open session is saved first, and offered for resuming)"),
    ("tab / shift+tab", "move between panels"),
)

SESSION_NOTES = (
    "Answers are saved when you leave a question, on every capture, and two seconds "
    "after you stop typing. The top bar shows ● saving / ✓ saved.",
    "Captures take the line under the cursor, or the selection. If the alt keys do "
    "not reach the app in your terminal, use f2 strength, f3 development area, "
    "f4 goal, f5 action, f8 motivation, f9 note.",
)


def _key_name(key: str) -> str:
    names = {"greater_than_sign": ">", "question_mark": "?", "slash": "/"}
    return ", ".join(names.get(k, k) for k in key.split(","))


class HelpScreen(CoachScreen):
    """All keys for the screen the coach came from."""

    DEFAULT_CSS = """
    HelpScreen #help { padding: 1 2; }
    """
    BINDINGS = [Binding("escape,f1,q", "back", "Close help", id="help.close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help"):
            yield Static(self._text())
        yield Footer(compact=True)

    def _text(self) -> Group:
        """Two columns, key and meaning, so long meanings wrap under themselves."""
        name = type(self.under).__name__.removesuffix("Screen") or "Screen"
        parts: list[RenderableType] = []

        def table(title: str, rows: list[tuple[str, str]]) -> None:
            parts.append(Text(title, style="bold underline"))
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold", width=20, no_wrap=True)
            grid.add_column(ratio=1)
            for key, meaning in rows:
                grid.add_row(Text(key), Text(meaning))
            parts.append(grid)
            parts.append(Text())

        rows = []
        for binding in getattr(self.under, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                meaning = binding.description
                if binding.tooltip:
                    meaning += f" ({binding.tooltip.lower()})"
                rows.append((_key_name(binding.key), meaning))
        table(f"Keys on this screen ({name})", rows)
        table("Everywhere", list(GENERAL))
        parts += [Text("Who sees what", style="bold underline"), Text(WHO_SEES_WHAT), Text()]
        if name == "Session":
            parts.append(Text("During a session", style="bold underline"))
            for note in SESSION_NOTES:
                parts.append(Text(note))
        return Group(*parts)

    def on_mount(self) -> None:
        self.title = "Help"
        self.query_one("#help").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
