"""Sync from inside the app: the palette's "Sync now", sync on start and on quit.

The sync itself is the core's (``coach_tui.sync.run.sync``); it runs off the UI
thread (``run_core``) and its ``CoreDone`` carries a ``SyncFinished``: the app's
handler shows the outcome and refreshes the practice list. Whether to sync on start
and on quit is this machine's setting (``settings.json``), switched from the palette.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from coach_tui.errors import CoachError
from coach_tui.sync import settings, transport
from screens.work import run_core

if TYPE_CHECKING:
    from screens.app import CoachApp


@dataclass
class SyncFinished:
    """A sync ended: ``summary`` for the coach, ``ok`` whether it reached the remote."""

    summary: str
    notes: list[str]
    ok: bool
    then_quit: bool


def last_sync_label(app: CoachApp) -> str:
    """' · last sync 2026-11-30 05:30' once sync is set up, else ''."""
    root = app.practice.root
    if not transport.is_set_up(root):
        return ""
    when = settings.load(root).last_sync
    return f" · last sync {when[:16].replace('T', ' ')}" if when else " · not synced yet"


def start_sync(app: CoachApp, then_quit: bool = False) -> None:
    root = app.practice.root
    if not transport.is_set_up(root):
        app.notify(
            "Sync is not set up: run coach-tui sync --setup REMOTE once in a terminal",
            markup=False,
            severity="warning",
        )
        if then_quit:
            app.exit()
        return
    app.notify("Syncing…", markup=False, timeout=2)

    def run() -> SyncFinished:
        from coach_tui.sync import run as sync_run  # git and merging: only for a sync

        try:
            result = sync_run.sync(root)
        except CoachError as exc:
            return SyncFinished(f"Sync failed: {exc}", [], False, then_quit)
        if result.offline:
            summary = result.message
        else:
            got = len(result.received)
            summary = f"Synced: {got} file(s) received" if got else "Synced: nothing new"
        return SyncFinished(summary, result.notes, not result.offline, then_quit)

    run_core(app, "sync", run, exclusive=True)  # a newer sync's outcome is the one shown


def show_result(app: CoachApp, message: SyncFinished) -> None:
    app.last_sync = last_sync_label(app)
    body = "\n".join([message.summary, *message.notes])
    timeout = 8 if message.notes else 4
    if message.ok:
        app.notify(body, markup=False, timeout=timeout)
    else:
        app.notify(body, markup=False, severity="warning", timeout=timeout)
    from screens.practice import PracticeScreen

    for screen in app.screen_stack:
        if isinstance(screen, PracticeScreen) and screen.is_mounted:
            screen.refresh_clients()
    if message.then_quit:
        app.exit()


def _toggle(app: CoachApp, name: str) -> None:
    current = bool(getattr(settings.load(app.practice.root), name))
    settings.update(app.practice.root, **{name: not current})
    label = name.replace("_", " ").capitalize()
    app.notify(f"{label}: {'on' if not current else 'off'}", markup=False)


def commands(app: CoachApp) -> Iterable[SystemCommand]:
    """The palette's sync commands."""
    yield SystemCommand("Sync now", "Commit here, fetch, merge, push", lambda: start_sync(app))
    current = settings.load(app.practice.root)
    for name in ("sync_on_start", "sync_on_quit"):
        state = "on" if getattr(current, name) else "off"
        label = name.replace("_", " ").capitalize()
        yield SystemCommand(
            f"{label}: turn {'off' if state == 'on' else 'on'}",
            f"{label} is {state} on this machine",
            lambda name=name: _toggle(app, name),
        )
