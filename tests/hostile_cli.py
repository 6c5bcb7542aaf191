"""Running the real ``coach-tui`` command for the hostile-input tests.

Each run is a subprocess with HOME, the XDG folders and COACH_TUI_DATA under the
test's folder; no output may contain a traceback. ``as_nobody`` runs it with
dropped privileges when the tests run as root (where chmod restricts nothing), so
a read-only folder really is read-only for the command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

MODULE = (sys.executable, "-m", "coach_tui")
NOBODY = 65534


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err

    def one_line_error(self) -> str:
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, f"expected one line on stderr, got:\n{self.err}"
        return lines[0]


def env_for(home: Path, data: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COACH_TUI"))}
    env["HOME"] = str(home)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env["COACH_TUI_DATA"] = str(data if data is not None else home / "no-practice-here")
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["COLUMNS"] = "100"
    return env


def run(
    *args: str | os.PathLike[str],
    home: Path,
    data: Path | None = None,
    timeout: float = 60,
    prefix: Sequence[str] = (),
    stdin: int | None = subprocess.DEVNULL,
) -> Result:
    proc = subprocess.run(
        [*prefix, *MODULE, *map(str, args)],
        capture_output=True,
        text=True,
        env=env_for(home, data),
        cwd=home,
        stdin=stdin,
        timeout=timeout,
        check=False,
    )
    result = Result(proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in result.both, f"coach-tui {args}:\n{result.both}"
    return result


def unprivileged_prefix(cwd: Path) -> list[str]:
    """A command prefix that runs as an ordinary user (nothing if not root).

    As root, permissions restrict nothing; the command then runs as ``nobody``
    through ``setpriv``. ``cwd`` (the test's folder, where the command starts) is
    made traversable for others (x, nothing readable), and the command is given
    paths relative to it: the folders above (pytest's private temp root, which any
    pytest run resets to 0700) are then never looked up. Skips the test if neither
    is possible.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot drop privileges")
    mode = cwd.stat().st_mode
    if not mode & 0o001:
        cwd.chmod((mode & 0o7777) | 0o001)
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def readable_by_all(root: Path) -> None:
    """Let ``nobody`` read a practice it does not own (its files are 0600/0700)."""
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
