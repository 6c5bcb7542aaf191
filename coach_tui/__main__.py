"""``python -m coach_tui``: the same as the ``coach-tui`` command."""

from coach_tui.cli.main import run

run()
