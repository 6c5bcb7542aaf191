"""The footer: the screen's keys drawn as one line by one widget.

Textual's ``Footer`` is a container holding one widget per key, each styled, laid
out and painted on its own, and it mounts them all again whenever the screen's
bindings change (on each change of focus). On the practice screen that was 30 ms of
a 170 ms start-up, and as much again on every screen a coach opens during a call.
This footer keeps Textual's look (the same colours, compact spacing, groups, the
command palette key on the right, a click runs the key) but is a single widget: it
works out the line when the keys change, and only then repaints.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from itertools import groupby

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class FooterEntry:
    """One piece of the line: a key (with its description) or a group's label."""

    key: str
    display: str
    description: str
    enabled: bool = True
    label: bool = False  # a group's description, after its keys: not clickable
    palette: bool = False  # the command palette's key, kept on the right
    tight: bool = False  # a key of a compact group: the next key follows without a space


class CoachFooter(Widget, can_focus=False):
    """The active bindings of the screen, as Textual's footer shows them."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer--key",
        "footer--description",
        "footer--hover",
        "footer--rule",
    }
    DEFAULT_CSS = """
    CoachFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .footer--rule {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__()
        self.compact = compact
        self.show_command_palette = show_command_palette
        self._shown: Hashable | None = None
        self._entries: tuple[FooterEntry, ...] = ()
        #: Where each clickable key sits on the line: (start, end, entry).
        self._spans: list[tuple[int, int, FooterEntry]] = []
        self._hover: str | None = None

    # ------------------------------------------------------------------ keys

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Repaint only if what the line would show has changed."""
        if not self.is_attached or screen is not self.screen:
            return
        shown = self._what_it_shows(screen)
        if shown == self._shown:
            return
        self._shown = shown
        self._entries = self._entries_for(screen)
        self.refresh()

    @property
    def entries(self) -> tuple[FooterEntry, ...]:
        """What the footer shows, left to right (the palette key last)."""
        return self._entries

    def _what_it_shows(self, screen: Screen[object]) -> Hashable:
        app = self.app
        keys = tuple(
            (
                key,
                binding.action,
                binding.description,
                app.get_key_display(binding),
                enabled,
                binding.group,
            )
            for key, (_, binding, enabled, _tooltip) in screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )
        return (keys, self.show_command_palette, self.compact)

    def _entries_for(self, screen: Screen[object]) -> tuple[FooterEntry, ...]:
        """Textual's footer order: one key per action, a group's keys then its label."""
        app = self.app
        active = screen.active_bindings
        by_action: defaultdict[str, list[tuple[Binding, bool]]] = defaultdict(list)
        for _, binding, enabled, _tooltip in active.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled))
        entries: list[FooterEntry] = []
        for group, members in groupby(by_action.values(), lambda m: m[0][0].group):
            same_group = list(members)
            if group is not None and len(same_group) > 1:
                for (binding, enabled), *_ in same_group:
                    display = app.get_key_display(binding)
                    entries.append(
                        FooterEntry(binding.key, display, "", enabled, tight=group.compact)
                    )
                entries.append(FooterEntry("", "", group.description, label=True))
                continue
            for (binding, enabled), *_ in same_group:
                entries.append(
                    FooterEntry(
                        binding.key, app.get_key_display(binding), binding.description, enabled
                    )
                )
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            palette = active.get(app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _, binding, enabled, _tooltip = palette
                entries.append(
                    FooterEntry(
                        binding.key,
                        app.get_key_display(binding),
                        binding.description,
                        enabled,
                        palette=True,
                    )
                )
        return tuple(entries)

    # --------------------------------------------------------------- drawing

    def _piece(self, entry: FooterEntry) -> Text:
        """One key as Textual draws it: the key in bold, then its description."""
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        if entry.label:
            return Text(entry.description, style=description_style)
        key_pad = "" if self.compact else " "
        piece = Text(end="")
        piece.append(f"{key_pad}{entry.display}{key_pad}", style=key_style)
        if entry.description:
            text = f" {entry.description}" if self.compact else f"{entry.description} "
            piece.append(text, style=description_style)
        if self._hover is not None and entry.key == self._hover:
            piece.stylize(self.get_component_rich_style("footer--hover"))
        if not entry.enabled:
            piece.stylize("dim")
        return piece

    def render(self) -> Text:
        """Keys one space apart; a group: a space, its keys, its label; palette right."""
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        entries = [entry for entry in self._entries if not entry.palette]
        for index, entry in enumerate(entries):
            grouped = not entry.description and not entry.label
            before = entries[index - 1] if index else None
            if grouped and (before is None or before.description or before.label):
                line.append(" ")  # a group of keys opens with a space
            piece = self._piece(entry)
            if not entry.label:
                self._spans.append((line.cell_len, line.cell_len + piece.cell_len, entry))
            line.append_text(piece)
            after = entries[index + 1] if index + 1 < len(entries) else None
            if not (entry.tight and after is not None and not after.label):
                line.append(" ")
        palette = next((entry for entry in self._entries if entry.palette), None)
        if palette is not None:
            piece = self._piece(palette)
            rule = Text("▏", style=self.get_component_rich_style("footer--rule"))
            # As Textual draws it: the rule, the key, one space.
            start = self.size.width - piece.cell_len - rule.cell_len - 1
            if start > line.cell_len:
                line.pad_right(start - line.cell_len)
            else:
                line.truncate(max(start, 0), overflow="crop")
            line.append_text(rule)
            self._spans.append((line.cell_len, line.cell_len + piece.cell_len, palette))
            line.append_text(piece)
            line.append(" ")
        return line

    # ----------------------------------------------------------------- mouse

    def _entry_at(self, x: int) -> FooterEntry | None:
        return next((entry for start, end, entry in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self._entry_at(event.x)
        hover = entry.key if entry is not None else None
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        entry = self._entry_at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()
