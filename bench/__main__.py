"""``python -m bench``: the figures a coach would feel, on a ten-year practice.

Generates the practice once (cached in bench/.cache/), runs every measurement as
whole processes several times, prints one table and writes it as JSON. See
bench/README.md for the targets and the latest table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"


#: The children run as on a coach's machine, where Python caches compiled modules.
#: With PYTHONDONTWRITEBYTECODE set (some CI images and sandboxes set it) an editable
#: install recompiles coach-tui's own modules on every start, ~50 ms that Textual's
#: precompiled modules, and so the minimal app, never pay.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Figure:
    name: str
    unit: str
    median: float
    low: float
    high: float
    baseline: float | None = None
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    runs: list[float] = field(default_factory=list)


def run(cmd: list[str]) -> tuple[float, str]:
    """Wall seconds and stdout of one whole process."""
    seconds, _, out = run_with_rss(cmd)
    return seconds, out


def run_with_rss(cmd: list[str]) -> tuple[float, int, str]:
    """Like ``run`` but with the child's own peak RSS, from wait4."""
    started = time.perf_counter()
    process = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE.parent, env=CHILD_ENV
    )
    assert process.stdout is not None and process.stderr is not None
    out = process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({process.returncode}): {err.decode()[-400:]}")
    return seconds, usage.ru_maxrss, out.decode()


def figure(name: str, unit: str, values: list[float], target: str = "") -> Figure:
    return Figure(
        name, unit, statistics.median(values), min(values), max(values), target=target, runs=values
    )


def compare(fig: Figure, base: list[float], limit: float) -> Figure:
    fig.baseline = statistics.median(base)
    fig.ratio = fig.median / fig.baseline if fig.baseline else None
    fig.met = fig.ratio is not None and fig.ratio <= limit
    return fig


def practice_folder(years: int, seed: int) -> Path:
    folder = CACHE / f"practice-{years}y-seed{seed}"
    if not (folder / "practice.json").exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"Generating a {years}-year practice in {folder} (once; cached)…", file=sys.stderr)
        from bench.generate import generate

        generate(folder, years, seed)
    return folder


def measure(root: Path, runs: int) -> list[Figure]:
    py = sys.executable
    drivers = [py, "-m", "bench.drivers"]
    coach_tui = [py, "-m", "coach_tui"]
    figures: list[Figure] = []

    # Start-up and memory, interleaved so that load on the machine hits both alike,
    # after one untimed run of each (compiled modules cached, files in the OS cache).
    run([*drivers, "startup", "minimal"])
    run([*drivers, "startup", "coach", str(root)])
    coach_times, coach_rss, minimal_times, minimal_rss = [], [], [], []
    for _ in range(runs):
        seconds, rss, _ = run_with_rss([*drivers, "startup", "minimal"])
        minimal_times.append(seconds)
        minimal_rss.append(rss / 1024)
        seconds, rss, _ = run_with_rss([*drivers, "startup", "coach", str(root)])
        coach_times.append(seconds)
        coach_rss.append(rss / 1024)
    figures.append(
        compare(
            figure("start-up to practice screen", "s", coach_times, "≤ 1.25× minimal app"),
            minimal_times,
            1.25,
        )
    )
    figures.append(
        compare(
            figure("peak memory (RSS) of the app", "MiB", coach_rss, "≤ 1.3× minimal app"),
            minimal_rss,
            1.3,
        )
    )

    # One durable save on the largest executive: ten-year practice vs an empty one.
    with tempfile.TemporaryDirectory() as empty:
        from coach_tui.store.practice import Practice

        Practice(Path(empty)).create_client("Only Executive")
        big: list[float] = []
        small: list[float] = []
        for _ in range(max(1, runs // 2)):
            big += json.loads(run([*drivers, "save", str(root), "40"])[1])
            small += json.loads(run([*drivers, "save", empty, "40"])[1])
    save = compare(
        figure("one durable save, largest executive", "ms", big, "≤ 10 ms, ≤ 1.5× empty"),
        small,
        1.5,
    )
    save.met = bool(save.met) and save.median <= 10
    figures.append(save)

    # What a coach feels before a call: the largest executive's engagement opening,
    # then a session starting on it (each in a fresh process, in the app, headless).
    opened: list[float] = []
    begun: list[float] = []
    for _ in range(max(1, runs // 2)):
        both = json.loads(run([*drivers, "open", str(root)])[1])
        opened.append(both["open"])
        begun.append(both["start"])
    for name, values in (
        ("open the largest engagement", opened),
        ("start a session on it", begun),
    ):
        fig = figure(name, "ms", values, "≤ 150 ms")
        fig.met = fig.median <= 150
        figures.append(fig)

    # A keystroke in the live session's editor vs a bare TextArea app.
    coach_keys: list[float] = []
    bare_keys: list[float] = []
    for _ in range(max(1, runs // 3)):
        bare_keys += json.loads(run([*drivers, "keys", "bare"])[1])
        coach_keys += json.loads(run([*drivers, "keys", "coach", str(root)])[1])
    figures.append(
        compare(
            figure("keystroke until refreshed", "ms", coach_keys, "≤ 1.5× bare TextArea"),
            bare_keys,
            1.5,
        )
    )

    # The pre-call brief and the final report, as whole processes.
    name = _largest_name(root)
    review = [run([*coach_tui, "review", name, "--data", str(root)])[0] for _ in range(runs)]
    fig = figure("coach-tui review NAME (largest)", "s", review, "≤ 0.25 s")
    fig.met = fig.median <= 0.25
    figures.append(fig)
    with tempfile.TemporaryDirectory() as out:
        target = str(Path(out) / "report.html")
        report = [
            run(
                [*coach_tui, "report", name, "--format", "html", "-o", target, "--data", str(root)]
            )[0]
            for _ in range(runs)
        ]
    fig = figure("final HTML report (largest)", "s", report, "≤ 0.5 s")
    fig.met = fig.median <= 0.5
    figures.append(fig)
    return figures


def _largest_name(root: Path) -> str:
    from bench.drivers import largest_client

    return largest_client(root)


def table(figures: list[Figure]) -> str:
    lines = [
        "| figure | median | min – max | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        # Start-up is shown in milliseconds; the rest in their own unit.
        scale, unit = (1000.0, "ms") if f.name.startswith("start-up") else (1.0, f.unit)
        base = f"{f.baseline * scale:.3g} {unit}" if f.baseline is not None else "—"
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        met = "yes" if f.met else "no" if f.met is not None else "—"
        spread = f"{f.low * scale:.3g} – {f.high * scale:.3g}"
        lines.append(
            f"| {f.name} | {f.median * scale:.3g} {unit} | {spread} | "
            f"{base} | {ratio} | {f.target} | {met} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--practice", type=Path, help="an existing practice folder to measure")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument(
        "--encryption", action="store_true", help="encryption at rest beside plaintext only"
    )
    args = parser.parse_args(argv)
    root = args.practice or practice_folder(args.years, args.seed)
    if args.encryption:
        from bench.encrypted import measure_encryption

        figures = measure_encryption(root, args.runs)
        if args.json == HERE / "results" / "latest.json":
            args.json = HERE / "results" / "encryption.json"
    else:
        figures = measure(root, args.runs)
    print(table(figures))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(),
        "practice": str(root),
        "runs": args.runs,
        "figures": [asdict(f) for f in figures],
    }
    args.json.write_text(json.dumps(document, indent=1), encoding="utf-8")
    print(f"\nWritten to {args.json}", file=sys.stderr)
    return 0 if all(f.met for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
