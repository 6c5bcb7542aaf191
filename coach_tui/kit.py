"""Questionnaire kits for people on other machines: export, parse, validate, import.

A *kit* is a self-contained questionnaire sent to the executive (``--for self``: the
self-assessment) or to stakeholders (``--for stakeholder``: the interview questions
in writing with the competency ratings, or in the Achievement stage the mini-survey
with the ratings). It comes in two formats:

* **JSON**, answered in any terminal with ``coach-tui kit fill`` (no data folder);
* **Markdown**, a plain-text form anyone fills in with a text editor: ratings are
  marked with an ``x`` in a box, answers are written under each question.

A kit carries only the questions, the executive's name and role and, for the
mini-survey, the goals' texts: never notes, organisation, sponsor or anyone else's
name. Each export is recorded in the executive's event log (kind ``kit``) with a
random kit id, the phase, the scripts' versions, the goals asked about and a digest
of the questions; the kit carries the same id.

Importing a response (either format) rebuilds the questions from that record and
checks everything before writing anything: the kit belongs to a known executive and
to the current engagement, the questions are unchanged, ratings are in range and
marked once, required answers are there. Every problem is reported with its line
(``response.md:42: …``); one problem means nothing is written. A response whose
content was imported before is recognised by its digest (event ``kit-import``) and
changes nothing the second time.

Parsing never raises anything but ``CoachError`` subclasses, whatever the bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import secrets
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from coach_tui import safefile
from coach_tui.errors import CoachError, InvalidInputError, NotFoundError
from coach_tui.model import (
    RATING_MEANINGS,
    AnswerValue,
    ClientRecord,
    Event,
    InsightKind,
    Stage,
    Stakeholder,
)
from coach_tui.scripts import Question, Script, ScriptLibrary, load_library
from coach_tui.store import Practice
from coach_tui.text import one_line

KIT_FORMAT: Final[int] = 1
#: A filled kit is a few kB; anything much larger is the wrong file.
MAX_BYTES: Final[int] = 1_000_000
AUDIENCES: Final[tuple[str, ...]] = ("self", "stakeholder")
FORMATS: Final[tuple[str, ...]] = ("json", "md")

SELF_SCRIPT = "self-assessment"
INTERVIEW_SCRIPT = "stakeholder-interview"
SURVEY_SCRIPT = "mini-survey"
#: Interview questions a written kit leaves out: the form itself promises anonymity.
LEFT_OUT: Final[frozenset[str]] = frozenset({"anonymity-agreed"})
NAME_ID = "your-name"
RELATIONSHIP_ID = "relationship"
OVERALL_ID = "overall-change"
FEEDFORWARD_ID = "feedforward"
GOAL_PREFIX = "goal-change-"

EVENT_EXPORT = "kit"
EVENT_IMPORT = "kit-import"

MD_OPENING = "<!-- coach-tui kit"
MD_END = "<!-- end of the form: keep this line -->"
MARKS: Final[frozenset[str]] = frozenset({"x", "X", "✓", "✔", "✗", "✘", "×", "*"})


# --------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class KitProblem:
    """One thing wrong with a response, with the line to look at."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


class KitError(InvalidInputError):
    """A kit or response cannot be used; ``problems`` lists everything found."""

    def __init__(self, problems: list[KitProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.line or 0)
        super().__init__("\n".join(str(p) for p in self.problems))


class _Problems:
    """Collects problems against one source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[KitProblem] = []

    def add(self, line: int | None, message: str) -> None:
        self.items.append(KitProblem(self.source, line, message))

    def fail(self, line: int | None, message: str) -> KitError:
        self.add(line, message)
        return KitError(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise KitError(self.items)


# --------------------------------------------------------------------------- the kit


@dataclass(frozen=True)
class KitQuestion:
    """One question as a kit asks it (scripts.Question minus the coach's parts)."""

    id: str
    text: str
    kind: str
    guidance: str = ""
    scale: tuple[int, int] | None = None
    labels: dict[int, str] = field(default_factory=dict, hash=False, compare=False)
    options: tuple[str, ...] = ()
    required: bool = False
    competency: str | None = None
    goal_id: str | None = None
    goal: str = ""
    #: The script question it comes from ("" for the kit's own, e.g. the name).
    source_id: str = ""

    @property
    def title(self) -> str:
        """The heading: the competency, the goal, or the question itself."""
        if self.competency:
            return one_line(self.competency)
        if self.goal_id:
            return "Goal: " + one_line(self.goal)
        return one_line(self.text)

    @property
    def body(self) -> str:
        """The text under the heading (empty when the heading is the question)."""
        return one_line(self.text) if (self.competency or self.goal_id) else ""

    @property
    def label(self) -> str:
        """How messages name the question."""
        if self.competency:
            return f"'{one_line(self.competency)}'"
        return f"'{one_line(self.text, 60)}'"

    def label_for(self, value: int) -> str:
        """The words beside a rating's box: the script's labels, or the 1–5 meanings."""
        if self.labels:
            return self.labels.get(value, "")
        if self.scale in (None, (1, 5)):
            return RATING_MEANINGS.get(value, "")
        return ""

    def values(self) -> list[int]:
        low, high = self.scale or (1, 5)
        return list(range(low, high + 1))


@dataclass(frozen=True)
class KitSection:
    title: str
    guidance: str
    questions: tuple[KitQuestion, ...]


@dataclass(frozen=True)
class Kit:
    """A questionnaire for one executive, one audience and one phase."""

    kit_id: str
    audience: str
    phase: str
    client_id: str
    engagement_id: str
    executive: str
    role: str
    title: str
    intro: str
    minutes: int
    sections: tuple[KitSection, ...]
    scripts: tuple[tuple[str, int], ...]
    goal_ids: tuple[str, ...] = ()

    @property
    def questions(self) -> tuple[KitQuestion, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    @property
    def digest(self) -> str:
        return questions_digest(self.questions)


def _norm(text: str) -> str:
    """Whitespace-insensitive text, for comparing what a person may have re-wrapped."""
    return " ".join(text.split())


def questions_digest(questions: Iterable[KitQuestion]) -> str:
    """What identifies a kit's questions (not the goals' wording, which may be edited)."""
    canon = [
        [
            q.id,
            _norm(q.text),
            q.kind,
            list(q.scale) if q.scale else None,
            list(q.options),
            q.required,
            q.competency,
            q.goal_id,
        ]
        for q in questions
    ]
    raw = json.dumps(canon, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def phase_for(stage: Stage) -> str:
    """Ratings given in Achievement are the final ones; before that, the baseline."""
    return "final" if stage is Stage.ACHIEVEMENT else "baseline"


def _from_script(
    q: Question, *, required: bool | None = None, guidance: bool = True
) -> KitQuestion:
    return KitQuestion(
        id=q.id,
        text=q.text,
        kind=q.kind,
        guidance=q.guidance if guidance else "",
        scale=q.scale,
        labels=dict(q.labels),
        options=q.options,
        required=q.required if required is None else required,
        competency=q.competency,
        source_id=q.id,
    )


def _name_question(executive: str) -> KitQuestion:
    return KitQuestion(
        id=NAME_ID,
        text="Your name (optional)",
        kind="line",
        guidance=(
            "Leave it empty to answer anonymously. Your coach never shows your name "
            f"beside your answers, to {executive} or anyone else."
        ),
    )


def _shared_goals(record: ClientRecord, goal_ids: tuple[str, ...] | None) -> list[tuple[str, str]]:
    """(id, text) of the goals a stakeholder kit asks about."""
    goals = record.insights_of(InsightKind.GOAL)
    if goal_ids is None:
        return [(g.id, g.text) for g in goals if g.shared and not g.private]
    by_id = {g.id: g.text for g in goals}
    return [(gid, by_id.get(gid, "")) for gid in goal_ids]


def build_kit(
    record: ClientRecord,
    library: ScriptLibrary,
    audience: str,
    *,
    kit_id: str | None = None,
    phase: str | None = None,
    goal_ids: tuple[str, ...] | None = None,
) -> Kit:
    """The kit for ``audience`` ('self' or 'stakeholder'); nothing is written.

    ``phase`` and ``goal_ids`` default to what the engagement has now; import passes
    the ones recorded at export to rebuild exactly the questions that were sent.
    """
    if audience not in AUDIENCES:
        raise InvalidInputError(f"a kit is for 'self' or 'stakeholder', not '{audience}'")
    phase = phase or phase_for(record.engagement.stage)
    client = record.client
    name = one_line(client.name)
    common: dict[str, Any] = {
        "kit_id": kit_id or secrets.token_hex(6),
        "audience": audience,
        "phase": phase,
        "client_id": client.id,
        "engagement_id": record.engagement.id,
        "executive": name,
        "role": one_line(client.role),
    }
    if audience == "self":
        script = library.get(SELF_SCRIPT)
        sections = tuple(
            KitSection(s.title, s.guidance, tuple(_from_script(q) for q in s.questions))
            for s in script.sections
        )
        return Kit(
            **common,
            title=f"{script.title}: {name}",
            intro=script.description,
            minutes=script.minutes,
            sections=sections,
            scripts=((script.id, script.version),),
        )
    interview = library.get(INTERVIEW_SCRIPT)
    if phase == "baseline":
        return Kit(
            **common,
            title=f"Stakeholder input: {name}",
            intro=_INTERVIEW_INTRO.format(name=name),
            minutes=max(10, interview.minutes // 2),
            sections=_interview_sections(interview, name),
            scripts=((interview.id, interview.version),),
        )
    survey = library.get(SURVEY_SCRIPT)
    goals = _shared_goals(record, goal_ids)
    parts = [*_survey_sections(survey, goals, name), _ratings_section(interview)]
    return Kit(
        **common,
        title=f"{survey.title}: {name}",
        intro=_SURVEY_INTRO.format(name=name, description=survey.description),
        minutes=survey.minutes + 5,
        sections=tuple(s for s in parts if s.questions),
        scripts=((survey.id, survey.version), (interview.id, interview.version)),
        goal_ids=tuple(gid for gid, _ in goals),
    )


_INTERVIEW_INTRO = (
    "{name} is working with an executive coach on their leadership, and you are one of "
    "the people whose view counts. Please answer candidly: your coach combines your "
    "answers with other people's and never attributes them to you."
)
_SURVEY_INTRO = "{name} has been working with an executive coach on the goals below. {description}"
_RATINGS_GUIDANCE = (
    "Rate each competency as you see it today: 1 = a clear development need, 3 = solid, "
    "5 = a signature strength. Leave a competency unmarked if you cannot judge it from "
    "how you work together."
)


def _interview_sections(interview: Script, name: str) -> tuple[KitSection, ...]:
    """The interview in writing: the coach's guidance is left out (it is for the coach)."""
    sections: list[KitSection] = []
    for number, section in enumerate(interview.sections):
        questions = [
            _from_script(q, guidance=False)
            for q in section.questions
            if q.id not in LEFT_OUT and not q.competency
        ]
        questions = [
            q if q.kind != "list" else _with_guidance(q, "One point per line.") for q in questions
        ]
        title = section.title
        if number == 0:
            questions.insert(0, _name_question(name))
            title = "About you"
        if questions:
            sections.append(KitSection(title, "", tuple(questions)))
    ratings = _ratings_section(interview)
    if ratings.questions:
        sections.append(ratings)
    return tuple(sections)


def _with_guidance(q: KitQuestion, guidance: str) -> KitQuestion:
    return replace(q, guidance=guidance)


def _ratings_section(interview: Script) -> KitSection:
    """The interview's competency ratings, each optional, with respondent-facing words."""
    questions = tuple(
        _from_script(q, required=False, guidance=False) for q in interview.questions if q.competency
    )
    title = next(
        (s.title for s in interview.sections if any(q.competency for q in s.questions)),
        "Competency ratings",
    )
    return KitSection(title, _RATINGS_GUIDANCE, questions)


def _survey_sections(survey: Script, goals: list[tuple[str, str]], name: str) -> list[KitSection]:
    sections: list[KitSection] = []
    for number, section in enumerate(survey.sections):
        questions: list[KitQuestion] = []
        for q in section.questions:
            if q.per_goal:
                for goal_id, text in goals:
                    questions.append(
                        replace(
                            _from_script(q),
                            id=GOAL_PREFIX + goal_id,
                            goal_id=goal_id,
                            goal=text,
                            guidance="",
                        )
                    )
            else:
                questions.append(_from_script(q))
        if number == 0:
            questions.insert(0, _name_question(name))
        if questions:
            sections.append(KitSection(section.title, section.guidance, tuple(questions)))
    return sections


# --------------------------------------------------------------------------- export records


@dataclass(frozen=True)
class KitRecord:
    """What the event log remembers about one exported kit."""

    kit_id: str
    audience: str
    phase: str
    fmt: str
    scripts: tuple[tuple[str, int], ...]
    goal_ids: tuple[str, ...]
    digest: str
    at: datetime


_EXPORT_DETAIL = re.compile(
    r"(?P<kit>[0-9a-f]{12}) for (?P<audience>self|stakeholder) \((?P<phase>baseline|final)\)"
    r" as (?P<fmt>json|md); scripts (?P<scripts>\S+); goals (?P<goals>\S+);"
    r" questions (?P<digest>[0-9a-f]{16})"
)


def export_detail(kit: Kit, fmt: str) -> str:
    scripts = ",".join(f"{sid}@{version}" for sid, version in kit.scripts)
    goals = ",".join(kit.goal_ids) or "-"
    return (
        f"{kit.kit_id} for {kit.audience} ({kit.phase}) as {fmt}; scripts {scripts}; "
        f"goals {goals}; questions {kit.digest}"
    )


def _parse_export(event: Event) -> KitRecord | None:
    match = _EXPORT_DETAIL.fullmatch(event.detail)
    if match is None:
        return None
    scripts: list[tuple[str, int]] = []
    for part in match["scripts"].split(","):
        sid, _, version = part.partition("@")
        if not version.isdigit():
            return None
        scripts.append((sid, int(version)))
    goals = () if match["goals"] == "-" else tuple(match["goals"].split(","))
    return KitRecord(
        match["kit"],
        match["audience"],
        match["phase"],
        match["fmt"],
        tuple(scripts),
        goals,
        match["digest"],
        event.at,
    )


def exported_kits(record: ClientRecord) -> dict[str, KitRecord]:
    """Every kit exported for this executive, by kit id."""
    found: dict[str, KitRecord] = {}
    for event in record.events:
        if event.kind == EVENT_EXPORT:
            parsed = _parse_export(event)
            if parsed is not None:
                found[parsed.kit_id] = parsed
    return found


def _previous_import(record: ClientRecord, kit_id: str, digest: str) -> Event | None:
    prefix = f"{kit_id} response {digest}"
    return next(
        (e for e in record.events if e.kind == EVENT_IMPORT and e.detail.startswith(prefix)),
        None,
    )


# --------------------------------------------------------------------------- rendering


def render_json(kit: Kit) -> str:
    """The JSON kit: everything ``kit fill`` needs, and an empty ``answers``."""
    document: dict[str, Any] = {
        "coach_tui_kit": KIT_FORMAT,
        "kit": kit.kit_id,
        "for": kit.audience,
        "phase": kit.phase,
        "executive_id": kit.client_id,
        "engagement": kit.engagement_id,
        "executive": kit.executive,
        "role": kit.role,
        "title": kit.title,
        "minutes": kit.minutes,
        "intro": kit.intro,
        "sections": [
            {
                "title": s.title,
                "guidance": s.guidance,
                "questions": [_question_doc(q) for q in s.questions],
            }
            for s in kit.sections
        ],
        "answers": {},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _question_doc(q: KitQuestion) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": q.id, "text": q.text, "kind": q.kind, "required": q.required}
    if q.guidance:
        doc["guidance"] = q.guidance
    if q.kind == "rating":
        doc["scale"] = list(q.scale or (1, 5))
        doc["labels"] = {str(v): q.label_for(v) for v in q.values() if q.label_for(v)}
    if q.options:
        doc["options"] = list(q.options)
    if q.competency:
        doc["competency"] = q.competency
    if q.goal_id:
        doc["goal_id"] = q.goal_id
        doc["goal"] = q.goal
    return doc


def _wrap(text: str, prefix: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        if paragraph.strip():
            if lines:
                lines.append(prefix.rstrip())
            lines.extend(
                textwrap.wrap(
                    _norm(paragraph),
                    width=80,
                    initial_indent=prefix,
                    subsequent_indent=prefix,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    return lines


def _box_value(q: KitQuestion, value: int) -> str:
    low, _ = q.scale or (1, 5)
    number = f"{value:+d}" if low < 0 and value else str(value)
    label = q.label_for(value)
    return f"{number} · {label}" if label else number


def _instructions(kit: Kit) -> list[str]:
    lines = [
        "**How to fill in this form**",
        "",
        "1. Open this file in any plain text editor (Notepad, TextEdit, nano, VS Code).",
        "2. Ratings: put an x in one box and leave the others empty, like this:",
        "       - [x] 3 · solid",
        '3. Answers: write under the line "Answer:" of each question, as many lines',
        "   as you need.",
        "4. Questions marked (required) need an answer; the others may stay empty.",
        "5. Do not change the questions, or the lines that start with # or <!--.",
        "6. Save the file as plain text and send it back to your coach.",
        "",
    ]
    if kit.audience == "stakeholder":
        lines += [
            "Your answers are anonymous: your coach combines them with other people's,",
            "groups them by relationship only, and never shows your name beside them.",
            "",
        ]
    else:
        lines += ["Your answers go to your coach only.", ""]
    return lines


def render_markdown(kit: Kit) -> str:
    """The plain-text form: instructions at the top, boxes for ratings, 'Answer:' lines."""
    lines = [
        f"{MD_OPENING}: keep this block as it is; your coach's app reads it",
        f"format: {KIT_FORMAT}",
        f"kit: {kit.kit_id}",
        f"executive: {kit.client_id}",
        f"engagement: {kit.engagement_id}",
        f"for: {kit.audience}",
        "-->",
        "",
        f"# {kit.title}",
        "",
    ]
    about = f"For {kit.executive}" if kit.audience == "self" else f"About {kit.executive}"
    if kit.role:
        about += f", {kit.role}"
    lines += [f"{about} · about {kit.minutes} minutes", ""]
    if kit.intro.strip():
        lines += [*_wrap(kit.intro), ""]
    lines += _instructions(kit)
    number = 0
    for section in kit.sections:
        lines += [f"## {one_line(section.title)}", ""]
        if section.guidance.strip():
            lines += [*_wrap(section.guidance), ""]
        for q in section.questions:
            number += 1
            lines += _render_question(q, number)
    lines += [MD_END, ""]
    return "\n".join(lines)


def _render_question(q: KitQuestion, number: int) -> list[str]:
    heading = f"### {number}. {q.title}"
    if q.required:
        heading += " (required)"
    lines = [heading, ""]
    if q.body:
        lines += [*_wrap(q.body), ""]
    if q.guidance.strip():
        lines += [*_wrap(q.guidance, "> "), ""]
    if q.kind == "rating":
        lines += [f"- [ ] {_box_value(q, v)}" for v in q.values()]
        lines.append("")
    elif q.kind in ("choice", "choices"):
        if q.kind == "choices":
            lines += ["> Mark all that apply.", ""]
        lines += [f"- [ ] {one_line(option)}" for option in q.options]
        lines.append("")
    elif q.kind == "yesno":
        lines += ["- [ ] yes", "- [ ] no", ""]
    else:
        if q.kind == "date":
            lines += ["> A date, written as YYYY-MM-DD.", ""]
        lines += ["Answer:", "", ""]
    return lines


# --------------------------------------------------------------------------- reading


def read_response(path: Path, source: str | None = None) -> tuple[str, str]:
    """(text, source) of a response file, refusing what cannot be a filled kit."""
    source = source or str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                handle.seek(0, 2)
                size = handle.tell()
                raise KitError(
                    [
                        KitProblem(
                            source,
                            1,
                            f"the file is {size / 1_000_000:.1f} MB; a filled kit is a few kB: "
                            "is this the right file?",
                        )
                    ]
                )
    except FileNotFoundError:
        raise NotFoundError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InvalidInputError(f"{source}: is a folder, not a response file") from None
    except OSError as exc:
        raise InvalidInputError(f"{source}: cannot be read ({exc.strerror or exc})") from None
    return decode(raw, source), source


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text without a BOM; a problem names the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        raise KitError(
            [
                KitProblem(
                    source,
                    1,
                    f"the file is {len(raw) / 1_000_000:.1f} MB; a filled kit is a few kB: "
                    "is this the right file?",
                )
            ]
        )
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        raise KitError(
            [KitProblem(source, 1, "the file is saved as UTF-16: save it as UTF-8 plain text")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise KitError(
            [
                KitProblem(
                    source,
                    line,
                    f"not plain text (byte 0x{raw[exc.start]:02x} is not UTF-8): "
                    "save the file as plain text (UTF-8)",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _split_lines(text: str) -> list[str]:
    """Lines as an editor counts them: \\n, \\r\\n or \\r end a line, nothing else."""
    return re.split(r"\r\n|\r|\n", text)


def detect_format(text: str, source: str) -> str:
    """'json' or 'md'; anything else is a KitError on line 1."""
    stripped = text.lstrip(" \t\r\n\ufeff")
    if not stripped:
        raise KitError([KitProblem(source, 1, "the file is empty: send back the filled kit")])
    if stripped.startswith("{"):
        return "json"
    if stripped.startswith(MD_OPENING):
        return "md"
    line = text[: len(text) - len(stripped)].count("\n") + 1
    raise KitError(
        [
            KitProblem(
                source,
                line,
                "not a coach-tui kit: a filled kit starts with '<!-- coach-tui kit' (the "
                "Markdown form) or '{' (the JSON kit); was the form pasted into another "
                "document or saved in another format?",
            )
        ]
    )


@dataclass
class Header:
    """Which kit a response says it is."""

    kit_id: str = ""
    client_id: str = ""
    engagement_id: str = ""
    audience: str = ""
    lines: dict[str, int | None] = field(default_factory=dict)

    def line(self, key: str) -> int | None:
        return self.lines.get(key)


# --------------------------------------------------------------------------- markdown


@dataclass
class MdBox:
    line: int
    mark: str  # "" when empty
    value: str

    @property
    def marked(self) -> bool:
        return bool(self.mark)


@dataclass
class MdQuestion:
    number: int
    title: str
    line: int
    paragraph: list[tuple[int, str]] = field(default_factory=list)
    boxes: list[MdBox] = field(default_factory=list)
    answer_line: int | None = None
    answer: list[tuple[int, str]] = field(default_factory=list)
    stray: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class MdSection:
    title: str
    line: int
    text: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class MdForm:
    header: Header
    sections: list[MdSection]
    questions: list[MdQuestion]
    end_line: int | None
    last_line: int
    problems: list[KitProblem]


_HEADING = re.compile(r"(#{1,3})[ \t]+(.*?)[ \t#]*$")
_QUESTION_HEADING = re.compile(r"(\d{1,4})\s*[.)]?\s*(.*)$")
_REQUIRED = re.compile(r"\s*\(\s*required\s*\)\s*$", re.IGNORECASE)
_BOX = re.compile(r"\s*(?:[-*+•]\s*)?\[([^\]\n]{0,5})\](.*)$")
_ANSWER = re.compile(
    r"\s*(?:\*\*|__)?\s*(?:your\s+)?answer\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?(.*)$", re.IGNORECASE
)
_HEADER_KEY = re.compile(r"\s*([a-z]+)\s*:\s*(.*?)\s*$")


def parse_markdown(text: str, source: str) -> MdForm:
    """Read the form's structure; what the answers mean is checked by ``validate``.

    Raises KitError only when the file is not a form at all (no header block);
    everything else is collected in ``problems``.
    """
    problems = _Problems(source)
    lines = _split_lines(text)
    header, start = _md_header(lines, problems)
    sections: list[MdSection] = []
    questions: list[MdQuestion] = []
    end_line: int | None = None
    current: MdQuestion | MdSection | None = None
    for index in range(start, len(lines)):
        number, line = index + 1, lines[index]
        if line.strip().lower().startswith("<!-- end of the form"):
            end_line = number
            break
        heading = _HEADING.fullmatch(line)
        if heading:
            level, title = len(heading.group(1)), heading.group(2)
            if level == 3:
                found = _QUESTION_HEADING.fullmatch(title)
                if found is None or not found.group(1):
                    problems.add(
                        number,
                        f"'{one_line(line, 50)}' is not a question of this form: a heading "
                        "must not be changed, and a line of an answer must not start with '#'",
                    )
                    current = None
                    continue
                title = _REQUIRED.sub("", found.group(2))
                current = MdQuestion(int(found.group(1)), title.strip(), number)
                questions.append(current)
            elif level == 2:
                current = MdSection(title.strip(), number)
                sections.append(current)
            elif sections:
                problems.add(
                    number,
                    f"'{one_line(line, 50)}' is not a heading of this form: a line of an "
                    "answer must not start with '#'",
                )
            else:
                current = None  # the title: part of the preamble
            continue
        if isinstance(current, MdQuestion):
            _md_question_line(current, number, line)
        elif isinstance(current, MdSection) and line.strip():
            current.text.append((number, line))
    last = len(lines)
    while last > 1 and not lines[last - 1].strip():
        last -= 1
    return MdForm(header, sections, questions, end_line, last, problems.items)


def _md_header(lines: list[str], problems: _Problems) -> tuple[Header, int]:
    """The '<!-- coach-tui kit … -->' block at the top: returns it and the next line index."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or not lines[index].lstrip().startswith(MD_OPENING):
        raise problems.fail(
            index + 1 if index < len(lines) else 1,
            "not a coach-tui kit: the form must start with its '<!-- coach-tui kit' block",
        )
    header = Header()
    header.lines["kit"] = index + 1
    opening = index + 1
    index += 1
    while index < len(lines):
        line = lines[index]
        if line.strip().endswith("-->"):
            _header_key(header, line.strip()[:-3], index + 1)
            return _check_header(header, opening, problems), index + 1
        if line.strip() and not _HEADER_KEY.fullmatch(line):
            break  # the block's own lines are 'key: value': this is the form itself
        _header_key(header, line, index + 1)
        index += 1
    raise problems.fail(
        opening,
        "the '<!-- coach-tui kit' block at the top is not closed with '-->': "
        "it must stay as it was sent",
    )


_HEADER_FIELDS: Final[dict[str, str]] = {
    "kit": "kit_id",
    "executive": "client_id",
    "engagement": "engagement_id",
    "for": "audience",
}


def _header_key(header: Header, line: str, number: int) -> None:
    match = _HEADER_KEY.fullmatch(line)
    if match and match.group(1) in _HEADER_FIELDS:
        setattr(header, _HEADER_FIELDS[match.group(1)], match.group(2))
        header.lines[match.group(1)] = number


def _check_header(header: Header, opening: int, problems: _Problems) -> Header:
    for key in _HEADER_FIELDS:
        if not getattr(header, _HEADER_FIELDS[key]):
            raise problems.fail(
                opening,
                f"the '{key}:' line of the block at the top is missing or empty: "
                "that block must stay as it was sent",
            )
    return header


def _md_question_line(question: MdQuestion, number: int, line: str) -> None:
    """Sort one line of a question's block: text, box, guidance, answer or stray text."""
    if question.answer_line is not None:
        question.answer.append((number, line))
        return
    stripped = line.strip()
    if not stripped:
        if question.stray:
            question.stray.append((number, ""))
        elif question.paragraph:
            question.paragraph.append((number, ""))  # a blank line ends the paragraph
        return
    answer = _ANSWER.fullmatch(line)
    if answer:
        question.answer_line = number
        if answer.group(1).strip():
            question.answer.append((number, answer.group(1)))
        return
    box = _BOX.fullmatch(line)
    if box:
        question.boxes.append(MdBox(number, box.group(1).strip(), box.group(2).strip()))
        return
    if stripped.startswith(">"):
        return  # guidance
    paragraph_open = not question.paragraph or question.paragraph[-1][1] != ""
    if paragraph_open and not question.boxes and not question.stray:
        question.paragraph.append((number, line))
    else:
        question.stray.append((number, line))


# --------------------------------------------------------------------------- JSON


@dataclass
class JsonForm:
    header: Header
    document: dict[str, Any]
    sections: list[KitSection]
    question_lines: dict[str, int | None]
    answers: dict[str, Any]
    answer_lines: dict[str, int | None]
    answers_line: int | None
    problems: list[KitProblem]


def _line_of(text: str, pattern: str, start: int = 0) -> int | None:
    match = re.compile(pattern).search(text, start)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _offset_of(text: str, pattern: str) -> int:
    match = re.compile(pattern).search(text)
    return match.start() if match else 0


def _key_pattern(key: str) -> str:
    return r'"' + re.escape(key) + r'"\s*:'


def parse_json(text: str, source: str) -> JsonForm:
    """A JSON kit or response; KitError if it is not one, problems for the details."""
    problems = _Problems(source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = "; the file is probably cut short" if exc.pos >= len(text.rstrip()) else ""
        raise problems.fail(
            exc.lineno, f"broken JSON: {exc.msg} (column {exc.colno}){hint}"
        ) from None
    except (RecursionError, ValueError) as exc:
        raise problems.fail(1, f"broken JSON ({one_line(str(exc), 60)})") from None
    if not isinstance(document, dict) or document.get("coach_tui_kit") != KIT_FORMAT:
        raise problems.fail(
            1,
            "not a coach-tui kit: a JSON kit has '\"coach_tui_kit\": 1' at the top "
            "(is this a coach-tui export or another program's file?)",
        )
    header = Header()
    for key, attr in (
        ("kit", "kit_id"),
        ("executive_id", "client_id"),
        ("engagement", "engagement_id"),
        ("for", "audience"),
    ):
        value = document.get(key)
        line = _line_of(text, _key_pattern(key)) or 1
        header.lines[key if key != "executive_id" else "executive"] = line
        if not isinstance(value, str) or not value.strip():
            problems.add(line, f"'{key}' is missing or not text: the kit must stay as it was sent")
        else:
            setattr(header, attr, value.strip())
    sections, question_lines = _json_sections(document, text, problems)
    answers_line = _line_of(text, _key_pattern("answers"))
    raw_answers = document.get("answers", {})
    answers: dict[str, Any] = {}
    answer_lines: dict[str, int | None] = {}
    if not isinstance(raw_answers, dict):
        problems.add(answers_line or 1, "'answers' must be an object of question id: answer")
    else:
        start = _offset_of(text, _key_pattern("answers"))
        for key, value in raw_answers.items():
            answers[str(key)] = value
            answer_lines[str(key)] = _line_of(text, _key_pattern(str(key)), start) or answers_line
    if problems.items and not header.kit_id:
        raise KitError(problems.items)
    return JsonForm(
        header,
        document,
        sections,
        question_lines,
        answers,
        answer_lines,
        answers_line,
        problems.items,
    )


def _json_sections(
    document: dict[str, Any], text: str, problems: _Problems
) -> tuple[list[KitSection], dict[str, int | None]]:
    raw_sections = document.get("sections")
    sections_line = _line_of(text, _key_pattern("sections")) or 1
    if not isinstance(raw_sections, list) or not raw_sections:
        problems.add(
            sections_line, "'sections' is missing or empty: the kit must stay as it was sent"
        )
        return [], {}
    sections: list[KitSection] = []
    lines: dict[str, int | None] = {}
    for raw in raw_sections:
        if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
            problems.add(sections_line, "a section is damaged: the kit must stay as it was sent")
            continue
        questions: list[KitQuestion] = []
        for item in raw["questions"]:
            question = _json_question(item, text, sections_line, problems)
            if question is not None:
                lines[question.id] = _line_of(text, r'"id"\s*:\s*"' + re.escape(question.id) + '"')
                questions.append(question)
        title = raw.get("title")
        guidance = raw.get("guidance")
        sections.append(
            KitSection(
                title if isinstance(title, str) else "",
                guidance if isinstance(guidance, str) else "",
                tuple(questions),
            )
        )
    return sections, lines


_KINDS: Final[tuple[str, ...]] = (
    "text",
    "line",
    "list",
    "rating",
    "choice",
    "choices",
    "yesno",
    "date",
)


def _json_question(
    item: object, text: str, fallback: int, problems: _Problems
) -> KitQuestion | None:
    if not isinstance(item, dict):
        problems.add(fallback, "a question is damaged: the kit must stay as it was sent")
        return None
    qid, qtext, kind = item.get("id"), item.get("text"), item.get("kind")
    if not isinstance(qid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,80}", qid):
        problems.add(fallback, "a question has no valid 'id': the kit must stay as it was sent")
        return None
    line = _line_of(text, r'"id"\s*:\s*"' + re.escape(qid) + '"') or fallback
    if not isinstance(qtext, str) or kind not in _KINDS:
        problems.add(line, f"question '{qid}' is damaged: the kit must stay as it was sent")
        return None
    scale: tuple[int, int] | None = None
    raw_scale = item.get("scale")
    if kind == "rating":
        if (
            isinstance(raw_scale, list)
            and len(raw_scale) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in raw_scale)
            and -10 <= raw_scale[0] < raw_scale[1] <= 10
        ):
            scale = (raw_scale[0], raw_scale[1])
        else:
            problems.add(line, f"question '{qid}' has a damaged 'scale': the kit must stay as sent")
            scale = (1, 5)
    labels: dict[int, str] = {}
    raw_labels = item.get("labels")
    if isinstance(raw_labels, dict):
        for key, value in raw_labels.items():
            if isinstance(value, str) and re.fullmatch(r"[+-]?\d{1,2}", str(key)):
                labels[int(key)] = value
    raw_options = item.get("options", [])
    options = (
        tuple(o for o in raw_options if isinstance(o, str)) if isinstance(raw_options, list) else ()
    )
    competency, goal_id, goal = item.get("competency"), item.get("goal_id"), item.get("goal")
    guidance = item.get("guidance")
    return KitQuestion(
        id=qid,
        text=qtext,
        kind=str(kind),
        guidance=guidance if isinstance(guidance, str) else "",
        scale=scale,
        labels=labels,
        options=options,
        required=item.get("required") is True,
        competency=competency if isinstance(competency, str) else None,
        goal_id=goal_id if isinstance(goal_id, str) else None,
        goal=goal if isinstance(goal, str) else "",
    )


def load_kit_for_filling(path: Path, source: str | None = None) -> tuple[JsonForm, str]:
    """A JSON kit to answer with ``kit fill`` (no data folder needed)."""
    text, source = read_response(path, source)
    fmt = detect_format(text, source)
    if fmt != "json":
        raise KitError(
            [
                KitProblem(
                    source,
                    1,
                    "this is the Markdown form: fill it in with a text editor; "
                    "'kit fill' answers the JSON kit (kit export --format json)",
                )
            ]
        )
    form = parse_json(text, source)
    if form.problems:
        raise KitError(form.problems)
    if not any(s.questions for s in form.sections):
        raise KitError([KitProblem(source, 1, "the kit has no questions")])
    return form, source


def response_json(form: JsonForm, answers: dict[str, AnswerValue], complete: bool) -> str:
    """The kit with its answers, as ``kit fill`` writes it (same layout as the kit)."""
    document = dict(form.document)
    document["answers"] = answers
    document["complete"] = complete
    document["filled"] = datetime.now().isoformat(timespec="seconds")
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- validation


@dataclass
class Checked:
    """A response that passed every check: the answers by question id."""

    answers: dict[str, AnswerValue]
    stakeholder_id: str | None = None
    relationship: str = ""


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def _choose(q: KitQuestion, given: str) -> str | None:
    """The option a person meant (case and spacing do not matter)."""
    wanted = _norm(given).casefold()
    return next((o for o in q.options if _norm(o).casefold() == wanted), None)


_NUMBER = re.compile(r"([+\-−–]?\s*\d{1,3})(?!\d)")


def _box_number(value: str) -> int | None:
    match = _NUMBER.match(value)
    if match is None:
        return None
    digits = match.group(1).replace("−", "-").replace("–", "-").replace(" ", "")
    return int(digits)


def _check_md_rating(q: KitQuestion, form_q: MdQuestion, problems: _Problems) -> AnswerValue:
    low, high = q.scale or (1, 5)
    for line, text in [*form_q.stray, *form_q.answer]:
        if text.strip():
            problems.add(
                line,
                f"text where a rating belongs ('{one_line(text, 40)}'): rate {q.label} by "
                "putting an x in one box",
            )
            break
    chosen: list[tuple[int, int]] = []
    for box in form_q.boxes:
        value = _box_number(box.value)
        if box.mark and box.mark not in MARKS:
            problems.add(box.line, f"mark a box with an x, not '{box.mark}' ({q.label})")
            continue
        if value is None:
            if box.marked:
                problems.add(
                    box.line,
                    f"the box marked for {q.label} has no number after it "
                    f"('{one_line(box.value, 30)}'): mark one of the boxes {low}–{high}",
                )
            continue
        if not box.marked:
            continue
        if not low <= value <= high:
            problems.add(
                box.line,
                f"rating {value} of {q.label} is outside the scale {low} to {high}: "
                "mark one of the boxes as they were sent",
            )
            continue
        chosen.append((value, box.line))
    values = sorted({v for v, _ in chosen})
    if len(values) > 1:
        shown = (
            " and ".join(str(v) for v in values)
            if len(values) == 2
            else ", ".join(str(v) for v in values)
        )
        times = "twice" if len(values) == 2 else f"{len(values)} times"
        problems.add(chosen[1][1], f"rating of {q.label} is marked {times} ({shown}); mark one box")
        return None
    if not values:
        if q.required:
            problems.add(
                form_q.line,
                f"rating of {q.label} is required: put an x in one box ({low}–{high})",
            )
        return None
    return values[0]


def _check_md_choice(q: KitQuestion, form_q: MdQuestion, problems: _Problems) -> AnswerValue:
    options = ("yes", "no") if q.kind == "yesno" else q.options
    for line, text in [*form_q.stray, *form_q.answer]:
        if text.strip():
            problems.add(
                line,
                f"text where a choice belongs ('{one_line(text, 40)}'): answer {q.label} by "
                "putting an x in a box",
            )
            break
    chosen: list[tuple[str, int]] = []
    for box in form_q.boxes:
        if box.mark and box.mark not in MARKS:
            problems.add(box.line, f"mark a box with an x, not '{box.mark}' ({q.label})")
            continue
        wanted = _norm(box.value).casefold()
        option = next((o for o in options if _norm(o).casefold() == wanted), None)
        if option is None:
            if box.marked:
                problems.add(
                    box.line,
                    f"'{one_line(box.value, 30)}' is not one of the choices of {q.label} "
                    f"({', '.join(options)}): leave the boxes' words as they were sent",
                )
            continue
        if box.marked and option not in [c for c, _ in chosen]:
            chosen.append((option, box.line))
    if q.kind != "choices" and len(chosen) > 1:
        shown = " and ".join(c for c, _ in chosen[:2])
        problems.add(chosen[1][1], f"{q.label} has several boxes marked ({shown}); mark one box")
        return None
    if not chosen:
        if q.required:
            problems.add(form_q.line, f"{q.label} is required: put an x in one box")
        return None if q.kind != "choices" else []
    if q.kind == "yesno":
        return chosen[0][0] == "yes"
    if q.kind == "choices":
        return [c for c, _ in chosen]
    return chosen[0][0]


def _answer_lines(form_q: MdQuestion) -> list[tuple[int, str]]:
    """The answer's lines, without blank lines around it."""
    body = list(form_q.answer)
    if form_q.answer_line is None or not any(t.strip() for _, t in body):
        # Written straight under the question (no 'Answer:' line, or nothing under it).
        extra = [*form_q.stray]
        if not any(t.strip() for _, t in extra):
            extra = []
        body = extra + body
    while body and not body[0][1].strip():
        body.pop(0)
    while body and not body[-1][1].strip():
        body.pop()
    return body


_BULLET = re.compile(r"\s*(?:[-*+•]|\d{1,3}[.)])\s+")


def _check_md_text(q: KitQuestion, form_q: MdQuestion, problems: _Problems) -> AnswerValue:
    if form_q.answer_line is not None and any(t.strip() for _, t in form_q.answer):
        for line, text in form_q.stray:
            if text.strip():
                problems.add(
                    line,
                    f"text above 'Answer:' ('{one_line(text, 40)}'): write the answer to "
                    f"{q.label} below the line 'Answer:'",
                )
                break
    for box in form_q.boxes:
        problems.add(box.line, f"{q.label} is answered in words, not with a box")
        break
    body = _answer_lines(form_q)
    texts = [t for _, t in body]
    if q.kind == "list":
        items = [_BULLET.sub("", t, count=1).strip() for t in texts]
        value: AnswerValue = [i for i in items if i]
    elif q.kind == "line":
        value = _norm(" ".join(texts))
    else:
        value = "\n".join(t.rstrip() for t in texts).strip()
    if q.kind == "date" and value:
        assert isinstance(value, str)
        try:
            date.fromisoformat(value)
        except ValueError:
            problems.add(
                body[0][0], f"'{one_line(value, 30)}' is not a date: write it as YYYY-MM-DD"
            )
            return None
    if _empty(value):
        if q.required:
            line = form_q.answer_line or form_q.line
            problems.add(line, f"{q.label} is required: write your answer under 'Answer:'")
        return None
    return value


def validate_markdown(form: MdForm, kit: Kit, source: str) -> dict[str, AnswerValue]:
    problems = _Problems(source)
    problems.items.extend(form.problems)
    expected = kit.questions
    by_number: dict[int, MdQuestion] = {}
    for form_q in form.questions:
        if form_q.number in by_number:
            problems.add(
                form_q.line,
                f"question {form_q.number} appears twice (first at line "
                f"{by_number[form_q.number].line}): keep one",
            )
        elif not 1 <= form_q.number <= len(expected):
            problems.add(
                form_q.line,
                f"there is no question {form_q.number} in this form (it has {len(expected)}): "
                "the headings must stay as they were sent",
            )
        else:
            by_number[form_q.number] = form_q
    _check_md_sections(form, kit, problems)
    answers: dict[str, AnswerValue] = {}
    previous_line = 1
    # A file cut short: the questions after the cut are not "deleted", the end is missing.
    last_found = max(by_number, default=0) if form.end_line is None else len(expected)
    for number, q in enumerate(expected, 1):
        found = by_number.get(number)
        if found is None and number > last_found:
            continue
        if found is None:
            problems.add(
                previous_line,
                f"question {number} ({q.label}) is missing after this line: its heading "
                f"'### {number}. …' was deleted or changed",
            )
            continue
        form_q = found
        previous_line = form_q.line
        if not _same_question(q, form_q, problems):
            continue
        if q.kind == "rating":
            value = _check_md_rating(q, form_q, problems)
        elif q.kind in ("choice", "choices", "yesno"):
            value = _check_md_choice(q, form_q, problems)
        else:
            value = _check_md_text(q, form_q, problems)
        if not _empty(value):
            answers[q.id] = value
    if form.end_line is None:
        problems.add(
            form.last_line,
            f"the form ends here without its last line '{MD_END}': the file is cut short "
            "(truncated); send the whole file",
        )
    problems.raise_if_any()
    return answers


def _same_question(q: KitQuestion, form_q: MdQuestion, problems: _Problems) -> bool:
    """Whether the heading and the text are as sent; reports the first difference."""
    if not q.goal_id and _norm(form_q.title) != _norm(q.title):
        problems.add(
            form_q.line,
            f"the heading of question {form_q.number} was changed; put it back as it was "
            f"sent: '### {form_q.number}. {q.title}'",
        )
        return False
    paragraph = [(n, t) for n, t in form_q.paragraph if t.strip()]
    found = _norm(" ".join(t for _, t in paragraph))
    wanted = _norm(q.body)
    if found == wanted:
        return True
    if wanted and found.startswith(wanted):
        # Something typed straight under the question's text: stray text, not an edit.
        joined, extra = "", []
        for line, text in paragraph:
            joined = _norm(f"{joined} {text}")
            if len(joined) > len(wanted):
                extra.append((line, text))
        form_q.stray[0:0] = extra
        return True
    if not wanted:
        # A question whose heading is the question: lines under it are the answer.
        form_q.stray[0:0] = form_q.paragraph
        return True
    line = paragraph[0][0] if paragraph else form_q.line
    problems.add(
        line,
        f"the text of question {form_q.number} ({q.label}) was changed; put it back as it "
        f"was sent: '{one_line(q.body, 70)}'",
    )
    return False


def _check_md_sections(form: MdForm, kit: Kit, problems: _Problems) -> None:
    titles = {_norm(s.title) for s in kit.sections}
    guidance = {_norm(s.title): _norm(s.guidance) for s in kit.sections}
    for section in form.sections:
        key = _norm(section.title)
        if key not in titles:
            problems.add(
                section.line,
                f"'## {one_line(section.title, 40)}' is not a heading of this form: headings "
                "must stay as they were sent, and a line of an answer must not start with '#'",
            )
            continue
        for line, text in section.text:
            if _norm(text) and _norm(text.lstrip("> ")) not in guidance[key]:
                problems.add(
                    line,
                    f"text outside any question ('{one_line(text, 40)}'): write answers "
                    "under a question's 'Answer:' line",
                )
                break


def _check_json_value(
    q: KitQuestion, value: object, line: int | None, problems: _Problems
) -> AnswerValue:
    if _empty(value):
        if q.required:
            problems.add(line, f"{q.label} is required and has no answer")
        return None if q.kind not in ("list", "choices") else []
    if q.kind == "rating":
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d{1,3}\s*", value):
            number = int(value)
        low, high = q.scale or (1, 5)
        if number is None:
            problems.add(
                line,
                f"text where a rating belongs ({_show(value)}): {q.label} takes a whole "
                f"number from {low} to {high}",
            )
            return None
        if not low <= number <= high:
            problems.add(line, f"rating {number} of {q.label} is outside the scale {low} to {high}")
            return None
        return number
    if q.kind == "yesno":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("yes", "no"):
            return value.strip().lower() == "yes"
        problems.add(line, f"{q.label} takes true or false, not {_show(value)}")
        return None
    if q.kind == "choice":
        option = _choose(q, value) if isinstance(value, str) else None
        if option is None:
            problems.add(
                line,
                f"{_show(value)} is not one of the choices of {q.label} ({', '.join(q.options)})",
            )
        return option
    if q.kind in ("choices", "list"):
        items = value.splitlines() if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            problems.add(line, f"{q.label} takes a list of text, not {_show(value)}")
            return None
        items = [i.strip() for i in items if i.strip()]
        if q.kind == "list":
            return items
        chosen: list[str] = []
        for item in items:
            option = _choose(q, item)
            if option is None:
                problems.add(line, f"'{one_line(item, 30)}' is not one of the choices of {q.label}")
                return None
            chosen.append(option)
        return chosen
    if not isinstance(value, str):
        problems.add(line, f"{q.label} takes text, not {_show(value)}")
        return None
    if q.kind == "date":
        try:
            date.fromisoformat(value.strip())
        except ValueError:
            problems.add(line, f"{_show(value)} is not a date: write it as YYYY-MM-DD")
            return None
        return value.strip()
    return _norm(value) if q.kind == "line" else value.strip()


def _show(value: object) -> str:
    if isinstance(value, str):
        return f"'{one_line(value, 30)}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "an object"
    return one_line(repr(value), 30)


def validate_json(form: JsonForm, kit: Kit, source: str) -> dict[str, AnswerValue]:
    problems = _Problems(source)
    problems.items.extend(form.problems)
    found = [q for s in form.sections for q in s.questions]
    found_ids = {q.id: q for q in found}
    expected_ids = {q.id for q in kit.questions}
    for q in kit.questions:
        have = found_ids.get(q.id)
        if have is None:
            problems.add(
                _line_of_section(form), f"question '{q.id}' ({q.label}) is missing from the kit"
            )
        elif _norm(have.text) != _norm(q.text) or have.kind != q.kind:
            problems.add(
                form.question_lines.get(q.id),
                f"question {q.label} was changed; put it back as it was sent: "
                f"'{one_line(q.text, 70)}'",
            )
    for q in found:
        if q.id not in expected_ids:
            problems.add(
                form.question_lines.get(q.id), f"question '{q.id}' is not part of this kit"
            )
    answers: dict[str, AnswerValue] = {}
    for key in form.answers:
        if key not in expected_ids:
            problems.add(
                form.answer_lines.get(key),
                f"an answer to '{one_line(key, 30)}', which is not a question of this kit",
            )
    for q in kit.questions:
        line = form.answer_lines.get(q.id) or form.answers_line or form.question_lines.get(q.id)
        value = _check_json_value(q, form.answers.get(q.id), line, problems)
        if not _empty(value):
            answers[q.id] = value
    problems.raise_if_any()
    return answers


def _line_of_section(form: JsonForm) -> int | None:
    return min((n for n in form.question_lines.values() if n), default=1)


# --------------------------------------------------------------------------- import


@dataclass(frozen=True)
class ImportResult:
    client_id: str
    executive: str
    audience: str
    phase: str
    already: datetime | None = None
    ratings: int = 0
    answers: int = 0
    survey: int = 0
    named: bool = False

    def summary(self) -> str:
        what = "self-assessment" if self.audience == "self" else "stakeholder response"
        if self.already is not None:
            return (
                f"This {what} for {self.executive} was already imported on "
                f"{self.already:%Y-%m-%d %H:%M}; nothing changed."
            )
        parts = [f"{self.ratings} rating(s)", f"{self.answers} answer(s)"]
        if self.survey:
            parts.append(f"{self.survey} mini-survey score(s)")
        who = ""
        if self.audience == "stakeholder":
            who = " (named)" if self.named else " (anonymous)"
        return f"Imported the {what}{who} for {self.executive} ({self.phase}): " + ", ".join(parts)


@dataclass
class _Plan:
    record: ClientRecord
    kit: Kit
    checked: Checked
    digest: str
    fmt: str


def response_digest(kit_id: str, answers: dict[str, AnswerValue]) -> str:
    canon = json.dumps({"kit": kit_id, "answers": answers}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canon.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def check_response(practice: Practice, library: ScriptLibrary, text: str, source: str) -> _Plan:
    """Parse and validate a response against the practice; writes nothing."""
    fmt = detect_format(text, source)
    md_form = json_form = None
    if fmt == "md":
        md_form = parse_markdown(text, source)
        header = md_form.header
    else:
        json_form = parse_json(text, source)
        header = json_form.header
    record, export = _find_kit(practice, header, source)
    kit = build_kit(
        record,
        library,
        export.audience,
        kit_id=export.kit_id,
        phase=export.phase,
        goal_ids=export.goal_ids,
    )
    _check_kit_unchanged(kit, export, record, source)
    if md_form is not None:
        answers = validate_markdown(md_form, kit, source)
        name_line = _md_answer_line(md_form, kit, NAME_ID)
    else:
        assert json_form is not None
        answers = validate_json(json_form, kit, source)
        name_line = json_form.answer_lines.get(NAME_ID)
    checked = Checked(answers)
    if kit.audience == "stakeholder":
        checked = _who(record, answers, name_line, source)
    return _Plan(record, kit, checked, response_digest(kit.kit_id, answers), fmt)


def _md_answer_line(form: MdForm, kit: Kit, qid: str) -> int | None:
    for number, q in enumerate(kit.questions, 1):
        if q.id == qid:
            found = next((f for f in form.questions if f.number == number), None)
            return (found.answer_line or found.line) if found else None
    return None


def _find_kit(practice: Practice, header: Header, source: str) -> tuple[ClientRecord, KitRecord]:
    problems = _Problems(source)
    try:
        record = practice.load(header.client_id)
    except NotFoundError:
        raise problems.fail(
            header.line("executive"),
            f"this kit is for executive '{one_line(header.client_id, 40)}', who is not in "
            f"this practice ({practice.root}); is it the right data folder?",
        ) from None
    name = one_line(record.client.name)
    export = exported_kits(record).get(header.kit_id)
    if export is None:
        owner = _kit_owner(practice, header.kit_id, record.client.id)
        if owner:
            raise problems.fail(
                header.line("executive"),
                f"this kit was exported for {owner}, but the file says 'executive: "
                f"{one_line(header.client_id, 40)}' ({name}): the block at the top must stay "
                "as it was sent",
            )
        raise problems.fail(
            header.line("kit"),
            f"kit '{one_line(header.kit_id, 20)}' was never exported for {name} from this "
            "practice: the kit belongs to another executive or practice, or its top block was "
            "edited",
        )
    if header.audience != export.audience:
        raise problems.fail(
            header.line("for"),
            f"this kit was sent 'for: {export.audience}', but the file says "
            f"'for: {one_line(header.audience, 20)}': the top block must stay as it was sent",
        )
    if header.engagement_id != record.engagement.id:
        known = {e.id for e in record.engagements}
        why = (
            f"an earlier engagement of {name}; export a new kit for the current one"
            if header.engagement_id in known
            else f"no engagement of {name}: the top block must stay as it was sent"
        )
        raise problems.fail(header.line("engagement"), f"this kit belongs to {why}")
    return record, export


def _kit_owner(practice: Practice, kit_id: str, skip: str) -> str:
    """The name of the executive a kit was exported for, if not ``skip``."""
    for client_id in practice.client_ids():
        if client_id == skip:
            continue
        try:
            record = practice.load(client_id)
        except CoachError:
            continue
        if kit_id in exported_kits(record):
            return one_line(record.client.name)
    return ""


def _check_kit_unchanged(kit: Kit, export: KitRecord, record: ClientRecord, source: str) -> None:
    problems = _Problems(source)
    current = dict(kit.scripts)
    for sid, version in export.scripts:
        if current.get(sid) != version:
            problems.add(
                1,
                f"the script '{sid}' changed since this kit was exported on "
                f"{export.at:%Y-%m-%d} (version {version}, now {current.get(sid)}): "
                "export a new kit",
            )
    goals = {g.id for g in record.insights_of(InsightKind.GOAL)}
    for goal_id in export.goal_ids:
        if goal_id not in goals:
            problems.add(
                1,
                f"a goal this kit asks about (id {goal_id}) was removed since the kit was "
                "exported: restore it (coach-tui check --trash) or export a new kit",
            )
    if not problems.items and kit.digest != export.digest:
        problems.add(
            1,
            f"the questions changed in this practice since the kit was exported on "
            f"{export.at:%Y-%m-%d} (a script was edited): export a new kit",
        )
    problems.raise_if_any()


def _who(
    record: ClientRecord, answers: dict[str, AnswerValue], name_line: int | None, source: str
) -> Checked:
    """The stakeholder behind a response: named (if the name is known) or anonymous."""
    relationship = answers.get(RELATIONSHIP_ID)
    name = answers.get(NAME_ID)
    stakeholder: Stakeholder | None = None
    if isinstance(name, str) and name.strip():
        people = [s for s in record.stakeholders if s.engagement_id == record.engagement.id]
        wanted = _norm(name).casefold()
        exact = [s for s in people if _norm(s.name).casefold() == wanted]
        partial = [s for s in people if wanted in _norm(s.name).casefold()]
        matches = exact or partial
        if len(matches) != 1:
            raise KitError(
                [
                    KitProblem(
                        source,
                        name_line,
                        f"'{one_line(name, 30)}' is not "
                        + ("one" if not matches else "exactly one")
                        + " of the stakeholders of this engagement: correct the name, or leave "
                        "it empty to import the answers anonymously",
                    )
                ]
            )
        stakeholder = matches[0]
    return Checked(
        answers,
        stakeholder.id if stakeholder else None,
        relationship if isinstance(relationship, str) else "",
    )


def import_text(practice: Practice, library: ScriptLibrary, text: str, source: str) -> ImportResult:
    """Check a response and, if every check passes, record it (once)."""
    plan = check_response(practice, library, text, source)
    kit, record = plan.kit, plan.record
    base = ImportResult(record.client.id, one_line(record.client.name), kit.audience, kit.phase)
    # One locked, all-or-nothing write: a crash part-way leaves nothing, and two
    # imports of the same response at once cannot both pass the duplicate check.
    with practice.batch(record.client.id):
        current = practice.load(record.client.id)  # under the lock: the file as it is now
        previous = _previous_import(current, kit.kit_id, plan.digest)
        if previous is not None:
            return replace(base, already=previous.at)
        return _apply(practice, library, plan, base)


def import_response(
    practice: Practice, library: ScriptLibrary, path: Path, source: str | None = None
) -> ImportResult:
    text, source = read_response(path, source)
    return import_text(practice, library, text, source)


def _save_session(
    practice: Practice,
    client_id: str,
    script: Script,
    answers: dict[str, AnswerValue],
    stakeholder_id: str | None,
    skip: Callable[[Question], bool] = lambda q: False,
) -> int:
    session = practice.start_session(client_id, script, stakeholder_id)
    saved = 0
    for question in script.questions:
        if question.per_goal or skip(question):
            continue
        value = answers.get(question.id)
        if not _empty(value):
            practice.save_answer(client_id, session.id, question, value)
            saved += question.competency is None
    practice.end_session(client_id, session.id)
    return saved


def _apply(
    practice: Practice, library: ScriptLibrary, plan: _Plan, base: ImportResult
) -> ImportResult:
    """Write a checked response. Every check is done: nothing here can refuse it."""
    kit, checked = plan.kit, plan.checked
    cid = plan.record.client.id
    answers = checked.answers
    ratings = {
        q.competency: value
        for q in kit.questions
        if q.competency and isinstance(value := answers.get(q.id), int)
    }
    survey: dict[str | None, int] = {}
    if kit.audience == "self":
        saved = _save_session(practice, cid, library.get(SELF_SCRIPT), answers, None)
        if ratings:
            practice.record_ratings(cid, ratings, kit.phase, "self")
    else:
        sid, relationship = checked.stakeholder_id, checked.relationship
        if kit.phase == "baseline":
            saved = _save_session(practice, cid, library.get(INTERVIEW_SCRIPT), answers, sid)
        else:
            for q in kit.questions:
                value = answers.get(q.id)
                if q.goal_id and isinstance(value, int):
                    survey[q.goal_id] = value
            overall = answers.get(OVERALL_ID)
            if isinstance(overall, int):
                survey[None] = overall
            saved = _save_session(practice, cid, library.get(SURVEY_SCRIPT), answers, sid)
            if survey:
                suggestion = answers.get(FEEDFORWARD_ID)
                practice.record_survey(
                    cid,
                    survey,
                    relationship=relationship,
                    stakeholder_id=sid,
                    suggestion=suggestion if isinstance(suggestion, str) else "",
                )
        if ratings:
            practice.record_ratings(
                cid,
                ratings,
                kit.phase,
                "stakeholder",
                stakeholder_id=sid,
                relationship=relationship,
            )
    practice.log_event(
        cid,
        EVENT_IMPORT,
        f"{kit.kit_id} response {plan.digest} ({kit.audience}, {kit.phase}, {plan.fmt})",
    )
    return replace(
        base,
        ratings=len(ratings),
        answers=saved,
        survey=len(survey),
        named=checked.stakeholder_id is not None,
    )


# --------------------------------------------------------------------------- export


def export_kit(
    practice: Practice,
    library: ScriptLibrary,
    client_id: str,
    audience: str,
    fmt: str,
    output: Path,
) -> Kit:
    """Write a kit to ``output`` and record it in the executive's event log."""
    if fmt not in FORMATS:
        raise InvalidInputError(f"a kit is written as json or md, not '{fmt}'")
    folder = output.parent if str(output.parent) else Path()
    if not folder.is_dir():
        raise InvalidInputError(f"{output}: the folder {folder} does not exist")
    if output.is_dir():
        raise InvalidInputError(f"{output}: is a folder; give a file name")
    record = practice.load(client_id)
    kit = build_kit(record, library, audience)
    data = render_json(kit) if fmt == "json" else render_markdown(kit)
    practice.log_event(client_id, EVENT_EXPORT, export_detail(kit, fmt))
    safefile.atomic_write(output, data.encode("utf-8"), keep_backup=False, private_folder=False)
    return kit


# --------------------------------------------------------------------------- command line


def cli_kit(args: argparse.Namespace, root: Path) -> int:
    """``coach-tui kit export|fill|import``."""
    command = getattr(args, "kit_command", None)
    if command == "fill":
        from coach_tui.selfassess import cli_kit_fill

        return cli_kit_fill(args)
    if command == "export":
        practice = Practice(root)
        summary = practice.find(args.name)
        output = Path(args.output)
        kit = export_kit(
            practice, load_library(root), summary.id, args.audience, args.format, output
        )
        count = len(kit.questions)
        print(
            f"Wrote a {kit.audience} kit ({kit.phase}, {count} questions) for "
            f"{one_line(summary.name)} to {output}"
        )
        if args.format == "json":
            print(f"It is answered with: coach-tui kit fill {output.name} -o response.json")
        else:
            print("It is filled in with any text editor and sent back as it is.")
        print(f"Import the answers with: coach-tui kit import RESPONSE (kit {kit.kit_id})")
        return 0
    if command == "import":
        import sys

        practice = Practice(root)
        try:
            result = import_response(practice, load_library(root), Path(args.file), args.file)
        except KitError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            count = len(exc.problems)
            raise InvalidInputError(
                f"nothing was imported: {count} problem{'s' if count != 1 else ''} in "
                f"{args.file}; correct {'them' if count != 1 else 'it'} and import again"
            ) from None
        print(result.summary())
        return 0
    raise InvalidInputError(
        "kit needs an action: export, fill or import (see coach-tui kit --help)"
    )
