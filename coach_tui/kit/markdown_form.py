"""The Markdown form: rendering the plain-text questionnaire and parsing it back.

Parsing only reads the form's structure; what the answers mean is checked by
``coach_tui.kit.check``.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Final

from coach_tui.kit.model import (
    KIT_FORMAT,
    MD_END,
    MD_OPENING,
    Header,
    Kit,
    KitProblem,
    KitQuestion,
    _norm,
    _Problems,
)
from coach_tui.text import one_line


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


def _split_lines(text: str) -> list[str]:
    """Lines as an editor counts them: \\n, \\r\\n or \\r end a line, nothing else."""
    return re.split(r"\r\n|\r|\n", text)


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
