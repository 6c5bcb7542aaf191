"""The executive's terminal: ``self-assess`` and ``kit fill``, driven through
prompt_toolkit's pipe input (what a person types) with the output captured as text.

Each key sequence ends in Ctrl-C as a guard: a flow that asks for more than the test
typed stops (exit 130) instead of waiting forever.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput

from coach_tui import kit as kits
from coach_tui.cli.self_assess import cli_self_assess
from coach_tui.domain import suggestions
from coach_tui.domain.model import COMPETENCIES, InsightKind
from coach_tui.errors import CoachError, InvalidInputError
from coach_tui.scripts.library import load_library
from coach_tui.selfassess import EXIT_STOPPED, run_kit_fill, run_self_assessment
from coach_tui.store.practice import Practice

pytest_plugins = ["app_fixtures"]

PROJECT = Path(__file__).resolve().parent.parent
ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"
CTRL_D = "\x04"
GUARD = CTRL_C * 3
AGAIN = "coach-tui self-assess marcus-bell"

#: Self ratings typed for questions 1–14 (shortcut digit, then enter).
RATINGS = [4, 3, 4, 2, 5, 3, 4, 3, 2, 3, 4, 3, 4, 3]
STRENGTHS = "Turning strategy into plans\rCalm in a crisis\r\r"  # two lines, then empty
AFTER_STRENGTHS = (
    "Deciding before the room has spoken\r\r"  # development areas
    "Lower on listening\r"  # how others would rate me
    "\r"  # goals (optional list): none
    "Fixing what is broken\r\r"  # motivations
    "\r"  # anything else (optional): nothing
)
OPEN_ANSWERS = STRENGTHS + AFTER_STRENGTHS


def ratings_keys(values: list[int]) -> str:
    return "".join(f"{v}{ENTER}" for v in values)


@contextmanager
def terminal(keys: str) -> Iterator[io.StringIO]:
    """A terminal that types ``keys``; yields what the flow printed."""
    shown = io.StringIO()
    with (
        create_pipe_input() as typed,
        create_app_session(input=typed, output=PlainTextOutput(shown)),
    ):
        typed.send_text(keys)
        yield shown


def self_assess(root: Path, keys: str, client_id: str = "marcus-bell") -> tuple[int, str]:
    with terminal(keys) as shown:
        code = run_self_assessment(Practice(root), load_library(root), client_id, AGAIN)
    return code, shown.getvalue()


def self_sessions(root: Path, client_id: str) -> list[object]:
    record = Practice(root).load(client_id)
    return [s for s in record.sessions if s.script_id == "self-assessment"]


def self_ratings(root: Path, client_id: str, phase: str) -> dict[str, int]:
    record = Practice(root).load(client_id)
    return {
        r.competency: r.value
        for r in record.ratings
        if r.source == "self" and r.phase == phase and r.engagement_id == record.engagement.id
    }


# --------------------------------------------------------------------------- self-assess


def test_a_full_self_assessment(demo_root: Path) -> None:
    code, shown = self_assess(demo_root, ratings_keys(RATINGS) + OPEN_ANSWERS + GUARD)
    assert code == 0, shown
    assert "Self-assessment: Marcus Bell (baseline)" in shown
    assert "a clear development need" in shown and "a signature strength" in shown
    assert "Thank you, your self-assessment is saved (14 ratings, 4 answers)" in shown
    assert self_ratings(demo_root, "marcus-bell", "baseline") == dict(
        zip(COMPETENCIES, RATINGS, strict=True)
    )
    record = Practice(demo_root).load("marcus-bell")
    (session,) = [s for s in record.sessions if s.script_id == "self-assessment"]
    assert not session.is_open
    answers = {qid: a.value for qid, a in record.answers_of(session.id).items()}
    assert answers["self-strengths"] == ["Turning strategy into plans", "Calm in a crisis"]
    assert answers["self-development"] == ["Deciding before the room has spoken"]
    assert answers["self-others-view"] == "Lower on listening"
    assert answers["self-motivations"] == ["Fixing what is broken"]
    assert answers["self-goals"] == []
    assert answers["competency-listening"] == 2
    # The executive's own words are suggestions for the coach, not running-view items.
    strengths = {i.text for i in record.insights_of(InsightKind.STRENGTH)}
    assert not {"Turning strategy into plans", "Calm in a crisis"} & strengths
    offered = {x.line for x in suggestions.pending(record, load_library(demo_root))}
    assert {"Turning strategy into plans", "Calm in a crisis"} <= offered


def test_in_achievement_the_ratings_are_the_final_ones(demo_root: Path) -> None:
    baseline = self_ratings(demo_root, "daniel-okafor", "baseline")
    code, shown = self_assess(
        demo_root, ratings_keys([5] * 14) + OPEN_ANSWERS + GUARD, "daniel-okafor"
    )
    assert code == 0, shown
    assert "(final, to see what changed)" in shown
    assert self_ratings(demo_root, "daniel-okafor", "final") == dict.fromkeys(COMPETENCIES, 5)
    assert self_ratings(demo_root, "daniel-okafor", "baseline") == baseline


def test_interrupted_with_ctrl_c_then_resumed(demo_root: Path) -> None:
    demo_ratings = self_ratings(demo_root, "marcus-bell", "baseline")
    code, shown = self_assess(demo_root, ratings_keys(RATINGS[:5]) + CTRL_C)
    assert code == EXIT_STOPPED
    # The stop and the welcome back say the same: 5 answered, question 6 next.
    stopped = (
        "Stopped. 5 of 20 questions are answered and saved; next time you continue at "
        "question 6. To continue, run: "
    )
    assert stopped + AGAIN in shown
    # The five ratings given replaced the demo's; the others are as they were.
    assert self_ratings(demo_root, "marcus-bell", "baseline") == {
        **demo_ratings,
        **dict(zip(COMPETENCIES[:5], RATINGS[:5], strict=True)),
    }
    (session,) = self_sessions(demo_root, "marcus-bell")
    assert session.is_open  # type: ignore[attr-defined]
    assert session.cursor == "competency-building-trust"  # type: ignore[attr-defined]

    code, shown = self_assess(demo_root, ratings_keys(RATINGS[5:]) + OPEN_ANSWERS + GUARD)
    assert code == 0, shown
    assert "Welcome back: 5 of 20 questions are answered. Continuing at question 6." in shown
    assert "(1/20)" not in shown  # answered questions are not asked again
    (session,) = self_sessions(demo_root, "marcus-bell")
    assert not session.is_open  # type: ignore[attr-defined]
    assert self_ratings(demo_root, "marcus-bell", "baseline") == dict(
        zip(COMPETENCIES, RATINGS, strict=True)
    )


def test_ctrl_d_in_a_list_keeps_the_lines_given(demo_root: Path) -> None:
    keys = ratings_keys(RATINGS) + "Turning strategy into plans" + ENTER + CTRL_D
    code, shown = self_assess(demo_root, keys)
    assert code == EXIT_STOPPED
    assert "Stopped." in shown
    record = Practice(demo_root).load("marcus-bell")
    (session,) = [s for s in record.sessions if s.script_id == "self-assessment"]
    assert record.answers_of(session.id)["self-strengths"].value == ["Turning strategy into plans"]
    # Resuming shows the line kept and adds to it.
    code, shown = self_assess(demo_root, "Calm in a crisis\r\r" + AFTER_STRENGTHS + GUARD)
    assert code == 0, shown
    assert "1. Turning strategy into plans" in shown
    record = Practice(demo_root).load("marcus-bell")
    assert record.answers_of(session.id)["self-strengths"].value == [
        "Turning strategy into plans",
        "Calm in a crisis",
    ]


def test_ctrl_d_on_a_rating_stops_too(demo_root: Path) -> None:
    code, shown = self_assess(demo_root, ratings_keys(RATINGS[:2]) + CTRL_D + GUARD)
    assert code == EXIT_STOPPED
    assert "2 of 20 questions are answered and saved" in shown


def test_without_a_terminal_it_exits_2_in_one_line(demo_root: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coach_tui", "self-assess", "Marcus", "--data", str(demo_root)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("coach-tui: self-assess asks its questions in a terminal")
    assert "Traceback" not in result.stderr
    assert self_sessions(demo_root, "marcus-bell") == []


def test_without_a_terminal_in_process(demo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(InvalidInputError) as caught:
        cli_self_assess(argparse.Namespace(name="Marcus", data=str(demo_root)), demo_root)
    assert caught.value.exit_code == 2


_WRITER = """
import sys
from pathlib import Path
from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice

root, started, stop = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
practice = Practice(root)
written = 0
while not stop.exists() or written < 20:
    practice.capture("marcus-bell", InsightKind.NOTE, f"coach note {written}")
    written += 1
    if written == 1:
        started.write_text("started")
print(written)
"""


def test_self_assessment_and_the_app_write_at_once_and_lose_nothing(
    demo_root: Path, tmp_path: Path
) -> None:
    """The executive answers in one process while the coach's app keeps writing the
    same executive's file in another; every write of both survives."""
    started, stop = tmp_path / "started", tmp_path / "stop"
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(demo_root), str(started), str(stop)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert time.monotonic() < deadline, "the writer did not start"
            assert writer.poll() is None, "the writer stopped"
            time.sleep(0.01)
        code, shown = self_assess(demo_root, ratings_keys(RATINGS) + OPEN_ANSWERS + GUARD)
        overlapped = writer.poll() is None
    finally:
        stop.write_text("stop")
        output, _ = writer.communicate(timeout=120)
    assert writer.returncode == 0
    assert code == 0, shown
    assert overlapped, "the writer stopped before the self-assessment ended"
    written = int(output.strip())
    record = Practice(demo_root).load("marcus-bell")
    notes = {i.text for i in record.insights_of(InsightKind.NOTE)}
    assert {f"coach note {n}" for n in range(written)} <= notes
    assert self_ratings(demo_root, "marcus-bell", "baseline") == dict(
        zip(COMPETENCIES, RATINGS, strict=True)
    )
    (session,) = [s for s in record.sessions if s.script_id == "self-assessment"]
    assert len(record.answers_of(session.id)) == 20


# --------------------------------------------------------------------------- kit fill


def _json_kit(root: Path, folder: Path, client_id: str, audience: str) -> Path:
    path = folder / f"{client_id}-{audience}.json"
    kits.export_kit(Practice(root), load_library(root), client_id, audience, "json", path)
    return path


def fill(kit: Path, output: Path, keys: str) -> tuple[int, str]:
    with terminal(keys) as shown:
        code = run_kit_fill(kit, output, "coach-tui kit fill KIT -o OUT")
    return code, shown.getvalue()


def test_kit_fill_self_round_trip(demo_root: Path, tmp_path: Path) -> None:
    kit = _json_kit(demo_root, tmp_path, "marcus-bell", "self")
    response = tmp_path / "response.json"
    code, shown = fill(kit, response, ratings_keys(RATINGS) + OPEN_ANSWERS + GUARD)
    assert code == 0, shown
    assert f"Send {response} back to your coach" in shown
    document = json.loads(response.read_text("utf-8"))
    assert document["complete"] is True
    assert document["answers"]["self-strengths"] == [
        "Turning strategy into plans",
        "Calm in a crisis",
    ]
    result = kits.import_response(Practice(demo_root), load_library(demo_root), response)
    assert (result.ratings, result.phase) == (14, "baseline")
    assert self_ratings(demo_root, "marcus-bell", "baseline") == dict(
        zip(COMPETENCIES, RATINGS, strict=True)
    )


def test_kit_fill_stakeholder_mini_survey_round_trip(demo_root: Path, tmp_path: Path) -> None:
    kit = _json_kit(demo_root, tmp_path, "daniel-okafor", "stakeholder")
    response = tmp_path / "survey.json"
    keys = (
        ENTER  # name: empty (anonymous)
        + DOWN + ENTER  # relationship: peer
        + DOWN * 5 + ENTER  # goal 1: -3 .. +3, fifth below -3 is +2
        + DOWN * 3 + ENTER  # goal 2: 0
        + DOWN * 4 + ENTER  # overall: +1
        + "Say no to more meetings" + ENTER  # feedforward
        + ENTER  # example (optional)
        + ENTER  # did they follow up with you? (default: yes)
        + "4" + ENTER  # first competency: 4
        + ("6" + ENTER) * 13  # the others: skip
        + GUARD
    )  # fmt: skip
    code, shown = fill(kit, response, keys)
    assert code == 0, shown
    assert "Goal: Delegate decisions, not just tasks" in shown
    before = {s.id for s in Practice(demo_root).load("daniel-okafor").surveys}
    result = kits.import_response(Practice(demo_root), load_library(demo_root), response)
    assert (result.survey, result.ratings, result.named) == (3, 1, False)
    record = Practice(demo_root).load("daniel-okafor")
    new = sorted(
        (s.score for s in record.surveys if s.id not in before),
    )
    assert new == [0, 1, 2]
    assert {s.relationship for s in record.surveys if s.id not in before} == {"peer"}


def test_kit_fill_interrupted_then_resumed(demo_root: Path, tmp_path: Path) -> None:
    kit = _json_kit(demo_root, tmp_path, "marcus-bell", "self")
    response = tmp_path / "response.json"
    code, shown = fill(kit, response, ratings_keys(RATINGS[:3]) + CTRL_C)
    assert code == EXIT_STOPPED
    assert "Stopped. Your answers so far are saved" in shown
    partial = json.loads(response.read_text("utf-8"))
    assert partial["complete"] is False
    assert len(partial["answers"]) == 3
    # A partial response is not importable: required answers are missing.
    with pytest.raises(kits.KitError, match="is required and has no answer"):
        kits.import_response(Practice(demo_root), load_library(demo_root), response)
    code, shown = fill(kit, response, ratings_keys(RATINGS[3:]) + OPEN_ANSWERS + GUARD)
    assert code == 0, shown
    assert "Welcome back: 3 of 20 answered." in shown
    kits.import_response(Practice(demo_root), load_library(demo_root), response)
    assert self_ratings(demo_root, "marcus-bell", "baseline") == dict(
        zip(COMPETENCIES, RATINGS, strict=True)
    )


def test_kit_fill_needs_no_data_folder_and_never_overwrites_another_file(
    demo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = _json_kit(demo_root, tmp_path, "marcus-bell", "self")
    monkeypatch.setenv("COACH_TUI_DATA", str(tmp_path / "no-such-folder"))
    other = tmp_path / "notes.json"
    other.write_text('{"mine": true}')
    with pytest.raises(CoachError, match="is not a response to this kit"):
        fill(kit, other, GUARD)
    assert other.read_text() == '{"mine": true}'
    code, _ = fill(kit, tmp_path / "r.json", ratings_keys(RATINGS[:1]) + CTRL_C)
    assert code == EXIT_STOPPED
    assert not (tmp_path / "no-such-folder").exists()


def test_kit_fill_refuses_the_markdown_form(demo_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "form.md"
    kits.export_kit(Practice(demo_root), load_library(demo_root), "marcus-bell", "self", "md", path)
    with pytest.raises(kits.KitError, match="this is the Markdown form"):
        fill(path, tmp_path / "r.json", GUARD)
