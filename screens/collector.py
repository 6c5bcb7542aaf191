"""Python's cyclic garbage collector over the app's life, in one place.

Paused while the UI loads (see ``screens``), resumed after the first frame with the
start-up's objects frozen out of it, and once the warm-up is done (scripts parsed)
what the app built so far is set aside too. It stays set aside when the app ends:
the process ends with it. A later app in the same process (the tests run hundreds)
hands it back as it starts.
"""

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


def set_aside_long_lived() -> None:
    """Collect once, then freeze what the app built so far out of later collections.

    Called at the end of the warm-up (the scripts parsed, the practice listed): it
    lives as long as the app, and a full collection, which a large read such as a
    ten-year executive's file sets off, walked all of it again on the UI thread (30-50
    ms of opening the engagement, profiled). ``hand_back`` undoes it when the app ends.
    """
    gc.collect()
    gc.freeze()


def hand_back() -> None:
    """What an earlier app in this process froze can be collected again.

    Called as an app starts, not as it ends. Handed back at the end, the start-up's
    few hundred thousand objects were walked by the interpreter's last collection and
    their reference cycles freed one by one: about 140 ms between the app's last
    frame and the end of the process (whole-process runs, interleaved), for memory
    the process was about to give back anyway.
    """
    gc.unfreeze()
