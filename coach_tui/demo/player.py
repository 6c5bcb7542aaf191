"""Playing one demo engagement forward: its clock, its sessions and their answers.

The player runs each session from the shipped script as the coach would ask it
(per-goal and per-competency questions expanded) and answers every question with
what that person said: the session's own answers (an interview, an action call),
then the person's row in the tables, then their running-view lists.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from coach_tui.demo.people import YES, DemoCall, DemoInterview, DemoPerson
from coach_tui.domain import plan as planning
from coach_tui.domain.model import AnswerValue, InsightKind
from coach_tui.domain.privacy import COACH_NOTES_ID
from coach_tui.domain.sessions import COMPETENCY_SEPARATOR, GOAL_SEPARATOR, session_questions
from coach_tui.scripts.library import Question, Script, ScriptLibrary, competency_id
from coach_tui.scripts.library import slugify as id_slug
from coach_tui.store.practice import Practice


class Clock:
    """The demo's clock: moved forward as each engagement is played."""

    def __init__(self, today: datetime) -> None:
        self.today = today
        self.now = today

    def __call__(self) -> datetime:
        return self.now


#: One session's own answers (question id -> answer), before the person's table.
Answers = dict[str, AnswerValue]
#: Scripts whose "actions" are routines kept up for good, not commitments with a date.
ONGOING = frozenset({"phase-down"})


class Player:
    """Plays one executive's engagement forward in time."""

    def __init__(
        self,
        practice: Practice,
        library: ScriptLibrary,
        person: DemoPerson,
        start: datetime,
        rng: random.Random,
        clock: Clock,
    ) -> None:
        self.practice = practice
        self.library = library
        self.person = person
        self.rng = rng
        self.clock = clock
        self.start = start
        self.now = start
        clock.now = start
        client = practice.create_client(
            person.name, person.organisation, person.role, sponsor=person.sponsor, at=start
        )
        self.client_id = client.id

    def on(self, day: int, hour: int = 10) -> datetime:
        """Move to day ``day`` of the engagement."""
        self.now = datetime.combine(self.start.date() + timedelta(days=day), time(hour, 0))
        self.clock.now = self.now
        return self.now

    @property
    def day(self) -> int:
        return (self.now.date() - self.start.date()).days

    # ---------------------------------------------------------------- answers

    def answer_for(self, script_id: str, question: Question, own: Answers) -> AnswerValue:
        """The answer this person gave: the session's own, the person's table, or a feed."""
        person = self.person
        if question.id in own:
            return own[question.id]
        mine = person.answer(script_id, question.id)
        if mine is not None:
            return mine
        if question.id in YES:
            return True
        first_time = script_id == "awareness-intake"
        if question.feeds == "strengths":
            return list(person.strengths if first_time else person.strengths[:2])
        if question.feeds == "weaknesses":
            return list(person.weaknesses if first_time else person.weaknesses[:2])
        if question.feeds == "motivations":
            return list(person.motivations)
        if question.feeds == "goals":
            return [g.text for g in person.goals]
        if question.feeds == "stakeholders" and person.stakeholders:
            return [f"{s.name} ({s.relationship})" for s in person.stakeholders]
        if question.id == "contracted-sessions":
            return person.contract
        if question.id == "competencies-for-success":
            return list(person.competencies)
        if question.id == "commitments-due":
            return (self.now.date() + timedelta(days=7)).isoformat()
        if question.kind == "date":
            return (self.now.date() + timedelta(days=person.cadence_days)).isoformat()
        return None

    def run_session(
        self,
        script_id: str,
        day: int,
        own: Answers | None = None,
        stakeholder_id: str | None = None,
        minutes: int | None = None,
    ) -> str:
        script: Script = self.library.get(script_id)
        started = self.on(day)
        session = self.practice.start_session(self.client_id, script, stakeholder_id, at=started)
        asked = session_questions(script.questions, self.practice.load(self.client_id))
        for number, question in enumerate(asked):
            value = self.answer_for(script_id, question, own or {})
            skip = not question.required and not question.feeds and self.rng.random() < 0.1
            if value is None or skip:
                continue  # not asked today, or not answered
            when = started + timedelta(minutes=2 * number + 1)
            self.practice.save_answer(self.client_id, session.id, question, value, at=when)
        length = minutes or script.minutes
        self.practice.end_session(
            self.client_id, session.id, at=started + timedelta(minutes=length)
        )
        if script_id not in ONGOING:
            self.date_commitments(session.id)
        return session.id

    def date_commitments(self, session_id: str) -> None:
        """The session's new commitments are due by the date agreed ("by when?")."""
        record = self.practice.load(self.client_id)
        due, undated = planning.commitments_due(record, session_id)
        for action in undated:
            self.practice.update_insight(
                self.client_id, action.id, due=due or self.now.date() + timedelta(days=7)
            )

    def review_commitments(self, keep: str = "") -> None:
        """The open commitments were reviewed today: done, but for ``keep``."""
        for action in self.practice.load(self.client_id).insights_of(InsightKind.ACTION):
            if not action.done and action.text != keep and action.due is not None:
                self.practice.update_insight(self.client_id, action.id, done=True)

    # --------------------------------------------------------------- insights

    def goals(self) -> dict[str, str]:
        """Goal text -> id, making sure every demo goal exists with its measure and levels."""
        record = self.practice.load(self.client_id)
        existing = {g.text: g.id for g in record.insights_of(InsightKind.GOAL)}
        for goal in self.person.goals:
            if goal.text not in existing:
                made = self.practice.capture(
                    self.client_id, InsightKind.GOAL, goal.text, at=self.now
                )
                existing[goal.text] = made.id
            self.practice.update_insight(
                self.client_id, existing[goal.text], measure=goal.measure, gas=goal.gas
            )
        return existing

    def link_areas(self, goal_ids: dict[str, str]) -> None:
        """Each goal works on one development area: link the area to it."""
        areas = {a.text: a.id for a in self.practice.load(self.client_id).insights_of(
            InsightKind.WEAKNESS
        )}  # fmt: skip
        for goal in self.person.goals:
            if goal.area in areas and goal.text in goal_ids:
                self.practice.update_insight(
                    self.client_id, areas[goal.area], goal_id=goal_ids[goal.text]
                )

    def write_plan(self, session_id: str, next_in_days: int) -> None:
        record = self.practice.load(self.client_id)
        draft = planning.draft_next_plan(record, self.now.date())
        self.practice.write_plan(
            self.client_id,
            session_id=session_id,
            next_date=self.now.date() + timedelta(days=next_in_days),
            script_id=draft.script_id,
            review_actions=[a.id for a in draft.review_actions],
            score_goals=[g.id for g in draft.score_goals],
            focus=[i.id for i in draft.focus],
            notes=self.person.notes[-1],
            at=self.now + timedelta(hours=1),
        )


def interview_answers(
    person: DemoPerson, interview: DemoInterview, relationship: str, ratings: dict[str, int]
) -> Answers:
    """What one stakeholder said, question by question (per agreed competency too)."""
    answers: Answers = {
        "relationship": relationship,
        "contact-frequency": interview.contact,
        "working-relationship": interview.works_well,
        "does-well": list(interview.does_well),
        "could-do-better": list(interview.could_do_better),
        "most-important-change": interview.most_important,
        "feedforward": interview.feedforward,
    }
    if interview.anything_else:
        answers["anything-else"] = interview.anything_else
    for number, competency in enumerate(person.competencies):
        slug = f"{COMPETENCY_SEPARATOR}{id_slug(competency)}"
        answers[f"situation{slug}"] = interview.situations[number]
        answers[f"suggestion{slug}"] = interview.suggestions[number]
        answers[competency_id(competency)] = ratings[competency]
    return answers


def call_answers(
    person: DemoPerson,
    call: DemoCall,
    previous: str,
    scores: dict[str, int],
    measures: list[str],
) -> Answers:
    """What was said in one action call, question by question."""
    answers: Answers = {
        "session-goal": call.goal_today,
        "commitments-review": [f"{previous}: {call.outcome}"],
        "new-behaviour": call.tried,
        "feedforward-received": call.tried,
        "options": list(call.options),
        "commitments": [call.commitment],
        "obstacles": call.obstacle,
        "commitment-level": call.commitment_level,
        "plan-change": call.plan_change,
        "measure-now": measures,
    }
    if call.note:
        answers[COACH_NOTES_ID] = call.note
    for goal_id, score in scores.items():
        answers[f"goal-score{GOAL_SEPARATOR}{goal_id}"] = score
    return answers
