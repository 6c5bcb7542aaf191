"""``coach-tui export`` / ``import``: a move to a new laptop loses nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from review_demo import DEMO, demo_copy, demo_template, fixed_clock

from coach_tui import exchange
from coach_tui.cli.main import main
from coach_tui.domain.model import InsightKind
from coach_tui.errors import InvalidInputError
from coach_tui.exchange import (
    CSV_COLUMNS,
    answer_rows,
    export_csv,
    export_document,
    import_document,
    validate,
)
from coach_tui.store.practice import Practice
from coach_tui.store.records import SCHEMA


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_template(tmp_path_factory)


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return demo_copy(tmp_path_factory, tmp_path / "data")


def _client_files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "clients").glob("*.json"))}


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ------------------------------------------------------------------ round trip


def test_export_then_import_gives_the_same_documents(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Something in the trash and an edited answer: history must travel too.
    practice = Practice(root, clock=fixed_clock)
    note = practice.capture("sofia-lindqvist", InsightKind.NOTE, "to be deleted")
    practice.delete("sofia-lindqvist", "insights", note.id)

    target = tmp_path / "backup.json"
    code, _, err = _run(["export", "--data", str(root), "-o", str(target)], capsys)
    assert code == 0, err
    assert target.stat().st_mode & 0o777 == 0o600
    fresh = tmp_path / "new-laptop"
    code, out, err = _run(["import", str(target), "--data", str(fresh)], capsys)
    assert code == 0, err
    assert "Imported 4 executive(s)" in out

    before, after = Practice(root), Practice(fresh)
    assert after.client_ids() == before.client_ids() == sorted(DEMO)
    for client_id in sorted(DEMO):
        old, new = before.export_client(client_id), after.export_client(client_id)
        assert sorted(new) == sorted(old)
        for table in old:
            assert len(new[table]) == len(old[table]), (client_id, table)
            for number, (a, b) in enumerate(zip(old[table], new[table], strict=True)):
                assert a == b, (client_id, table, number)
        assert after.load(client_id) == before.load(client_id)
    # The index is rebuilt: the practice lists the same rows.
    assert [(s.id, s.stage, s.sessions, s.next_session) for s in after.list_clients()] == [
        (s.id, s.stage, s.sessions, s.next_session) for s in before.list_clients()
    ]
    assert [t["doc"]["text"] for t in after.trash("sofia-lindqvist")] == ["to be deleted"]
    # And the new folder is private like any data folder.
    assert (fresh / "clients").stat().st_mode & 0o777 == 0o700
    for path in (fresh / "clients").glob("*.json"):
        assert path.stat().st_mode & 0o777 == 0o600


def test_export_of_one_executive(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["export", "Lindqvist", "--data", str(root)], capsys)
    assert code == 0
    document = json.loads(out)
    assert document["coach_tui_export"] == 1
    assert document["schema"] == SCHEMA
    assert list(document["clients"]) == ["sofia-lindqvist"]
    # Into a folder that has others: added beside them.
    other = tmp_path / "other"
    Practice(other).create_client("Ada Example")
    added = import_document(Practice(other), document, "the export")
    assert added == ["sofia-lindqvist"]
    assert Practice(other).client_ids() == ["ada-example", "sofia-lindqvist"]


def test_import_never_overwrites(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "all.json"
    assert main(["export", "--data", str(root), "-o", str(export)]) == 0
    # The folder already has one of them (changed since): refused, nothing written.
    partial = tmp_path / "partial"
    Practice(partial).create_client("Sofia Lindqvist", "Somewhere else")
    files = _client_files(partial)
    capsys.readouterr()
    code, _, err = _run(["import", str(export), "--data", str(partial)], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "sofia-lindqvist" in err and "nothing imported" in err
    assert _client_files(partial) == files


# ----------------------------------------------------------------- validation


def _document(demo: Path) -> dict[str, Any]:
    return export_document(Practice(demo, clock=fixed_clock), ["priya-raman"])


def _break(document: dict[str, Any], how: str) -> dict[str, Any]:
    client = document["clients"]["priya-raman"]
    if how == "no header":
        del document["coach_tui_export"]
    elif how == "newer format":
        document["coach_tui_export"] = 99
    elif how == "clients not an object":
        document["clients"] = []
    elif how == "bad id":
        document["clients"] = {"../escape": client}
    elif how == "id mismatch":
        document["clients"] = {"someone-else": client}
    elif how == "newer schema":
        client["meta"][0]["schema"] = SCHEMA + 1
    elif how == "foreign file":
        client["meta"][0]["kind"] = "something/else"
    elif how == "damaged session":
        client["sessions"][0]["started"] = "not a date"
    elif how == "table not a list":
        client["answers"] = {"1": {}}
    elif how == "document not an object":
        client["insights"].append("oops")
    elif how == "no engagement":
        client["engagements"] = []
    elif how == "two executives":
        client["client"].append(dict(client["client"][0]))
    return document


BREAKS = [
    ("no header", "not a coach-tui export"),
    ("newer format", "newer coach-tui"),
    ("clients not an object", "'clients'"),
    ("bad id", "not a valid executive id"),
    ("id mismatch", "not 'someone-else'"),
    ("newer schema", "newer coach-tui"),
    ("foreign file", "no coach-tui client header"),
    ("damaged session", "table 'sessions', document 1 is damaged"),
    ("table not a list", "table 'answers' is not a list"),
    ("document not an object", "is not an object"),
    ("no engagement", "no engagement"),
    ("two executives", "exactly one executive"),
]


@pytest.mark.parametrize(("how", "message"), BREAKS, ids=[b[0] for b in BREAKS])
def test_a_damaged_export_is_refused_whole(
    demo: Path, tmp_path: Path, how: str, message: str
) -> None:
    document = _break(_document(demo), how)
    target = tmp_path / "data"
    with pytest.raises(InvalidInputError, match=message) as caught:
        import_document(Practice(target), document, "backup.json")
    assert "\n" not in str(caught.value)
    assert list((target / "clients").glob("*.json")) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "broken JSON at line 1"),
        (b"\xff\xfe", "not text"),
        (b"[1, 2]", "not a coach-tui export"),
    ],
)
def test_an_unreadable_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = tmp_path / "backup.json"
    source.write_bytes(content)
    code, _, err = _run(["import", str(source), "--data", str(tmp_path / "data")], capsys)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_validate_returns_tables_ready_to_write(demo: Path) -> None:
    tables = validate(_document(demo))
    assert set(tables) == {"priya-raman"}
    assert tables["priya-raman"]["client"]["1"]["name"] == "Priya Raman"


def test_export_into_a_missing_folder_is_one_line(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "export.json"
    code, _, err = _run(["export", "--data", str(demo), "-o", str(target)], capsys)
    assert code == 2
    assert "no such folder" in err and len(err.strip().splitlines()) == 1


# ------------------------------------------------------------------------ CSV


def test_answers_as_csv(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["export", "--csv", "--data", str(demo)], capsys)
    assert code == 0
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    practice = Practice(demo)
    records = [practice.load(cid) for cid in practice.client_ids()]
    assert len(rows) - 1 == sum(len(r.answers) for r in records)
    sofia = practice.load("sofia-lindqvist")
    session = next(s for s in sofia.sessions if s.script_id == "action-checkin")
    answer = sofia.answers_of(session.id)["commitments"]
    row = next(
        r
        for r in rows
        if r[0] == "Sofia Lindqvist"
        and r[1] == session.started.date().isoformat()
        and r[5] == answer.question_text
    )
    assert row[2:5] == ["Action", "Action check-in (GROW)", "Will"]
    assert isinstance(answer.value, list)
    assert row[6] == "\n".join(answer.value)


def test_csv_of_one_executive_to_a_file(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "answers.csv"
    assert main(["export", "Priya", "--csv", "--data", str(demo), "-o", str(target)]) == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r[0] for r in rows[1:]} == {"Priya Raman"}


def test_csv_cells_never_run_as_formulas(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data", clock=fixed_clock)
    client = practice.create_client("=HYPERLINK(1)")

    class Script:
        id, title, version, audience = "quick", "+Quick", 1, "coach"
        questions: list[Any] = []

    class Question:
        id, text, kind, section, feeds = "q", "@question", "text", "-section", None

    Script.questions = [Question()]
    session = practice.start_session(client.id, Script())
    practice.save_answer(client.id, session.id, Question(), "=1+1")
    rows = answer_rows(practice.load(client.id))
    assert rows[0][0] == "'=HYPERLINK(1)"
    assert rows[0][3] == "'+Quick"
    assert rows[0][4] == "'-section"
    assert rows[0][5] == "'@question"
    assert rows[0][6] == "'=1+1"
    data = export_csv(practice).decode("utf-8-sig")
    assert "'=1+1" in data


def test_export_version_is_known() -> None:
    assert exchange.EXPORT_VERSION == 1
