"""The live session's footer: Textual's compact ``Footer``, drawn by one widget.

Textual's footer is a container of one widget per key (a dozen on the session
screen, with their groups and labels): each is styled, laid out and repainted on its
own, and every message round through the screen (a keystroke, in tests and in the
benchmark) visits each of them. This widget draws the same line — the same keys,
groups, labels, styles and spacing — as one line of text, rebuilt only when the
keys it shows change; a click on a key presses it, as in Textual's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from itertools import groupby

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.strip import Strip
from textual.widget import Widget


class SessionFooter(Widget, can_focus=False):
    """The keys of the screen's active bindings, in one line (compact footer style)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "session-footer--item",
        "session-footer--key",
        "session-footer--description",
        "session-footer--label",
    }
    DEFAULT_CSS = """
    SessionFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .session-footer--item {
            background: $footer-item-background;
        }
        & > .session-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .session-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .session-footer--label {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: Hashable | None = None
        #: (first cell, last cell + 1, key, enabled) of each key drawn.
        self._spans: list[tuple[int, int, str, bool]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        if self._keys() != self._shown:
            self.refresh()

    def _keys(self) -> tuple[tuple[Binding, bool, str], ...]:
        """What the footer shows: the shown bindings, enabled or not (as Textual's)."""
        return tuple(
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def render_line(self, y: int) -> Strip:
        """The line, cut to the width (the room beyond it in the footer's background)."""
        gap = Style(bgcolor=self.rich_style.bgcolor)
        if y:
            return Strip.blank(self.size.width, gap)
        return Strip(self._segments()).crop_extend(0, self.size.width, gap)

    def _segments(self) -> list[Segment]:
        keys = self._keys()
        self._shown = keys
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for binding, enabled, tooltip in keys:
            by_action[binding.action].append((binding, enabled, tooltip))
        base = self.rich_style
        item = base + self.get_component_rich_style("session-footer--item")
        key_style = item + self.get_component_rich_style("session-footer--key")
        description_style = item + self.get_component_rich_style("session-footer--description")
        label_style = base + self.get_component_rich_style("session-footer--label")
        dim = Style(dim=True)
        line: list[Segment] = []
        spans: list[tuple[int, int, str, bool]] = []
        cells = 0

        def add(text: str, style: Style) -> None:
            nonlocal cells
            line.append(Segment(text, style))
            cells += cell_len(text)

        def key(binding: Binding, enabled: bool, description: str) -> None:
            start = cells
            shown = self.app.get_key_display(binding)
            add(shown, key_style + dim if not enabled else key_style)
            if description:
                style = description_style + dim if not enabled else description_style
                add(f" {description}", style)
            spans.append((start, cells, binding.key, enabled))

        # Between the widgets of Textual's footer: its background only.
        gap = Style(bgcolor=base.bgcolor)
        for group, run in groupby(by_action.values(), lambda same: same[0][0].group):
            actions = list(run)
            if group is not None and len(actions) > 1:
                # A group: its keys side by side, then its description.
                add(" ", gap)
                for binding, enabled, _ in (same[0] for same in actions):
                    key(binding, enabled, "")
                    if not group.compact:
                        add(" ", gap)
                add(group.description, label_style)
                add(" ", gap)
            else:
                for binding, enabled, _ in (same[0] for same in actions):
                    key(binding, enabled, binding.description)
                    add(" ", gap)
        self._spans = spans
        return line

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses it (a disabled one rings the bell)."""
        for start, end, pressed, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(pressed)
                else:
                    self.app.bell()
                return
