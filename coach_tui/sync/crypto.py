"""Encryption at rest: one key per practice, every data file sealed with AES-256-GCM.

Why this design (and not age's passphrase mode): age runs scrypt for every file it
opens, so each save would pay the key derivation (about half a second) and break the
save budget. Here the key is derived ONCE per process from the passphrase with
scrypt (memory-hard: N=2**17, r=8, p=1, about 128 MiB and 0.4 s) and the practice's
random 16-byte salt, then every file is sealed with AES-256-GCM from ``cryptography``
(OpenSSL underneath): a fresh random 96-bit nonce per write and a small header that
is authenticated as associated data.

Sealed file: ``MAGIC`` (8 bytes, the format version in its last byte), a role byte
(data file or export: an export cannot pass for a data file), the practice's 8-byte
key id (which key sealed it), the nonce, then ciphertext and tag.

``encryption.json`` in the data folder says the practice is encrypted: the scrypt
parameters, the salt and a key-check value (a sealed constant), so a wrong passphrase
is one clear line before anything is read or written. It holds nothing secret and
travels with sync, so every machine derives the same key from the same passphrase.
Without the passphrase the data cannot be recovered: there is no back door.
"""

from __future__ import annotations

import base64
import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from coach_tui import locations
from coach_tui.errors import CorruptFileError, PassphraseError

MARKER = locations.ENCRYPTION_MARKER
#: Files at the top of the data folder that stay plaintext: the marker, machine settings.
PLAIN_NAMES = frozenset({MARKER, "settings.json"})
MAGIC = b"CTUIENC\x01"
ROLE_DATA, ROLE_EXPORT, ROLE_CHECK = 1, 2, 3
NONCE_BYTES = 12
HEADER_BYTES = len(MAGIC) + 1 + 8
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_CHECK_TEXT = b"coach-tui key check"
#: How many folders above a file its practice's marker may be (root/clients/<id>/x).
_MARKER_DEPTH = 4


@dataclass(frozen=True)
class Key:
    """A derived practice key, ready to seal and open."""

    key: bytes
    key_id: bytes

    def seal(self, data: bytes, role: int = ROLE_DATA) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        header = MAGIC + bytes([role]) + self.key_id
        nonce = os.urandom(NONCE_BYTES)
        return header + nonce + AESGCM(self.key).encrypt(nonce, data, header)

    def open(self, data: bytes, where: str, role: int = ROLE_DATA) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        header = data[:HEADER_BYTES]
        if len(data) < HEADER_BYTES + NONCE_BYTES + 16 or not is_sealed(data):
            raise CorruptFileError(f"{where}: an encrypted file cut short")
        if header[len(MAGIC)] != role:
            raise CorruptFileError(f"{where}: encrypted for another use (role {header[8]})")
        if header[len(MAGIC) + 1 :] != self.key_id:
            raise PassphraseError(f"{where}: encrypted with another practice's key")
        nonce = data[HEADER_BYTES : HEADER_BYTES + NONCE_BYTES]
        try:
            return AESGCM(self.key).decrypt(nonce, data[HEADER_BYTES + NONCE_BYTES :], header)
        except InvalidTag:
            raise CorruptFileError(
                f"{where}: the encrypted file is damaged or was altered"
            ) from None

    def hex(self) -> str:
        """For the merge driver, which git starts as a child of ``sync``."""
        return self.key.hex() + ":" + self.key_id.hex()

    @classmethod
    def from_hex(cls, text: str) -> Key:
        key, _, key_id = text.partition(":")
        return cls(bytes.fromhex(key), bytes.fromhex(key_id))


_keys: dict[Path, Key] = {}
_writing_plain: set[Path] = set()
_lock = threading.Lock()
#: Asked for a passphrase when an encrypted practice is met without its key; None
#: means the usual sources (``passphrase.default_source``).
passphrase_source: Callable[[Path], str] | None = None


def is_sealed(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC


def marker_path(root: Path) -> Path:
    return root / MARKER


is_encrypted = locations.is_encrypted


def practice_root(path: Path) -> Path | None:
    """The encrypted practice ``path`` belongs to, if any (a few stat calls)."""
    folder = path.parent
    for _ in range(_MARKER_DEPTH):
        if (folder / MARKER).exists():
            if folder == path.parent and path.name in PLAIN_NAMES:
                return None  # the marker itself, this machine's settings
            return folder
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def read_settings(root: Path) -> dict[str, Any]:
    path = marker_path(root)
    try:
        settings = orjson.loads(path.read_bytes())
        kdf = settings["kdf"]
        if settings.get("kind") != "coach-tui/encryption" or kdf["name"] != "scrypt":
            raise ValueError("unknown format")
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        # Bounds: a file from elsewhere (it travels with sync) must not ask for
        # gigabytes of memory, nor for a derivation too weak to matter.
        if not (2**14 <= n <= 2**22 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError(f"scrypt parameters out of bounds (n={n}, r={r}, p={p})")
        base64.b64decode(kdf["salt"], validate=True)
        base64.b64decode(settings["check"], validate=True)
    except FileNotFoundError:
        raise PassphraseError(f"{root}: the practice is not encrypted") from None
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CorruptFileError(f"{path}: not a coach-tui encryption file ({exc})") from None
    return settings  # type: ignore[no-any-return]


def derive(passphrase: str, settings: dict[str, Any]) -> Key:
    """scrypt once; then check the key against the practice's key-check value."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = settings["kdf"]
    salt = base64.b64decode(kdf["salt"])
    raw = Scrypt(salt=salt, length=32, n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"]))
    key = Key(raw.derive(passphrase.encode("utf-8")), salt[:8])
    try:
        key.open(base64.b64decode(settings["check"]), "key check", ROLE_CHECK)
    except (CorruptFileError, PassphraseError):
        raise PassphraseError("wrong passphrase; nothing was read or written") from None
    return key


def new_settings(passphrase: str, n: int = SCRYPT_N) -> tuple[dict[str, Any], Key]:
    """Fresh salt and key-check value for a practice about to be encrypted."""
    if not passphrase:
        raise PassphraseError("the passphrase is empty; choose one you can remember")
    salt = os.urandom(16)
    settings: dict[str, Any] = {
        "kind": "coach-tui/encryption",
        "version": 1,
        "cipher": "AES-256-GCM",
        "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
    }
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    raw = Scrypt(salt=salt, length=32, n=n, r=SCRYPT_R, p=SCRYPT_P)
    key = Key(raw.derive(passphrase.encode("utf-8")), salt[:8])
    settings["check"] = _b64(key.seal(_CHECK_TEXT, ROLE_CHECK))
    return settings, key


def unlock(root: Path, passphrase: str) -> Key:
    """Derive and remember the practice's key for this process; wrong passphrase raises."""
    key = derive(passphrase, read_settings(root))
    remember(root, key)
    return key


def remember(root: Path, key: Key) -> None:
    with _lock:
        _keys[root.resolve()] = key


def forget(root: Path) -> None:
    with _lock:
        _keys.pop(root.resolve(), None)


def known_key(root: Path) -> Key | None:
    with _lock:
        return _keys.get(root.resolve())


def key_for(root: Path) -> Key:
    """The practice's key: remembered, or derived from a passphrase source."""
    key = known_key(root)
    if key is not None:
        return key
    source = passphrase_source
    if source is None:
        from coach_tui.sync.passphrase import default_source

        source = default_source
    return unlock(root, source(root))


# ------------------------------------------------------ where bytes meet the disk


def seal_for(path: Path, data: bytes) -> bytes:
    """What ``atomic_write`` puts on disk: sealed inside an encrypted practice."""
    if is_sealed(data):
        return data  # already ciphertext (a copy of a sealed file): never twice
    root = practice_root(path)
    if root is None or (_writing_plain and root.resolve() in _writing_plain):
        return data
    return key_for(root).seal(data)


@contextlib.contextmanager
def writing_plaintext(root: Path) -> Iterator[None]:
    """While ``decrypt`` runs, this process writes ``root``'s files in plaintext."""
    resolved = root.resolve()
    with _lock:
        _writing_plain.add(resolved)
    try:
        yield
    finally:
        with _lock:
            _writing_plain.discard(resolved)


def open_from(path: Path, data: bytes) -> bytes:
    """What a reader of ``path`` sees: the plaintext of a sealed file."""
    if not is_sealed(data):
        return data
    root = practice_root(path)
    if root is None:
        raise PassphraseError(f"{path}: an encrypted file outside an encrypted practice")
    return key_for(root).open(data, str(path))


def seal_export(root: Path, data: bytes) -> bytes:
    """An export of an encrypted practice is ciphertext too (role: export)."""
    return key_for(root).seal(data, ROLE_EXPORT) if is_encrypted(root) else data


def open_export(root: Path | None, data: bytes, where: Path) -> bytes:
    """The plaintext of an export; a sealed one opens with the importing practice's key."""
    if not is_sealed(data):
        return data
    if root is None or not is_encrypted(root):
        raise PassphraseError(
            f"{where}: an encrypted export; import it into an encrypted practice that "
            f"shares its passphrase (or decrypt the source practice and export again)"
        )
    return key_for(root).open(data, str(where), ROLE_EXPORT)
