"""Every directory and file the app uses, decided in one place.

The data folder is ``platformdirs.user_data_path("coach-tui")`` unless ``--data DIR``
or ``COACH_TUI_DATA`` says otherwise; everything else hangs off it so that a test or
a second practice is one folder and nothing leaks elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA = "COACH_TUI_DATA"
APP_NAME = "coach-tui"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The practice's data folder: the argument, then $COACH_TUI_DATA, then the default."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env).expanduser()
    import platformdirs  # lazily: only needed when no folder is given

    return platformdirs.user_data_path(APP_NAME)


# Where encryption and sync keep their state. The app asks both before its first frame
# with a stat or two, without loading the sync modules (``coach_tui.sync``).

#: The file that says a practice's files are sealed (``coach_tui.sync.crypto`` keeps it).
ENCRYPTION_MARKER = "encryption.json"


def is_encrypted(root: Path) -> bool:
    """Whether the practice's files are sealed (``coach-tui encrypt``)."""
    return (root / ENCRYPTION_MARKER).exists()


def sync_dir(root: Path) -> Path:
    """This machine's sync state."""
    return root / ".sync"


def sync_repo_dir(root: Path) -> Path:
    """The git clone the practice is synced through."""
    return sync_dir(root) / "repo"


def sync_is_set_up(root: Path) -> bool:
    """Whether ``coach-tui sync --setup`` has made the clone."""
    return (sync_repo_dir(root) / ".git").is_dir()


#: The file that marks a folder as the demo practice (``coach_tui.demo.seed`` writes it).
DEMO_MARKER = ".coach-tui-demo"


def demo_dir() -> Path:
    """Where ``coach-tui demo`` seeds when no ``--data`` is given: never the real practice.

    Beside ``$COACH_TUI_DATA`` when it is set (``/x/practice`` -> ``/x/practice-demo``):
    whoever set it keeps everything of the app in that place, and seeding into the
    practice itself would mix the demo with real executives. Otherwise the user
    data folder's ``coach-tui-demo``.
    """
    env = os.environ.get(ENV_DATA)
    if env:
        base = Path(env).expanduser()
        return base.with_name(base.name + "-demo")
    import platformdirs

    return platformdirs.user_data_path(APP_NAME + "-demo")


def screenshots_dir() -> Path:
    """Where the palette's Screenshot saves: the user's pictures folder, never the data.

    A screenshot shows whatever was on screen (an executive's words included), so
    it is written private (0600, in a 0700 folder) and the app says where it went.
    """
    import platformdirs

    return platformdirs.user_pictures_path() / "coach-tui"


def is_demo(root: Path) -> bool:
    """Whether ``root`` holds the demo practice (the practice screen says so)."""
    return (root / DEMO_MARKER).exists()


def index_file(root: Path) -> Path:
    """The small practice index: one row per executive."""
    return root / "practice.json"


def clients_dir(root: Path) -> Path:
    """One TinyDB file per executive lives here."""
    return root / "clients"


def client_file(root: Path, client_id: str) -> Path:
    return clients_dir(root) / f"{client_id}.json"


def scripts_dir(root: Path) -> Path:
    """The coach's own scripts (TOML); they add to or replace the shipped ones by id."""
    return root / "scripts"


def reports_dir(root: Path) -> Path:
    """Where reports are written when no output file is given."""
    return root / "reports"


def migrations_dir(root: Path) -> Path:
    """Copies of files as they were before a schema migration."""
    return root / "pre-migration"


def keymap_file() -> Path:
    """The coach's own keys (``binding-id = "key"``), beside other apps' config files."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / "keymap.toml"
