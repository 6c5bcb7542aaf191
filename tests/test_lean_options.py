"""The lean option list counts each option's lines as Textual wraps them, and draws
user text as text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coach_tui.text import one_line
from screens.widgets.lean_options import LeanOptionList, wrapped_height

WORDS = st.lists(
    st.sampled_from(
        ["a", "the", "executive", "Zoë", "🚀", "日本語の", "x" * 30, "", " ", "  ", "—", "[/]"]
    ),
    max_size=40,
).map(" ".join)
ASCII = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=160)
#: What a coach types beyond ASCII, where each character is one cell (counted quicker).
PROSE = st.text(st.sampled_from(list("abc de —’“”é ñ€→ßΩЖ…\u00ad\u2011")), max_size=160)
TEXTS = st.one_of(
    WORDS, ASCII, PROSE, st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=120)
)


@settings(max_examples=500)
@given(TEXTS, st.integers(min_value=1, max_value=90))
def test_the_count_is_the_height_textual_wraps_to(plain: str, width: int) -> None:
    expected = Content(plain).get_height({}, width)  # type: ignore[arg-type]
    assert wrapped_height(plain, width) == expected


ODD = [
    "[/]",
    "[@click=app.quit]x[/]",
    "\x1b[31mred\x1b[0m and on",
    "\u202eevil right to left",
    "  a long item that wraps over more than one line of the list, with hard numbers",
]


class ListApp(App[None]):
    """A bare app with the lean list beside Textual's own, holding the same options
    (user text made one visible line, as the screens do)."""

    def compose(self) -> ComposeResult:
        for kind, name in ((LeanOptionList, "lean"), (OptionList, "plain")):
            yield kind(*(Option(Text(one_line(t)), id=f"o{i}") for i, t in enumerate(ODD)), id=name)

    CSS = "OptionList { width: 50%; height: 1fr; }"


def drawn(options: OptionList) -> list[str]:
    return [options.render_line(y).text for y in range(options.scrollable_content_region.height)]


async def test_same_lines_as_textual_and_user_text_stays_text() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        lean = app.query_one("#lean", LeanOptionList)
        plain = app.query_one("#plain", OptionList)
        assert lean.virtual_size == plain.virtual_size
        assert drawn(lean) == drawn(plain)
        for size in ((60, 24), (44, 24), (90, 40)):  # taller or shorter, narrower, wider
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert lean.virtual_size == plain.virtual_size, size
            assert drawn(lean) == drawn(plain), size
        shown = "".join(drawn(lean))
        assert "[@click=app.quit]x[/]" in shown and "[/]" in shown
        assert "\x1b" not in shown and "\u202e" not in shown
        await pilot.click(LeanOptionList, offset=(3, 2))  # the "[@click=…]" option
        await pilot.pause()
        assert app.is_running  # nothing in the text ran as an action
        assert lean.highlighted_option is not None and lean.highlighted_option.id == "o1"
