"""Importing a response: checked against the practice, then written through the store.

Every check runs before anything is written; the write is one locked batch, and a
response imported before changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from coach_tui.domain.model import AnswerValue, ClientRecord, InsightKind, Stakeholder
from coach_tui.errors import CoachError, NotFoundError
from coach_tui.kit.build import build_kit
from coach_tui.kit.check import Checked, _empty, validate_json, validate_markdown
from coach_tui.kit.json_form import parse_json
from coach_tui.kit.markdown_form import MdForm, parse_markdown
from coach_tui.kit.model import (
    EVENT_IMPORT,
    FEEDFORWARD_ID,
    INTERVIEW_SCRIPT,
    NAME_ID,
    OVERALL_ID,
    RELATIONSHIP_ID,
    SELF_SCRIPT,
    SURVEY_SCRIPT,
    Header,
    Kit,
    KitError,
    KitProblem,
    _norm,
    _Problems,
)
from coach_tui.kit.reading import detect_format, read_response
from coach_tui.kit.records import KitRecord, _previous_import, exported_kits
from coach_tui.kit.reimport import Earlier, earlier_response, session_note, withdraw_scores
from coach_tui.scripts.library import Question, Script, ScriptLibrary
from coach_tui.store.practice import Practice
from coach_tui.text import one_line


@dataclass(frozen=True)
class ImportResult:
    client_id: str
    executive: str
    audience: str
    phase: str
    already: datetime | None = None
    updated: datetime | None = None
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
        if self.updated is not None:
            return (
                f"This kit's {what}{who} for {self.executive} was imported on "
                f"{self.updated:%Y-%m-%d %H:%M}; updated it with this version ({self.phase}): "
                + ", ".join(parts)
                + " (changed answers keep their earlier values)"
            )
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
        earlier = earlier_response(current, kit.kit_id)  # the same kit, answered again
        if previous is not None and (earlier is None or earlier.digest == plan.digest):
            return replace(base, already=previous.at)
        if earlier is not None:
            withdraw_scores(practice, current, earlier)
            base = replace(base, updated=earlier.at)
        return _apply(practice, library, plan, base, earlier)


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
    earlier: Earlier | None = None,
) -> tuple[int, str]:
    """Save a response as a session; with ``earlier``, into that session (an update)."""
    if earlier is not None:
        session = earlier.session
        before = practice.load(client_id).answers_of(session.id)
    else:
        session = practice.start_session(client_id, script, stakeholder_id)
        before = {}
    saved = 0
    for question in script.questions:
        if question.per_goal or skip(question):
            continue
        value = answers.get(question.id)
        if not _empty(value):
            practice.save_answer(client_id, session.id, question, value)
            saved += question.competency is None
        elif question.id in before:  # emptied in the corrected version: kept in history
            practice.save_answer(client_id, session.id, question, None)
    if earlier is None:
        practice.end_session(client_id, session.id)
    return saved, session.id


def _apply(
    practice: Practice,
    library: ScriptLibrary,
    plan: _Plan,
    base: ImportResult,
    earlier: Earlier | None = None,
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
        saved, session_id = _save_session(
            practice, cid, library.get(SELF_SCRIPT), answers, None, earlier=earlier
        )
        if ratings:
            practice.record_ratings(cid, ratings, kit.phase, "self")
    else:
        sid, relationship = checked.stakeholder_id, checked.relationship
        if kit.phase == "baseline":
            saved, session_id = _save_session(
                practice, cid, library.get(INTERVIEW_SCRIPT), answers, sid, earlier=earlier
            )
        else:
            for q in kit.questions:
                value = answers.get(q.id)
                if q.goal_id and isinstance(value, int):
                    survey[q.goal_id] = value
            overall = answers.get(OVERALL_ID)
            if isinstance(overall, int):
                survey[None] = overall
            saved, session_id = _save_session(
                practice, cid, library.get(SURVEY_SCRIPT), answers, sid, earlier=earlier
            )
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
        f"{kit.kit_id} response {plan.digest} ({kit.audience}, {kit.phase}, {plan.fmt})"
        + session_note(session_id),
    )
    return replace(
        base,
        ratings=len(ratings),
        answers=saved,
        survey=len(survey),
        named=checked.stakeholder_id is not None,
    )
