"""What every coach-tui screen shares: typed access to the app's core objects."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from coach_tui.store import Practice

if TYPE_CHECKING:
    from coach_tui.app import CoachApp
    from coach_tui.scripts import ScriptLibrary


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

    @property
    def app_blinks(self) -> bool:
        return self.coach_app.cursor_blinks

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


class CoachModal(_CoreAccess, ModalScreen[Any]):
    """A dialog over the current screen; ``escape`` cancels."""
