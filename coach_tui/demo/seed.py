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

from coach_tui.demo.people import PEOPLE, DemoPerson
from coach_tui.demo.player import Clock, Player, call_answers, interview_answers
from coach_tui.domain import consent, goals
from coach_tui.domain.model import (
    COMPETENCIES,
    InsightKind,
    MeasureReading,
    Stage,
)
from coach_tui.domain.sessions import (
    GOAL_SEPARATOR,
    contracted_sessions,
)
from coach_tui.errors import InvalidInputError
from coach_tui.scripts.library import (
    ScriptLibrary,
    load_library,
)
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
    # The demo's own clock: a change not dated explicitly (a commitment ticked done, an
    # area closed) happens on the day the engagement has reached as it is played; once
    # seeded, the clock is back on the demo's today, never the day the tests run.
    clock = Clock(datetime.combine(day, time(8, 0)))
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


def _play(
    practice: Practice,
    library: ScriptLibrary,
    person: DemoPerson,
    today: date,
    rng: random.Random,
    clock: Clock,
) -> str:
    start = datetime.combine(today - timedelta(weeks=person.weeks_in), time(9, 0))
    player = Player(practice, library, person, start, rng, clock)
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
            own = interview_answers(
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
        own = call_answers(person, call, previous, scores, measures)
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
    practice: Practice, player: Player, goal_ids: dict[str, str], agreed: int, until: int
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
    player: Player,
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


def _close_area_if_due(practice: Practice, player: Player, day: int) -> None:
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
