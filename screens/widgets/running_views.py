"""The running views: strengths, development areas, goals, actions, motivations.

An ``OptionList`` so a coach can move onto any item and edit (``e``), remove
(``x``) or tick off (``space``) it; the screen that owns it does the saving. It
counts its items' lines instead of rendering them (``LeanOptionList``), so even a
long engagement's few hundred items go in at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets.option_list import Option

from coach_tui.domain.model import Insight, InsightKind
from coach_tui.domain.plan import RunningViews, goal_trend
from coach_tui.text import one_line
from screens.widgets.lean_options import LeanOptionList

SECTIONS: tuple[tuple[InsightKind, str], ...] = (
    (InsightKind.GOAL, "Goals"),
    (InsightKind.ACTION, "Actions"),
    (InsightKind.STRENGTH, "Strengths"),
    (InsightKind.WEAKNESS, "Development areas"),
    (InsightKind.MOTIVATION, "Motivations"),
    (InsightKind.NOTE, "Private notes"),
)


#: A running view is for glancing: longer items are cut (e opens the whole text).
ITEM_CHARACTERS = 240


def insight_text(insight: Insight, today: date) -> Text:
    """One item as a line: score and trend for goals, due date for actions."""
    line = Text("  ")
    if insight.kind is InsightKind.GOAL:
        score = insight.latest_score
        shown = "–" if score is None else f"{score:+d}"
        line.append(f"{shown:>2}{goal_trend(insight)} ", style="bold")
    if insight.kind is InsightKind.ACTION:
        line.append("☑ " if insight.done else "☐ ")
    done = insight.kind is InsightKind.ACTION and insight.done
    line.append(one_line(insight.text, ITEM_CHARACTERS), style="strike dim" if done else "")
    if insight.kind is InsightKind.ACTION and insight.due:
        overdue = insight.is_overdue(today)
        line.append(
            f"  {'overdue ' if overdue else ''}{insight.due:%d %b}",
            style="bold red" if overdue else "dim",
        )
    if insight.private and insight.kind is not InsightKind.NOTE:
        line.append("  (private)", style="italic dim")
    return line


class RunningViewsList(LeanOptionList):
    """All running views in one keyboard-navigable list.

    The scrollbar's room is kept even when there is nothing to scroll: items are
    wrapped to the width they are drawn at, and a scrollbar arriving later (the
    list grew) would otherwise narrow the list under items measured without it,
    cutting their last line ("…with hard numbers" shown as "…with hard").
    """

    DEFAULT_CSS = """
    RunningViewsList {
        scrollbar-gutter: stable;
    }
    """

    BINDINGS = [
        Binding("e", "edit", "Edit", id="views.edit"),
        Binding("x,delete", "remove", "Remove", id="views.remove"),
        Binding("space", "toggle_done", "Done/undone", id="views.done", show=False),
    ]

    @dataclass
    class ItemAction(Message):
        """The coach asked to edit, remove or tick off an item."""

        views: RunningViewsList
        insight: Insight
        action: str

        @property
        def control(self) -> RunningViewsList:
            return self.views

    def __init__(
        self,
        *,
        id: str | None = None,
        classes: str | None = None,
        kinds: tuple[InsightKind, ...] | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._by_id: dict[str, Insight] = {}
        self.kinds = kinds or tuple(kind for kind, _ in SECTIONS)

    def show(self, views: RunningViews, today: date) -> None:
        """Replace the content, keeping the highlighted item where possible."""
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        self._by_id = {}
        options: list[Option] = []
        for kind, title in SECTIONS:
            if kind not in self.kinds:
                continue
            items = views.of(kind)
            options.append(Option(Text(f"{title} ({len(items)})", style="bold"), disabled=True))
            if not items:
                options.append(Option(Text("  none yet", style="dim italic"), disabled=True))
            for insight in items:
                self._by_id[insight.id] = insight
                options.append(Option(insight_text(insight, today), id=insight.id))
        self.clear_options()
        self.add_options(options)
        self._highlight(keep)

    def _highlight(self, keep: str | None) -> None:
        if keep and keep in self._by_id:
            self.highlighted = self.get_option_index(keep)

    def on_focus(self) -> None:
        """Arriving in the views puts the cursor on the first item: e, x, space act on it."""
        if self.highlighted is None:
            self.action_first()

    def _current(self) -> Insight | None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self._by_id.get(option.id)

    def _request(self, action: str) -> None:
        insight = self._current()
        if insight is None:
            self.app.bell()
            return
        self.post_message(self.ItemAction(self, insight, action))

    def action_edit(self) -> None:
        self._request("edit")

    def action_remove(self) -> None:
        self._request("remove")

    def action_toggle_done(self) -> None:
        insight = self._current()
        if insight is not None and insight.kind is InsightKind.ACTION:
            self.post_message(self.ItemAction(self, insight, "toggle_done"))
