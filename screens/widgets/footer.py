"""The footer: Textual's, rebuilt only when the keys it shows change.

Textual's ``Footer`` removes and mounts every key widget again whenever the screen's
bindings are updated, which happens on each change of focus: three or four times
while a screen opens, 20–30 ms each on the session screen's dozen keys, and each
new key restyled twice (once mounted, once more when its compact class arrives).
This footer compares what it would show (key, label, enabled, tooltip, group) with
what it shows, and only then rebuilds; the keys are born compact. Its keys are
also there in the screen's first frame: Textual's footer starts empty and builds
them after that frame, which cost a second layout and paint of every new screen
(about 20 ms of opening the engagement, profiled). It looks and behaves exactly
like Textual's.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class CoachFooter(Footer):
    """``Footer`` without the rebuilds that change nothing on screen."""

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__(compact=compact, show_command_palette=show_command_palette)
        self._shown: Hashable | None = None

    def compose(self) -> ComposeResult:
        if not self._bindings_ready and self.is_attached:
            # The keys the screen has now; a change of focus that changes them rebuilds.
            self.set_reactive(Footer._bindings_ready, True)
            self._shown = self._what_it_shows(self.screen)
        for widget in super().compose():
            if self.compact and isinstance(widget, FooterKey):
                # Compact from the start: the bound class no longer restyles it.
                widget.set_class(True, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        will_show = screen.app.app_focus and self.is_attached and screen is self.screen
        if not will_show:
            super().bindings_changed(screen)
            return
        shown = self._what_it_shows(screen)
        if shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)

    def _what_it_shows(self, screen: Screen[object]) -> Hashable:
        app = self.app
        keys = tuple(
            (
                key,
                binding.action,
                binding.description,
                app.get_key_display(binding),
                enabled,
                tooltip,
                binding.group,
            )
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )
        return (keys, self.show_command_palette, self.compact)
