"""git as the transport: a private mirror of the practice's travelling files.

git never writes into the data folder. The practice's files are copied into a
mirror (``<data>/.sync/repo``, a git work tree) and committed there; git fetches,
merges (with the coach-tui merge driver) and pushes in the mirror; the merge's
result is copied back into the data folder with ``safefile.atomic_write`` under each
file's lock. So a save of the running app is never interleaved with a merge, every
data file is always whole (a kill -9 mid-merge leaves the old or the new file), and
the previous generation stays in ``.bak``. Which files travel is decided here by
name, not by layout: everything but the index, locks, backups, temp files,
pre-migration copies, this machine's settings and the mirror itself.

git runs with a fixed environment: no system or global config (no hooks, no GPG
signing, no aliases), a local identity, umask 077 (files 0600), no prompts.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from coach_tui import locations
from coach_tui.errors import StoreError
from coach_tui.store import safefile
from coach_tui.sync import crypto

BRANCH = "main"
GITATTRIBUTES = "*.json merge=coach-tui\n"
GITIGNORE = "*.lock\n*.tmp\n*.bak\n*.bak.new\n/practice.json\n/settings.json\n/pre-migration/\n"
#: Top-level names that never travel (the index is rebuilt from the client files).
STAYS = frozenset({".sync", "practice.json", "settings.json", "pre-migration"})
OWN_FILES = frozenset({".git", ".gitattributes", ".gitignore"})


class SyncError(StoreError):
    """A sync that could not finish; the data folder is as it was before."""


class Offline(SyncError):
    """The remote cannot be reached; local changes are committed and wait."""


sync_dir = locations.sync_dir
repo_dir = locations.sync_repo_dir
is_set_up = locations.sync_is_set_up


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    keep = ("PATH", "HOME", "SSH_AUTH_SOCK", "GIT_SSH_COMMAND", "TMPDIR", "SYSTEMROOT")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_TERMINAL_PROMPT="0",
        GIT_ASKPASS="true",
        LC_ALL="C",
    )
    # ssh must never ask on the terminal (the app owns it): keys or an agent only.
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    env.update(extra or {})
    return env


def git(
    root: Path, *args: str, check: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run git in the mirror; a failure is a SyncError with git's last line."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(repo_dir(root)), *args],
            capture_output=True,
            env=_env(env),
            stdin=subprocess.DEVNULL,
            umask=0o077,
            check=False,
        )
    except FileNotFoundError:
        raise SyncError("git is not installed; sync needs the git command") from None
    if check and proc.returncode != 0:
        raise SyncError(f"git {args[0]} failed: {last_line(proc)}")
    return proc


def last_line(proc: subprocess.CompletedProcess[bytes]) -> str:
    lines = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit {proc.returncode}"


def setup(root: Path, remote: str, machine: str) -> None:
    """Create (or repair) the mirror, register the merge driver, point at ``remote``."""
    safefile.ensure_private_dir(sync_dir(root))
    repo = safefile.ensure_private_dir(repo_dir(root))
    if not (repo / ".git").is_dir():
        git(root, "init", "-q", "--template=", "-b", BRANCH)
    for key, value in (
        ("user.name", "coach-tui"),
        ("user.email", f"{machine}@coach-tui.invalid"),
        ("commit.gpgsign", "false"),
        ("tag.gpgsign", "false"),
        ("core.hooksPath", os.devnull),
        ("core.autocrlf", "false"),
        ("merge.coach-tui.name", "coach-tui: document by document"),
    ):
        git(root, "config", key, value)
    register_driver(root)
    if git(root, "remote", "get-url", "origin", check=False).returncode == 0:
        git(root, "remote", "set-url", "origin", remote)
    else:
        git(root, "remote", "add", "origin", remote)
    for name, text in ((".gitattributes", GITATTRIBUTES), (".gitignore", GITIGNORE)):
        path = repo / name
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
        path.chmod(0o600)
    if git(root, "rev-parse", "-q", "--verify", "HEAD", check=False).returncode != 0:
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"coach-tui: start on {machine}")


def register_driver(root: Path) -> None:
    """Point git at this Python's merge driver (again each sync: a venv may move)."""
    driver = f"{shlex.quote(sys.executable)} -m coach_tui merge-driver %O %A %B %P"
    git(root, "config", "merge.coach-tui.driver", driver)


def recover(root: Path) -> None:
    """Undo what a killed sync left in the mirror (the data folder needs nothing)."""
    git_dir = repo_dir(root) / ".git"
    # git's own lock files (index.lock, HEAD.lock, refs/heads/main.lock) left by a git
    # that was killed: the sync lock is held, so no git of ours is running.
    for stale in git_dir.rglob("*.lock"):
        stale.unlink(missing_ok=True)
    if (git_dir / "MERGE_HEAD").exists():
        git(root, "merge", "--abort", check=False)
    git(root, "checkout", "-q", "-f", BRANCH)
    git(root, "reset", "-q", "--hard", BRANCH)


def travelling_files(root: Path) -> dict[str, Path]:
    """The practice's files that travel, by their path relative to ``root``."""
    found: dict[str, Path] = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        if here == root:
            dirs[:] = sorted(d for d in dirs if d not in STAYS)
        for name in files:
            if here == root and name in STAYS:
                continue
            if name.endswith((".lock", ".tmp", ".bak", ".bak.new")) or name.startswith("."):
                continue
            path = here / name
            if not path.is_symlink():
                found[path.relative_to(root).as_posix()] = path
    return found


def copy_in(root: Path, files: dict[str, Path]) -> None:
    """Make the mirror's work tree hold exactly ``files`` (bytes as on disk)."""
    repo = repo_dir(root)
    for rel, source in files.items():
        target = repo / rel
        data = source.read_bytes()
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        target.write_bytes(data)
        target.chmod(0o600)
    for folder, dirs, names in os.walk(repo):
        here = Path(folder)
        if here == repo:
            dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            rel = (here / name).relative_to(repo).as_posix()
            if rel not in files and rel not in OWN_FILES:
                (here / name).unlink()


def commit(root: Path, message: str) -> bool:
    """Commit the mirror's work tree if it changed; True if a commit was made."""
    git(root, "add", "-A")
    if git(root, "diff", "--cached", "--quiet", check=False).returncode == 0:
        return False
    git(root, "commit", "-q", "--no-verify", "-m", message)
    return True


def rev(root: Path, name: str) -> str | None:
    proc = git(root, "rev-parse", "-q", "--verify", name + "^{commit}", check=False)
    return proc.stdout.decode().strip() if proc.returncode == 0 else None


def commit_time(root: Path, name: str) -> str:
    return git(root, "log", "-1", "--format=%cI", name).stdout.decode().strip()[:19]


def changed_paths(root: Path, old: str, new: str) -> list[tuple[str, str]]:
    """(status, path) of files that differ between two commits (A, M or D)."""
    out = git(root, "diff", "--name-status", "-z", "--no-renames", old, new).stdout
    parts = out.decode("utf-8", "surrogateescape").split("\0")
    pairs = [(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]
    return [(status, path) for status, path in pairs if path not in OWN_FILES]


def copy_out(root: Path, changes: list[tuple[str, str]]) -> list[str]:
    """Put the merge's files into the data folder, atomically, marker last."""
    repo = repo_dir(root)
    ordered = sorted(changes, key=lambda c: c[1] == crypto.MARKER)
    done = []
    for status, rel in ordered:
        target = root / rel
        if status == "D":
            target.unlink(missing_ok=True)
        else:
            safefile.atomic_write(target, (repo / rel).read_bytes())
        done.append(rel)
    return done
