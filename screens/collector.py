"""Python's cyclic garbage collector around the app's start-up (see ``screens``)."""

from __future__ import annotations

import gc

_paused = False


def pause_until_first_frame() -> None:
    """Stop cyclic collection while the UI loads (reference counting still frees)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_after_first_frame() -> None:
    """Collect again, leaving the objects of the start-up out of later collections.

    Only undoes this module's own pause: a process that turned collection off
    itself keeps it off.
    """
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
