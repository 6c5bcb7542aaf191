"""The exit codes every command returns: 0 ok, 1 problems found, 2 bad usage or input."""

from __future__ import annotations

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
