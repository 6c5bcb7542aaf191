"""Encryption at rest: sealed files, the passphrase sources, encrypt/decrypt in place."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from coach_tui import locations
from coach_tui.errors import CorruptFileError, PassphraseError
from coach_tui.store import safefile, storage
from coach_tui.store.practice import Practice
from coach_tui.sync import convert, crypto, passphrase
from tests.sync_helpers import (
    PASSPHRASE,
    SECRET_ANSWER,
    SECRET_GOAL,
    files_containing,
    passphrase_file,
    run_cli,
    seed,
)

FAST_N = 2**14  # the lowest allowed; the default is 2**17


@pytest.fixture(autouse=True)
def _fresh_keys() -> None:
    crypto._keys.clear()


def _encrypt_in_process(root: Path, secret: str = PASSPHRASE) -> crypto.Key:
    settings, key = crypto.new_settings(secret, n=FAST_N)
    import orjson

    safefile.atomic_write(crypto.marker_path(root), orjson.dumps(settings))
    crypto.remember(root, key)
    convert.encrypt(root, key)
    return key


def test_seal_and_open_round_trip_and_refuse_tampering() -> None:
    settings, key = crypto.new_settings("pw", n=FAST_N)
    sealed = key.seal(b'{"a":1}')
    assert crypto.is_sealed(sealed) and b'"a"' not in sealed
    assert key.open(sealed, "f") == b'{"a":1}'
    flipped = bytearray(sealed)
    flipped[-1] ^= 1
    with pytest.raises(CorruptFileError, match="damaged or was altered"):
        key.open(bytes(flipped), "f")
    with pytest.raises(CorruptFileError, match="another use"):
        key.open(key.seal(b"x", crypto.ROLE_EXPORT), "f")
    _, other = crypto.new_settings("pw", n=FAST_N)  # new salt: another practice
    with pytest.raises(PassphraseError, match="another practice"):
        other.open(sealed, "f")
    assert crypto.derive("pw", settings).key == key.key
    with pytest.raises(PassphraseError, match="wrong passphrase"):
        crypto.derive("wrong", settings)


def test_encrypted_practice_has_no_plaintext_and_still_reads_and_saves(tmp_path: Path) -> None:
    root = tmp_path / "data"
    client_id = seed(root)
    _encrypt_in_process(root)
    assert files_containing(root, SECRET_ANSWER) == []
    assert files_containing(root, "Sofia") == []
    storage._cache.clear()
    practice = Practice(root)
    record = practice.load(client_id)
    assert any(a.value == SECRET_ANSWER for a in record.answers)
    practice.update_client(client_id, role="COO of Lisbon-Unique-Role")
    assert files_containing(root, "Lisbon-Unique-Role") == []
    backup = safefile.backup_path(practice.client_path(client_id))
    assert crypto.is_sealed(backup.read_bytes())
    assert convert.plaintext_left(root) == []


def test_locked_practice_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    client_id = seed(root)
    _encrypt_in_process(root)
    crypto._keys.clear()
    storage._cache.clear()
    monkeypatch.delenv(passphrase.ENV_FILE, raising=False)
    with pytest.raises(PassphraseError, match="encrypted; give its passphrase"):
        Practice(root).load(client_id)


def test_keyring_is_used_only_when_the_coach_opted_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store: dict[tuple[str, str], str] = {}
    fake = types.ModuleType("keyring")
    fake.get_password = lambda s, n: store.get((s, n))  # type: ignore[attr-defined]
    fake.set_password = lambda s, n, p: store.__setitem__((s, n), p)  # type: ignore[attr-defined]
    fake.delete_password = lambda s, n: store.pop((s, n))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring", fake)
    root = tmp_path / "data"
    root.mkdir()
    assert passphrase.from_keyring(root) is None
    passphrase.store_in_keyring(root, "s3cret")
    assert passphrase.from_keyring(root) == "s3cret"
    passphrase.forget_keyring(root)
    assert passphrase.from_keyring(root) is None and store == {}


def test_cli_encrypt_check_review_wrong_passphrase_decrypt(tmp_path: Path) -> None:
    root = tmp_path / "data"
    client_id = seed(root)
    good = passphrase_file(tmp_path)
    done = run_cli("encrypt", "--scrypt-log2n", "14", home=tmp_path, data=root, passphrase=good)
    assert done.returncode == 0, done.stderr
    assert "nothing can recover the data" in done.stdout
    assert files_containing(root, SECRET_ANSWER) == []
    assert files_containing(root, SECRET_GOAL) == []
    checked = run_cli("check", home=tmp_path, data=root, passphrase=good)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    review = run_cli("review", client_id, home=tmp_path, data=root, passphrase=good)
    assert review.returncode == 0 and "Sofia" in review.stdout

    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    wrong_dir = tmp_path / "wrong"
    wrong_dir.mkdir()
    bad = passphrase_file(wrong_dir, "not it")
    refused = run_cli("review", client_id, home=tmp_path, data=root, passphrase=bad)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "coach-tui: wrong passphrase; nothing was read or written"
    ]
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
    locked = run_cli("review", client_id, home=tmp_path, data=root)
    assert locked.returncode == 2 and len(locked.stderr.strip().splitlines()) == 1

    exported = run_cli(
        "export", "-o", tmp_path / "all.json", home=tmp_path, data=root, passphrase=good
    )
    assert exported.returncode == 0
    assert crypto.is_sealed((tmp_path / "all.json").read_bytes())

    undone = run_cli("decrypt", home=tmp_path, data=root, passphrase=good)
    assert undone.returncode == 0, undone.stderr
    assert not crypto.marker_path(root).exists()
    assert files_containing(locations.clients_dir(root), SECRET_ANSWER)
    assert run_cli("check", home=tmp_path, data=root).returncode == 0


def test_an_interrupted_encrypt_reads_and_the_next_run_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    seed(root)
    seed(root, name="Tomas Berg")
    settings, key = crypto.new_settings(PASSPHRASE, n=FAST_N)
    import orjson

    safefile.atomic_write(crypto.marker_path(root), orjson.dumps(settings))
    crypto.remember(root, key)
    real = convert._replace
    calls = {"n": 0}

    def dies_on_the_second(path: Path, data: bytes, shred: bool) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # as if killed between two files
        real(path, data, shred)

    monkeypatch.setattr(convert, "_replace", dies_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        convert.encrypt(root, key)
    monkeypatch.setattr(convert, "_replace", real)
    assert convert.plaintext_left(root)  # half done: check says so ...
    storage._cache.clear()
    assert len(Practice(root).list_clients()) == 2  # ... and everything still reads
    good = passphrase_file(tmp_path)
    crypto._keys.clear()
    finished = run_cli("encrypt", home=tmp_path, data=root, passphrase=good)
    assert finished.returncode == 0 and "Finished encrypting" in finished.stdout
    assert convert.plaintext_left(root) == []
    assert files_containing(root, SECRET_ANSWER) == []
