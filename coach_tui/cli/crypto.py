"""``coach-tui encrypt`` and ``coach-tui decrypt``: one practice, in place."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from coach_tui.errors import InvalidInputError, PassphraseError
from coach_tui.store import safefile
from coach_tui.sync import convert, crypto, passphrase

LOST = "Keep the passphrase safe: if it is lost, nothing can recover the data."


def _require_folder(root: Path) -> None:
    if not root.is_dir():
        raise InvalidInputError(f"{root}: no such data folder")


def cli_encrypt(args: argparse.Namespace, root: Path) -> int:
    """Turn encryption on (or finish an encrypt that was interrupted)."""
    _require_folder(root)
    passphrase.allow_prompt = True
    if crypto.is_encrypted(root):
        secret = passphrase.default_source(root)
        key = crypto.unlock(root, secret)  # a wrong passphrase stops here
        resumed = True
    else:
        secret = passphrase.new_passphrase()
        settings, key = crypto.new_settings(secret, n=_work_factor(args))
        import orjson

        safefile.atomic_write(
            crypto.marker_path(root), orjson.dumps(settings, option=orjson.OPT_INDENT_2)
        )
        crypto.remember(root, key)
        resumed = False
    count = convert.encrypt(root, key)
    _rebuild_index(root)
    if getattr(args, "keyring", False):
        passphrase.store_in_keyring(root, secret)
    verb = "Finished encrypting" if resumed else "Encrypted"
    print(f"{verb} {root}: {count} file(s) sealed with AES-256-GCM.")
    print(LOST)
    if (root / ".sync").exists():
        print(
            "Note: earlier versions in the sync history (here and on the remote) are still "
            "plaintext; to be rid of them, set up sync again with a new, empty remote."
        )
    return 0


def cli_decrypt(args: argparse.Namespace, root: Path) -> int:
    """Turn encryption off: every file back to plaintext, then the marker removed."""
    _require_folder(root)
    passphrase.allow_prompt = True
    if not crypto.is_encrypted(root):
        raise InvalidInputError(f"{root}: the practice is not encrypted")
    key = crypto.unlock(root, passphrase.default_source(root))
    with crypto.writing_plaintext(root):
        count = convert.decrypt(root, key)
        crypto.marker_path(root).unlink()
        # Saves another process sealed while the first pass ran, before the marker went.
        count += _decrypt_stragglers(root, key)
    passphrase.forget_keyring(root)
    crypto.forget(root)
    _rebuild_index(root)
    print(f"Decrypted {root}: {count} file(s) are plaintext again.")
    return 0


def _rebuild_index(root: Path) -> None:
    """Every client file is a new generation now: the index rows follow them."""
    from coach_tui.store.practice import Practice

    Practice(root).rebuild_index()


def _decrypt_stragglers(root: Path, key: crypto.Key) -> int:
    count = 0
    for path in convert.data_files(root):
        with contextlib.suppress(FileNotFoundError), safefile.locked(convert.owner(path)):
            raw = path.read_bytes()
            if crypto.is_sealed(raw):
                safefile.atomic_write(path, key.open(raw, str(path)), keep_backup=False)
                count += 1
    return count


def _work_factor(args: argparse.Namespace) -> int:
    log2 = getattr(args, "scrypt_log2n", None)
    if log2 is None:
        return crypto.SCRYPT_N
    if not 14 <= log2 <= 22:
        raise InvalidInputError("--scrypt-log2n takes 14 to 22")
    return int(2**log2)


__all__ = ["LOST", "PassphraseError", "cli_decrypt", "cli_encrypt"]
