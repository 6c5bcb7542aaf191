"""The passphrase screen: an encrypted practice opens only after it.

Nothing of the practice is read before the key is derived and checked; the
derivation (scrypt, about half a second) runs off the UI thread. A wrong passphrase
is one line on this screen and nothing is written. A passphrase file named by
``COACH_TUI_PASSPHRASE_FILE``, or the keyring the coach opted in to, opens it
without typing.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from coach_tui.errors import CoachError
from coach_tui.sync import crypto, passphrase
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader
from screens.work import CoreDone, run_core

PROMPT = (
    "This practice is encrypted. Type its passphrase and press enter.\n"
    "Without the passphrase nothing can open it."
)


class UnlockScreen(Screen[None]):
    """Ask for the passphrase; dismiss once the practice's key is derived."""

    DEFAULT_CSS = """
    UnlockScreen #unlock { padding: 1 2; height: auto; }
    UnlockScreen #passphrase { width: 60; margin: 1 0; }
    """

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def compose(self) -> ComposeResult:
        yield CoachHeader()
        with Vertical(id="unlock"):
            yield Static(PROMPT, markup=False)
            yield Input(password=True, placeholder="passphrase", id="passphrase")
            yield Static("", id="unlock-status", markup=False)
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "coach-tui"
        self.sub_title = "Encrypted practice"
        self.query_one("#passphrase", Input).focus()
        self._try_quiet_sources()

    def _try_quiet_sources(self) -> None:
        """A passphrase file or the keyring (never a prompt: this is the app)."""
        root = self.root

        def job() -> bool:
            try:
                found = passphrase.from_file() or passphrase.from_keyring(root)
                if found:
                    crypto.unlock(root, found)
                    return True
            except CoachError:
                pass  # the coach types it instead
            return False

        run_core(self, "unlock", job, exclusive=True)

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        self.query_one("#unlock-status", Static).update("Checking…")
        self._unlock(event.value)

    def _unlock(self, secret: str) -> None:
        root = self.root

        def job() -> bool:
            crypto.unlock(root, secret)
            return True

        run_core(self, "unlock", job, exclusive=True)  # the quiet sources' try is stale

    @on(CoreDone)
    def _unlocked(self, message: CoreDone) -> None:
        if message.key != "unlock":
            return
        if message.error is not None:
            self._failed(str(message.error))
        elif message.value:
            self.dismiss(None)

    def _failed(self, message: str) -> None:
        self.query_one("#unlock-status", Static).update(Text(message.capitalize()))
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.focus()
