"""Reports: the session summary and the final report, for the executive or the sponsor.

Confidentiality is checked by searching the output for what must never be there:
every verbatim answer, every private note, every stakeholder's name.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from review_demo import DEMO, TODAY, demo_copy, demo_template, fixed_clock

from coach_tui.cli.main import main
from coach_tui.domain import consent, goals, privacy
from coach_tui.domain.model import ClientRecord, InsightKind
from coach_tui.errors import InvalidInputError
from coach_tui.reports.frame import title
from coach_tui.reports.report import (
    build_final_report,
    build_session_summary,
    md_escape,
    render_report,
    to_html,
    write_report,
)
from coach_tui.scripts.library import load_library
from coach_tui.store.practice import Practice

KINDS = ("final", "session")
TEXT_KINDS = ("text", "line", "list")
#: Answers shorter than this are words anyone might write ("yes", "Reports to the CDO"
#: is 18); they are still checked when they come from a stakeholder.
MIN_CHECKED = 12


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_template(tmp_path_factory)


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return demo_copy(tmp_path_factory, tmp_path / "data")


def _load(root: Path, client_id: str) -> ClientRecord:
    return Practice(root, clock=fixed_clock).load(client_id)


# ----------------------------------------------------------- what must not leak


def _lines_of(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, str):
        whole = value.strip()
        parts = [line.strip() for line in value.splitlines() if line.strip()]
        return [whole, *parts] if whole and len(parts) > 1 else parts
    return []


def verbatim_answers(record: ClientRecord) -> set[str]:
    """Every answer a person gave (and every earlier value), line by line.

    A line the coach kept as a running-view item (a goal, a strength) is a theme,
    not a quote: the sponsor's report may name it. A stakeholder's words never are.
    """
    themes = {i.text for i in record.insights if not i.private}
    stakeholder_sessions = {s.id for s in record.sessions if s.audience == "stakeholder"}
    found: set[str] = set()
    for answer in record.answers:
        if answer.kind not in TEXT_KINDS:
            continue
        values = [answer.value, *(edit.value for edit in answer.history)]
        for value in values:
            for line in _lines_of(value):
                from_stakeholder = answer.session_id in stakeholder_sessions
                if from_stakeholder or (len(line) >= MIN_CHECKED and line not in themes):
                    found.add(line)
    for survey in record.surveys:
        if survey.suggestion.strip():
            found.add(survey.suggestion.strip())
    return found


def private_texts(record: ClientRecord) -> set[str]:
    """Private notes and captures, the coach's notes answers, the plans' notes."""
    found = {i.text for i in record.insights if i.private}
    for answer in record.answers:
        if answer.question_id == "coach-notes":
            found.update(line for line in _lines_of(answer.value) if len(line) >= MIN_CHECKED)
    found.update(p.notes.strip() for p in record.plans if p.notes.strip())
    return found


def stakeholder_names(record: ClientRecord) -> set[str]:
    names: set[str] = set()
    for person in record.stakeholders:
        names.add(person.name)
        names.update(part for part in person.name.split() if len(part) >= 3)
    return names


def _contains(text: str, needle: str) -> bool:
    """``needle`` in the report, allowing for Markdown's backslash escapes."""
    plain = re.sub(r"\\(.)", r"\1", text)
    return needle in plain or md_escape(needle) in text


def _word(text: str, name: str) -> bool:
    plain = re.sub(r"\\(.)", r"\1", text)
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", plain) is not None


def _reports(record: ClientRecord, audience: str) -> dict[str, str]:
    if audience == "sponsor" and consent.relied_on(record) is None:
        return {}  # no consent recorded: nothing is made for the sponsor at all
    return {
        f"{kind}.{fmt}": render_report(record, kind, audience, fmt, TODAY)
        for kind in KINDS
        for fmt in ("md", "html")
        if kind == "final" or any(s.audience == "coach" for s in record.sessions)
    }


@pytest.mark.parametrize("client_id", sorted(DEMO))
def test_the_sponsor_never_sees_words_notes_or_names(demo: Path, client_id: str) -> None:
    record = _load(demo, client_id)
    quotes = verbatim_answers(record)
    secrets = private_texts(record)
    names = stakeholder_names(record)
    assert quotes and secrets, "the demo must give this test something to look for"
    # The search works: the executive's own summary does quote their answers.
    summary = render_report(record, "session", "client", "md", TODAY)
    assert any(_contains(summary, q) for q in quotes)
    for name, text in _reports(record, "sponsor").items():
        leaked_quotes = sorted(q for q in quotes if _contains(text, q))
        assert leaked_quotes == [], f"{name} quotes answers"
        leaked_secrets = sorted(s for s in secrets if _contains(text, s))
        assert leaked_secrets == [], f"{name} shows private notes"
        leaked_names = sorted(n for n in names if _word(text, n))
        assert leaked_names == [], f"{name} names stakeholders"


@pytest.mark.parametrize("client_id", sorted(DEMO))
def test_the_executive_never_sees_private_notes(demo: Path, client_id: str) -> None:
    record = _load(demo, client_id)
    secrets = private_texts(record)
    for name, text in _reports(record, "client").items():
        leaked = sorted(s for s in secrets if _contains(text, s))
        assert leaked == [], f"{name} shows private notes"
        # Stakeholders' words come without names: no full name anywhere in the report.
        if name.startswith("final"):
            named = sorted(p.name for p in record.stakeholders if _word(text, p.name))
            assert named == [], f"{name} names stakeholders"


def test_the_executive_gets_the_whole_picture(demo: Path) -> None:
    record = _load(demo, "daniel-okafor")
    text = build_final_report(record, "client", TODAY)
    for heading in (
        "## Executive summary",
        "## Objectives",
        "## Measured outcomes",
        "## Stakeholder change per goal",
        "## Attendance",
        "## Examples of changed behaviour",
        "## Competency ratings before and after",
        "## What stakeholders said",
        "## Strengths to keep using",
        "## What you will keep doing",
        "## Your view of the change and of the coaching",
        "## Recommendations",
        "### Remaining development areas",
        "## Sustainment plan",
        "### Self beside stakeholders (final ratings)",
    ):
        assert heading in text
    for goal in record.insights_of(InsightKind.GOAL):
        if goals.is_agreed(goal):
            assert goal.text in text
    assert re.search(r"- Pulse [^:]+: \+\d\.\d, \d+% positive \(n=\d+\)", text)
    assert "From 3 interviews and 10 mini-survey responses." in text  # two pulses of 5
    # Groups smaller than three are never shown on their own; the demo's are all
    # small, so the table by relationship, which would show no figure, is left out.
    assert "| manager |" not in text and "By relationship" not in text


def test_the_sponsor_gets_themes_and_scores(demo: Path) -> None:
    record = _load(demo, "daniel-okafor")
    text = build_final_report(record, "sponsor", TODAY)
    assert "Prepared 2 Mar 2026 for the sponsor." in text
    assert "## What stakeholders said" not in text
    assert "Blind spots" not in text
    for goal in record.insights_of(InsightKind.GOAL):
        assert goal.text in text
        assert f"{goal.scores[-1].score:+d}" in text
    assert "[name withheld]" in re.sub(r"\\(.)", r"\1", text)  # "Hand ... to Femi"


def test_private_and_unshared_items(root: Path) -> None:
    practice = Practice(root, clock=fixed_clock)
    cid = "sofia-lindqvist"
    record = practice.load(cid)
    last = [s for s in record.sessions if s.audience == "coach"][-1]
    # A line of an answer captured as a private strength: gone from the answer too.
    secret = "Privately worried the CDO role goes to an outsider"
    library = load_library(root)
    question = library.get("action-checkin").question("obstacles")
    practice.save_answer(cid, last.id, question, f"Time pressure.\n{secret}\nBudget.")
    practice.capture(cid, InsightKind.STRENGTH, secret, session_id=last.id, private=True)
    # A development area nobody decided on: the executive's, not the sponsor's.
    practice.capture(
        cid, InsightKind.WEAKNESS, "Freezes when the CEO asks for numbers", session_id=last.id
    )
    record = practice.load(cid)
    for audience in ("client", "sponsor"):
        for kind in KINDS:
            text = render_report(record, kind, audience, "md", TODAY)
            assert secret not in text
    client = build_session_summary(record, "client", today=TODAY)
    assert "Time pressure." in client and "Budget." in client
    assert "Freezes when the CEO asks for numbers" in build_final_report(record, "client", TODAY)
    assert "Freezes when the CEO" not in build_final_report(record, "sponsor", TODAY)


def test_user_text_cannot_become_markup_or_a_resource(root: Path) -> None:
    practice = Practice(root, clock=fixed_clock)
    cid = "daniel-okafor"
    nasty = (
        "![pixel](https://tracker.example/p.png) <img src=https://x.example/a.png> "
        "<script>alert(1)</script> [click](javascript:alert(1)) <https://auto.example> "
        "&copy; **bold** `code` | pipe"
    )
    made = [
        practice.capture(cid, InsightKind.STRENGTH, text)
        for text in (nasty, "# not a heading", "1. not a list")
    ]
    # The executive agreed to share them, so the sponsor's version carries them too.
    consent.record_decisions(practice, cid, {consent.item_key(i.id): True for i in made})
    record = practice.load(cid)
    for audience in ("client", "sponsor"):
        page = render_report(record, "final", audience, "html", TODAY)
        assert_self_contained(page)
        body = page.split("<body>", 1)[1]
        assert "<script" not in body and "<img" not in body and "<a " not in body
        assert "&lt;script&gt;" in body
        assert "![pixel](https://tracker.example/p.png)" in body
        assert "&amp;copy;" in body
        assert "<strong>bold</strong>" not in body
        assert "<li># not a heading</li>" in body
        assert "<li>1. not a list</li>" in body


# -------------------------------------------------------------------------- HTML


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self.styles: list[str] = []
        self._heading: str | None = None
        self._text: list[str] = []
        self._in_style = False
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "hr", "img", "link", "input"):
            self.stack.append(tag)
        if tag in ("h1", "h2", "h3"):
            self._heading, self._text = tag, []
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))  # <br />, <hr />: nothing to close

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()
        if tag == self._heading:
            self.headings.append((tag, "".join(self._text).strip()))
            self._heading = None
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)
        if self._in_style:
            self.styles.append(data)


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], f"unclosed tags: {parser.stack}"
    return parser


def assert_self_contained(page: str) -> None:
    """No script, no link, no image, no frame; no URL anywhere in tags or CSS."""
    assert page.startswith("<!DOCTYPE html>")
    parsed = parse(page)
    forbidden = {"script", "link", "img", "iframe", "object", "embed", "source", "video",
                 "audio", "base", "form", "svg"}  # fmt: skip
    assert not [t for t, _ in parsed.tags if t in forbidden]
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert name not in ("src", "href", "srcset", "action", "background"), (tag, name)
            assert "://" not in (value or ""), (tag, name, value)
    css = "".join(parsed.styles)
    assert "@media print" in css
    assert "url(" not in css and "@import" not in css and "://" not in css


def _md_headings(markdown: str) -> list[tuple[str, str]]:
    found = []
    for line in markdown.splitlines():
        match = re.match(r"^(#{1,3}) (.*)$", line)
        if match:
            level = f"h{len(match.group(1))}"
            found.append((level, re.sub(r"\\(.)", r"\1", match.group(2)).strip()))
    return found


@pytest.mark.parametrize("client_id", sorted(DEMO))
@pytest.mark.parametrize("audience", ["client", "sponsor"])
@pytest.mark.parametrize("kind", KINDS)
def test_html_is_the_markdown_self_contained(
    demo: Path, client_id: str, audience: str, kind: str
) -> None:
    record = _load(demo, client_id)
    if audience == "sponsor" and consent.relied_on(record) is None:
        with pytest.raises(consent.ConsentMissingError):
            render_report(record, kind, audience, "md", TODAY)
        return
    markdown = render_report(record, kind, audience, "md", TODAY)
    page = render_report(record, kind, audience, "html", TODAY)
    assert_self_contained(page)
    parsed = parse(page)
    assert parsed.headings == _md_headings(markdown)
    assert len(parsed.headings) >= (3 if audience == "sponsor" else 4)
    assert f"<title>{title(kind, record)}</title>" in page  # type: ignore[arg-type]
    assert '<meta charset="utf-8">' in page


def test_to_html_escapes_the_title() -> None:
    page = to_html("# Hi\n", "<script>x</script>")
    assert "<title>&lt;script&gt;x&lt;/script&gt;</title>" in page
    assert_self_contained(page)


# ------------------------------------------------------------------ the session


def test_the_session_summary_is_the_latest_call(demo: Path) -> None:
    record = _load(demo, "sofia-lindqvist")
    last = [s for s in record.sessions if s.audience == "coach"][-1]
    text = build_session_summary(record, "client", today=TODAY)
    assert f"{last.started:%A} {last.started.day} {last.started:%B %Y}" in text
    for heading in ("## What we covered", "## Goals", "## Commitments", "## Next session"):
        assert heading in text
    answered = record.answers_of(last.id)
    asked = [
        q
        for q in last.questions
        if q.id in answered
        and answered[q.id].value
        and not answered[q.id].private
        and q.id not in privacy.COACH_ONLY_QUESTIONS
    ]
    assert asked and asked[0].text in text  # the question as it was asked
    sponsor = build_session_summary(record, "sponsor", today=TODAY)
    assert "## What we covered" not in sponsor
    assert "GAS +1" in sponsor


def test_no_session_to_summarise(tmp_path: Path) -> None:
    practice = Practice(tmp_path / "data", clock=fixed_clock)
    client = practice.create_client("Ada Example")
    record = practice.load(client.id)
    with pytest.raises(InvalidInputError, match="no finished session"):
        build_session_summary(record, "client", today=TODAY)
    # The report of an executive with nothing yet still reads well.
    text = build_final_report(record, "client", TODAY)
    assert "No development goals agreed yet." in text
    assert text.startswith("# Progress report: Ada Example")
    with pytest.raises(consent.ConsentMissingError, match="no consent"):
        build_final_report(record, "sponsor", TODAY)


# ------------------------------------------------------- writing and the history


def test_write_report_records_the_event(root: Path, tmp_path: Path) -> None:
    practice = Practice(root, clock=fixed_clock)
    target = tmp_path / "out" / "final.html"
    target.parent.mkdir()
    written = write_report(practice, "sofia-lindqvist", "final", "sponsor", "html", target)
    assert written == target
    assert target.stat().st_mode & 0o777 == 0o600
    assert_self_contained(target.read_text(encoding="utf-8"))
    event = practice.load("sofia-lindqvist").events[-1]
    assert event.kind == "report"
    assert event.detail == "final report for sponsor (html) to final.html"
    assert event.at.date() == TODAY


def test_write_report_default_folder(root: Path) -> None:
    practice = Practice(root, clock=fixed_clock)
    path = write_report(practice, "daniel-okafor", "session", "client", "md")
    assert path.parent == root / "reports"
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert path.name == f"daniel-okafor-session-client-{TODAY.isoformat()}.md"
    detail = practice.load("daniel-okafor").events[-1].detail
    assert detail.startswith("session summary of ") and "for executive (md)" in detail


def test_report_command(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "sponsor.md"
    code = main(
        ["report", "Okafor", "--audience", "sponsor", "--data", str(root), "-o", str(target)]
    )
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Final report: Daniel Okafor")
    assert main(["report", "Okafor", "--kind", "session", "--data", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Session summary: Daniel Okafor")
    details = [e.detail for e in Practice(root).load("daniel-okafor").events if e.kind == "report"]
    assert details[-2] == "final report for sponsor (md) to sponsor.md"
    assert details[-1].endswith("for executive (md) to the terminal")


def test_report_into_a_missing_folder_is_one_line(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nowhere" / "r.md"
    assert main(["report", "Okafor", "--data", str(root), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "no such folder" in err
    assert not any(e.kind == "report" for e in Practice(root).load("daniel-okafor").events)
