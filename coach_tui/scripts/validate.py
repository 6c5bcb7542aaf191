"""Validation: parsed TOML turned into a Script, with every problem collected.

Scripts are written by people in a text editor, so the loader is a linter as much as
a parser: it collects *every* problem it finds, each with the file, the line and the
question id, in words a coach can act on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Final

from coach_tui.domain.model import STAGES, Stage
from coach_tui.scripts.lines import LineIndex, find_id_line, load_toml
from coach_tui.scripts.model import (
    AUDIENCES,
    CHOICE_KINDS,
    DEFAULT_MINUTES,
    DEFAULT_SCALE,
    FEEDING_KINDS,
    FEEDS,
    QUESTION_KEYS,
    QUESTION_KINDS,
    SCRIPT_KEYS,
    SECTION_KEYS,
    Question,
    Script,
    ScriptError,
    ScriptProblem,
    Section,
    did_you_mean,
    slugify,
)
from coach_tui.scripts.values import show_value, whole_number

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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
    data = load_toml(text, source)
    return _Builder(text, source).script(data)


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
        self.problems: list[ScriptProblem] = []

    @cached_property
    def index(self) -> LineIndex:
        """Line numbers, only worked out when a problem needs one (half the parse)."""
        return LineIndex.of(self.text)

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
        seen: dict[str, _Place] = {}
        built = (self.section(item, s, seen) for s, item in enumerate(raw))
        return tuple(section for section in built if section is not None)

    def section(self, raw: object, s: int, seen: dict[str, _Place]) -> Section | None:
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
        seen: dict[str, _Place],
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
        self, raw: object, s: int, q: int, section: str, seen: dict[str, _Place]
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
            per_competency=self.per_competency(raw, place),
        )

    def question_place(self, raw: dict[str, Any], s: int, q: int, place: _Place) -> _Place:
        """Name the question by its id in messages once it has a usable one."""
        qid = raw.get("id")
        if isinstance(qid, str) and qid.strip():
            line_of = place.line_of

            def question_line(key: str | None) -> int | None:
                found = None if self.index.has_question(s, q) else find_id_line(self.text, qid)
                return line_of(key) if found is None else found

            place = replace(place, qid=qid.strip(), prefix="", line_of=question_line)
        return place

    def duplicate(self, qid: str, place: _Place, seen: dict[str, _Place]) -> None:
        if not qid:
            return
        if qid in seen:
            first = seen[qid].line_of("id")
            where = f" (first used at line {first})" if first is not None else ""
            self.report(place, "id", f"duplicate question id '{qid}'{where}")
        else:
            seen[qid] = place

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
                place,
                "scale",
                f"'scale' must be two whole numbers like [1, 5], not {show_value(value)}",
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
                f"not {show_value(value)}",
            )
            return {}
        labels: dict[int, str] = {}
        for key, text in value.items():
            line_key = f"labels.{key}"
            number = whole_number(key)
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

    def per_competency(self, raw: dict[str, Any], place: _Place) -> bool:
        value = self.boolean(raw, "per_competency", place)
        for other in ("per_goal", "competency"):
            if value and raw.get(other):
                self.report(
                    place,
                    "per_competency",
                    f"'per_competency' cannot be combined with '{other}': "
                    "the question is asked once per agreed competency",
                )
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
            self.report(place, key, f"'{key}' must be a string in quotes, not {show_value(value)}")
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
            shown = show_value(value)
            self.report(place, key, f"'{key}' must be a positive whole number, not {shown}")
            return default
        return int(value)

    def boolean(self, table: dict[str, Any], key: str, place: _Place) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.report(place, key, f"'{key}' must be true or false, not {show_value(value)}")
            return False
        return value

    def string_list(self, table: dict[str, Any], key: str, place: _Place) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list):
            self.report(place, key, f"'{key}' must be a list of strings, not {show_value(value)}")
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
    return did_you_mean(key, known) or f" (expected one of: {', '.join(known)})"


def _only_for(key: str, kinds: str, kind: str) -> str:
    return f"'{key}' only applies to {kinds}, not to kind '{kind}'"


def _is_int(value: object) -> bool:
    """A TOML integer: bool is an int in Python but never a number in a script."""
    return isinstance(value, int) and not isinstance(value, bool)
