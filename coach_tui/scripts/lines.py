"""The TOML line finder: which line of a script file a problem is on.

tomllib forgets positions, so a problem found in the parsed data is mapped back to a
line by re-reading the text with a small lexer (strings, comments, brackets, table
headers and ``key =``). Layouts it cannot follow simply yield no line. tomllib's own
errors are located and worded here too.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from coach_tui.scripts.model import ScriptError, ScriptProblem


@dataclass
class _Block:
    """Where one table starts in the text and where each of its keys is written."""

    line: int
    keys: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, number: int, index: LineIndex | None) -> None:
        """Remember the first line of a key; note a repeat in ``index`` if given."""
        if key not in self.keys:
            self.keys[key] = number
        elif index is not None:
            index.repeated.append((number, key))


@dataclass
class LineIndex:
    """Line numbers of keys in the standard layout, so problems can point at a line.

    tomllib forgets positions, so this re-reads the text with a small lexer that only
    understands strings, comments, brackets, table headers and ``key =``. Layouts it
    cannot follow (inline tables of questions) simply yield no line.
    """

    top: _Block = field(default_factory=lambda: _Block(1))
    sections: list[_Block] = field(default_factory=list)
    questions: list[list[_Block]] = field(default_factory=list)
    repeated: list[tuple[int, str]] = field(default_factory=list)  # (line, key) set twice

    @classmethod
    def of(cls, text: str) -> LineIndex:
        index = cls()
        block, prefix = index.top, ""
        for number, line in _statement_lines(text):
            header = _HEADER.match(line)
            if header:
                block, prefix = index._enter(header.group(1), header.group(2), number)
                continue
            key = _KEY.match(line)
            if key:
                name = next(g for g in key.groups()[:3] if g is not None)
                dotted = key.group(4) == "."  # a.b = 1 and a.c = 2 share 'a' legitimately
                block.add(prefix + name, number, None if dotted else index)
        return index

    def _enter(self, brackets: str, name: str, number: int) -> tuple[_Block, str]:
        """Follow a table header: returns the block its keys belong to, and a prefix."""
        parts = [p.strip().strip("\"'") for p in name.split(".")]
        if parts[:1] != ["sections"]:
            self.top.keys.setdefault(parts[0], number)
            return _Block(number), ""  # a table we do not index: its keys go nowhere
        if parts == ["sections"]:
            self.top.keys.setdefault("sections", number)
            self._new_section(number)
            return self.sections[-1], ""
        if not self.sections:
            self._new_section(number)
        if parts[1] == "questions":
            self.sections[-1].keys.setdefault("questions", number)
            if len(parts) == 2 and brackets == "[[":
                self.questions[-1].append(_Block(number))
                return self.questions[-1][-1], ""
            if len(parts) == 2 or not self.questions[-1]:
                return _Block(number), ""
            question = self.questions[-1][-1]
            question.keys.setdefault(parts[2], number)
            return question, ".".join(parts[2:]) + "."
        self.sections[-1].keys.setdefault(parts[1], number)
        return self.sections[-1], ".".join(parts[1:]) + "."

    def _new_section(self, number: int) -> None:
        self.sections.append(_Block(number))
        self.questions.append([])

    def section_line(self, s: int, key: str | None = None) -> int | None:
        """The line of a section's key, else of its header."""
        if s >= len(self.sections):
            return self.top.keys.get("sections")
        block = self.sections[s]
        return block.keys.get(key, block.line) if key else block.line

    def has_question(self, s: int, q: int) -> bool:
        """Whether the question was written as a [[sections.questions]] table."""
        return s < len(self.questions) and q < len(self.questions[s])

    def question_line(self, s: int, q: int, key: str | None = None) -> int | None:
        """The line of a question's key, else of its id, else of its header."""
        if not self.has_question(s, q):
            return self.section_line(s, "questions")
        block = self.questions[s][q]
        for name in (key, key.split(".")[0]) if key else ():
            if name in block.keys:
                return block.keys[name]
        return block.keys.get("id", block.line)


_HEADER = re.compile(r"\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""\s*(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*([=.])""")


def _statement_lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield (line number, line) for each line that starts a TOML statement.

    Lines inside multi-line strings and multi-line arrays are skipped, so a probe
    that happens to read ``id = 3`` is never taken for a key.
    """
    open_string: str | None = None
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if open_string is None and depth == 0:
            yield number, line
        open_string, depth = _scan_line(line, open_string, depth)


def _scan_line(line: str, open_string: str | None, depth: int) -> tuple[str | None, int]:
    """Carry the lexer state (an open multi-line string, bracket depth) past a line."""
    i = 0
    while i < len(line):
        if open_string is not None:
            end = _find_closing(line, i, open_string)
            if end < 0:
                return open_string, depth
            i, open_string = end, None
            continue
        char = line[i]
        if char == "#":
            break
        if line.startswith('"""', i) or line.startswith("'''", i):
            open_string, i = line[i : i + 3], i + 3
        elif char in "\"'":
            end = _find_closing(line, i + 1, char)
            i = len(line) if end < 0 else end
        else:
            depth += (char in "[{") - (char in "]}")
            i += 1
    return open_string, max(depth, 0)


def _find_closing(line: str, start: int, delimiter: str) -> int:
    """The index just past the closing delimiter on this line, or -1."""
    i = start
    while i < len(line):
        if delimiter[0] == '"' and line[i] == "\\":
            i += 2
            continue
        if line.startswith(delimiter, i):
            end = i + len(delimiter)
            while line.startswith(delimiter[0], end) and len(delimiter) == 3:
                end += 1  # """a"""" ends with the last three quotes
            return end
        i += 1
    return -1


def find_id_line(text: str, qid: str) -> int | None:
    """The line of ``id = "qid"`` when the lexer could not place it (inline tables)."""
    pattern = re.compile(r"""(?:^|[{,\s])id\s*=\s*["']""" + re.escape(qid) + r"""["']""")
    lines = [n for n, line in enumerate(text.split("\n"), 1) if pattern.search(line)]
    return lines[0] if len(lines) == 1 else None


def load_toml(text: str, source: str) -> dict[str, Any]:
    """tomllib, with its error turned into a located ScriptProblem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message, line = toml_error(str(error), text)
        raise ScriptError([ScriptProblem(source, line, None, message)]) from None
    except RecursionError:
        raise ScriptError(
            [ScriptProblem(source, None, None, "invalid TOML: brackets nested too deeply")]
        ) from None
    if not isinstance(data, dict):  # pragma: no cover - tomllib always gives a table
        raise ScriptError([ScriptProblem(source, 1, None, "the top of the file is not a table")])
    return data


_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


_TOML_HINTS: Final[dict[str, str]] = {
    "Illegal character '\\n'": "a string is probably missing its closing quote",
    "Expected '=' after a key": "a key needs '= value', and text needs quotes",
    "Invalid value": "text needs quotes; true and false are lowercase",
    "Cannot": "a key or a table is written twice",
}


def toml_error(raw: str, text: str) -> tuple[str, int | None]:
    """Split tomllib's message into words, a hint and a line (3.11 has no lineno)."""
    match = _TOML_POSITION.search(raw)
    if not match:
        return f"invalid TOML: {raw}", None
    words, at_end = raw[: match.start()], match.group(1) is None
    line = text.rstrip("\n").count("\n") + 1 if at_end else int(match.group(1))
    if words.startswith("Cannot"):  # a repeated key: name it, and find it if tomllib did not
        for number, key in LineIndex.of(text).repeated:
            if number == line or at_end:
                return f"invalid TOML: '{key}' is set twice in the same table", number
    hint = next((f"; {h}" for key, h in _TOML_HINTS.items() if words.startswith(key)), "")
    if at_end and not words.startswith("Cannot"):
        hint = "; a list, a string or a table is probably not closed"
    where = "at the end of the file" if at_end else f"column {match.group(2)}"
    return f"invalid TOML: {words} ({where}){hint}", line
