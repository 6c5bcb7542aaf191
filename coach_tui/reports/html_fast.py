"""The HTML of a report's Markdown without loading markdown-it, when that is safe.

Importing markdown-it-py and parsing a long final report is a fifth of
``coach-tui report --format html``. The reports write a small part of Markdown:
headings, paragraphs, tight bullet lists (one level of nesting), ordered lists,
one-paragraph quotes, rules, tables, ``*em*`` / ``**strong**`` around text, and user
text escaped by ``reports.markdown``. ``render`` turns exactly that part into the
HTML markdown-it gives for it (CommonMark, raw HTML off, tables on) and returns
None for anything else (a tab, an unescaped ``_`` or ``<``, a lazy continuation
line, a loose list, an emphasis that is not a plain pair…), and the page is then
made by markdown-it as before. tests/test_html_fast.py compares both on every
report of the demo practice, on hostile text and on random Markdown.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters whose handling differs in subtle ways (tabs, odd line ends, Unicode
#: spaces, NUL): a report holding one is left to markdown-it.
_UNSURE = re.compile(
    "[\t\r\x00\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
_HEADING = re.compile(r"(#{1,6}) (.*)")
_ORDERED = re.compile(r"([1-9][0-9]{0,8})\. (.*)")
_DELIMITER_CELL = re.compile(r":?-+:?")
#: How a paragraph line may not start: it could open another block or continue one.
_NOT_PLAIN = re.compile(r"[#>|=+\-_`~<\[! ]|\d+[.)]( |$)|\*+( |$)|\*[\s*]*$")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
#: Unescaped, these start markup other than emphasis: left to markdown-it.
_MARKUP = frozenset("_`<&[]!")
_WHITE = frozenset(" \n")


class _Unsure(Exception):
    """The Markdown is outside the part rendered here."""


def render(markdown: str) -> str | None:
    """The body HTML markdown-it would make of ``markdown``, or None if unsure."""
    if _UNSURE.search(markdown):
        return None
    try:
        return "".join(_blocks(markdown.split("\n")))
    except _Unsure:
        return None


def _blocks(lines: list[str]) -> list[str]:
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not line:
            i += 1
            continue
        if line.endswith(" "):
            raise _Unsure
        start = i
        heading = _HEADING.fullmatch(line)
        if heading and len(heading.group(1)) <= 3:
            text = heading.group(2)
            if not text or text.endswith("#") or text.startswith(" "):
                raise _Unsure
            level = len(heading.group(1))
            out.append(f"<h{level}>{_inline(text)}</h{level}>\n")
            i += 1
        elif line == "---":
            out.append("<hr />\n")
            i += 1
        elif line.startswith("> "):
            while i < n and lines[i].startswith("> "):
                i += 1
            body = [_plain(q[2:]) for q in lines[start:i]]
            out.append(f"<blockquote>\n<p>{_inline(chr(10).join(body))}</p>\n</blockquote>\n")
        elif line.startswith("- "):
            i = _bullets(lines, i, out)
        elif _ORDERED.fullmatch(line):
            i = _ordered(lines, i, out)
        elif line.startswith("|"):
            i = _table(lines, i, out)
        else:
            while i < n and lines[i]:
                _plain(lines[i])
                i += 1
            out.append(f"<p>{_inline(chr(10).join(lines[start:i]))}</p>\n")
            continue  # a blank line or the end follows
        if i < n and lines[i]:
            raise _Unsure  # no blank line after the block: continuation rules differ
        _no_second_list(lines, i, line)
    return out


def _no_second_list(lines: list[str], i: int, first: str) -> None:
    """A list, a blank line, and another item of the same kind would be one loose list."""
    j = i
    while j < len(lines) and not lines[j]:
        j += 1
    if j == i or j >= len(lines):
        return
    following = lines[j]
    if first.startswith("- ") and following.startswith("- "):
        raise _Unsure
    if _ORDERED.fullmatch(first) and _ORDERED.fullmatch(following):
        raise _Unsure


def _plain(text: str) -> str:
    """``text`` if it can only be a paragraph line, else unsure."""
    if not text or text.endswith(" ") or _NOT_PLAIN.match(text):
        raise _Unsure
    return text


def _bullets(lines: list[str], i: int, out: list[str]) -> int:
    out.append("<ul>\n")
    while i < len(lines) and lines[i].startswith("- "):
        item = _inline(_plain(lines[i][2:]))
        i += 1
        if i < len(lines) and lines[i].startswith("  - "):
            out.append(f"<li>{item}\n<ul>\n")
            while i < len(lines) and lines[i].startswith("  - "):
                out.append(f"<li>{_inline(_plain(lines[i][4:]))}</li>\n")
                i += 1
            out.append("</ul>\n</li>\n")
        else:
            out.append(f"<li>{item}</li>\n")
    out.append("</ul>\n")
    return i


def _ordered(lines: list[str], i: int, out: list[str]) -> int:
    first = _ORDERED.fullmatch(lines[i])
    assert first is not None
    number = int(first.group(1))
    out.append("<ol>\n" if number == 1 else f'<ol start="{number}">\n')
    while i < len(lines) and (item := _ORDERED.fullmatch(lines[i])):
        out.append(f"<li>{_inline(_plain(item.group(2)))}</li>\n")
        i += 1
    out.append("</ol>\n")
    return i


def _cells(line: str) -> list[str]:
    """A table row's cells, split as markdown-it splits them (``\\|`` keeps its pipe)."""
    if not line.startswith("|") or not line.endswith("|") or len(line) < 2:
        raise _Unsure
    cells: list[str] = []
    current, last, escaped = "", 0, False
    for pos, char in enumerate(line):
        if char == "|":
            if not escaped:
                cells.append(current + line[last:pos])
                current, last = "", pos + 1
            else:
                current += line[last : pos - 1]
                last = pos
        escaped = char == "\\"
    cells.append(current + line[last:])
    if cells[0] != "" or cells[-1] != "":
        raise _Unsure
    return [cell.strip(" ") for cell in cells[1:-1]]


def _table(lines: list[str], i: int, out: list[str]) -> int:
    header = _cells(lines[i])
    if i + 1 >= len(lines) or not lines[i + 1].startswith("|"):
        raise _Unsure
    marks = lines[i + 1].split("|")
    if marks[0] != "" or marks[-1] != "" or len(marks) - 2 != len(header) or not header:
        raise _Unsure
    aligns = []
    for mark in (m.strip(" ") for m in marks[1:-1]):
        if not _DELIMITER_CELL.fullmatch(mark):
            raise _Unsure
        right, left = mark.endswith(":"), mark.startswith(":")
        align = "center" if left and right else "right" if right else "left" if left else ""
        aligns.append(f' style="text-align:{align}"' if align else "")
    out.append("<table>\n<thead>\n<tr>\n")
    out += [f"<th{a}>{_inline(c)}</th>\n" for a, c in zip(aligns, header, strict=True)]
    out.append("</tr>\n</thead>\n")
    i += 2
    if i < len(lines) and lines[i]:
        out.append("<tbody>\n")
        while i < len(lines) and lines[i]:
            row = _cells(lines[i])
            if len(row) != len(header):
                raise _Unsure
            out.append("<tr>\n")
            out += [f"<td{a}>{_inline(c)}</td>\n" for a, c in zip(aligns, row, strict=True)]
            out.append("</tr>\n")
            i += 1
        out.append("</tbody>\n")
    out.append("</table>\n")
    return i


def _punct(char: str) -> bool:
    return char in _ASCII_PUNCT or unicodedata.category(char).startswith(("P", "S"))


def _inline(text: str) -> str:
    """One inline run (lines joined by newlines) as markdown-it renders it."""
    if not text or text[0] == " " or text[-1] == " ":
        raise _Unsure
    out: list[str] = []
    plain: list[str] = []
    opened: list[int] = []  # the length of the emphasis run open, if one is
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\":
            following = text[i + 1] if i + 1 < n else ""
            if following == "\n":
                plain.append("<br />\n")
                i += 2
                continue
            if following in _ASCII_PUNCT and following:
                plain.append(_escape(following))
                i += 2
                continue
            plain.append("\\")
            i += 1
            continue
        if char == "*":
            end = i
            while end < n and text[end] == "*":
                end += 1
            count = end - i
            before = text[i - 1] if i > 0 else " "
            after = text[end] if end < n else " "
            left = not (
                after in _WHITE or (_punct(after) and not (before in _WHITE or _punct(before)))
            )
            right = not (
                before in _WHITE or (_punct(before) and not (after in _WHITE or _punct(after)))
            )
            if count > 2 or left == right:
                raise _Unsure  # runs of 3+, or a run that could both open and close
            out.append("".join(plain))
            plain = []
            tag = "strong" if count == 2 else "em"
            if left:
                if opened:
                    raise _Unsure  # nested emphasis: left to markdown-it
                opened.append(count)
                out.append(f"<{tag}>")
            else:
                if not opened or opened[-1] != count:
                    raise _Unsure
                opened.pop()
                out.append(f"</{tag}>")
            i = end
            continue
        if char in _MARKUP:
            raise _Unsure
        plain.append(_escape(char) if char in '"<>&' else char)
        i += 1
    if opened:
        raise _Unsure
    out.append("".join(plain))
    return "".join(out)


def _escape(char: str) -> str:
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}.get(char, char)
