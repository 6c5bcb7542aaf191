"""A session's questions as the coach goes through them, and finishing a session.

Question expansion: a script's per-goal question is asked once per current goal,
under an id that names the goal (``<question>--goal-<goal id>``), so the answer
scores that goal; a per-competency question once per agreed competency
(``<question>--competency-<slug>``). The live session, the wrap-up and anything else that walks a
session's questions use these functions, never their own copy.

Finishing: the wrap-up's scores, the due date given to the session's undated
actions, the sessions the contract covers (the intake's "how many sessions?"), the
end of the session and the plan for next time are one change to the executive's file
(``Practice.batch``): all of it is written, or none of it.
No Textual here: the screens call this off the UI thread.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol

from coach_tui.domain import evidence
from coach_tui.domain import plan as planning
from coach_tui.domain.model import ClientRecord, Session
from coach_tui.scripts.library import Question, ScriptLibrary, slugify

GOAL_SEPARATOR = "--goal-"
COMPETENCY_SEPARATOR = "--competency-"
#: Where the competencies that matter for success are agreed, and the question.
COMPETENCY_SCRIPTS: tuple[str, ...] = ("analysis-expectations", "three-way-signoff")
COMPETENCIES_QUESTION = "competencies-for-success"
#: The method works on two or three competencies, never the whole menu.
MOST_COMPETENCIES = 3


def session_questions(
    script_questions: tuple[Question, ...], record: ClientRecord
) -> list[Question]:
    """The script's questions as asked: per-goal and per-competency ones expanded.

    A per-goal question is asked once per current goal. A script with per-competency
    questions (the stakeholder interview) is built on the competencies agreed for the
    engagement: its competency block is asked once per agreed competency (that
    competency's rating, then each per-competency question about it), and the ratings
    of competencies not agreed are left out. With none agreed yet, the per-competency
    questions are asked once, as written, and no rating is read out.
    """
    goals = planning.running_views(record).goals
    scorable = planning.scorable_goals(record)  # only agreed goals get a GAS score
    anchored = any(q.per_competency for q in script_questions)
    competencies = agreed_competencies(record) if anchored else []
    expanded: list[Question] = []
    block_done = False
    for question in script_questions:
        if anchored and (question.per_competency or question.competency):
            if not block_done:
                expanded.extend(_competency_block(script_questions, competencies))
                block_done = True
            continue
        if not question.per_goal:
            expanded.append(question)
            continue
        for goal in scorable if question.scale == (-2, 2) else goals:
            expanded.append(
                replace(
                    question,
                    id=f"{question.id}{GOAL_SEPARATOR}{goal.id}",
                    text=f"{question.text}\nGoal: {goal.text}",
                    labels={**question.labels, **goal.gas}
                    if question.scale == (-2, 2)
                    else question.labels,
                )
            )
    return expanded


def _competency_block(
    script_questions: tuple[Question, ...], competencies: list[str]
) -> list[Question]:
    """Each agreed competency: its rating, then the per-competency questions about it."""
    per_competency = [q for q in script_questions if q.per_competency]
    if not competencies:
        return per_competency
    ratings = {q.competency.casefold(): q for q in script_questions if q.competency}
    block: list[Question] = []
    for competency in competencies:
        rating = ratings.get(competency.casefold())
        if rating is not None:
            block.append(rating)
        block.extend(
            replace(
                question,
                id=f"{question.id}{COMPETENCY_SEPARATOR}{slugify(competency)}",
                text=f"{question.text}\nCompetency: {competency}",
                per_competency=False,
            )
            for question in per_competency
        )
    return block


def agreed_competencies(record: ClientRecord) -> list[str]:
    """The competencies agreed for this engagement (at most three), in the order given.

    They are the answer to "which two or three competencies matter most?" in the
    expectations meeting (or a later session that asks it again: the latest counts).
    """
    history = evidence.History.of(record, date.max)
    value = history.answer(COMPETENCY_SCRIPTS, COMPETENCIES_QUESTION)
    lines = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    chosen: list[str] = []
    for line in lines:
        name = str(line).strip()
        if name and name.casefold() not in {c.casefold() for c in chosen}:
            chosen.append(name)
    return chosen[:MOST_COMPETENCIES]


def questions_of(session: Session, library: ScriptLibrary, record: ClientRecord) -> list[Question]:
    """The questions of ``session`` as the coach goes through them (per-goal ones expanded).

    The script's current questions that were asked then; if the script is gone, the
    questions as they were asked.
    """
    try:
        script_questions = library.get(session.script_id).questions
    except KeyError:
        script_questions = ()
    asked = {q.id for q in session.questions}
    known = [q for q in script_questions if q.id in asked] or list(script_questions)
    if not known:  # the script is gone: ask the questions as they were asked then
        known = [Question(q.id, q.text, q.kind, q.section) for q in session.questions]
    return session_questions(tuple(known), record)


def goal_of(question_id: str) -> str | None:
    """The goal id a per-goal question was asked about, if any."""
    _, separator, goal_id = question_id.partition(GOAL_SEPARATOR)
    return goal_id if separator else None


# ------------------------------------------------------------------ finishing


class SessionWriter(Protocol):
    """What finishing a session needs of the practice (``Practice`` has it)."""

    def batch(self, client_id: str) -> AbstractContextManager[None]: ...

    def score_goal(
        self, client_id: str, goal_id: str, score: int, session_id: str | None = None
    ) -> Any: ...

    def update_insight(self, client_id: str, insight_id: str, **changes: Any) -> Any: ...

    def end_session(self, client_id: str, session_id: str) -> Any: ...

    def set_contracted_sessions(self, client_id: str, sessions: int | None) -> Any: ...

    def write_plan(
        self,
        client_id: str,
        *,
        session_id: str | None = None,
        next_date: date | None = None,
        script_id: str = "",
        review_actions: list[str] | None = None,
        score_goals: list[str] | None = None,
        focus: list[str] | None = None,
        notes: str = "",
    ) -> Any: ...


@dataclass(frozen=True)
class Finish:
    """What the coach settled in the wrap-up."""

    scores: Mapping[str, int]
    next_date: date | None
    script_id: str
    notes: str


#: The question whose answer ("10 sessions over six months") says how many sessions
#: the contract covers: its first whole number is recorded on the engagement.
CONTRACTED_SESSIONS_QUESTION = "contracted-sessions"
#: More than this is a typo (or a year), not a coaching contract.
MOST_SESSIONS = 100


def contracted_sessions(record: ClientRecord, session_id: str) -> int | None:
    """The sessions contracted, as answered in this session, if it was asked and answered.

    The first whole number of the answer counts ("12 sessions over 6 months" is 12);
    an answer without one, or an unlikely one (0, over 100), records nothing.
    """
    answer = record.answers_of(session_id).get(CONTRACTED_SESSIONS_QUESTION)
    if answer is None:
        return None
    value = answer.value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        found = re.search(r"\d+", value if isinstance(value, str) else "")
        if found is None:
            return None
        number = int(found.group())
    return number if 1 <= number <= MOST_SESSIONS else None


def _with_due(record: ClientRecord, due: date, action_ids: set[str]) -> Iterator[Any]:
    for insight in record.insights:
        yield replace(insight, due=due) if insight.id in action_ids else insight


def finish_session(
    practice: SessionWriter,
    record: ClientRecord,
    session_id: str,
    finish: Finish,
    today: date,
    *,
    before_plan: Callable[[], None] | None = None,
) -> None:
    """Score the goals, date the new actions, end the session and write the plan: at once.

    ``record`` is the executive as loaded before; the plan is drafted from it with the
    new due dates applied (reads inside a batch see the file as it was before it).
    Raises ``CoachError`` (nothing written) if any step fails. ``before_plan`` is a
    test hook run inside the batch just before the plan is written.
    """
    client_id = record.client.id
    due, undated = planning.commitments_due(record, session_id)
    dated = [a.id for a in undated] if due else []
    drafted_from = record
    if due and dated:
        drafted_from = replace(record, insights=list(_with_due(record, due, set(dated))))
    draft = planning.draft_next_plan(drafted_from, today)
    contract = contracted_sessions(record, session_id)
    with practice.batch(client_id):
        for goal_id, score in finish.scores.items():
            practice.score_goal(client_id, goal_id, score, session_id)
        for action_id in dated:
            practice.update_insight(client_id, action_id, due=due)
        if contract is not None and contract != record.engagement.contracted_sessions:
            practice.set_contracted_sessions(client_id, contract)
        practice.end_session(client_id, session_id)
        if before_plan is not None:
            before_plan()
        practice.write_plan(
            client_id,
            session_id=session_id,
            next_date=finish.next_date,
            script_id=finish.script_id,
            review_actions=[a.id for a in draft.review_actions],
            score_goals=[g.id for g in draft.score_goals],
            focus=[i.id for i in draft.focus],
            notes=finish.notes,
        )
