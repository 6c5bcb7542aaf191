"""``coach-tui review`` and ``coach-tui report`` print equal mini-survey figures.

The brief, the executive's report and the sponsor's report take their survey figures
from one function (``coach_tui.reports.survey_figures``); these tests read the
figures back out of the printed text (mean, share positive, n, trend) and compare
them, on every demo executive and on a hand-written engagement, in-process and
through the real command line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from report_record import build, write_practice
from review_demo import DEMO, TODAY, demo_template, fixed_clock

from coach_tui.domain import consent, goals
from coach_tui.domain.model import InsightKind
from coach_tui.reports.brief import render_brief
from coach_tui.reports.report import build_final_report, render_report
from coach_tui.store.practice import Practice

PROJECT = Path(__file__).resolve().parent.parent

#: '+1.5, 83% positive (n=6)' with its trend when there is one.
FIGURES = re.compile(r"([+-]?\d+\.\d), (\d+)% positive \(n=(\d+)\)(?:, trend ([+-]?\d+\.\d))?")


def figures(text: str) -> set[tuple[str, ...]]:
    return {tuple(m.group(i) or "" for i in range(1, 5)) for m in FIGURES.finditer(text)}


def brief_figures(text: str) -> set[tuple[str, ...]]:
    """The figures of the brief's stakeholder block (the only place it prints them)."""
    return figures(text.split("\nStakeholder input", 1)[-1])


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_template(tmp_path_factory)


@pytest.mark.parametrize("client_id", sorted(DEMO))
def test_the_brief_and_the_reports_print_equal_figures(demo: Path, client_id: str) -> None:
    record = Practice(demo, clock=fixed_clock).load(client_id)
    brief = brief_figures(render_brief(record, TODAY))
    report = figures(build_final_report(record, "client", TODAY))
    assert brief <= report, f"the brief shows {sorted(brief - report)}, the report does not"
    agreed = {g.id for g in record.insights_of(InsightKind.GOAL) if goals.is_agreed(g)}
    surveyed = {s.goal_id for s in record.surveys if s.engagement_id == record.engagement.id}
    if surveyed & (agreed | {None}):
        assert brief, "an executive with survey replies has figures in the brief"
    if consent.relied_on(record) is not None:
        sponsor = figures(render_report(record, "final", "sponsor", "md", TODAY))
        assert brief <= sponsor


def test_the_demo_gives_the_figures_test_something_to_compare(demo: Path) -> None:
    practice = Practice(demo, clock=fixed_clock)
    assert any(brief_figures(render_brief(practice.load(cid), TODAY)) for cid in DEMO)


def test_equal_figures_on_a_known_engagement() -> None:
    record = build()
    brief = brief_figures(render_brief(record, TODAY))
    # The latest pulse of each agreed goal and overall, with its trend; never the draft.
    assert brief == {
        ("+1.6", "100", "5", "+1.0"),
        ("+1.0", "80", "5", "+1.0"),
        ("+1.6", "100", "5", "+0.6"),
    }
    assert brief <= figures(build_final_report(record, "client", TODAY))
    assert brief <= figures(render_report(record, "final", "sponsor", "md", TODAY))


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    env["COLUMNS"] = "80"
    return subprocess.run(
        [sys.executable, "-m", "coach_tui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_the_commands_print_equal_figures(tmp_path: Path) -> None:
    root = write_practice(build(), tmp_path / "data")
    review = _run("review", "Ann", "--data", str(root), cwd=tmp_path)
    assert review.returncode == 0, review.stderr
    report = _run("report", "Ann", "--data", str(root), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert report.stdout.startswith("# Final report: Ann Lee")
    shown = brief_figures(review.stdout)
    assert len(shown) == 3 and shown <= figures(report.stdout)
    target = tmp_path / "sponsor.html"
    sponsor = _run(
        "report", "Ann", "--audience", "sponsor", "--format", "html", "-o", str(target),
        "--data", str(root), cwd=tmp_path,
    )  # fmt: skip
    assert sponsor.returncode == 0, sponsor.stderr
    assert shown <= figures(target.read_text(encoding="utf-8"))
    assert "14 waiting" in target.read_text(encoding="utf-8")  # a co-owned reading
    sent = Practice(root).load("ann-lee").sharing
    assert sent and "measured outcomes" in sent[-1].summary


def test_the_commands_fail_in_one_line(tmp_path: Path) -> None:
    root = write_practice(build(), tmp_path / "data")
    for command in ("review", "report"):
        result = _run(command, "Nobody", "--data", str(root), cwd=tmp_path)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    record = build()
    record.consent = []
    bare = write_practice(record, tmp_path / "bare")
    result = _run("report", "Ann", "--audience", "sponsor", "--data", str(bare), cwd=tmp_path)
    assert result.returncode == 1 and "no consent" in result.stderr
    assert result.stdout == ""
