"""safefile: atomic replace, fsync, one backup generation, private modes, locks."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from coach_tui.errors import LockedError, WriteFailedError
from coach_tui.store import safefile


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_atomic_write_creates_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "data" / "f.json"
    st = safefile.atomic_write(path, b"one")
    assert path.read_bytes() == b"one"
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    assert safefile.signature(st) == safefile.signature(path.stat())
    assert _names(path.parent) == ["f.json"], "no backup of a file that did not exist"


def test_each_write_keeps_the_previous_generation(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    safefile.atomic_write(path, b"one")
    safefile.atomic_write(path, b"two")
    assert safefile.backup_path(path).read_bytes() == b"one"
    safefile.atomic_write(path, b"three")
    assert path.read_bytes() == b"three"
    assert safefile.backup_path(path).read_bytes() == b"two"
    assert _mode(safefile.backup_path(path)) == 0o600
    assert _names(tmp_path) == ["f.json", "f.json.bak"]


def test_keep_backup_false_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    safefile.atomic_write(path, b"one", keep_backup=False)
    safefile.atomic_write(path, b"two", keep_backup=False)
    assert _names(tmp_path) == ["f.json"]


def test_every_write_is_a_new_inode(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    signatures = {safefile.signature(safefile.atomic_write(path, b"same")) for _ in range(5)}
    assert len(signatures) == 5


def test_file_and_folder_are_fsynced_before_and_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.json"
    safefile.atomic_write(path, b"old")
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync-dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) == path:
            # The new content is complete before it takes the old one's place.
            assert Path(src).read_bytes() == b"new"
            events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    safefile.atomic_write(path, b"new")
    assert events == ["fsync-file", "replace", "fsync-dir"]


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk is full"),
        (errno.EFBIG, "larger than the system allows"),
        (errno.EROFS, "read-only"),
        (errno.EIO, os.strerror(errno.EIO)),
    ],
)
@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_refused_write_names_the_file_and_keeps_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str, step: str
) -> None:
    path = tmp_path / "f.json"
    safefile.atomic_write(path, b"one")
    safefile.atomic_write(path, b"two")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    if step == "replace":
        real_replace = os.replace

        def fail_final_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
            if Path(dst) == path:
                fail()
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", fail_final_replace)
    else:
        monkeypatch.setattr(os, step, fail)
    with pytest.raises(WriteFailedError) as info:
        safefile.atomic_write(path, b"three" * 1000)
    monkeypatch.undo()
    message = str(info.value)
    assert str(path) in message and words in message and "intact" in message
    assert path.read_bytes() == b"two"
    assert safefile.backup_path(path).read_bytes() in (b"one", b"two")
    assert _names(tmp_path) == ["f.json", "f.json.bak"], "a temp file was left behind"


def test_a_short_write_is_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def dribble(fd: int, data: bytes | memoryview) -> int:
        return real_write(fd, bytes(data[:7]))

    monkeypatch.setattr(os, "write", dribble)
    path = tmp_path / "f.json"
    payload = bytes(range(256)) * 10
    safefile.atomic_write(path, payload)
    assert path.read_bytes() == payload


def test_backup_without_hard_links_is_a_private_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.json"
    safefile.atomic_write(path, b"one")

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    old_umask = os.umask(0)
    try:
        safefile.atomic_write(path, b"two")
    finally:
        os.umask(old_umask)
    assert safefile.backup_path(path).read_bytes() == b"one"
    assert _mode(safefile.backup_path(path)) == 0o600
    assert path.stat().st_ino != safefile.backup_path(path).stat().st_ino
    assert _names(tmp_path) == ["f.json", "f.json.bak"]


def test_a_staging_backup_left_by_a_crash_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    safefile.atomic_write(path, b"one")
    staging = tmp_path / "f.json.bak.new"
    staging.write_bytes(b"left by a crash")
    safefile.atomic_write(path, b"two")
    assert safefile.backup_path(path).read_bytes() == b"one"
    assert _names(tmp_path) == ["f.json", "f.json.bak"]


def test_ensure_private_dir(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    assert safefile.ensure_private_dir(folder) == folder
    assert _mode(folder) == 0o700
    folder.chmod(0o755)
    safefile.ensure_private_dir(folder)
    assert _mode(folder) == 0o700


def test_lock_file_is_separate_and_private(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    old_umask = os.umask(0)
    try:
        with safefile.locked(path):
            lock = safefile.lock_path(path)
            assert lock.name == "f.json.lock"
            assert _mode(lock) == 0o600
            assert not path.exists(), "locking does not create the data file"
    finally:
        os.umask(old_umask)


def test_a_held_lock_times_out_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with safefile.locked(path):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert held.wait(10)
        with pytest.raises(LockedError) as info, safefile.locked(path, timeout=0.2):
            pass
        assert str(path) in str(info.value)
    finally:
        release.set()
        thread.join()
    with safefile.locked(path, timeout=1):  # free again once the holder is done
        pass


def test_the_lock_is_released_on_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    with pytest.raises(ZeroDivisionError), safefile.locked(path):
        1 / 0  # noqa: B018
    with safefile.locked(path, timeout=0.5):
        pass


def test_a_nested_lock_names_its_own_file(tmp_path: Path) -> None:
    outer, inner = tmp_path / "client.json", tmp_path / "practice.json"
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with safefile.locked(inner):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert held.wait(10)
        with (
            pytest.raises(LockedError) as info,
            safefile.locked(outer),
            safefile.locked(inner, timeout=0.2),
        ):
            pass
        assert str(inner) in str(info.value) and str(outer) not in str(info.value)
    finally:
        release.set()
        thread.join()


def test_read_bytes_and_names(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    with pytest.raises(FileNotFoundError):
        safefile.read_bytes(path)
    safefile.atomic_write(path, b"x")
    assert safefile.read_bytes(path) == b"x"
    assert safefile.backup_path(path) == tmp_path / "f.json.bak"
    assert safefile.lock_path(path) == tmp_path / "f.json.lock"


def test_the_sealed_prefix_is_the_crypto_module_s() -> None:
    """``read_bytes`` opens only files that begin as sealed ones do (it imports the
    crypto module for those alone): the two must agree."""
    from coach_tui.sync import crypto

    assert safefile.SEALED_MAGIC == crypto.MAGIC
    assert crypto.is_sealed(safefile.SEALED_MAGIC + b"rest")


def test_a_lock_in_a_folder_not_made_yet_makes_it(tmp_path: Path) -> None:
    """A sync locks a file of the other machine's practice before its folder exists."""
    path = tmp_path / "desktop" / "clients" / "ann.json"
    with safefile.locked(path):
        assert safefile.lock_path(path).exists()
    assert _mode(path.parent) & 0o077 == 0
