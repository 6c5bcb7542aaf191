"""``coach-tui demo``: a realistic practice, played through the store's public API.

Four executives, one in each stage, each with the history the method implies: the
intake (with the sessions contracted) and the three-way kick-off; the expectations
meeting that agrees the competencies, stakeholder interviews built on them, the
debrief and the development plan (goals with measures and GAS levels, each linked
to the development area it works on); the sign-off that agrees the goals with a
baseline score; fortnightly check-ins and monthly reviews with GAS scores, measured
readings and commitments; the mid-point three-way; pulse mini-surveys about three
and six months after the agreement; Achievement's review and phase-down. Every
answer is the one that person gave to that question (``people.py``). Dates are
relative to today so the demo always looks current; seeding is deterministic.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from coach_tui.demo.people import PEOPLE, YES, DemoCall, DemoInterview, DemoPerson
from coach_tui.domain import consent, goals
from coach_tui.domain import plan as planning
from coach_tui.domain.model import (
    COMPETENCIES,
    AnswerValue,
    InsightKind,
    MeasureReading,
    Stage,
)
from coach_tui.domain.sessions import (
    COMPETENCY_SEPARATOR,
    GOAL_SEPARATOR,
    contracted_sessions,
    session_questions,
)
from coach_tui.errors import InvalidInputError
from coach_tui.scripts.library import (
    Question,
    Script,
    ScriptLibrary,
    competency_id,
    load_library,
    slugify,
)
from coach_tui.store import journal, safefile, storage
from coach_tui.store.practice import Practice

DEMO_MARKER = ".coach-tui-demo"


def seed_demo(root: Path, today: date | None = None) -> list[str]:
    """Seed the demo into ``root``; returns the ids created (none if already seeded).

    Refuses a folder that already holds a real practice: the demo never mixes with
    a coach's own executives. Seeding leaves a note (``journal``) until it is done,
    so a seeding that was killed is started afresh by the next run: the executives
    it made are removed first (only those: they have the demo's ids).
    """
    day = today or date.today()
    # The demo's own clock: a change not dated explicitly (a commitment ticked done, an
    # area closed) happens on the day the engagement has reached as it is played; once
    # seeded, the clock is back on the demo's today, never the day the tests run.
    clock = _Clock(datetime.combine(day, time(8, 0)))
    practice = Practice(root, clock=clock)
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
    created = []
    for person in PEOPLE:
        created.append(_play(practice, library, person, day, rng, clock))
        clock.now = clock.today
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


class _Clock:
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


class _Player:
    """Plays one executive's engagement forward in time."""

    def __init__(
        self,
        practice: Practice,
        library: ScriptLibrary,
        person: DemoPerson,
        start: datetime,
        rng: random.Random,
        clock: _Clock,
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


def _interview_answers(
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
        slug = f"{COMPETENCY_SEPARATOR}{slugify(competency)}"
        answers[f"situation{slug}"] = interview.situations[number]
        answers[f"suggestion{slug}"] = interview.suggestions[number]
        answers[competency_id(competency)] = ratings[competency]
    return answers


def _call_answers(
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
        answers["coach-notes"] = call.note
    for goal_id, score in scores.items():
        answers[f"goal-score{GOAL_SEPARATOR}{goal_id}"] = score
    return answers


def _play(
    practice: Practice,
    library: ScriptLibrary,
    person: DemoPerson,
    today: date,
    rng: random.Random,
    clock: _Clock,
) -> str:
    start = datetime.combine(today - timedelta(weeks=person.weeks_in), time(9, 0))
    player = _Player(practice, library, person, start, rng, clock)
    cid = player.client_id
    until_today = (today - start.date()).days

    # Awareness: the intake (the contract: sessions, cadence, confidentiality), then
    # the three-way kick-off: roles, confidentiality, the sponsor's expectations.
    intake = player.run_session("awareness-intake", 0, minutes=95)
    contract = contracted_sessions(practice.load(cid), intake)
    practice.set_contracted_sessions(cid, contract)
    kickoff = player.run_session("three-way-kickoff", 4, minutes=45)
    if person.stage is Stage.AWARENESS:
        player.write_plan(kickoff, next_in_days=until_today - player.day + 5)
        return cid

    # Analysis: the expectations meeting agrees the competencies; the interviews are
    # built on them; the debrief; the development plan writes the goals once.
    practice.advance_stage(cid, at=player.on(5))
    people = {
        s.name: practice.add_stakeholder(cid, s.name, s.relationship).id
        for s in person.stakeholders
    }
    expectations = player.run_session("analysis-expectations", 7, minutes=60)
    # What the sponsor will and will not hear: agreed goals and scores are the
    # sponsor's anyway; one strength is shared.
    _consent(practice, cid, expectations, share=set(person.strengths[:1]), at=player.now)
    practice.record_ratings(
        cid, _self_ratings(person, rng, shift=0), "baseline", "self", at=player.on(8)
    )
    for index, stakeholder in enumerate(person.stakeholders):
        sid = people[stakeholder.name]
        ratings = _others_ratings(person, rng, shift=0)
        if index < len(person.interviews):
            own = _interview_answers(
                person, person.interviews[index], stakeholder.relationship, ratings
            )
            player.run_session(
                "stakeholder-interview", 9 + index, own, stakeholder_id=sid, minutes=30
            )
        practice.record_ratings(
            cid,
            ratings,
            "baseline",
            "stakeholder",
            stakeholder_id=sid,
            relationship=stakeholder.relationship,
            at=player.now,
        )
    player.run_session("assessment-debrief", 13, minutes=60)
    player.on(15)
    goal_ids = player.goals()
    plan_session = player.run_session("development-plan", 15, minutes=75)
    player.link_areas(goal_ids)
    if person.stage is Stage.ANALYSIS:
        player.write_plan(plan_session, next_in_days=until_today - player.day + 6)
        return cid

    # The plan sign-off (three-way): the goals are agreed, each with its baseline GAS
    # score and the first reading of its measure; the executive then shares one
    # development area and the competency table.
    signoff = player.run_session("three-way-signoff", 17, minutes=45)
    signed = player.now + timedelta(minutes=40)
    for goal in person.goals:
        goals.agree(
            practice,
            cid,
            goal_ids[goal.text],
            session_id=signoff,
            by=goals.THREE_WAY + " (plan sign-off)",
            at=signed,
            baseline=goal.baseline,
        )
    player.write_plan(signoff, next_in_days=7)
    _consent(
        practice,
        cid,
        plan_session,
        share={*person.strengths[:1], *person.weaknesses[:1], "section:competencies"},
        at=signed,
    )

    # Action: check-ins and monthly reviews with GAS scores, readings and commitments;
    # the mid-point three-way after six calls; the pulse mini-surveys.
    practice.advance_stage(cid, at=player.on(19))
    day = 24
    previous = _first_actions(practice, cid)
    pulses = list(person.pulses)
    last = ""
    for number, call in enumerate(person.calls):
        _pulse_if_due(practice, player, people, goal_ids, pulses, day)
        _close_area_if_due(practice, player, day)
        player.on(day, hour=9)
        player.review_commitments(keep="" if call.done else previous)
        scores = {goal_ids[g.text]: g.scores[number] for g in person.goals}
        measures = [f"{g.text}: {_reading_on(g.readings, day)}" for g in person.goals if g.readings]
        script_id = "monthly-review" if call.monthly else "action-checkin"
        own = _call_answers(person, call, previous, scores, measures)
        last = player.run_session(script_id, day, own, minutes=60 if call.monthly else 30)
        for goal_id, score in scores.items():
            practice.score_goal(cid, goal_id, score, last, at=player.now)
        previous = call.commitment
        player.write_plan(last, next_in_days=person.cadence_days)
        if number == 5:  # six calls held: the mid-point three-way
            last = player.run_session("three-way-midpoint", day + 4, minutes=30)
        day += person.cadence_days
    _pulse_if_due(practice, player, people, goal_ids, pulses, until_today)
    _close_area_if_due(practice, player, until_today)
    if person.stage is Stage.ACTION:
        _write_readings(practice, player, goal_ids, 17, until_today)
        plan = practice.load(cid).latest_plan()
        if plan is not None and plan.next_date is not None and plan.next_date < today:
            player.write_plan(last, next_in_days=until_today - player.day + 3)
        return cid

    # Achievement: the change measured (final ratings, the closing pulse), phase-down.
    practice.advance_stage(cid, at=player.on(day - person.cadence_days + 10))
    player.on(player.day + 1, hour=9)
    player.review_commitments()
    review = player.run_session(
        "achievement-review",
        player.day,
        {
            f"goal-score{GOAL_SEPARATOR}{goal_ids[g.text]}": g.scores[len(person.calls)]
            for g in person.goals
        },
        minutes=60,
    )
    for goal in person.goals:
        practice.score_goal(
            cid, goal_ids[goal.text], goal.scores[len(person.calls)], review, at=player.now
        )
    practice.record_ratings(
        cid, _self_ratings(person, rng, shift=1), "final", "self", at=player.now
    )
    for stakeholder in person.stakeholders:
        practice.record_ratings(
            cid,
            _others_ratings(person, rng, shift=1),
            "final",
            "stakeholder",
            stakeholder_id=people[stakeholder.name],
            relationship=stakeholder.relationship,
            at=player.now,
        )
    _pulse_if_due(practice, player, people, goal_ids, pulses, until_today)
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
    player.on(player.day + person.cadence_days, hour=9)
    player.review_commitments()
    phase = player.run_session(
        "phase-down",
        player.day,
        {
            f"goal-score{GOAL_SEPARATOR}{goal_ids[g.text]}": g.scores[len(person.calls) + 1]
            for g in person.goals
        },
        minutes=45,
    )
    for goal in person.goals:
        practice.score_goal(
            cid, goal_ids[goal.text], goal.scores[len(person.calls) + 1], phase, at=player.now
        )
    _write_readings(practice, player, goal_ids, 17, until_today)
    player.write_plan(phase, next_in_days=until_today - player.day + 4)
    return cid


def _first_actions(practice: Practice, client_id: str) -> str:
    """The development plan's first action: what the first call reviews."""
    actions = practice.load(client_id).insights_of(InsightKind.ACTION)
    return actions[0].text if actions else ""


def _reading_on(readings: tuple[tuple[int, str, str], ...], day: int) -> str:
    """The latest reading of a measure on or before ``day``, as said in a review."""
    latest = [r for r in readings if r[0] <= day] or list(readings[:1])
    _, value, source = latest[-1]
    return f"{value} ({source})"


def _write_readings(
    practice: Practice, player: _Player, goal_ids: dict[str, str], agreed: int, until: int
) -> None:
    """Each agreed goal's measure over time: the baseline at the sign-off, then readings."""
    for goal in player.person.goals:
        readings = [
            MeasureReading(
                value,
                (player.start + timedelta(days=max(day, agreed) if n else agreed)).date(),
                source,
                at=player.start + timedelta(days=max(day, agreed), hours=12),
            )
            for n, (day, value, source) in enumerate(goal.readings)
            if day <= until
        ]
        if readings:
            practice.update_insight(player.client_id, goal_ids[goal.text], readings=readings)


def _pulse_if_due(
    practice: Practice,
    player: _Player,
    people: dict[str, str],
    goal_ids: dict[str, str],
    pulses: list[tuple[int, tuple[tuple[int, ...], ...], tuple[int, ...]]],
    day: int,
) -> None:
    """Record the pulse mini-surveys due by ``day``: replies come in over three days."""
    person = player.person
    while pulses and pulses[0][0] <= day:
        when, scores, overall = pulses.pop(0)
        when = max(when, player.day + 1)
        for number, stakeholder in enumerate(person.stakeholders):
            answer: dict[str | None, int] = {
                goal_ids[g.text]: scores[number][n] for n, g in enumerate(person.goals)
            }
            answer[None] = overall[number]
            suggestion = (
                person.interviews[number].feedforward if number < len(person.interviews) else ""
            )
            practice.record_survey(
                player.client_id,
                answer,
                relationship=stakeholder.relationship,
                stakeholder_id=people[stakeholder.name],
                suggestion=suggestion,
                at=player.start + timedelta(days=when + number % 3, hours=15),
            )


def _close_area_if_due(practice: Practice, player: _Player, day: int) -> None:
    """Close the development area the executive worked through, on its day."""
    closed = player.person.closed_area
    if closed is None or closed[2] > day:
        return
    text, reason, on = closed
    record = practice.load(player.client_id)
    area = next((a for a in record.insights_of(InsightKind.WEAKNESS) if a.text == text), None)
    if area is None or area.done:
        return
    kept = player.clock.now
    player.clock.now = player.start + timedelta(days=on, hours=17)
    practice.update_insight(player.client_id, area.id, done=True, closed_reason=reason)
    player.clock.now = kept


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
