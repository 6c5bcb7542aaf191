"""``coach-tui sync [--setup REMOTE]``: commit here, fetch, merge, push.

The steps, and why each holds what it holds:

1. the practice's sync lock for the whole run (one sync at a time), and the
   recovery of anything a killed sync left in the mirror;
2. under the data files' locks: copy the travelling files into the mirror and
   commit them (a running app's save waits a moment, never interleaves);
3. without locks: fetch (slow, maybe offline: then the commit waits, exit 0);
4. under the locks again: commit what was saved meanwhile, merge the remote's
   branch on a detached head with the merge driver, copy the changed files back
   into the data folder atomically, and only then move the branch: a sync killed
   before that point is simply redone (the merge is idempotent);
5. without locks: push; if the remote moved meanwhile, go back to 3 (three times);
6. rebuild the index from the client files, note the time.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from coach_tui.errors import InvalidInputError
from coach_tui.store import safefile
from coach_tui.sync import crypto, driver, settings, transport
from coach_tui.sync.transport import BRANCH, Offline, SyncError, git

REMOTE_BRANCH = f"origin/{BRANCH}"
ATTEMPTS = 3


@dataclass
class SyncResult:
    pushed: bool = False
    offline: bool = False
    received: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    message: str = ""


@contextlib.contextmanager
def _files_locked(root: Path, extra: list[str] | None = None) -> Iterator[dict[str, Path]]:
    """Hold the lock of every travelling file (sorted: two syncs never deadlock)."""
    files = transport.travelling_files(root)
    names = sorted(set(files) | set(extra or []))
    with contextlib.ExitStack() as stack:
        for rel in names:
            if rel.endswith(".json") and rel != crypto.MARKER:
                stack.enter_context(safefile.locked(root / rel))
        yield transport.travelling_files(root)


def _commit_local(root: Path, machine: str) -> bool:
    with _files_locked(root) as files:
        transport.copy_in(root, files)
        return transport.commit(root, f"coach-tui: changes on {machine}")


def _check_same_encryption(root: Path) -> None:
    """Files sealed with two keys (or sealed and plain) must never meet in a merge."""
    remote = git(root, "show", f"{REMOTE_BRANCH}:{crypto.MARKER}", check=False)
    theirs = remote.stdout if remote.returncode == 0 else None
    marker = crypto.marker_path(root)
    ours = marker.read_bytes() if marker.exists() else None
    if theirs == ours:
        return
    has_clients = any(rel != crypto.MARKER for rel in transport.travelling_files(root))
    if ours is None and not has_clients:
        return  # an empty folder joining an encrypted practice: it takes the marker
    base = git(root, "merge-base", BRANCH, REMOTE_BRANCH, check=False).stdout.decode().strip()
    if base and (
        not transport.changed_paths(root, base, BRANCH)
        or not transport.changed_paths(root, base, REMOTE_BRANCH)
    ):
        return  # one side changed nothing since they last met: it simply takes the other
    raise SyncError(
        "this practice and the remote's are not encrypted with the same key; sync from an "
        "empty data folder (it takes the remote's practice), or decrypt both first"
    )


def _merge(root: Path, machine: str, result: SyncResult) -> None:
    with _files_locked(root, _incoming(root)) as files:
        transport.copy_in(root, files)
        transport.commit(root, f"coach-tui: changes on {machine}")
        old = transport.rev(root, BRANCH)
        assert old is not None
        if (
            git(root, "merge-base", "--is-ancestor", REMOTE_BRANCH, BRANCH, check=False).returncode
            == 0
        ):
            return  # nothing new there
        notes_file = Path(tempfile.mkstemp(prefix="notes-", dir=transport.sync_dir(root))[1])
        env = {
            driver.ENV_NOTES: str(notes_file),
            driver.ENV_OURS_TIME: transport.commit_time(root, BRANCH),
            driver.ENV_THEIRS_TIME: transport.commit_time(root, REMOTE_BRANCH),
        }
        if crypto.is_encrypted(root):
            env[driver.ENV_KEY] = crypto.key_for(root).hex()
        try:
            git(root, "checkout", "-q", "--detach")
            merged = git(
                root,
                "merge", "-q", "--no-edit", "--allow-unrelated-histories",
                "-m", f"coach-tui: sync on {machine}", REMOTE_BRANCH,
                check=False, env=env,
            )  # fmt: skip
            if merged.returncode != 0:
                conflicted = git(root, "diff", "--name-only", "--diff-filter=U", check=False)
                names = conflicted.stdout.decode("utf-8", "replace").split() or ["?"]
                git(root, "merge", "--abort", check=False)
                git(root, "checkout", "-q", "-f", BRANCH)
                raise SyncError(
                    f"could not merge {', '.join(names)} ({transport.last_line(merged)}); "
                    f"nothing was changed here"
                )
            new = transport.rev(root, "HEAD")
            assert new is not None
            result.received += transport.copy_out(root, transport.changed_paths(root, old, new))
            git(root, "update-ref", f"refs/heads/{BRANCH}", new)
            git(root, "checkout", "-q", BRANCH)
            result.notes += [n for n in notes_file.read_text("utf-8").splitlines() if n]
        finally:
            notes_file.unlink(missing_ok=True)


def _incoming(root: Path) -> list[str]:
    """Files the remote has that this folder may not (their locks are taken too)."""
    proc = git(root, "ls-tree", "-r", "--name-only", "-z", REMOTE_BRANCH, check=False)
    return [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def _fetch(root: Path) -> bool:
    """Fetch; False if the remote has no branch yet. Offline raises Offline."""
    proc = git(root, "fetch", "-q", "origin", check=False)
    if proc.returncode != 0:
        raise Offline(f"offline ({transport.last_line(proc)}): committed here; will push next time")
    return transport.rev(root, REMOTE_BRANCH) is not None


def sync(root: Path) -> SyncResult:
    """One full sync of ``root`` (set up already); raises SyncError, never half-applies."""
    if not transport.is_set_up(root):
        raise InvalidInputError(f"{root}: sync is not set up; run coach-tui sync --setup REMOTE")
    machine = settings.machine_id(root)
    result = SyncResult()
    with safefile.locked(transport.sync_dir(root) / "sync"):
        transport.recover(root)
        transport.register_driver(root)
        _commit_local(root, machine)
        for _ in range(ATTEMPTS):
            try:
                remote_exists = _fetch(root)
            except Offline as exc:
                result.offline, result.message = True, str(exc)
                return result
            if remote_exists:
                _check_same_encryption(root)
                _merge(root, machine, result)
            push = git(root, "push", "-q", "origin", f"{BRANCH}:{BRANCH}", check=False)
            if push.returncode == 0:
                result.pushed = True
                break
            if "rejected" not in transport.last_line(push) and "fetch first" not in (
                push.stderr.decode("utf-8", "replace")
            ):
                result.offline = True
                result.message = (
                    f"offline ({transport.last_line(push)}): committed here; will push next time"
                )
                break
        else:
            raise SyncError("the remote kept changing during the sync; try again")
    if crypto.MARKER in result.received and crypto.is_encrypted(root):
        # The practice was encrypted on another machine: seal what is still plaintext
        # here (the previous generations in .bak, copies that never travel).
        from coach_tui.sync import convert

        convert.encrypt(root, crypto.key_for(root))
    if result.received:
        from coach_tui.store.practice import Practice

        Practice(root).rebuild_index()
    if result.pushed:
        settings.update(
            root,
            last_sync=datetime.now().isoformat(timespec="seconds"),
            last_sync_result=f"{len(result.received)} file(s) received",
        )
    return result


def setup(root: Path, remote: str) -> None:
    safefile.ensure_private_dir(root)
    transport.setup(root, remote, settings.machine_id(root))
