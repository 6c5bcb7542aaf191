"""The ``coach-tui`` command: one module per command."""
