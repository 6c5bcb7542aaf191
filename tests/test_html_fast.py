"""``reports.html_fast`` renders the reports' Markdown exactly as markdown-it does.

For every document it accepts, its HTML must equal markdown-it's (CommonMark, raw
HTML off, tables on: what ``html_page`` used alone before); for anything else it
returns None and markdown-it renders the page. Checked on every report of the demo
practice (where the fast path must be taken), and on random Markdown built from the
blocks the reports write with random text, escaped as the reports escape it or raw.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from review_demo import TODAY, demo_template

from coach_tui.errors import CoachError
from coach_tui.reports import html_fast, html_page, writing
from coach_tui.reports.markdown import md_block, md_cell, md_escape
from coach_tui.store.practice import Practice

REFERENCE = MarkdownIt("commonmark", {"html": False}).enable("table")


def assert_same(markdown: str) -> str | None:
    fast = html_fast.render(markdown)
    if fast is not None:
        assert fast == REFERENCE.render(markdown), markdown
    return fast


def test_every_demo_report_takes_the_fast_path_and_matches(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    practice = Practice(demo_template(tmp_path_factory), read_only=True)
    rendered = 0
    for summary in practice.list_clients():
        record = practice.load(summary.id)
        for kind in ("final", "session"):
            for audience in ("client", "sponsor"):
                try:
                    markdown = writing.render_report(record, kind, audience, "md", TODAY)
                except CoachError:
                    continue  # no consent recorded for the sponsor, or no session yet
                assert assert_same(markdown) is not None, (summary.id, kind, audience)
                rendered += 1
    assert rendered >= 10


def test_the_page_is_the_same_either_way(tmp_path_factory: pytest.TempPathFactory) -> None:
    practice = Practice(demo_template(tmp_path_factory), read_only=True)
    record = practice.load(practice.list_clients()[0].id)
    markdown = writing.render_report(record, "final", "client", "md", TODAY)
    page = html_page.to_html(markdown, "Title")
    assert REFERENCE.render(markdown) in page


# ------------------------------------------------------------------ random Markdown

#: Characters that mean something to Markdown, and some that are merely unusual.
TRICKY = "*_`<>&[]!\\|#-+=.:)( \"'~^{}1aZé李\u0301\u00a0\t"
raw_text = st.text(alphabet=st.sampled_from(TRICKY), min_size=0, max_size=14)
any_text = st.text(min_size=0, max_size=14)
words = st.one_of(raw_text, any_text.map(md_escape), raw_text.map(md_escape))


@st.composite
def inline(draw: st.DrawFn) -> str:
    parts = draw(st.lists(words, min_size=1, max_size=3))
    style = draw(st.sampled_from(["", "*", "**", "mix"]))
    if style == "mix":
        return f"**{parts[0]}** {' '.join(parts[1:])} *({parts[-1]})*"
    return style + " ".join(parts) + style


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["h", "p", "ul", "ol", "quote", "hr", "table", "block"]))
    if kind == "h":
        return "#" * draw(st.integers(1, 4)) + " " + draw(inline())
    if kind == "p":
        return "\n".join(draw(st.lists(inline(), min_size=1, max_size=3)))
    if kind == "ul":
        items = draw(st.lists(inline(), min_size=1, max_size=3))
        nested = draw(st.lists(inline(), max_size=2))
        return "\n".join([f"- {i}" for i in items] + [f"  - {n}" for n in nested])
    if kind == "ol":
        start = draw(st.integers(0, 12))
        items = draw(st.lists(inline(), min_size=1, max_size=3))
        return "\n".join(f"{start + k}. {i}" for k, i in enumerate(items))
    if kind == "quote":
        return "\n".join(f"> {i}" for i in draw(st.lists(inline(), min_size=1, max_size=2)))
    if kind == "hr":
        return "---"
    if kind == "block":
        return md_block(draw(st.text(max_size=30)))
    columns = draw(st.integers(1, 3))
    marks = draw(
        st.lists(st.sampled_from(["---", ":--", "--:", ":-:"]), min_size=columns, max_size=columns)
    )
    rows = draw(
        st.lists(st.lists(any_text.map(md_cell), min_size=columns, max_size=columns), max_size=3)
    )
    head = draw(st.lists(words, min_size=columns, max_size=columns))
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(marks) + "|"]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


@given(st.lists(block(), min_size=1, max_size=6), st.sampled_from(["\n\n", "\n", "\n\n\n"]))
def test_random_report_markdown_renders_as_markdown_it_does(blocks: list[str], gap: str) -> None:
    assert_same(gap.join(blocks) + "\n")


@given(st.text(max_size=60))
def test_any_text_is_rendered_as_markdown_it_does_or_left_to_it(text: str) -> None:
    assert_same(text)


@pytest.mark.parametrize(
    "markdown",
    [
        "a_b",
        "**a *b* c**",
        "- a\n\n- b",
        "1. a\n\n2. b",
        "text\n- item",
        "text\n---",
        "- a\ncontinued",
        "| a |\n|---|\n| b | c |",
        "a\tb",
        "x **y**z",
        "**",
        "#### deep",
    ],
)
def test_what_it_does_not_know_is_left_to_markdown_it(markdown: str) -> None:
    assert html_fast.render(markdown) is None
