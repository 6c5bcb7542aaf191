"""Encryption at rest beside plaintext: save, start-up and review, and the key derivation.

``python -m bench --encryption`` copies the practice twice (one copy encrypted with
the default scrypt parameters), then times both copies interleaved, so load on the
machine hits both alike. The children read the passphrase from a file
(``COACH_TUI_PASSPHRASE_FILE``), as a coach's script would; the app's start-up with
encryption therefore includes one key derivation, which is also measured on its own.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.__main__ import CHILD_ENV, Figure, compare, figure, run, run_with_rss

PASSPHRASE = "a long passphrase for the benchmark"


def _encrypt(root: Path) -> float:
    """Encrypt ``root`` in place; return the seconds the key derivation took."""
    import orjson

    from coach_tui.store import safefile
    from coach_tui.sync import convert, crypto

    started = time.perf_counter()
    settings, key = crypto.new_settings(PASSPHRASE)
    seconds = time.perf_counter() - started
    safefile.atomic_write(crypto.marker_path(root), orjson.dumps(settings))
    crypto.remember(root, key)
    convert.encrypt(root, key)
    from coach_tui.store.practice import Practice

    Practice(root).rebuild_index()  # the rows follow the new generations of the files
    return seconds


def _kdf_alone(root: Path, runs: int) -> list[float]:
    from coach_tui.sync import crypto

    settings = crypto.read_settings(root)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        crypto.derive(PASSPHRASE, settings)
        times.append(time.perf_counter() - started)
    return times


def measure_encryption(source: Path, runs: int) -> list[Figure]:
    py = sys.executable
    drivers = [py, "-m", "bench.drivers"]
    coach = [py, "-m", "coach_tui"]
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as scratch:
        plain, sealed = Path(scratch) / "plain", Path(scratch) / "sealed"
        shutil.copytree(source, plain)
        shutil.copytree(source, sealed)
        print("Encrypting a copy of the practice…", file=sys.stderr)
        _encrypt(sealed)
        secret = Path(scratch) / "passphrase"
        secret.write_text(PASSPHRASE)
        CHILD_ENV["COACH_TUI_PASSPHRASE_FILE"] = str(secret)
        try:
            figures.append(
                _paired(
                    "start-up to practice screen, encrypted",
                    lambda r: run_with_rss([*drivers, "startup", "coach", str(r)])[0],
                    plain, sealed, runs, "≈ plain + one key derivation", None,
                )
            )  # fmt: skip
            big_plain: list[float] = []
            big_sealed: list[float] = []
            for _ in range(max(1, runs // 2)):
                big_plain += json.loads(run([*drivers, "save", str(plain), "40"])[1])
                big_sealed += json.loads(run([*drivers, "save", str(sealed), "40"])[1])
            figures.append(
                compare(
                    figure("one durable save, largest executive, encrypted", "ms", big_sealed,
                           "≤ 2× plaintext"),
                    big_plain,
                    2.0,
                )
            )  # fmt: skip
            from bench.drivers import largest_client

            name = largest_client(plain)
            figures.append(
                _paired(
                    "coach-tui review NAME (largest), encrypted",
                    lambda r: run([*coach, "review", name, "--data", str(r)])[0],
                    plain, sealed, runs, "≈ plain + one key derivation", None,
                )
            )  # fmt: skip
        finally:
            CHILD_ENV.pop("COACH_TUI_PASSPHRASE_FILE", None)
        kdf = figure(
            "key derivation alone (scrypt N=2^17, r=8, p=1)", "s", _kdf_alone(sealed, runs)
        )
        figures.append(kdf)
    return figures


def _paired(
    name: str, once: object, plain: Path, sealed: Path, runs: int, target: str, limit: float | None
) -> Figure:
    assert callable(once)
    once(plain), once(sealed)  # untimed: caches warm
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(once(plain))
        b.append(once(sealed))
    fig = figure(name, "s", b, target)
    fig.baseline = statistics.median(a)
    fig.ratio = fig.median / fig.baseline
    fig.met = None if limit is None else fig.ratio <= limit
    return fig
