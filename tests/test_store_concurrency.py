"""Two processes saving to the same executive at once lose nothing."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

import coach_tui
from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice

REPO = Path(coach_tui.__file__).resolve().parents[1]
SAVER = Path(__file__).resolve().parent / "helpers" / "saver.py"
SAVES = 300


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def _script() -> SimpleNamespace:
    q = SimpleNamespace(id="intro", text="Intro?", kind="text", section="", feeds=None)
    return SimpleNamespace(
        id="awareness-intake", title="Intake", version=1, audience="coach", questions=[q]
    )


@pytest.mark.slow
def test_two_processes_saving_the_same_client_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "data"
    practice = Practice(root)
    client = practice.create_client("Bea Both")
    session = practice.start_session(client.id, _script())
    tags = ("alpha", "beta")
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(SAVER),
                "concurrent",
                str(root),
                client.id,
                session.id,
                tag,
                str(SAVES),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        )
        for tag in tags
    ]
    began = time.monotonic()
    try:
        for proc in procs:  # both set up before either starts saving
            assert proc.stdout is not None
            assert proc.stdout.readline() == b"ready\n"
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write(b"go\n")
            proc.stdin.flush()  # communicate() closes it
        results = [proc.communicate(timeout=240) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    elapsed = time.monotonic() - began
    for tag, proc, (out, err) in zip(tags, procs, results, strict=True):
        assert err == b"", f"{tag} wrote to stderr:\n{err.decode()}"
        assert proc.returncode == 0, f"{tag} exited with {proc.returncode}"
        assert out == f"done {SAVES}\n".encode()

    record = Practice(root).load(client.id)
    answers = record.answers_of(session.id)
    for tag in tags:
        for i in range(SAVES):
            qid = f"{tag}-q{i % 10}"
            answer = answers[qid]
            values = [e.value for e in answer.history] + [answer.value]
            assert f"{tag} value {i}" in values, f"{tag} save {i} lost"
        for q in range(10):  # each process's own questions keep their order
            answer = answers[f"{tag}-q{q}"]
            values = [e.value for e in answer.history] + [answer.value]
            assert values == [f"{tag} value {i}" for i in range(q, SAVES, 10)]
    shared = answers["both"]
    shared_values = [e.value for e in shared.history] + [shared.value]
    expected_shared = {f"{tag} shared {i}" for tag in tags for i in range(0, SAVES, 5)}
    assert set(shared_values) == expected_shared, "a save of the shared question was lost"
    assert len(shared_values) == len(expected_shared)
    insights = {i.text for i in record.insights_of(InsightKind.STRENGTH)}
    expected_insights = {f"{tag} insight {i}" for tag in tags for i in range(0, SAVES, 3)}
    assert insights == expected_insights
    assert len(record.insights_of(InsightKind.STRENGTH)) == len(expected_insights)

    (summary,) = Practice(root).list_clients()
    assert summary.id == client.id and summary.problem == ""
    switches = sum(a.split()[0] != b.split()[0] for a, b in itertools.pairwise(shared_values))
    print(f"\nconcurrency test: 2 x {SAVES} saves in {elapsed:.1f} s; {switches} interleavings")
