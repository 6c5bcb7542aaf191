"""The stage scripts: loaded from TOML, validated, and kept as frozen dataclasses.

A script is what the coach walks through in a session: sections of questions, each
with the words to say, guidance and probes, an answer kind, and the running view its
answers feed. The shipped scripts live in the ``prompts`` package; the coach's own
(in ``locations.scripts_dir``) add to or replace them by id.

Scripts are written by people in a text editor, so the loader is a linter as much as
a parser: it collects *every* problem it finds, each with the file, the line and the
question id, in words a coach can act on. A broken coach's script never stops the
app: ``load_library`` reports it and carries on with the rest.
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Final

from coach_tui import locations
from coach_tui.domain.model import FEEDS_TO_KIND, STAGES, Stage
from coach_tui.scripts import files as script_files

QUESTION_KINDS: Final[tuple[str, ...]] = (
    "text",
    "line",
    "list",
    "rating",
    "choice",
    "choices",
    "yesno",
    "date",
)
AUDIENCES: Final[tuple[str, ...]] = ("coach", "executive", "stakeholder")
FEEDS: Final[tuple[str, ...]] = tuple(FEEDS_TO_KIND)

#: The script each stage opens with unless the coach picks another.
DEFAULT_SCRIPTS: Final[dict[Stage, str]] = {
    Stage.AWARENESS: "awareness-intake",
    Stage.ANALYSIS: "development-plan",
    Stage.ACTION: "action-checkin",
    Stage.ACHIEVEMENT: "achievement-review",
}

DEFAULT_SCALE: Final[tuple[int, int]] = (1, 5)
DEFAULT_MINUTES: Final[int] = 60

#: Kinds whose answers are text, and so can become lines in a running view.
FEEDING_KINDS: Final[tuple[str, ...]] = ("text", "line", "list")
CHOICE_KINDS: Final[tuple[str, ...]] = ("choice", "choices")

SCRIPT_KEYS: Final[tuple[str, ...]] = (
    "id",
    "title",
    "stage",
    "audience",
    "minutes",
    "version",
    "method",
    "description",
    "sections",
)
SECTION_KEYS: Final[tuple[str, ...]] = ("title", "guidance", "questions")
QUESTION_KEYS: Final[tuple[str, ...]] = (
    "id",
    "text",
    "kind",
    "guidance",
    "probes",
    "scale",
    "labels",
    "options",
    "feeds",
    "carry",
    "required",
    "competency",
    "per_goal",
    "placeholder",
    "coach_only",
)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
_SHIPPED_PACKAGE = "prompts"


def slugify(text: str) -> str:
    """Lowercase letters, digits and single hyphens: the shape of every id."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def competency_id(competency: str) -> str:
    """The question id of a competency's rating, the same in every script.

    Self-assessment and stakeholder ratings are set side by side by competency, so
    both scripts name the question the same way: ``competency-<slug>``.
    """
    return f"competency-{slugify(competency)}"


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Question:
    """One question as the script defines it: the words, the kind, what it feeds."""

    id: str
    text: str
    kind: str
    section: str
    guidance: str = ""
    probes: tuple[str, ...] = ()
    scale: tuple[int, int] | None = None
    labels: dict[int, str] = field(default_factory=dict, hash=False)
    options: tuple[str, ...] = ()
    feeds: str | None = None
    carry: bool = False
    required: bool = False
    competency: str | None = None
    per_goal: bool = False
    placeholder: str = ""
    #: The coach's own question (observations, notes): its answers are coach-only.
    coach_only: bool = False


@dataclass(frozen=True)
class Section:
    """A titled group of questions (a GROW step, an intake topic)."""

    title: str
    guidance: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Script:
    """A whole script: what a session of one stage walks through."""

    id: str
    title: str
    stage: Stage
    audience: str
    minutes: int
    version: int
    description: str
    method: str
    sections: tuple[Section, ...]
    source: str

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in the order they are asked."""
        return tuple(q for section in self.sections for q in section.questions)

    def question(self, qid: str) -> Question:
        """The question with this id; KeyError names the script when it is absent."""
        for candidate in self.questions:
            if candidate.id == qid:
                return candidate
        known = [q.id for q in self.questions]
        raise UnknownIdError(
            f"script '{self.id}' has no question '{qid}'{_did_you_mean(qid, known)}"
        )


class UnknownIdError(KeyError):
    """A KeyError whose message reads as a sentence (KeyError's own str() quotes it)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class ScriptProblem:
    """One thing wrong with a script file, located as precisely as we can."""

    file: str
    line: int | None
    question_id: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        question = "" if self.question_id is None else f" question '{self.question_id}':"
        return f"{where}:{question} {self.message}"


class ScriptError(Exception):
    """A script could not be used; ``problems`` lists everything that is wrong."""

    def __init__(self, problems: list[ScriptProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# --------------------------------------------------------------------------- lines


@dataclass
class _Block:
    """Where one table starts in the text and where each of its keys is written."""

    line: int
    keys: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, number: int, index: _LineIndex | None) -> None:
        """Remember the first line of a key; note a repeat in ``index`` if given."""
        if key not in self.keys:
            self.keys[key] = number
        elif index is not None:
            index.repeated.append((number, key))


@dataclass
class _LineIndex:
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
    def of(cls, text: str) -> _LineIndex:
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


# --------------------------------------------------------------------------- parsing


def parse_script(text: str, source: str) -> Script:
    """Parse and validate one script; ScriptError lists every problem found."""
    if not text.strip():
        raise ScriptError(
            [
                ScriptProblem(
                    source,
                    None,
                    None,
                    "the file is empty: a script needs an id, a title, a stage "
                    "and [[sections]] with [[sections.questions]]",
                )
            ]
        )
    data = _load_toml(text, source)
    return _Builder(text, source).script(data)


def _load_toml(text: str, source: str) -> dict[str, Any]:
    """tomllib, with its error turned into a located ScriptProblem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message, line = _toml_error(str(error), text)
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


def _toml_error(raw: str, text: str) -> tuple[str, int | None]:
    """Split tomllib's message into words, a hint and a line (3.11 has no lineno)."""
    match = _TOML_POSITION.search(raw)
    if not match:
        return f"invalid TOML: {raw}", None
    words, at_end = raw[: match.start()], match.group(1) is None
    line = text.rstrip("\n").count("\n") + 1 if at_end else int(match.group(1))
    if words.startswith("Cannot"):  # a repeated key: name it, and find it if tomllib did not
        for number, key in _LineIndex.of(text).repeated:
            if number == line or at_end:
                return f"invalid TOML: '{key}' is set twice in the same table", number
    hint = next((f"; {h}" for key, h in _TOML_HINTS.items() if words.startswith(key)), "")
    if at_end and not words.startswith("Cannot"):
        hint = "; a list, a string or a table is probably not closed"
    where = "at the end of the file" if at_end else f"column {match.group(2)}"
    return f"invalid TOML: {words} ({where}){hint}", line


@dataclass(frozen=True)
class _Place:
    """Where a table sits: how to find a key's line, and which question it is."""

    line_of: Callable[[str | None], int | None]
    qid: str | None = None
    prefix: str = ""  # names the table in messages when there is no question id


class _Builder:
    """Turns parsed TOML into a Script, collecting problems instead of stopping."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.index = _LineIndex.of(text)
        self.problems: list[ScriptProblem] = []

    def report(self, place: _Place, key: str | None, message: str) -> None:
        self.problems.append(
            ScriptProblem(self.source, place.line_of(key), place.qid, place.prefix + message)
        )

    # ---- the script

    def script(self, data: dict[str, Any]) -> Script:
        place = _Place(lambda key: self.index.top.keys.get(key) if key else None)
        self.unknown_keys(data, SCRIPT_KEYS, place, level="script")
        script_id = self.slug(data, "id", place, what="script id")
        title = self.string(data, "title", place, required=True)
        stage = self.stage(data, place)
        audience = self.one_of(data, "audience", AUDIENCES, place) or "coach"
        minutes = self.positive_int(data, "minutes", place, DEFAULT_MINUTES)
        version = self.positive_int(data, "version", place, 1)
        method = self.string(data, "method", place)
        description = self.string(data, "description", place)
        sections = self.sections(data.get("sections"), place)
        if self.problems or stage is None:
            raise ScriptError(sorted(self.problems, key=lambda p: p.line or 0))
        return Script(
            id=script_id,
            title=title,
            stage=stage,
            audience=audience,
            minutes=minutes,
            version=version,
            description=description,
            method=method,
            sections=sections,
            source=self.source,
        )

    def stage(self, data: dict[str, Any], place: _Place) -> Stage | None:
        value = self.one_of(data, "stage", tuple(STAGES), place, required=True)
        return Stage(value) if value else None

    # ---- sections

    def sections(self, raw: object, place: _Place) -> tuple[Section, ...]:
        if raw is None:
            self.report(
                place,
                None,
                "the script has no questions: add [[sections]] with [[sections.questions]]",
            )
            return ()
        if isinstance(raw, dict):
            self.report(
                place, "sections", "write each section as [[sections]] (two brackets), not a table"
            )
            return ()
        if raw == []:
            self.report(place, "sections", "the script has no sections: add [[sections]]")
            return ()
        if not isinstance(raw, list):
            self.report(place, "sections", "'sections' must be a list of [[sections]] tables")
            return ()
        seen: dict[str, int | None] = {}
        built = (self.section(item, s, seen) for s, item in enumerate(raw))
        return tuple(section for section in built if section is not None)

    def section(self, raw: object, s: int, seen: dict[str, int | None]) -> Section | None:
        place = _Place(lambda key: self.index.section_line(s, key), prefix=f"section {s + 1}: ")
        if not isinstance(raw, dict):
            self.report(place, None, "must be a [[sections]] table")
            return None
        title = self.string(raw, "title", place, required=True)
        if title:
            place = replace(place, prefix=f"section '{title}': ")
        self.unknown_keys(raw, SECTION_KEYS, place, level="section")
        guidance = self.string(raw, "guidance", place)
        questions = self.questions(raw.get("questions"), s, title, place, seen)
        return Section(title, guidance, questions)

    # ---- questions

    def questions(
        self,
        raw: object,
        s: int,
        title: str,
        place: _Place,
        seen: dict[str, int | None],
    ) -> tuple[Question, ...]:
        if isinstance(raw, dict):
            self.report(
                place,
                "questions",
                "write each question as [[sections.questions]] (two brackets), not a table",
            )
            return ()
        if raw is None or (isinstance(raw, list) and not raw):
            self.report(place, None, "has no questions: add [[sections.questions]] below it")
            return ()
        if not isinstance(raw, list):
            self.report(place, "questions", "'questions' must be a list of question tables")
            return ()
        built = (self.question(item, s, q, title, seen) for q, item in enumerate(raw))
        return tuple(question for question in built if question is not None)

    def question(
        self, raw: object, s: int, q: int, section: str, seen: dict[str, int | None]
    ) -> Question | None:
        name = f"'{section}'" if section else str(s + 1)
        place = _Place(
            lambda key: self.index.question_line(s, q, key),
            prefix=f"question {q + 1} of section {name}: ",
        )
        if not isinstance(raw, dict):
            self.report(place, None, "must be a [[sections.questions]] table")
            return None
        place = self.question_place(raw, s, q, place)
        before = len(self.problems)
        qid = self.slug(raw, "id", place, what="question id")
        self.duplicate(qid, place, seen)
        self.unknown_keys(raw, QUESTION_KEYS, place, level="question")
        question = Question(
            id=qid,
            text=self.string(raw, "text", place, required=True),
            kind="text",
            section=section,
            guidance=self.string(raw, "guidance", place),
            probes=self.string_list(raw, "probes", place),
            carry=self.boolean(raw, "carry", place),
            required=self.boolean(raw, "required", place),
            placeholder=self.string(raw, "placeholder", place),
            coach_only=self.boolean(raw, "coach_only", place),
        )
        if question.coach_only and "feeds" in raw:
            self.report(
                place,
                "coach_only",
                "a coach-only question cannot feed a running view the executive sees; "
                "remove 'feeds' or 'coach_only'",
            )
        kind = self.one_of(raw, "kind", QUESTION_KINDS, place)
        if kind is None and "kind" in raw:
            return None  # a wrong kind makes every kind-specific complaint noise
        question = self.kind_options(raw, replace(question, kind=kind or "text"), place)
        return None if len(self.problems) > before else question

    def kind_options(self, raw: dict[str, Any], question: Question, place: _Place) -> Question:
        """The keys whose meaning depends on the kind: scale, labels, options and more."""
        kind = question.kind
        scale = self.scale(raw, kind, place)
        return replace(
            question,
            scale=scale,
            labels=self.labels(raw, kind, scale, place),
            options=self.options(raw, kind, place),
            feeds=self.feeds(raw, kind, place),
            competency=self.competency(raw, kind, place),
            per_goal=self.per_goal(raw, kind, place),
        )

    def question_place(self, raw: dict[str, Any], s: int, q: int, place: _Place) -> _Place:
        """Name the question by its id in messages once it has a usable one."""
        qid = raw.get("id")
        if isinstance(qid, str) and qid.strip():
            place = replace(place, qid=qid.strip(), prefix="")
            found = None if self.index.has_question(s, q) else _find_id_line(self.text, qid)
            if found is not None:
                place = replace(place, line_of=lambda key: found)
        return place

    def duplicate(self, qid: str, place: _Place, seen: dict[str, int | None]) -> None:
        if not qid:
            return
        if qid in seen:
            first = seen[qid]
            where = f" (first used at line {first})" if first is not None else ""
            self.report(place, "id", f"duplicate question id '{qid}'{where}")
        else:
            seen[qid] = place.line_of("id")

    def scale(self, raw: dict[str, Any], kind: str, place: _Place) -> tuple[int, int] | None:
        value = raw.get("scale")
        if kind != "rating":
            if value is not None:
                self.report(place, "scale", _only_for("scale", "rating questions", kind))
            return None
        if value is None:
            return DEFAULT_SCALE
        if not (isinstance(value, list) and len(value) == 2 and all(map(_is_int, value))):
            self.report(
                place, "scale", f"'scale' must be two whole numbers like [1, 5], not {_show(value)}"
            )
            return None
        low, high = value
        if low == high:
            self.report(place, "scale", f"scale [{low}, {high}] has no range: the ends must differ")
            return None
        if low > high:
            self.report(
                place,
                "scale",
                f"scale [{low}, {high}] is reversed: write the low end first, [{high}, {low}]",
            )
            return None
        return (low, high)

    def labels(
        self, raw: dict[str, Any], kind: str, scale: tuple[int, int] | None, place: _Place
    ) -> dict[int, str]:
        """Rating labels by value; a broken scale skips the range check, not the rest."""
        value = raw.get("labels")
        if value is None:
            return {}
        if kind != "rating":
            self.report(place, "labels", _only_for("labels", "rating questions", kind))
            return {}
        if not isinstance(value, dict):
            self.report(
                place,
                "labels",
                f'\'labels\' must be a table like {{ "1" = "...", "5" = "..." }}, '
                f"not {_show(value)}",
            )
            return {}
        labels: dict[int, str] = {}
        for key, text in value.items():
            line_key = f"labels.{key}"
            number = _whole_number(key)
            if number is None:
                self.report(place, line_key, f"label key '{key}' is not a whole number")
            elif scale and not scale[0] <= number <= scale[1]:
                low, high = scale
                self.report(place, line_key, f"label {key} is outside the scale {low}..{high}")
            elif number in labels:
                self.report(place, line_key, f"label {number} is given twice")
            elif not isinstance(text, str) or not text.strip():
                self.report(place, line_key, f"label {key} must be a non-empty string")
            else:
                labels[number] = text.strip()
        return dict(sorted(labels.items()))

    def options(self, raw: dict[str, Any], kind: str, place: _Place) -> tuple[str, ...]:
        if kind not in CHOICE_KINDS:
            if "options" in raw:
                self.report(place, "options", _only_for("options", "choice and choices", kind))
            return ()
        options = self.string_list(raw, "options", place)
        if raw.get("options", []) == []:
            self.report(place, "options", f"a {kind} question needs 'options' (at least two)")
            return ()
        if len(options) == 1:
            self.report(place, "options", f"a {kind} question needs at least two options")
        seen: set[str] = set()
        for option in options:
            if option.casefold() in seen:
                self.report(place, "options", f"option '{option}' is listed twice")
            seen.add(option.casefold())
        return options

    def feeds(self, raw: dict[str, Any], kind: str, place: _Place) -> str | None:
        feeds = self.one_of(raw, "feeds", FEEDS, place)
        if feeds and kind not in FEEDING_KINDS:
            self.report(
                place,
                "feeds",
                f"'feeds' works on text, line or list questions, not on kind '{kind}'",
            )
        return feeds

    def competency(self, raw: dict[str, Any], kind: str, place: _Place) -> str | None:
        if "competency" not in raw:
            return None
        value = self.string(raw, "competency", place, required=True)
        if kind != "rating":
            self.report(place, "competency", _only_for("competency", "rating questions", kind))
        return value or None

    def per_goal(self, raw: dict[str, Any], kind: str, place: _Place) -> bool:
        value = self.boolean(raw, "per_goal", place)
        if value and kind != "rating":
            self.report(place, "per_goal", _only_for("per_goal", "rating questions", kind))
        return value

    # ---- values

    def string(
        self, table: dict[str, Any], key: str, place: _Place, *, required: bool = False
    ) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.report(place, None, f"missing '{key}'")
            return ""
        if not isinstance(value, str):
            self.report(place, key, f"'{key}' must be a string in quotes, not {_show(value)}")
            return ""
        if required and not value.strip():
            self.report(place, key, f"'{key}' is empty")
        return value.strip()

    def slug(self, table: dict[str, Any], key: str, place: _Place, *, what: str) -> str:
        value = self.string(table, key, place, required=True)
        if value and not _SLUG.fullmatch(value):
            suggestion = slugify(value)
            hint = f", e.g. '{suggestion}'" if suggestion else ""
            self.report(
                place,
                key,
                f"invalid {what} '{value}': use lowercase letters, digits and hyphens{hint}",
            )
        return value

    def one_of(
        self,
        table: dict[str, Any],
        key: str,
        allowed: tuple[str, ...],
        place: _Place,
        *,
        required: bool = False,
    ) -> str | None:
        value = self.string(table, key, place, required=required or key in table)
        if not value:
            return None
        if value not in allowed:
            expected = ", ".join(allowed)
            self.report(place, key, f"unknown {key} '{value}' (expected one of: {expected})")
            return None
        return value

    def positive_int(self, table: dict[str, Any], key: str, place: _Place, default: int) -> int:
        value = table.get(key, default)
        if not _is_int(value) or value < 1:
            self.report(place, key, f"'{key}' must be a positive whole number, not {_show(value)}")
            return default
        return int(value)

    def boolean(self, table: dict[str, Any], key: str, place: _Place) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.report(place, key, f"'{key}' must be true or false, not {_show(value)}")
            return False
        return value

    def string_list(self, table: dict[str, Any], key: str, place: _Place) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list):
            self.report(place, key, f"'{key}' must be a list of strings, not {_show(value)}")
            return ()
        if not all(isinstance(item, str) and item.strip() for item in value):
            self.report(place, key, f"'{key}' must be a list of non-empty strings")
            return ()
        return tuple(item.strip() for item in value)

    def unknown_keys(
        self, table: dict[str, Any], known: tuple[str, ...], place: _Place, *, level: str
    ) -> None:
        for key in table:
            if key not in known:
                self.report(place, key, f"unknown key '{key}'{_key_hint(key, known, level)}")


# --------------------------------------------------------------------------- helpers

_KEY_HOMES: Final[dict[str, tuple[tuple[str, ...], str]]] = {
    "script": (SCRIPT_KEYS, "at the top of the file"),
    "section": (SECTION_KEYS, "under [[sections]]"),
    "question": (QUESTION_KEYS, "under [[sections.questions]]"),
}


def _key_hint(key: str, known: tuple[str, ...], level: str) -> str:
    """Suggest the key that was probably meant, or where this key belongs."""
    for other, (keys, home) in _KEY_HOMES.items():
        if other != level and key in keys:
            return f" ('{key}' belongs {home})"
    return _did_you_mean(key, known) or f" (expected one of: {', '.join(known)})"


def _did_you_mean(word: str, known: Iterable[str]) -> str:
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def _only_for(key: str, kinds: str, kind: str) -> str:
    return f"'{key}' only applies to {kinds}, not to kind '{kind}'"


def _is_int(value: object) -> bool:
    """A TOML integer: bool is an int in Python but never a number in a script."""
    return isinstance(value, int) and not isinstance(value, bool)


def _whole_number(text: str) -> int | None:
    """A label key as an int: "3", "-3" and "+3" are fine; "three" and "1.5" are not."""
    if not _WHOLE_NUMBER.fullmatch(text.strip()):
        return None
    try:
        return int(text)
    except ValueError:  # more digits than int() accepts
        return None


def _show(value: object) -> str:
    """A value as the coach wrote it in TOML, short enough for a one-line message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list" if len(repr(value)) > 40 else repr(value)
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _find_id_line(text: str, qid: str) -> int | None:
    """The line of ``id = "qid"`` when the lexer could not place it (inline tables)."""
    pattern = re.compile(r"""(?:^|[{,\s])id\s*=\s*["']""" + re.escape(qid) + r"""["']""")
    lines = [n for n, line in enumerate(text.split("\n"), 1) if pattern.search(line)]
    return lines[0] if len(lines) == 1 else None


# --------------------------------------------------------------------------- files


def load_script_file(path: Path) -> Script:
    """Read and parse one script file; every failure is a ScriptError, never OSError."""
    source = str(path)
    try:
        raw = script_files.read_regular(path)
    except script_files.UnreadableScript as error:
        raise _file_error(source, str(error)) from None
    except FileNotFoundError:
        raise _file_error(source, "no such file") from None
    except IsADirectoryError:
        raise _file_error(source, "is a folder, not a script file") from None
    except OSError as error:
        raise _file_error(source, f"cannot read: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        bad = raw[error.start : error.start + 1].hex()
        message = f"not UTF-8 text (byte 0x{bad}): save the file as UTF-8"
        raise ScriptError([ScriptProblem(source, line, None, message)]) from None
    return parse_script(text.removeprefix("\ufeff"), source)


def _file_error(source: str, message: str) -> ScriptError:
    return ScriptError([ScriptProblem(source, None, None, message)])


def check_files(paths: Iterable[Path], root: Path | None = None) -> list[ScriptProblem]:
    """Validate script files (``coach-tui scripts check``): all problems, no exceptions.

    Also says what the app would skip: a shipped id with another stage or audience,
    or an id another of the coach's files (in ``root``'s scripts folder) already has.
    """
    problems: list[ScriptProblem] = []
    checked: list[tuple[Path, script_files.Claim]] = []
    for path in paths:
        try:
            script = load_script_file(path)
        except ScriptError as error:
            problems.extend(error.problems)
            continue
        checked.append((path, (script.id, script.stage.value, script.audience)))
    shipped = {s.id: (s.stage.value, s.audience) for s in _shipped()[0].values()}
    folder = locations.scripts_dir(root) if root is not None else None
    for clash in script_files.library_skips(checked, folder, _claim, shipped):
        problems.append(ScriptProblem(str(clash.path), clash.line, None, clash.message))
    return problems


def _claim(path: Path) -> script_files.Claim | None:
    try:
        script = load_script_file(path)
    except ScriptError:
        return None
    return (script.id, script.stage.value, script.audience)


def shipped_scripts() -> dict[str, Script]:
    """The scripts that ship with the app, by id; a broken one is a bug, so it raises."""
    scripts, problems = _shipped()
    if problems:
        raise ScriptError(list(problems))
    return dict(scripts)


@functools.cache
def _shipped() -> tuple[dict[str, Script], tuple[ScriptProblem, ...]]:
    """Read the ``prompts`` package once: the same code path for a checkout and a wheel."""
    scripts: dict[str, Script] = {}
    problems: list[ScriptProblem] = []
    folder = resources.files(_SHIPPED_PACKAGE)
    entries = sorted(
        (e for e in folder.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name
    )
    for entry in entries:
        source = f"{_SHIPPED_PACKAGE}/{entry.name}"
        try:
            script = parse_script(entry.read_text(encoding="utf-8"), source)
        except ScriptError as error:
            problems.extend(error.problems)
            continue
        if script.id in scripts:
            message = f"script id '{script.id}' is used by another shipped script"
            problems.append(ScriptProblem(source, None, None, message))
            continue
        scripts[script.id] = replace(script, source="shipped")
    return scripts, tuple(problems)


# --------------------------------------------------------------------------- library


@dataclass
class ScriptLibrary:
    """Every script the app can run: shipped ones, and the coach's own on top."""

    scripts: dict[str, Script]
    problems: list[ScriptProblem] = field(default_factory=list)

    def get(self, script_id: str) -> Script:
        """The script with this id; the KeyError lists what there is."""
        try:
            return self.scripts[script_id]
        except KeyError:
            known = ", ".join(sorted(self.scripts)) or "none"
            hint = _did_you_mean(script_id, self.scripts)
            raise UnknownIdError(f"no script '{script_id}'{hint}; known scripts: {known}") from None

    def for_stage(self, stage: Stage | str, audience: str = "coach") -> list[Script]:
        """Scripts of a stage for one audience: the stage's default first, then by title."""
        stage = Stage(stage)
        default = DEFAULT_SCRIPTS[stage]
        found = [s for s in self.scripts.values() if s.stage is stage and s.audience == audience]
        return sorted(found, key=lambda s: (s.id != default, s.title.casefold(), s.id))

    def default_for(self, stage: Stage | str) -> Script:
        """The script a session of this stage opens with.

        The coach may replace the default by id; if that replacement is for another
        stage or audience, the first coach script of the stage stands in.
        """
        stage = Stage(stage)
        candidates = self.for_stage(stage)
        if not candidates:
            raise UnknownIdError(f"no coach script for the {stage.value} stage")
        return candidates[0]

    def all(self) -> list[Script]:
        """Every script, in stage order and then by title."""
        return sorted(
            self.scripts.values(), key=lambda s: (STAGES.index(s.stage), s.title.casefold(), s.id)
        )


def load_library(root: Path | None) -> ScriptLibrary:
    """The shipped scripts plus the coach's own from ``scripts_dir(root)``.

    A coach's script adds a new id or replaces a shipped one; a broken one is listed
    in ``problems`` and skipped, so a typo never keeps the app from starting.
    """
    shipped, shipped_problems = _shipped()
    library = ScriptLibrary(dict(shipped), list(shipped_problems))
    if root is None:
        return library
    origin: dict[str, str] = {}
    for path in _own_script_files(locations.scripts_dir(root), library.problems):
        try:
            script = load_script_file(path)
        except ScriptError as error:
            library.problems.extend(error.problems)
            continue
        problem = _clash(script, origin, shipped)
        if problem:
            line = script_files.id_line(path)
            library.problems.append(ScriptProblem(str(path), line, None, problem + "; skipped"))
            continue
        origin[script.id] = path.name
        library.scripts[script.id] = script
    return library


def _clash(script: Script, origin: dict[str, str], shipped: dict[str, Script]) -> str | None:
    """Why a coach's script cannot take its id, if it cannot.

    A replacement keeps the shipped script's stage and audience: the defaults, the
    self-assessment and the kits are found by id, so an action-stage default that
    turned into an analysis script would leave a stage with nothing to run.
    """
    if script.id in origin:
        return f"script id '{script.id}' is already used by {origin[script.id]}"
    original = shipped.get(script.id)
    if original and (original.stage, original.audience) != (script.stage, script.audience):
        return (
            f"it replaces the shipped script '{script.id}', so it must keep stage "
            f"'{original.stage.value}' and audience '{original.audience}'"
        )
    return None


def _own_script_files(folder: Path, problems: list[ScriptProblem]) -> list[Path]:
    """The *.toml files in the coach's scripts folder, in name order (none if absent)."""
    try:
        return sorted(p for p in folder.glob("*.toml") if not p.is_dir())
    except OSError as error:
        problems.append(ScriptProblem(str(folder), None, None, f"cannot list: {error}"))
        return []
