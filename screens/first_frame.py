"""A screen shown in one frame, and built before the key that shows it.

Textual lays a new screen out and paints it, then lays it out and paints it again
(its resume, its mount-awaiter, its widgets' first sizes, a Resize at the same size),
and shows a scrollbar a layout found needed only in the frame after. ``LaidOutOnce``
settles the layout first and paints once; ``build_ahead`` composes, mounts and lays
out a screen off screen while the coach reads the one before, so the key only
paints. Everything here leans on Textual's internals, pinned at 8.2.8 (named where
used); ``tests/test_app_composed_ahead.py`` and the snapshots guard it.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from textual import events


@runtime_checkable
class SettlesBeforePaint(Protocol):
    """A widget that learns its content's size only when drawn (an option list), and
    can learn it before a ``LaidOutOnce`` screen's first paint, once it has its size."""

    def settle_before_paint(self) -> None: ...


class LaidOutOnce:
    """Mixin for screens that set up their first frame fully in ``compose``.

    Textual paints a new screen twice. Its first layout paints every widget; then
    the widgets' own requests from that layout (their sizes were just set), the
    resume's request for a whole repaint and the push's mount-awaiter ask for the
    whole screen again, and a Resize at the same size lays it out once more: together
    15-35 ms of opening the engagement or starting a session, profiled, for a frame
    identical to the first. A screen of this kind is composed whole before its first
    layout (its children are mounted, its size classes set), so:

    - the requests to repaint made before its first full paint are dropped once that
      paint is done (it painted them); requests to lay out still go through, so a
      scrollbar the first layout showed to be needed still appears;
    - the resume's whole repaint right after that first paint is dropped;
    - the Resize at the size just laid out is not handled (a real resize of the
      terminal still is). Not for every screen: Textual's Resize handler is also where
      breakpoint classes are first set.

    Push them with ``push_whole``, which drops the push's mount-awaiter.
    """

    _compositor: Any
    _size: Any
    app: Any
    is_attached: bool
    is_current: bool
    call_next: Any
    _dirty_widgets: set[Any]
    _resumed = False
    #: Textual's resume handler, next in the MRO, is about to lay the screen out.
    _resume_lays_out = False
    #: The whole screen was painted by that layout: its own repaint is not needed.
    _painted_whole = False
    #: Laying out before the first paint (``_settle_layout``): nothing is painted.
    _holding_paint = False
    #: Composed ahead (``build_ahead``): laid out once mounted, before it is shown.
    _lay_out_ahead = False
    #: (terminal size, day) the screen was built ahead for (``build_ahead``).
    _built_for: tuple[tuple[int, int], Any] | None = None

    def set_breakpoint_classes(self) -> None:
        """Set the screen's breakpoint classes for the terminal's size now, before its
        widgets are styled (Textual sets them on the first Resize, which this kind of
        screen does not handle at the size it was laid out at, and each class set
        after the first layout restyles the whole screen)."""
        screen: Any = self
        width, height = self.app.size
        for size, breakpoints in (
            (width, screen.HORIZONTAL_BREAKPOINTS or []),
            (height, screen.VERTICAL_BREAKPOINTS or []),
        ):
            reached = [name for edge, name in sorted(breakpoints) if size >= edge][-1:]
            for _, name in breakpoints:
                screen.set_class(name in reached, name)

    async def _on_resize(self, event: events.Resize) -> None:
        if event.size == self._compositor.size:
            event.prevent_default()  # Screen._on_resize, next in the MRO, is not called

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            # The first time (the screen pushed), its widgets were styled as they
            # were mounted: Textual's handler, next, need not restyle them all again
            # (a third of the first frame, profiled).
            self._resumed = True
            event.refresh_styles = False
        # The condition of Textual's handler, which lays the screen out and then asks
        # for a whole repaint in the same call.
        self._resume_lays_out = self.is_attached and self._size != self.app.size

    def _refresh_layout(self, size: Any = None, scroll: bool = False) -> None:
        first_paint = (
            self._resume_lays_out
            and not self._compositor.widgets  # nothing laid out yet: all is painted
            and self.is_current
            and not self.app._batch_count  # painted now, not deferred
        )
        self._resume_lays_out = False
        if not first_paint:
            super()._refresh_layout(size, scroll)  # type: ignore[misc]
            return
        self._holding_paint = True
        try:
            self._settle_layout(size, scroll)
        finally:
            self._holding_paint = False
        self._compositor_refresh()
        for widget in (self, *self._compositor.visible_widgets):
            widget._repaint_regions.clear()
            widget._repaint_required = False
        self._dirty_widgets.clear()
        self._painted_whole = True

    def _settle_layout(self, size: Any, scroll: bool) -> None:
        """Lay the screen out until its widgets ask for nothing more, painting nothing.

        The first layout sets every widget's size, and a container whose content turns
        out taller than itself then shows a scrollbar, which needs a second layout:
        Textual paints between the two (20-30 ms of opening a long engagement,
        profiled). A list that measures its content only when drawn measures it here
        (``SettlesBeforePaint``). Two passes here, then one paint.
        """
        super()._refresh_layout(size, scroll)  # type: ignore[misc]
        for _ in range(2):
            widgets = list(self._compositor.widgets)
            for widget in widgets:
                if isinstance(widget, SettlesBeforePaint):
                    widget.settle_before_paint()
            if not any(widget._layout_required for widget in widgets):
                return
            for widget in widgets:
                widget._layout_required = False
                widget._clear_arrangement_cache()
            super()._refresh_layout(size, scroll)  # type: ignore[misc]

    def _post_mount(self) -> None:
        """Once mounted, a screen composed ahead is laid out too, off screen: showing
        it is then one paint (Textual lays out a screen not on top as it would on top,
        and paints only the one on top)."""
        super()._post_mount()  # type: ignore[misc]
        if self._lay_out_ahead:
            self.call_next(self._lay_out_off_screen)  # once it counts as mounted

    def _lay_out_off_screen(self) -> None:
        if self.is_current or self._compositor.widgets:
            return  # shown meanwhile: laid out as it was pushed
        self._holding_paint = True
        try:
            self._settle_layout(self.app.size, False)
        finally:
            self._holding_paint = False

    def _compositor_refresh(self) -> None:
        if not self._holding_paint:
            super()._compositor_refresh()  # type: ignore[misc]

    def refresh(
        self, *regions: Any, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Any:
        if self._painted_whole:
            self._painted_whole = False  # only the request that follows the paint
            if not (regions or layout or recompose):
                return self
        return super().refresh(  # type: ignore[misc]
            *regions, repaint=repaint, layout=layout, recompose=recompose
        )


def push_whole(app: Any, screen: LaidOutOnce) -> None:
    """Push a screen composed whole (``LaidOutOnce``).

    Textual's push returns an awaiter of the screen's mount, also run on its own,
    which asks the screen for a whole layout and repaint once the screen is mounted:
    for a screen whose children are mounted before its first layout (Textual's compose
    awaits them), that repeats the first frame. Emptied, it does nothing.
    """
    awaiter = app.push_screen(screen)
    awaiter._widgets = []


def build_ahead(app: Any, screen: LaidOutOnce) -> None:
    """Compose, mount and lay out ``screen`` now, off screen, so that pushing it later
    only paints it (about two thirds of showing it, profiled).

    This is what Textual's push does first (load the screen's CSS, register it: its
    compose and mount run in its own task); the layout waits for the push, as it does
    for any screen not on top. Pinned Textual 8.2.8: ``_load_screen_css`` and
    ``_register`` are its own. ``discard_built`` removes a screen built and not shown.
    """
    screen._lay_out_ahead = True
    screen._built_for = _now_for(app)
    app._load_screen_css(screen)
    app._register(app, screen)


def still_fits(app: Any, screen: LaidOutOnce | None) -> bool:
    """Whether a screen ``build_ahead`` built can be shown now: built at this terminal
    size (its layout and breakpoint classes) on this day (its dates), and not removed."""
    return (
        screen is not None
        and screen._built_for == _now_for(app)
        and not getattr(screen, "_pruning", False)
    )


def _now_for(app: Any) -> tuple[tuple[int, int], Any]:
    return (tuple(app.size), app.now().date())


def discard_built(app: Any, screen: LaidOutOnce | None) -> None:
    """Remove a screen ``build_ahead`` built, unless it was shown meanwhile."""
    if screen is not None and all(screen not in stack for stack in app._screen_stacks.values()):
        app._prune(screen)  # no parent: nothing on screen to lay out again


__all__ = [
    "LaidOutOnce",
    "SettlesBeforePaint",
    "build_ahead",
    "discard_built",
    "push_whole",
    "still_fits",
]
