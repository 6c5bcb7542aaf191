"""Validating a parsed response (either form) against the kit's questions.

Collects every problem with its line; reads nothing from, and writes nothing to, the
practice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from coach_tui.domain.model import AnswerValue
from coach_tui.kit.json_form import JsonForm
from coach_tui.kit.markdown_form import MdForm, MdQuestion
from coach_tui.kit.model import MARKS, MD_END, Kit, KitQuestion, _norm, _Problems
from coach_tui.text import one_line


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
