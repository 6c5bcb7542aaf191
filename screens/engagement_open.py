"""Opening an engagement: the file is read first, then the screen is shown whole.

``open_engagement`` reads the executive's file off the UI thread; the app hands the
result to ``engagement_opened``, which pushes the engagement screen composed with the
record. The coach sees the practice for the time of the read, then the whole
engagement in one frame. Pushing first drew an empty engagement and then laid out
and painted the screen a second time when the record arrived, which made opening
about twice as slow (profiled on a ten-year practice).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList

from coach_tui.domain.model import ClientRecord, Stage
from coach_tui.errors import CoachError
from screens.engagement import EngagementScreen
from screens.first_frame import build_ahead, discard_built, push_whole, still_fits
from screens.widgets.lean_options import LeanOptionList
from screens.widgets.running_views import RunningViewsList
from screens.widgets.stage_track import StageTrack
from screens.work import CoreDone, run_core

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet

    from screens.app import CoachApp

#: The key of the read that opens an engagement (the app hands its result back here).
OPENING = "engagement-open"
#: The key of the read ahead of the executive under the practice's cursor.
READING_AHEAD = "engagement-read-ahead"


@dataclass
class ReadAhead:
    """The executive the coach is about to open, read while they look at the list.

    Held once: the engagement that opens with it owns the record (records are plain
    mutable data, never shared between screens), and it is used only if the
    executive's files are still the generation it was read from.
    """

    client_id: str
    generation: tuple[object, ...]
    record: ClientRecord
    #: The screen the coach was on when the read began (the practice).
    asked_by: object = None
    #: The engagement screen composed with the record while the coach still reads the
    #: list (``build_ahead``).
    screen: EngagementScreen | None = None


def _read(app: CoachApp, client_id: str) -> ClientRecord:
    """Off the UI thread: the executive, and the scripts the engagement needs next."""
    record = app.practice.load(client_id)
    _ = app.library  # parsed here rather than on the UI thread, if not yet
    return record


def read_ahead(app: CoachApp, client_id: str) -> None:
    """Read ``client_id``'s file off the UI thread, for an ``enter`` that may follow."""
    held = app.read_ahead
    practice = app.practice
    if held is not None and held.client_id == client_id:
        return  # already read (checked again when it is used)

    asked_by = app.screen

    def job() -> ReadAhead | None:
        before = practice.generation(client_id)
        record = _read(app, client_id)
        return (
            ReadAhead(client_id, before, record, asked_by)
            if practice.generation(client_id) == before
            else None
        )

    run_core(app, READING_AHEAD, job, exclusive=True)


def read_ahead_done(app: CoachApp, message: CoreDone) -> None:
    """Keep what was read ahead (a file that cannot be read says so when opened), and
    compose its engagement screen off screen if the practice is still what the coach
    sees: ``enter`` then only lays it out and paints it."""
    if not message.ok or message.value is None:
        return
    held: ReadAhead = message.value
    drop_read_ahead(app)
    app.read_ahead = held
    if app.screen is held.asked_by:
        held.screen = EngagementScreen(held.client_id, held.record)
        build_ahead(app, held.screen)


def drop_read_ahead(app: CoachApp) -> ReadAhead | None:
    """Take what was read ahead from the app; its screen, if built, is removed."""
    held, app.read_ahead = app.read_ahead, None
    if held is not None:
        discard_built(app, held.screen)
    return held


def add_widgets_css(stylesheet: Stylesheet) -> bool:
    """Add the default CSS of the widgets a call's screens compose; True if any was new.

    Textual adds a widget class's CSS when its first widget is mounted and then parses
    the stylesheet again (10-25 ms of opening the engagement, and as much of starting
    the first session, profiled): the app's warm-up calls this while the coach reads
    the practice, then parses once. (``_get_default_css`` is Textual's own, pinned at
    8.2.8.)
    """
    from screens.widgets.plan_panel import PlanPanel
    from screens.widgets.text_editor import SafeTextArea

    widgets = (
        StageTrack(Stage.AWARENESS),
        Horizontal(),
        VerticalScroll(),
        LeanOptionList(),
        RunningViewsList(),
        # The live session's: the question list, the plan, the answer box.
        OptionList(),
        Vertical(),
        PlanPanel(),
        SafeTextArea(),
    )
    before = len(stylesheet.source)
    for widget in widgets:
        for read_from, css, tie_breaker, scope in widget._get_default_css():
            stylesheet.add_source(
                css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope
            )
    return len(stylesheet.source) > before


def open_engagement(app: CoachApp, client_id: str) -> None:
    """Show the engagement: at once if it was read ahead, else once its file is read."""
    practice = app.practice
    held, app.read_ahead = app.read_ahead, None
    if held is not None and held.client_id == client_id:
        try:
            current = practice.generation(client_id)
        except CoachError:
            current = None
        if current == held.generation:
            screen = held.screen
            if screen is None or not still_fits(app, screen):
                discard_built(app, screen)  # composed for another size or day: again
                screen = EngagementScreen(client_id, held.record)
            push_whole(app, screen)
            return
    if held is not None:
        discard_built(app, held.screen)

    run_core(app, OPENING, lambda: _read(app, client_id), exclusive=True)


def engagement_opened(app: CoachApp, message: CoreDone) -> None:
    """On the UI thread: the read is done; show the engagement, or say why not."""
    if message.error is not None:
        app.notify(
            str(message.error),
            title=EngagementScreen.failure_title,
            severity="error",
            timeout=15,
            markup=False,
        )
        return
    record: ClientRecord = message.value
    push_whole(app, EngagementScreen(record.client.id, record))


__all__ = [
    "OPENING",
    "READING_AHEAD",
    "ReadAhead",
    "add_widgets_css",
    "engagement_opened",
    "open_engagement",
    "read_ahead",
    "read_ahead_done",
]
