"""coach-tui: a private, local, keyboard-first terminal app for executive coaches."""

__version__ = "0.1.0"
