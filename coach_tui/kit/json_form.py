"""The JSON kit: rendering it, parsing a kit or response, and what ``kit fill`` needs.

Needs no data folder, so ``kit fill`` can answer a kit on any machine.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from coach_tui.domain.model import AnswerValue
from coach_tui.kit.model import (
    KIT_FORMAT,
    Header,
    Kit,
    KitError,
    KitProblem,
    KitQuestion,
    KitSection,
    _Problems,
)
from coach_tui.kit.reading import detect_format, read_response
from coach_tui.text import one_line


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
