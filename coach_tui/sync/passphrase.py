"""Where the passphrase comes from: a file named by an environment variable, the
system keyring (only when the coach opted in), or a prompt in the terminal.

The app asks in its own screen instead and hands the passphrase to ``crypto.unlock``;
the core never prompts inside the app (``allow_prompt`` stays off there). Every
command imports this module to set ``allow_prompt``, so the settings (and what they
import) are imported only where the keyring is asked about.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from coach_tui.errors import PassphraseError

ENV_FILE = "COACH_TUI_PASSPHRASE_FILE"
KEYRING_SERVICE = "coach-tui"

#: The CLI turns this on; the app and the merge driver never prompt.
allow_prompt = False


def from_file() -> str | None:
    name = os.environ.get(ENV_FILE)
    if not name:
        return None
    try:
        text = Path(name).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PassphraseError(f"{name} (${ENV_FILE}): cannot read the passphrase ({exc})") from None
    return text.rstrip("\r\n")


def _keyring_name(root: Path) -> str:
    return str(root.resolve())


def from_keyring(root: Path) -> str | None:
    from coach_tui.sync import settings

    if not settings.load(root).keyring:
        return None
    try:
        import keyring  # lazily: optional, and slow to import
    except ImportError:
        return None
    try:
        value = keyring.get_password(KEYRING_SERVICE, _keyring_name(root))
    except Exception:  # any backend failure means: not available
        return None
    return value if isinstance(value, str) else None


def store_in_keyring(root: Path, passphrase: str) -> None:
    """Opt in: keep the passphrase in the system keyring for this practice."""
    try:
        import keyring
    except ImportError:
        raise PassphraseError(
            "the keyring is not installed (pip install 'coach-tui[keyring]')"
        ) from None
    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_name(root), passphrase)
    except Exception as exc:
        raise PassphraseError(f"the system keyring refused the passphrase ({exc})") from None
    from coach_tui.sync import settings

    settings.update(root, keyring=True)


def forget_keyring(root: Path) -> None:
    from coach_tui.sync import settings

    if not settings.load(root).keyring:
        return
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, _keyring_name(root))
    except Exception:
        pass
    settings.update(root, keyring=False)


def prompt(label: str) -> str:
    import getpass

    try:
        return getpass.getpass(label)
    except EOFError:
        raise PassphraseError("no passphrase given") from None


def can_prompt() -> bool:
    return allow_prompt and sys.stdin.isatty()


def default_source(root: Path) -> str:
    """The passphrase of ``root`` from the first source that has one."""
    for found in (from_file(), from_keyring(root)):
        if found:
            return found
    if can_prompt():
        return prompt(f"Passphrase for {root}: ")
    raise PassphraseError(
        f"{root}: the practice is encrypted; give its passphrase (run in a terminal, "
        f"set ${ENV_FILE} to a file holding it, or opt in to the keyring)"
    )


def new_passphrase() -> str:
    """A new passphrase: from the file variable, or typed twice in the terminal."""
    found = from_file()
    if found:
        return found
    if not can_prompt():
        raise PassphraseError(f"choose a passphrase in a terminal, or set ${ENV_FILE}")
    first = prompt("New passphrase: ")
    if prompt("Once more: ") != first:
        raise PassphraseError("the two passphrases differ; nothing was changed")
    return first
