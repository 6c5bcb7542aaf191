"""Help: every key of the screen underneath and of the app, grouped and explained."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from coach_tui.domain.privacy import WHO_SEES_WHAT
from screens.base import CoachScreen
from screens.bindings import rows_of
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader

GENERAL = (
    ("f1", "this help"),
    ("ctrl+p", "command palette: jump to an executive, a session or a script"),
    ("ctrl+q", "quit (an open session is saved first, and offered for resuming)"),
    ("tab / shift+tab", "move between panels"),
)

SESSION_NOTES = (
    "Answers are saved when you leave a question, on every capture, and within half a "
    "second of a key while you type. The top bar shows ● saving / ✓ saved.",
    "On a choice or yes/no question, ↑ ↓ and space choose; letters go to the note line "
    "under it, kept as a private note.",
    "Captures take the line under the cursor, or the selection. If the alt keys do "
    "not reach the app in your terminal, use f2 strength, f3 development area, "
    "f4 goal, f5 action, f8 motivation, f9 note.",
)


#: The names the coach knows the screens by (the help's headings).
SCREEN_NAMES = {
    "PracticeScreen": "Practice",
    "EngagementScreen": "Engagement",
    "SessionScreen": "Live session",
    "WrapUpScreen": "Wrap-up",
    "ReviewScreen": "Review",
    "SessionViewScreen": "A past session",
    "AssessmentScreen": "Assessment",
    "StakeholdersScreen": "Stakeholders",
}

#: Keys of the item lists (running views, the wrap-up's captured items).
ITEM_LIST_KEYS = (
    ("↑ ↓", "move to an item"),
    ("e", "edit the item"),
    ("x, delete", "remove the item (it goes to the trash)"),
    ("space", "tick an action done / undone"),
)


def screen_name(screen: Screen[object]) -> str:
    """ "Wrap-up", not "WrapUp": the screen's name as the coach knows it."""
    class_name = type(screen).__name__
    if class_name in SCREEN_NAMES:
        return SCREEN_NAMES[class_name]
    words = "".join(f" {c}" if c.isupper() else c for c in class_name.removesuffix("Screen"))
    return words.strip().capitalize() or "This screen"


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
        yield CoachHeader()
        with VerticalScroll(id="help"):
            yield Static(self._text())
        yield CoachFooter(compact=True)

    def _text(self) -> Group:
        """Two columns, key and meaning, so long meanings wrap under themselves."""
        name = screen_name(self.under)
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

        keymap = getattr(self.app, "keymap_applied", {})
        rows = [(row.keys, row.meaning) for row in rows_of(self.under, keymap)]
        table(f"Keys on this screen ({name})", rows)
        from screens.widgets.running_views import RunningViewsList

        lists = [w for w in self.under.query(RunningViewsList) if w.display]
        if lists:
            where = "captured items" if name == "Wrap-up" else "running views"
            reach = "ctrl+r" if name == "Live session" else "tab"
            table(f"On the {where} ({reach} gets there)", list(ITEM_LIST_KEYS))
        table("Everywhere", list(GENERAL))
        parts += [Text("Who sees what", style="bold underline"), Text(WHO_SEES_WHAT), Text()]
        if name == "Live session":
            parts.append(Text("During a session", style="bold underline"))
            for note in SESSION_NOTES:
                parts.append(Text(note))
        return Group(*parts)

    def on_mount(self) -> None:
        self.title = "Help"
        self.query_one("#help").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
