"""What every coach-tui screen shares: typed access to the app's core objects."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from coach_tui.domain.model import ClientRecord
from coach_tui.store.practice import Practice
from screens.work import CoreDone, run_core

if TYPE_CHECKING:
    from coach_tui.scripts.library import ScriptLibrary
    from screens.app import CoachApp


class _CoreAccess:
    """Mixin: the store, the scripts, today and whether cursors blink (not in tests)."""

    app: Any

    @property
    def coach_app(self) -> CoachApp:
        return self.app  # type: ignore[no-any-return]

    @property
    def practice(self) -> Practice:
        return self.coach_app.practice

    @property
    def library(self) -> ScriptLibrary:
        return self.coach_app.library

    def app_today(self) -> date:
        return self.coach_app.now().date()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notify, but plain text by default: messages carry user text."""
        self.app.notify(message, title=title, severity=severity, timeout=timeout, markup=markup)


class CoachScreen(_CoreAccess, Screen[None]):
    """A full screen of the app."""


class ExecutiveScreen(CoachScreen):
    """A screen about one executive: reads the executive's file off the UI thread.

    ``load_record`` reads it with ``run_core`` and hands the record to ``show_record``
    on the UI side; a file that cannot be read is reported and the screen closes.
    """

    #: The title of the notice when the file cannot be read.
    failure_title = "Cannot open this executive"

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id

    def load_record(self) -> None:
        practice, client_id = self.practice, self.client_id

        def job() -> ClientRecord:
            record = practice.load(client_id)
            _ = self.library  # the scripts, parsed here rather than on the UI thread if not yet
            return record

        run_core(self, "executive-load", job, exclusive=True)

    @on(CoreDone)
    def _record_loaded(self, message: CoreDone) -> None:
        if message.key != "executive-load":
            return
        if message.error is not None:
            self._load_failed(str(message.error))
            return
        self.show_record(message.value)

    def show_record(self, record: ClientRecord) -> None:
        raise NotImplementedError

    def _load_failed(self, message: str) -> None:
        self.notify(message, title=self.failure_title, severity="error", timeout=15)
        if self.app.screen is self:
            self.app.pop_screen()


class CoachModal(_CoreAccess, ModalScreen[Any]):
    """A dialog over the current screen; ``escape`` cancels.

    A dialog covers the screen's footer, so its own keys ("ctrl+s save · esc cancel")
    are written on the dialog's bottom border: they stay in view on an 80×24 terminal
    even when the form is taller than the screen and its buttons scroll out of sight.
    """

    def on_mount(self) -> None:
        frame = next(iter(self.query(".dialog")), None)
        if frame is None or frame.border_subtitle:
            return
        keys = [
            f"{self.app.get_key_display(active.binding)} {active.binding.description.lower()}"
            for active in self.active_bindings.values()
            if active.node is self and active.binding.show and active.binding.description
        ]
        frame.border_subtitle = " · ".join(keys)
