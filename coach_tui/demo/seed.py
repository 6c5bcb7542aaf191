"""``coach-tui demo``: a realistic practice, played through the store's public API.

Four executives, one in each stage, each with the history that stage implies:
sessions run from the shipped scripts with answers of every kind, captured insights,
goals with GAS levels and scores, stakeholders, baseline and final ratings, mini-
surveys and next-session plans. Dates are relative to today so the demo always looks
current. Seeding is deterministic (a fixed random seed).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from coach_tui.demo.people import PEOPLE, DemoPerson
from coach_tui.domain import consent, goals
from coach_tui.domain import plan as planning
from coach_tui.domain.model import COMPETENCIES, AnswerValue, InsightKind, Stage
from coach_tui.errors import InvalidInputError
from coach_tui.scripts.library import Question, Script, ScriptLibrary, load_library
from coach_tui.store import journal, safefile, storage
from coach_tui.store.practice import Practice, slugify

DEMO_MARKER = ".coach-tui-demo"


def seed_demo(root: Path, today: date | None = None) -> list[str]:
    """Seed the demo into ``root``; returns the ids created (none if already seeded).

    Refuses a folder that already holds a real practice: the demo never mixes with
    a coach's own executives. Seeding leaves a note (``journal``) until it is done,
    so a seeding that was killed is started afresh by the next run: the executives
    it made are removed first (only those: they have the demo's ids).
    """
    day = today or date.today()
    # The demo's own clock: every change not dated explicitly (a done date, an index
    # row) happens on the demo's today, not on the day the tests happen to run.
    practice = Practice(root, clock=lambda: datetime.combine(day, time(8, 0)))
    marker = root / DEMO_MARKER
    if marker.exists():
        journal.end(root, "demo")
        return []
    if journal.find(root, "demo") is not None:
        _remove_partial_demo(practice)
    if practice.client_ids():
        raise InvalidInputError(
            f"{root} already holds a practice; the demo only seeds an empty folder "
            f"(use --data with a new folder)"
        )
    ids = [slugify(person.name) for person in PEOPLE]
    journal.begin(root, "demo", "demo", ids, practice.clock())
    library = load_library(root)
    rng = random.Random(20261128)
    created = [_play(practice, library, person, day, rng) for person in PEOPLE]
    safefile.atomic_write(marker, b"This folder holds the coach-tui demo practice.\n")
    journal.end(root, "demo")
    return created


def _remove_partial_demo(practice: Practice) -> None:
    """Remove what a killed seeding left: the demo's executives, nothing else."""
    demo_ids = {slugify(person.name) for person in PEOPLE}
    for client_id in practice.client_ids():
        if client_id not in demo_ids:
            continue
        path = practice.client_path(client_id)
        for leftover in path.parent.glob(f"{path.name}*"):
            leftover.unlink()
        for leftover in path.parent.glob(f".{path.name}.*.tmp"):
            leftover.unlink()
        storage.forget(path)


class _Player:
    """Plays one executive's engagement forward in time."""

    def __init__(
        self,
        practice: Practice,
        library: ScriptLibrary,
        person: DemoPerson,
        start: datetime,
        rng: random.Random,
    ) -> None:
        self.practice = practice
        self.library = library
        self.person = person
        self.rng = rng
        self.now = start
        self.story_turn = 0
        client = practice.create_client(
            person.name, person.organisation, person.role, sponsor=person.sponsor, at=start
        )
        self.client_id = client.id

    def at(self, days: int, hour: int = 10) -> datetime:
        self.now = datetime.combine(self.now.date() + timedelta(days=days), time(hour, 0))
        return self.now

    # ---------------------------------------------------------------- answers

    def answer_for(self, question: Question, session_index: int) -> AnswerValue:
        person, rng = self.person, self.rng
        if question.id in person.answers:
            return person.answers[question.id]
        if question.id in AGREED:
            return True
        fitting = _fitting_answer(person, question.id, session_index)
        if fitting is not None and isinstance(fitting, list) == (question.kind == "list"):
            return fitting
        feeds = {
            "strengths": person.strengths,
            "weaknesses": person.weaknesses,
            "motivations": person.motivations,
            "goals": tuple(g.text for g in person.goals),
            "actions": person.actions[session_index % len(person.actions) :][:2],
            "stakeholders": tuple(s.name for s in person.stakeholders),
        }
        if question.kind == "list":
            items = feeds.get(question.feeds or "") or person.lines
            return list(items)
        if question.kind == "rating":
            low, high = question.scale or (1, 5)
            middle = (low + high) // 2
            return max(low, min(high, middle + rng.choice((0, 1, 1, -1))))
        if question.kind == "choice":
            return rng.choice(question.options) if question.options else ""
        if question.kind == "choices":
            count = min(2, len(question.options))
            return rng.sample(list(question.options), count)
        if question.kind == "yesno":
            return rng.random() < 0.8
        if question.kind == "date":
            return (self.now.date() + timedelta(days=14)).isoformat()
        if question.kind == "line":
            return person.lines[session_index % len(person.lines)]
        if question.feeds and feeds.get(question.feeds):
            return "\n".join(feeds[question.feeds])
        text = person.story[self.story_turn % len(person.story)]
        self.story_turn += 1
        return text

    def run_session(
        self,
        script_id: str,
        days_later: int,
        index: int = 0,
        stakeholder_id: str | None = None,
        minutes: int | None = None,
    ) -> str:
        script: Script = self.library.get(script_id)
        started = self.at(days_later)
        session = self.practice.start_session(self.client_id, script, stakeholder_id, at=started)
        questions = [q for q in script.questions if not q.per_goal]
        for number, question in enumerate(questions):
            if not question.required and self.rng.random() < 0.15:
                continue  # coaches skip the odd question
            when = started + timedelta(minutes=2 * number + 1)
            self.practice.save_answer(
                self.client_id, session.id, question, self.answer_for(question, index), at=when
            )
        length = minutes or script.minutes
        self.practice.end_session(
            self.client_id, session.id, at=started + timedelta(minutes=length)
        )
        return session.id

    # --------------------------------------------------------------- insights

    def goals(self) -> dict[str, str]:
        """Goal text -> id, making sure every demo goal exists with its measure."""
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
            focus=[w.id for w in draft.focus],
            notes=self.person.notes[-1],
            at=self.now + timedelta(hours=1),
        )


#: Yes/no questions that record an agreement: in the demo every party agreed.
AGREED = frozenset(
    {
        "confidentiality",
        "roles-agreed",
        "confidentiality-agreed",
        "manager-approved",
        "goals-agreed",
        "measures-and-levels",
        "stakeholders-agree",
    }
)


def _fitting_answer(person: DemoPerson, question_id: str, index: int) -> AnswerValue | None:
    """An answer that fits the question, for the questions no feed answers."""
    goal_texts = [g.text for g in person.goals]
    previous = person.actions[(index - 1) % len(person.actions)]
    answers: dict[str, AnswerValue] = {
        "role": f"{person.role}; {person.lines[0]}",
        "past-feedback": [f"Earlier review: {w}" for w in person.weaknesses[:2]],
        "attendees": [f"{person.name}, executive", f"{person.sponsor}, sponsor"],
        "sponsor-expectations": [f"To see: {g.measure.lower()}" for g in person.goals]
        or [f"Less of: {w.lower()}" for w in person.weaknesses],
        "executive-priorities": [f"Work on: {g.lower()}" for g in goal_texts],
        "does-well": [f"Keep: {s.lower()}" for s in person.strengths[:2]],
        "could-do-better": [f"Could: {w.lower()}" for w in person.weaknesses[:2]],
        "instrument-results": [
            "Hogan HDS Diligent: 84th percentile (high): perfectionism under pressure",
            "EQ-i 2.0 Assertiveness: 92 (mid range)",
        ],
        "assessment-themes": [f"Stakeholders see: {w}" for w in person.weaknesses[:2]],
        "support-people": ["My manager, as sponsor", "A peer I trust"],
        "planned-calls": "Six calls, every two weeks, then a review",
        "commitments-review": [f"{previous}: done" if index else f"{previous}: started"],
        "options": list(person.actions[index % len(person.actions) :][:3]),
        "measure-now": [f"{g.text}: moving toward '{g.measure}'" for g in person.goals],
        "changed-behaviours": [f"Now: {g.text.lower()}" for g in person.goals],
        "accountability-partner": "My manager, in our monthly 1:1",
        "proudest": [f"Proud that I {g.lower()}" for g in goal_texts[:1]],
    }
    return answers.get(question_id)


def _play(
    practice: Practice, library: ScriptLibrary, person: DemoPerson, today: date, rng: random.Random
) -> str:
    start = datetime.combine(today - timedelta(weeks=person.weeks_in), time(9, 0))
    player = _Player(practice, library, person, start, rng)
    cid = player.client_id

    # Awareness: the intake interview.
    session = player.run_session("awareness-intake", 0, minutes=95)
    for note in person.notes[:1]:
        practice.capture(cid, InsightKind.NOTE, note, session_id=session, at=player.now)
    # The three-way kick-off: roles, confidentiality, the sponsor's expectations.
    session = player.run_session("three-way-kickoff", 4, minutes=45)
    if person.stage is Stage.AWARENESS:
        player.write_plan(session, next_in_days=_days_until(player.now, today, 5))
        return cid

    # Analysis: stakeholders, assessments, the development plan.
    practice.advance_stage(cid, at=player.at(1))
    people = {
        s.name: practice.add_stakeholder(cid, s.name, s.relationship).id
        for s in person.stakeholders
    }
    expectations = player.run_session("analysis-expectations", 2, minutes=60)
    # The three-way expectations meeting: what the sponsor will and will not hear.
    # Agreed goals and scores are the sponsor's anyway; one strength is shared.
    _consent(practice, cid, expectations, share=set(person.strengths[:1]), at=player.now)
    practice.record_ratings(
        cid, _self_ratings(person, rng, shift=0), "baseline", "self", at=player.at(3)
    )
    for index, (name, sid) in enumerate(people.items()):
        if index < 3:
            player.run_session("stakeholder-interview", 1, stakeholder_id=sid, minutes=30)
        relationship = next(s.relationship for s in person.stakeholders if s.name == name)
        practice.record_ratings(
            cid,
            _others_ratings(person, rng, shift=0),
            "baseline",
            "stakeholder",
            stakeholder_id=sid,
            relationship=relationship,
            at=player.now,
        )
    player.run_session("assessment-debrief", 2, minutes=60)
    goal_ids = player.goals()
    plan_session = player.run_session("development-plan", 2, minutes=75)
    if person.stage is Stage.ANALYSIS:
        player.write_plan(plan_session, next_in_days=_days_until(player.now, today, 6))
        return cid
    # The plan sign-off (three-way): the goals are agreed with their measures and GAS
    # levels; the executive then shares one development area and the competency table.
    signoff = player.run_session("three-way-signoff", 2, minutes=45)
    signed = player.now + timedelta(minutes=40)
    for goal_id in goal_ids.values():
        goals.agree(
            practice,
            cid,
            goal_id,
            session_id=signoff,
            by=goals.THREE_WAY + " (plan sign-off)",
            at=signed,
        )
    player.write_plan(signoff, next_in_days=14)
    _consent(
        practice,
        cid,
        plan_session,
        share={*person.strengths[:1], *person.weaknesses[:1], "section:competencies"},
        at=signed,
    )

    # Action: regular check-ins with goal scores and commitments.
    practice.advance_stage(cid, at=player.at(3))
    calls = max(len(g.scores) for g in person.goals) if person.goals else 3
    action_calls = calls if person.stage is Stage.ACTION else max(3, calls - 2)
    last_captured: str | None = None
    for call in range(action_calls):
        # Commitments from earlier calls were reviewed: most done, the latest kept open
        # on the last call so the demo shows an overdue one.
        keep = {last_captured} if call == action_calls - 1 else set()
        for action in practice.load(cid).insights_of(InsightKind.ACTION):
            if not action.done and action.id not in keep:
                practice.update_insight(cid, action.id, done=True)
        # A fortnightly check-in, with a fuller monthly review as every third call.
        # (Sofia's latest call was her monthly review: a check-in comes next.)
        monthly = call % 3 == 2 or (person.stage is Stage.ACTION and call == action_calls - 1)
        script_id = "monthly-review" if monthly else "action-checkin"
        length = 60 if script_id == "monthly-review" else 30
        checkin = player.run_session(script_id, 11 if call else 4, index=call, minutes=length)
        for goal in person.goals:
            if call < len(goal.scores):
                practice.score_goal(
                    cid, goal_ids[goal.text], goal.scores[call], checkin, at=player.now
                )
        text = person.actions[call % len(person.actions)]
        due = player.now.date() + timedelta(days=5)
        made = practice.capture(
            cid, InsightKind.ACTION, text, session_id=checkin, due=due, at=player.now
        )
        last_captured = made.id
        player.write_plan(checkin, next_in_days=14)
    if person.stage is not Stage.ACTION and action_calls >= 4:
        player.run_session("three-way-midpoint", 3, minutes=30)
    if person.stage is Stage.ACTION:
        record = practice.load(cid)
        plan = record.latest_plan()
        if plan is not None and plan.next_date is not None and plan.next_date < today:
            player.write_plan(checkin, next_in_days=_days_until(player.now, today, 3))
        return cid

    # Achievement: the change measured, phase-down, final session.
    practice.advance_stage(cid, at=player.at(10))
    review = player.run_session("achievement-review", 1, minutes=60)
    for goal in person.goals:
        for score in goal.scores[action_calls:]:
            practice.score_goal(cid, goal_ids[goal.text], score, review, at=player.now)
    practice.record_ratings(
        cid, _self_ratings(person, rng, shift=1), "final", "self", at=player.now
    )
    for name, sid in people.items():
        relationship = next(s.relationship for s in person.stakeholders if s.name == name)
        practice.record_ratings(
            cid,
            _others_ratings(person, rng, shift=1),
            "final",
            "stakeholder",
            stakeholder_id=sid,
            relationship=relationship,
            at=player.now,
        )
        scores: dict[str | None, int] = {
            goal_ids[g.text]: rng.choice((1, 1, 2, 2, 3, 0)) for g in person.goals
        }
        scores[None] = rng.choice((1, 2, 2))
        practice.record_survey(
            cid,
            scores,
            relationship=relationship,
            suggestion="Keep asking the team what they would decide, then back them.",
            at=player.now,
        )
    # At the review the executive adds the self-ratings and the open commitments.
    actions = practice.load(cid).insights_of(InsightKind.ACTION)
    open_actions = {f"item:{a.id}" for a in actions if not a.done}
    _consent(
        practice,
        cid,
        review,
        share={
            *person.strengths[:2],
            *person.weaknesses[:1],
            *open_actions,
            "section:competencies",
            "section:self-ratings",
        },
        at=player.now,
    )
    phase = player.run_session("phase-down", 14, minutes=45)
    player.write_plan(phase, next_in_days=_days_until(player.now, today, 4))
    return cid


def _consent(
    practice: Practice, client_id: str, session_id: str, share: set[str], at: datetime
) -> None:
    """A yes for every candidate whose text (or key) is in ``share``, a no for the rest."""
    from coach_tui.reports.report import sponsor_scrub

    record = practice.load(client_id)
    found = consent.candidates(record, sponsor_scrub(record))
    choices: dict[str, bool] = {}
    texts: dict[str, str] = {}
    by_id = {i.id: i.text for i in record.insights}
    for candidate in found:
        if candidate.fixed:
            continue
        own = by_id.get(candidate.key.removeprefix("item:"), "")
        choices[candidate.key] = candidate.key in share or own in share
        texts[candidate.key] = candidate.text
    consent.record_decisions(
        practice, client_id, choices, texts=texts, session_id=session_id, at=at
    )


def _days_until(now: datetime, today: date, ahead: int) -> int:
    """Days from ``now`` to a date ``ahead`` days after today (the next call)."""
    return (today - now.date()).days + ahead


def _self_ratings(person: DemoPerson, rng: random.Random, shift: int) -> dict[str, int]:
    ratings = {}
    for competency in COMPETENCIES:
        base = person.self_ratings.get(competency, rng.choice((3, 3, 4)))
        ratings[competency] = max(1, min(5, base + (shift if base < 4 else 0)))
    return ratings


def _others_ratings(person: DemoPerson, rng: random.Random, shift: int) -> dict[str, int]:
    """Stakeholders see the development areas a point lower than the executive does."""
    ratings = {}
    for competency in COMPETENCIES:
        own = person.self_ratings.get(competency, 3)
        base = own - 1 if own >= 4 and competency in _blind_spots(person) else own
        noisy = base + rng.choice((-1, 0, 0, 1)) + shift
        ratings[competency] = max(1, min(5, noisy))
    return ratings


def _blind_spots(person: DemoPerson) -> set[str]:
    return {c for c in person.self_ratings if c in ("Listening", "Decisiveness", "Building trust")}
