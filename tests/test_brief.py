"""``coach-tui review NAME``: the pre-call brief (80×24, plain text, fast)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from review_demo import DEMO, TODAY, demo_copy, demo_template, fixed_clock

from coach_tui.cli.main import main
from coach_tui.domain.model import InsightKind
from coach_tui.reports import brief
from coach_tui.reports.brief import cells, cut, render_brief, sparkline
from coach_tui.store.practice import Practice

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_template(tmp_path_factory)


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return demo_copy(tmp_path_factory, tmp_path / "data")


def _lines(text: str) -> list[str]:
    return text.rstrip("\n").split("\n")


# ------------------------------------------------------------------- content


def test_brief_of_the_action_stage_executive(demo: Path) -> None:
    record = Practice(demo, clock=fixed_clock).load("sofia-lindqvist")
    text = render_brief(record, TODAY)
    lines = _lines(text)
    print(text)

    # Header: name, role · organisation, the stage track, sessions held.
    assert lines[0].startswith("Sofia Lindqvist — Head of Product · Brightwave Health")
    assert "●●◉○ Action" in lines[1]
    held = [
        s
        for s in record.sessions_of(record.engagement.id)
        if s.audience == "coach" and not s.is_open
    ]
    assert f"{len(held)} sessions held" in lines[1]

    # The last session: date, script, length, and its captures as highlights.
    last = held[-1]
    day = last.started.date()
    assert f"Last session: {day:%a} {day.day} {day:%b} (Monthly review, 60 min)" in text
    captured = [i for i in record.insights if i.session_id == last.id]
    assert captured, "the demo's last check-in captures a commitment"
    assert any(captured[0].text[:40] in line for line in lines)

    # Commitments: the overdue ones first, marked.
    commitments = lines.index(next(line for line in lines if line.startswith("Commitments")))
    overdue = [
        a for a in record.insights_of(InsightKind.ACTION) if not a.done and a.is_overdue(TODAY)
    ]
    assert overdue, "the demo keeps an overdue commitment"
    assert f"{len(overdue)} overdue" in lines[commitments]
    assert lines[commitments + 1].lstrip().startswith("! overdue")

    # Goals: latest GAS score, trend arrow and a sparkline of the scores.
    for goal in record.insights_of(InsightKind.GOAL):
        line = next(line for line in lines if goal.text[:30] in line)
        scores = [s.score for s in goal.scores]
        assert sparkline(scores) in line
        assert brief.trend(scores) in line
        latest = f"{scores[-1]:+d}" if scores[-1] else "0"
        assert line.split()[0] == latest

    # The next session, with the coach's own notes for it.
    plan = record.latest_plan()
    assert plan is not None and plan.next_date is not None
    assert f"Next session: {plan.next_date:%a} {plan.next_date.day} {plan.next_date:%b}" in text
    assert "Action check-in (GROW)" in text
    assert "Your notes (private): Ask next time whether the Sunday work" in text

    # Stakeholder input as themes: counts, never a name.
    assert "3 interviews held (1 manager, 2 peers)" in text
    assert "baseline ratings from 6 stakeholders" in text
    for person in record.stakeholders:
        assert person.name not in text


@pytest.mark.parametrize("client_id", sorted(DEMO))
@pytest.mark.parametrize("width", [80, 60, 40])
def test_every_demo_brief_fits_the_screen(demo: Path, client_id: str, width: int) -> None:
    record = Practice(demo, clock=fixed_clock).load(client_id)
    text = render_brief(record, TODAY, width=width)
    lines = _lines(text)
    assert len(lines) <= 23, text  # 24 rows, less the shell prompt
    assert max(cells(line) for line in lines) <= width, text
    assert DEMO[client_id] in lines[0]
    assert "\x1b" not in text


def test_a_full_brief_shrinks_the_longest_section_first(root: Path) -> None:
    practice = Practice(root, clock=fixed_clock)
    for number in range(12):
        practice.capture(
            "sofia-lindqvist",
            InsightKind.ACTION,
            f"Extra commitment number {number}",
            due=TODAY + timedelta(days=number + 1),
        )
    record = practice.load("sofia-lindqvist")
    text = render_brief(record, TODAY)
    lines = _lines(text)
    assert len(lines) <= 23
    assert "more" in text  # "… N more" stands for what did not fit
    assert any("! overdue" in line for line in lines)  # overdue ones are never cut first
    for goal in record.insights_of(InsightKind.GOAL):  # every goal stays
        assert goal.text[:30] in text


def test_hostile_text_cannot_break_the_layout(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data", clock=fixed_clock)
    name = "Zoë [bold]李小龙[/bold] \x1b[31mRed\x1b[0m " + "很长的名字" * 10
    client = practice.create_client(name, "Org\nwith a newline", "Role\tand tab")
    practice.capture(client.id, InsightKind.GOAL, "宽字符目标 " * 20)
    practice.capture(client.id, InsightKind.ACTION, "[@click=app.quit]x[/]", due=TODAY)
    record = practice.load(client.id)
    text = render_brief(record, TODAY)
    assert "\x1b" not in text
    assert "␛" in text  # the escape is shown, not obeyed
    for line in _lines(text):
        assert cells(line) <= 80, line
    assert "[@click=app.quit]x[/]" in text  # plain text: shown as typed


def test_an_executive_with_no_history(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data", clock=fixed_clock)
    client = practice.create_client("Ada Example", "Example Ltd", "COO")
    text = render_brief(practice.load(client.id), TODAY)
    assert "◉○○○ Awareness · 0 sessions held" in text
    assert "Last session: none yet" in text
    assert "Commitments: none open" in text
    assert "Goals: none agreed yet" in text
    assert "Next session: no plan yet" in text


def test_cut_counts_wide_characters() -> None:
    assert cells("李小龙") == 6
    assert cut("李小龙李小龙", 7) == "李小龙…"
    assert cells(cut("李小龙李小龙", 7)) <= 7
    assert cut("short", 10) == "short"


def _cells_char_by_char(text: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _cut_char_by_char(text: str, width: int) -> str:
    if _cells_char_by_char(text) <= width:
        return text
    out, used = "", 0
    for char in text:
        size = _cells_char_by_char(char)
        if used + size > width - 1:
            break
        out, used = out + char, used + size
    return out + "…"


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)), st.integers(-2, 90))
def test_plain_ascii_is_cut_as_character_by_character(text: str, width: int) -> None:
    """The ASCII fast path of cells/cut gives what counting each character gives."""
    assert cells(text) == _cells_char_by_char(text) == len(text)
    assert cut(text, width) == _cut_char_by_char(text, width)


@given(st.text(), st.integers(-2, 90))
def test_any_text_is_cut_as_character_by_character(text: str, width: int) -> None:
    assert cells(text) == _cells_char_by_char(text)
    assert cut(text, width) == _cut_char_by_char(text, width)


# ------------------------------------------------------------------- command


def test_review_command_prints_the_brief(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "lindqvist", "--data", str(demo)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Sofia Lindqvist")
    assert max(cells(line) for line in _lines(out)) <= 80


@pytest.mark.parametrize("name", ["nobody", "a"])
def test_review_of_an_unknown_or_ambiguous_name(
    demo: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", name, "--data", str(demo)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


_PROBE = textwrap.dedent(
    """
    import json, sys, time
    start = time.perf_counter()
    from coach_tui.cli.main import main
    code = main(sys.argv[2:])
    seconds = time.perf_counter() - start
    heavy = sorted(
        m for m in sys.modules if m.split(".")[0] in ("textual", "markdown_it", "rich")
    )
    with open(sys.argv[1], "w") as handle:
        json.dump({"code": code, "heavy": heavy, "seconds": seconds}, handle)
    """
)


def test_the_review_process_never_imports_textual(demo: Path, tmp_path: Path) -> None:
    """The whole ``coach-tui review`` process: no Textual, no markdown-it, no Rich."""
    report = tmp_path / "probe.json"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    env["COLUMNS"] = "80"
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(report), "review", "Sofia", "--data", str(demo)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(report.read_text())
    assert outcome["code"] == 0, result.stderr
    assert outcome["heavy"] == []
    lines = _lines(result.stdout)
    assert lines[0].startswith("Sofia Lindqvist")
    assert len(lines) <= 23
    assert max(cells(line) for line in lines) <= 80
    # Generous: a regression that pulls in the UI shows up as seconds, not tenths.
    assert outcome["seconds"] < 2.0
