"""The Textual app: the only core module that imports Textual.

``create_app`` is the one factory the CLI and the tests share. The app owns the
``Practice`` (the store) and the script library; screens call the core through it
and render. Quitting always flushes the open session's saves first.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from coach_tui import locations
from coach_tui.domain.model import ClientRecord
from coach_tui.scripts.once import LibraryOnce
from coach_tui.store.practice import Practice
from screens.collector import hand_back

if TYPE_CHECKING:
    from textual.command import Provider

    from coach_tui.scripts.library import ScriptLibrary
    from screens.engagement_open import ReadAhead
    from screens.session import SessionScreen
    from screens.work import CoreDone


#: Seconds after the practice screen's first frame before the warm-up starts.
WARM_UP_AFTER = 0.3


def _coach_commands() -> type[Provider]:
    """The palette's provider, imported only when the palette first opens."""
    from screens.palette import CoachCommands

    return CoachCommands


class CoachApp(App[None]):
    """coach-tui: the coach's practice, engagements and live sessions."""

    TITLE = "coach-tui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_coach_commands}
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        root: Path,
        clock: Callable[[], datetime] | None = None,
        blink: bool = True,
    ) -> None:
        super().__init__()
        hand_back()  # what an earlier app in this process set aside (see _warm_up)
        #: The keymap.toml applied at start (binding id -> keys), for the help.
        self.keymap_applied: dict[str, str] = {}
        self.practice = Practice(root, clock=clock)
        self.cursor_blinks = blink
        self._scripts = LibraryOnce(self.practice.root)
        #: Shown on the practice screen's status line (" · last sync …" or "").
        self.last_sync = ""
        #: The executive under the practice's cursor, read ahead of an ``enter``.
        self.read_ahead: ReadAhead | None = None
        from coach_tui.sync import passphrase

        passphrase.allow_prompt = False  # the app asks in its own screen, never the tty

    @property
    def library(self) -> ScriptLibrary:
        """The shipped scripts plus the coach's own (loaded on first use, by one thread)."""
        return self._scripts.get()

    def _warm_up_soon(self) -> None:
        """Once the practice is on screen: what opening an executive needs first.

        Textual parses a screen's stylesheet when the screen is first pushed, and
        then parses every stylesheet of the app again (50-100 ms on enter and on s);
        here it is done once for the two screens of a call, while the coach reads the
        list. The scripts and the file lock of the first save follow in a thread.
        """
        from screens.engagement import EngagementScreen
        from screens.engagement_open import add_widgets_css
        from screens.session import SessionScreen

        stylesheet = self.stylesheet
        paths = [
            (Path(inspect.getfile(screen)).parent / screen.CSS_PATH).resolve()
            for screen in (EngagementScreen, SessionScreen)
            if isinstance(screen.CSS_PATH, str)
        ]
        unread = [path for path in paths if not stylesheet.has_source(str(path), "")]
        if add_widgets_css(stylesheet) or unread:  # and its widgets' own CSS
            for path in unread:
                stylesheet.read(path)
            stylesheet.reparse()
            stylesheet.parse()  # reparse leaves this stylesheet's cache cold: fill it
            stylesheet.update(self)
        from screens.work import run_core

        run_core(self, "warm-up", self._warm_up)

    def _warm_up(self) -> None:
        """Off the UI thread: parse the scripts (about 70 ms), then set what the app
        built so far aside from the garbage collector."""
        from screens.collector import set_aside_long_lived

        _ = self.library
        set_aside_long_lived()

    @property
    def _background_screens(self) -> list[Screen[object]]:
        """The screens that show through the one on top: none through an opaque one.

        Textual's counts the screen below the top one always, and passes the regions
        it repaints up to the top one to be painted again: a practice restyling itself
        under an opaque engagement repainted the whole engagement (10-15 ms of
        opening it, profiled). Dialogs, whose background is see-through, keep
        Textual's rule. (Textual's own property, pinned at 8.2.8.)
        """
        if self._screen_stack and self.screen.styles.background.a == 1:
            return []
        return super()._background_screens

    def now(self) -> datetime:
        return self.practice.clock()

    def on_mount(self) -> None:
        self._apply_keymap()
        root = self.practice.root
        # The sync modules load only for a sealed or synced practice (a few ms of start).
        if locations.is_encrypted(root):
            from coach_tui.sync import crypto

            if crypto.known_key(root) is None:
                from screens.unlock import UnlockScreen

                self.push_screen(UnlockScreen(root), lambda _: self._open_practice())
                return
        self._open_practice()

    def _apply_keymap(self) -> None:
        """The coach's own keys (``keymap.toml``), or one line saying why not."""
        from coach_tui.errors import CoachError
        from coach_tui.locations import keymap_file
        from screens.keymap import read_keymap

        try:
            keymap = read_keymap(keymap_file())
        except CoachError as exc:
            self.notify(str(exc), title="Keymap not applied", severity="error", markup=False)
            return
        if keymap:
            self.set_keymap(keymap)
            self.keymap_applied = keymap  # the help shows the coach's keys

    def _open_practice(self) -> None:
        from screens.collector import resume_after_first_frame
        from screens.first_frame import push_whole
        from screens.practice import PracticeScreen

        synced = locations.sync_is_set_up(self.practice.root)
        if synced:
            from screens.sync import last_sync_label

            self.last_sync = last_sync_label(self)
        push_whole(self, PracticeScreen())
        self.call_after_refresh(resume_after_first_frame)
        # After the first frame, not during it: this work now would slow the start-up.
        self.call_after_refresh(self.set_timer, WARM_UP_AFTER, self._warm_up_soon)
        if synced:
            from coach_tui.sync import settings
            from screens.sync import start_sync

            if settings.load(self.practice.root).sync_on_start:
                start_sync(self)

    def on_core_done(self, message: CoreDone) -> None:
        """A sync ended, or an engagement's file was read (other jobs' results are their
        screens' own)."""
        if message.key == "engagement-open":  # screens.engagement_open.OPENING
            from screens.engagement_open import engagement_opened

            engagement_opened(self, message)
            return
        if message.key == "engagement-read-ahead":  # screens.engagement_open.READING_AHEAD
            from screens.engagement_open import read_ahead_done

            read_ahead_done(self, message)
            return
        from screens.sync import SyncFinished, show_result

        if isinstance(message.value, SyncFinished):
            show_result(self, message.value)

    # --------------------------------------------------------------- actions

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """Quit once the keys typed before ctrl+q are in: they are the last words."""
        self.after_typed_keys(self._quit_after_saves)

    def after_typed_keys(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the focused widget has handled the keys before it.

        Priority bindings (ctrl+q, the wrap-up's ctrl+s) act as soon as a key
        arrives, while a burst of letters typed just before may still wait in the
        focused editor's queue; queueing behind them keeps every letter.
        """
        focused = self.focused
        (focused if focused is not None else self).call_later(callback)

    def _quit_after_saves(self) -> None:
        """Quit, but only after the open session's saves have reached the disk."""
        from screens.session import SessionScreen

        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen) and not screen.flush_saves():
                screen.warn_unsaved_on_quit()
                return
        from coach_tui.sync import settings, transport

        root = self.practice.root
        if transport.is_set_up(root) and settings.load(root).sync_on_quit:
            from screens.sync import start_sync

            start_sync(self, then_quit=True)  # exits when the sync is done
            return
        self.exit()

    def save_private_screenshot(self) -> Path | None:
        """An SVG of the screen in ``locations.screenshots_dir()``; says where, or why not."""
        import os

        from coach_tui.errors import CoachError
        from coach_tui.locations import screenshots_dir
        from coach_tui.store.safefile import ensure_private_dir

        folder = screenshots_dir()
        path = folder / f"coach-tui {self.now():%Y-%m-%d %H-%M-%S}.svg"
        try:
            ensure_private_dir(folder)
            svg = self.export_screenshot()
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(svg)
        except (OSError, CoachError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.notify(
                f"{folder}: {reason}",
                title="Screenshot not saved",
                severity="error",
                markup=False,
            )
            return None
        self.notify(
            f"Saved to {path}\nIt shows what was on screen: keep it as private as your notes.",
            title="Screenshot",
            markup=False,
            timeout=8,
        )
        return path

    def open_client(self, client_id: str) -> None:
        from screens.engagement_open import open_engagement

        open_engagement(self, client_id)  # shown once the file is read

    def start_session(
        self,
        client_id: str,
        script_id: str,
        stakeholder_id: str | None = None,
        ahead: SessionScreen | None = None,
    ) -> None:
        """Open the session screen at once; it writes the new session off the UI thread.

        ``ahead`` is that session's screen composed while the coach read the
        engagement (``SessionScreen.ahead``): shown rather than composed now.
        """
        from screens.first_frame import push_whole
        from screens.session import SessionScreen

        if ahead is not None:
            ahead.begin()
            push_whole(self, ahead)
            return
        script = self.library.get(script_id)
        # The executive as the screen below shows it, if it does: the session screen
        # shows it at once rather than reading the file again.
        held = getattr(self.screen, "record", None)
        record = held if isinstance(held, ClientRecord) and held.client.id == client_id else None
        push_whole(self, SessionScreen.starting(client_id, script, stakeholder_id, record))

    def resume_session(self, client_id: str, session_id: str) -> None:
        from screens.first_frame import push_whole
        from screens.session import SessionScreen

        push_whole(self, SessionScreen(client_id, session_id))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":  # Textual's: the Downloads folder, often absent
                yield command
        yield SystemCommand(
            "Screenshot",
            "Save an SVG picture of this screen in your pictures folder",
            lambda: self.set_timer(0.1, self.save_private_screenshot),
        )
        yield SystemCommand(
            "Help: all keys", "Every key of this screen and the app", self.action_help
        )
        from screens.sync import commands

        yield from commands(self)


def create_app(
    root: Path, clock: Callable[[], datetime] | None = None, blink: bool = True
) -> CoachApp:
    """The app on a data folder.

    Tests pass a fixed clock and ``blink=False``: snapshots must not depend on the
    time of day or the cursor's phase.
    """
    return CoachApp(root, clock=clock, blink=blink)


def run_app(root: Path) -> int:
    """Open the app (the CLI's default command) and return its exit code."""
    app = create_app(root)
    app.run()
    return app.return_code or 0
