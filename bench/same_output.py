"""``python -m bench.same_output OLD NEW DATA[:ID,ID...]...``: do two checkouts print the same?

Speed work must not change what a coach reads. For every executive of each practice
folder given (the demo, the benchmark practice), both checkouts run ``review``, the
final and session reports in Markdown and HTML for the executive and the sponsor,
and a few wrong commands, each on its own fresh copy of the folder (a report is
logged in the executive's history); stdout, stderr, the exit code and the written
file must be byte for byte the same. ``DATA:ID,ID`` checks only those executives
(the benchmark practice has 200). Run both on the same day: the brief and the
reports print today's date.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: Commands per executive; {out} is the file a report is written to.
CASES: list[list[str]] = [
    ["review", "{id}"],
    ["report", "{id}"],
    ["report", "{id}", "--format", "html", "-o", "{out}"],
    ["report", "{id}", "--kind", "session", "--format", "html", "-o", "{out}"],
    ["report", "{id}", "--audience", "sponsor", "--format", "html", "-o", "{out}"],
    ["report", "{id}", "--audience", "sponsor", "--kind", "session"],
]
WRONG: list[list[str]] = [
    ["review", "nobody-at-all"],
    ["review", "a"],
    ["report", "x", "--format", "pdf"],
]


def run(tree: Path, data: Path, args: list[str], out: Path) -> tuple[int, bytes, bytes, bytes]:
    """Exit code, stdout, stderr and written file of one command with ``tree``'s code."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    env["COLUMNS"] = "80"
    argv = [a.replace("{out}", str(out)) for a in args]
    done = subprocess.run(
        [sys.executable, "-m", "coach_tui", *argv, "--data", str(data)],
        cwd=tree,
        env=env,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    written = out.read_bytes() if out.exists() else b""
    err = done.stderr.replace(str(out).encode(), b"OUT").replace(str(data).encode(), b"DATA")
    return done.returncode, done.stdout.replace(str(data).encode(), b"DATA"), err, written


def compare(old: Path, new: Path, practice: Path, only: list[str]) -> int:
    """Differences found for the executives of ``practice`` (printed as found)."""
    ids = only or sorted(p.stem for p in (practice / "clients").glob("*.json"))
    cases = [[a.replace("{id}", cid) for a in case] for cid in ids for case in CASES] + WRONG
    differences = 0
    with tempfile.TemporaryDirectory() as scratch:
        for args in cases:
            results = []
            for name, tree in (("old", old), ("new", new)):
                data = Path(scratch) / name / "data"
                out = Path(scratch) / name / "report.out"
                shutil.rmtree(data.parent, ignore_errors=True)
                shutil.copytree(practice, data)
                results.append(run(tree, data, args, out))
            if results[0] != results[1]:
                differences += 1
                print(f"DIFFERENT: {' '.join(args)} ({practice})")
    print(f"{practice}: {len(cases)} commands, {differences} different")
    return differences


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    old, new = Path(argv[0]).resolve(), Path(argv[1]).resolve()
    differences = 0
    for spec in argv[2:]:
        folder, _, ids = spec.partition(":")
        differences += compare(old, new, Path(folder).resolve(), [i for i in ids.split(",") if i])
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
