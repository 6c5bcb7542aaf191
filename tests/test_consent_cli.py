"""The cases of the confidentiality issue, repeated from a fresh demo through the CLI.

Each test fails on the code before consent existed: the executive's own words became
Objective 3 of the sponsor's report, development areas went to the sponsor by
default, self-ratings and the competency table were in every sponsor report, an
Awareness-stage report was "Final", and a report was made with no consent at all.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

from test_kit import answer, export, fill_self_md
from test_selfassess import AFTER_STRENGTHS, GUARD, RATINGS, STRENGTHS, ratings_keys, self_assess

from coach_tui.domain import consent, goals, sharing
from coach_tui.domain.model import InsightKind
from coach_tui.store.practice import Practice

pytest_plugins = ["app_fixtures"]

WORDS = "My CEO asked me to do this after the plant closure went badly with the unions"


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "coach_tui", *args, "--data", str(root)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def sponsor_outputs(root: Path, name: str) -> dict[str, str]:
    """Every sponsor output of one executive: final and session, Markdown and HTML."""
    found = {}
    for kind in ("final", "session"):
        for fmt in ("md", "html"):
            done = cli(
                root, "report", name, "--audience", "sponsor", "--kind", kind, "--format", fmt
            )
            assert done.returncode == 0, done.stderr
            found[f"{kind}.{fmt}"] = done.stdout
    return found


def assert_absent(texts: dict[str, str], words: str) -> None:
    for name, text in texts.items():
        folded = text.casefold()
        assert words.casefold() not in folded, name
        assert html.escape(words).casefold() not in folded, name


def test_self_assessment_words_never_reach_the_sponsor(demo_root: Path) -> None:
    # Marcus answers the goals question with the sentence of the issue.
    keys = (
        ratings_keys(RATINGS)
        + STRENGTHS
        + AFTER_STRENGTHS.replace("Lower on listening\r\r", f"Lower on listening\r{WORDS}\r\r", 1)
        + GUARD
    )
    code, shown = self_assess(demo_root, keys)
    assert code == 0, shown
    record = Practice(demo_root).load("marcus-bell")
    answers = [a.value for a in record.answers if a.question_id == "self-goals"]
    assert answers == [[WORDS]]  # the answer is kept, as the executive's
    assert WORDS not in {g.text for g in record.insights_of(InsightKind.GOAL)}
    assert_absent(sponsor_outputs(demo_root, "Marcus"), WORDS)
    # Not even the executive's own report carries it until the coach takes it up.
    assert_absent({"client": cli(demo_root, "report", "Marcus").stdout}, WORDS)


def test_markdown_kit_words_never_reach_the_sponsor(demo_root: Path, tmp_path: Path) -> None:
    form = export(demo_root, "marcus-bell", "self", "md", tmp_path).read_text("utf-8")
    assert "Your answers go to your coach only." in form  # the kit's promise
    filled = tmp_path / "filled.md"
    filled.write_text(answer(fill_self_md(form), 18, [WORDS]), encoding="utf-8")
    done = cli(demo_root, "kit", "import", str(filled))
    assert done.returncode == 0, done.stderr
    record = Practice(demo_root).load("marcus-bell")
    assert any(a.value == [WORDS] for a in record.answers)
    assert_absent(sponsor_outputs(demo_root, "Marcus"), WORDS)
    assert_absent({"client": cli(demo_root, "report", "Marcus").stdout}, WORDS)


def test_development_areas_self_ratings_and_table_need_consent(demo_root: Path) -> None:
    record = Practice(demo_root).load("sofia-lindqvist")
    decisions = consent.in_force(record)
    kept = [
        w.text
        for w in record.insights_of(InsightKind.WEAKNESS)
        if not consent.is_shared(decisions, consent.item_key(w.id))
    ]
    assert kept, "the demo keeps some development areas between the two of them"
    texts = sponsor_outputs(demo_root, "Sofia")
    for text in kept:
        assert_absent(texts, text)
    final = texts["final.md"]
    assert f"{len(kept)} development areas kept between the executive and the coach" in final
    assert "Self before" not in final  # no consent to the self-ratings
    assert "Shared on the basis of the executive's consent recorded on" in final
    assert final.startswith("# Progress report: Sofia Lindqvist")  # Action, not Achievement
    daniel = cli(demo_root, "report", "Daniel", "--audience", "sponsor").stdout
    assert daniel.startswith("# Final report: Daniel Okafor")  # Achievement


def test_no_consent_at_all_refuses_in_one_line(demo_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "priya.md"
    done = cli(demo_root, "report", "Priya", "--audience", "sponsor", "-o", str(target))
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no consent" in lines[0] and "press c" in lines[0]
    assert not target.exists()
    listed = cli(demo_root, "consent", "Priya")
    assert listed.returncode == 1
    assert "No consent recorded yet." in listed.stdout
    # The executive's own report is still there for the asking.
    assert cli(demo_root, "report", "Priya").stdout.startswith("# Progress report: Priya Raman")


def test_every_sponsor_report_is_logged_and_listed(demo_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "sofia.md"
    done = cli(demo_root, "report", "Sofia", "--audience", "sponsor", "-o", str(target))
    assert done.returncode == 0, done.stderr
    record = Practice(demo_root).load("sofia-lindqvist")
    (entry,) = sharing.sent(record)
    assert entry.file == str(target) and entry.audience == "sponsor"
    agreed = [g.id for g in record.insights_of(InsightKind.GOAL) if goals.is_agreed(g)]
    assert set(agreed) <= set(entry.item_ids)
    assert entry.summary.startswith("2 goals, scores")
    listed = cli(demo_root, "consent", "Sofia")
    assert listed.returncode == 0
    assert "Sent to the sponsor:" in listed.stdout
    assert "report sent to the sponsor on" in listed.stdout
    # The executive's own report is not a sharing with the sponsor.
    cli(demo_root, "report", "Sofia", "-o", str(tmp_path / "own.md"))
    assert len(sharing.sent(Practice(demo_root).load("sofia-lindqvist"))) == 1


def test_unknown_name_is_bad_usage(demo_root: Path) -> None:
    done = cli(demo_root, "consent", "Nobody")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
