"""Opening the app: the only place the command line imports Textual (lazily).

``review``, ``report``, ``check`` and the other commands never reach this module,
so they start without loading the UI.
"""

from __future__ import annotations

import sys
from pathlib import Path

from coach_tui.errors import InvalidInputError


def open_app(root: Path) -> int:
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise InvalidInputError("the app needs a terminal (stdin and stdout are not a terminal)")
    from screens.app import run_app  # Textual is imported only here

    return run_app(root)
