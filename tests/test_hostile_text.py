"""Control characters and bidi overrides never reach the terminal raw, on any CLI line or screen.

A crafted export can carry names with ESC, BEL, NUL, CR, newlines and U+202E (which
shows the rest of a line backwards); a script's title can carry an OSC sequence.
Every line the command prints and every screen of the app shows them as visible
symbols. Also: the sponsor's report withholds stakeholder names in any case, and a
CSV cell never starts a formula.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hostile_cli import run
from review_demo import demo_copy

from coach_tui.domain import consent
from coach_tui.domain.model import InsightKind
from coach_tui.exchange import _cell
from coach_tui.reports import sponsor_render
from coach_tui.reports.report import sponsor_scrub
from coach_tui.store.practice import Practice

EVIL = "Ana \x1b]0;pwned\x07 \x1b[2J\x00Bell\rX\nNext \u202eevil\u2066"
RAW = ("\x1b", "\x07", "\x00", "\r", "\u202e", "\u2066")


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return demo_copy(tmp_path_factory, tmp_path / "data")


def _assert_clean(text: str, lines: int | None = None) -> None:
    for char in RAW:
        assert char not in text, f"{char!r} printed raw: {text!r}"
    if lines is not None:
        assert len(text.strip().splitlines()) == lines, text


def _evil_export(root: Path, tmp_path: Path) -> Path:
    exported = run("export", "--data", root, home=tmp_path)
    document: dict[str, Any] = json.loads(exported.out)
    for client in document["clients"].values():
        client["client"][0]["name"] = EVIL + client["client"][0]["name"]
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_import_success_line_and_unknown_name_are_neutralised(root: Path, tmp_path: Path) -> None:
    crafted = _evil_export(root, tmp_path)
    fresh = tmp_path / "fresh"
    imported = run("import", crafted, "--data", fresh, home=tmp_path)
    assert imported.code == 0, imported.both
    _assert_clean(imported.both, lines=1)
    assert "␛]0;pwned␇" in imported.out
    missing = run("review", "Nobody-Here", "--data", fresh, home=tmp_path)
    assert missing.code == 2
    _assert_clean(missing.err, lines=1)


def test_unknown_name_lists_a_few_candidates_not_all(tmp_path: Path) -> None:
    root = tmp_path / "data"
    practice = Practice(root)
    for number in range(30):
        practice.create_client(f"Person Number{number:02d}")
    result = run("review", "Nobody", "--data", root, home=tmp_path)
    assert result.code == 2
    line = result.one_line_error()
    assert "and 25 more" in line
    assert len(line) < 300


def test_check_trash_is_neutralised(root: Path, tmp_path: Path) -> None:
    practice = Practice(root)
    item = practice.capture("marcus-bell", InsightKind.STRENGTH, EVIL)
    practice.delete("marcus-bell", "insights", item.id)
    result = run("check", "--trash", "--data", root, home=tmp_path)
    assert result.code == 0, result.both
    _assert_clean(result.both)
    assert "␛]0;pwned␇" in result.out


def test_scripts_listing_is_neutralised(tmp_path: Path) -> None:
    root = tmp_path / "data"
    Practice(root)
    folder = root / "scripts"
    folder.mkdir(mode=0o700)
    (folder / "evil.toml").write_text(
        'id = "evil"\ntitle = "Evil \\u001b]0;pwned\\u0007 \\u202eright"\nstage = "action"\n'
        '[[sections]]\ntitle = "S"\n[[sections.questions]]\nid = "q"\ntext = "Q?"\n',
        encoding="utf-8",
    )
    result = run("scripts", "--data", root, home=tmp_path)
    assert result.code == 0, result.both
    _assert_clean(result.both)
    assert "Evil ␛]0;pwned␇" in result.out


def test_review_neutralises_bidi_overrides(root: Path, tmp_path: Path) -> None:
    practice = Practice(root)
    practice.capture("marcus-bell", InsightKind.STRENGTH, "calm \u202eunder pressure")
    practice.update_client("marcus-bell", role="Head of \u202eSales")
    result = run("review", "Marcus", "--data", root, home=tmp_path)
    assert result.code == 0, result.both
    _assert_clean(result.out)
    assert "Head of �Sales" in result.out


# ------------------------------------------------------------------ sponsor names


def test_sponsor_report_scrubs_names_in_any_case(root: Path) -> None:
    practice = Practice(root)
    cid = "marcus-bell"
    practice.add_stakeholder(cid, "Zebulon Quartermaine", "manager")
    practice.add_stakeholder(cid, "Ximena Okonkwo-Bright", "peer")
    practice.add_stakeholder(cid, "Will Ångström", "peer")
    practice.capture(cid, InsightKind.WEAKNESS, "Loses my temper with ZEBULON in reviews")
    tense = "Tense with zebulon; avoids ximena and OKONKWO-BRIGHT"
    practice.capture(cid, InsightKind.STRENGTH, tense)
    practice.capture(cid, InsightKind.STRENGTH, "I will ask ångström and quartermaine for help")
    # The executive agrees to share every line, so only the scrubbing stands in the way.
    before = practice.load(cid)
    offered = consent.candidates(before, sponsor_scrub(before))
    consent.record_decisions(
        practice, cid, {c.key: True for c in offered}, texts={c.key: c.text for c in offered}
    )
    record = practice.load(cid)
    text, _ = sponsor_render.render(record, "final", "md", record.client.created.date())
    assert "I will ask" in text, "the consented strength is not in the report at all"
    lowered = text.casefold()
    for name in ("zebulon", "quartermaine", "ximena", "okonkwo", "bright", "ångström"):
        assert name not in lowered, f"{name} reached the sponsor report"
    assert "I will ask" in text, "a common word that is also a first name was scrubbed"


# ------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    "value",
    [" =1+1", "\n=cmd|' /C calc'!A0", "\t=1", "\r=1", "  +1", " -2", "\n@SUM(A1)", "=1", "+1"],
)
def test_csv_cells_with_leading_space_never_run(value: str) -> None:
    cell = _cell(value)
    assert cell.startswith("'"), repr(cell)
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell])
    assert next(csv.reader(io.StringIO(buffer.getvalue())))[0].startswith("'")


def test_csv_plain_text_is_left_alone() -> None:
    assert _cell("  plain words") == "  plain words"
    assert _cell("a-b") == "a-b"
