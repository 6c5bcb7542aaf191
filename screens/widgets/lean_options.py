"""An ``OptionList`` that measures its options without rendering them.

Textual's ``OptionList`` draws only the lines on screen, but before it can draw it
measures every option: each prompt is turned into ``Content`` and wrapped to the
list's width just to count its lines (about 0.1 ms an option, profiled; a long
engagement's running views have a few hundred). The count comes from the same line
breaker the wrap uses (``rich._wrap.divide_line``), called on the prompt's plain text,
which is several times cheaper and gives the same number of lines: the lines drawn,
for the options on screen, are still wrapped by Textual as before. Prompts this
shortcut does not cover (several lines, tabs, a style that does not wrap) are
measured the usual way.

It also keeps its rendered options when it is resized to a new height only: Textual's
throws them away on every resize, and a new screen is resized twice while it opens,
so each option on screen was rendered three times before the screen settled.

Everything else — keys, mouse, highlight, messages, styles — is ``OptionList``'s own.
"""

from __future__ import annotations

import re
from typing import cast

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.text import Text
from textual._loop import loop_last
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets.option_list import Option

#: A word and the spaces around it, as ``rich._wrap`` splits a line.
WORD = re.compile(r"\s*\S+\s*")
#: Text whose printable characters each take one cell, as rich counts them: ASCII,
#: Latin, Greek, Cyrillic, and the dashes, quotes, currency and arrows a coach types.
ONE_CELL_EACH = re.compile(
    "[ -~\xa0-\u02ff\u0370-\u03ff\u0400-\u0482\u2010-\u2027\u2030-\u205e"
    "\u20a0-\u20c0\u2100-\u214f\u2190-\u21ff]*"
)


def wrapped_height(plain: str, width: int) -> int:
    """The lines one line of plain text takes, wrapped at ``width`` as Textual wraps it."""
    if plain.isprintable():  # rich's divide_line, without the folding
        one_cell_each = plain.isascii() or ONE_CELL_EACH.fullmatch(plain)
        measure = len if one_cell_each else cell_len
        if measure(plain) <= width:
            return 1
        lines, offset = 1, 0
        for word in WORD.findall(plain):
            length = measure(word.rstrip())
            if width - offset >= length:
                offset += measure(word)
            elif length > width:
                break  # a word longer than a line is folded: leave it to rich
            elif offset:
                lines, offset = lines + 1, measure(word)
        else:
            return lines
    elif cell_len(plain) <= width:
        return 1
    return len(divide_line(plain, width, fold=True)) + 1


class LeanOptionList(OptionList):
    """``OptionList`` with option heights counted rather than rendered."""

    #: The width the cached lines and renders were made for (None: nothing cached).
    _cached_width: int | None = None
    #: Set for the one ``_clear_caches`` of OptionList's resize handler, to skip it.
    _keep_caches = False

    def _on_resize(self) -> None:
        """A new height changes no option's lines: keep them if the width is the same.

        Textual calls every class's ``_on_resize``, this one first; OptionList's own,
        next, clears the caches.
        """
        self._keep_caches = self.scrollable_content_region.width == self._cached_width

    def _clear_caches(self) -> None:
        if self._keep_caches:
            self._keep_caches = False
            return
        self._cached_width = None
        super()._clear_caches()

    def _plain_wrap(self) -> bool:
        """Whether the list's text style is the default one the shortcut assumes."""
        rules = cast(RulesMap, self.styles)
        return (
            rules.get("text_wrap", "wrap") == "wrap"
            and rules.get("text_overflow", "fold") == "fold"
            and not rules.get("line_pad", 0)
        )

    def option_height(self, option: Option, width: int, plain_wrap: bool | None = None) -> int:
        """Lines the option's prompt takes at ``width`` (without a divider)."""
        prompt = option.prompt
        if plain_wrap is None:
            plain_wrap = self._plain_wrap()
        if plain_wrap and width > 0 and isinstance(prompt, Text):
            plain = prompt.plain
            if "\n" not in plain and "\t" not in plain:
                return wrapped_height(plain, width)
        return self._get_visual(option).get_height(cast(RulesMap, self.styles), width)

    def settle_before_paint(self) -> None:
        """Count the lines now, so a scrollbar they need is laid out before the first
        paint (``screens.first_frame.LaidOutOnce``), not found while painting; counted again
        if the layout since has changed the width (a scrollbar beside the list)."""
        if self._cached_width not in (None, self.scrollable_content_region.width):
            self._cached_width = None
            super()._clear_caches()
        self._update_lines()

    def _update_lines(self) -> None:
        """``OptionList._update_lines`` with the heights counted (see the module)."""
        if not self.scrollable_content_region:
            return
        line_cache = self._line_cache
        lines = line_cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        if not lines:  # measured from the first option: at this width
            self._cached_width = self.scrollable_content_region.width
        if next_index < len(self.options):
            padding = self.get_component_styles("option-list--option").padding
            plain_wrap = self._plain_wrap()
            inner = width - padding.width
            for index, option in enumerate(self.options[next_index:], next_index):
                line_cache.index_to_line[index] = len(lines)
                count = self.option_height(option, inner, plain_wrap) + option._divider
                line_cache.heights[index] = count
                lines.extend((index, line_no) for line_no in range(count))
        last_divider = self.options and self.options[-1]._divider
        virtual_size = Size(width, len(lines) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            room = self.scrollable_content_region.height
            if virtual_size.height <= room and self.virtual_size.height <= room:
                # The options fit, before and after: no scrollbar comes or goes, so
                # nothing to lay out again. (Set as Textual would, the first drawing
                # of a new screen's list laid the whole screen out a second time.)
                self.set_reactive(OptionList.virtual_size, virtual_size)
            else:
                self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The height for ``height: auto``, counted the same way."""
        padding = self.get_component_styles("option-list--option").padding.width
        plain_wrap = self._plain_wrap()
        return sum(
            self.option_height(option, width - padding, plain_wrap)
            + (1 if option._divider and not last else 0)
            for last, option in loop_last(self.options)
        )


__all__ = ["LeanOptionList", "wrapped_height"]
