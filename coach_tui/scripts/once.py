"""The script library of one practice, loaded once, by whichever thread asks first.

The app parses the scripts off the UI thread (a warm-up after the first frame, or the
first executive's load), and either may come first: the lock makes the second wait
for the first rather than parse them again. Kept apart from ``library`` so that the
app can hold one without importing the parser at start-up.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach_tui.scripts.library import ScriptLibrary


class LibraryOnce:
    """``get()`` loads the library on first use and returns the same one after."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._library: ScriptLibrary | None = None
        self._lock = threading.Lock()

    def get(self) -> ScriptLibrary:
        with self._lock:
            if self._library is None:
                from coach_tui.scripts.library import load_library

                self._library = load_library(self._root)
            return self._library
