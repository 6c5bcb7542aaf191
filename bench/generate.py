"""A practice of N years, generated through the store's public API.

Ten years (the default) is 200 executives and 2,400 sessions with about 100,000
answers of realistic length, insights, goals with scores, stakeholders, ratings and
plans; the largest executive has 48 sessions. Deterministic from a seed.

    python -m bench.generate DIR [--years 10] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from coach_tui.domain.model import COMPETENCIES, RELATIONSHIPS, InsightKind, Stage
from coach_tui.scripts.library import Question, Script, load_library
from coach_tui.store.practice import Practice

WORDS = (
    "team stakeholders decision trust priorities feedback meeting board strategy quarter "
    "delegation listening conflict peers manager sponsor roadmap budget hiring results "
    "pressure calm direct clear honest context example behaviour commitment follow-up "
    "progress challenge situation result tried noticed asked agreed changed week month "
    "customers operations culture energy focus presence influence alignment accountability"
).split()

FIRST = "Ana Ben Chloe David Elena Farid Grace Hiro Ines Jonas Kara Luis Mei Nadia Omar".split()
LAST = "Adams Brandt Costa Dubois Evans Fischer Garcia Haddad Ito Jensen Khan Lopez Moreau".split()
ORGS = "Northwind Halden Brightwave Meridian Solace Vantage Corvid Tallis Quarry Lumen".split()
ROLES = ("CEO", "CFO", "COO", "VP Sales", "Head of Product", "CTO", "HR Director", "GM")

#: Sessions per executive: the 2,400 sessions of ten years, the largest with 48.
LARGEST_SESSIONS = 48


@dataclass(frozen=True)
class Plan:
    executives: int
    sessions: list[int]


def session_counts(years: int, rng: random.Random) -> Plan:
    """200 executives a decade, 12 sessions each on average, one with 48."""
    executives = max(1, 20 * years)
    total = 240 * years
    counts = [LARGEST_SESSIONS] if executives > 1 else [min(LARGEST_SESSIONS, total)]
    remaining = total - counts[0]
    others = executives - 1
    for index in range(others):
        left = others - index
        share = remaining // left
        count = max(2, min(30, share + rng.randint(-4, 4))) if left > 1 else max(2, remaining)
        counts.append(count)
        remaining -= count
    return Plan(executives, counts)


def sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    """A realistic free-text answer: 2–5 sentences, 150–600 characters."""
    return " ".join(sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(2, 5)))


def answer_for(question: Question, rng: random.Random, when: date) -> object:
    kind = question.kind
    if kind == "list":
        return [sentence(rng, rng.randint(4, 10)) for _ in range(rng.randint(2, 5))]
    if kind == "line":
        return sentence(rng, rng.randint(3, 8))
    if kind == "rating":
        low, high = question.scale or (1, 5)
        return rng.randint(low, high)
    if kind == "choice":
        return rng.choice(question.options) if question.options else None
    if kind == "choices":
        return rng.sample(list(question.options), min(2, len(question.options)))
    if kind == "yesno":
        return rng.random() < 0.7
    if kind == "date":
        return (when + timedelta(days=rng.randint(7, 30))).isoformat()
    return paragraph(rng)


def stage_for(index: int, count: int) -> Stage:
    """Where in the engagement the index-th of ``count`` sessions falls."""
    share = index / max(1, count)
    if index == 0:
        return Stage.AWARENESS
    if share < 0.2:
        return Stage.ANALYSIS
    if share < 0.85:
        return Stage.ACTION
    return Stage.ACHIEVEMENT


SCRIPT_FOR: dict[Stage, tuple[str, ...]] = {
    Stage.AWARENESS: ("awareness-intake",),
    Stage.ANALYSIS: ("analysis-expectations", "development-plan", "stakeholder-interview"),
    Stage.ACTION: ("action-checkin", "weekly-review", "weekly-review", "weekly-review"),
    Stage.ACHIEVEMENT: ("achievement-review", "phase-down", "final-session"),
}


def write_own_script(root: Path) -> None:
    """A coach's own long weekly review (64 questions): many coaches keep one.

    It is what brings a decade to about 100,000 answers (the shipped check-in asks
    about 20 questions) and it exercises the coach's-own-scripts path.
    """
    kinds = ("text", "text", "list", "line", "rating", "text", "text", "list")
    lines = [
        'id = "weekly-review"',
        'title = "Weekly review (long form)"',
        'stage = "action"',
        "minutes = 60",
        "",
    ]
    for section in range(4):
        lines += ["[[sections]]", f'title = "Part {section + 1}"', ""]
        for number in range(16):
            kind = kinds[number % len(kinds)]
            lines += [
                "[[sections.questions]]",
                f'id = "q{section}-{number}"',
                f'text = "Review point {section + 1}.{number + 1}: what happened, and what next?"',
                f'kind = "{kind}"',
                *(["carry = true"] if number == 0 else []),
                "",
            ]
    folder = root / "scripts"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / "weekly-review.toml"
    target.write_text("\n".join(lines), encoding="utf-8")
    target.chmod(0o600)


def generate(root: Path, years: int = 10, seed: int = 1, quiet: bool = False) -> dict[str, int]:
    """Write the practice into ``root`` (which must be empty); returns the counts."""
    rng = random.Random(seed)
    practice = Practice(root)
    if practice.client_ids():
        raise SystemExit(f"{root} already holds a practice; give an empty folder")
    write_own_script(root)
    library = load_library(root)
    if library.problems:
        raise SystemExit("; ".join(str(p) for p in library.problems))
    plan = session_counts(years, rng)
    start = date(2026, 11, 1) - timedelta(days=365 * years)
    totals = {"executives": 0, "sessions": 0, "answers": 0, "insights": 0, "ratings": 0}
    started = time.perf_counter()
    for number, sessions in enumerate(plan.sessions):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {number:03d}"
        begin = start + timedelta(days=rng.randint(0, max(1, 365 * years - sessions * 14 - 1)))
        created = datetime.combine(begin, clock_time(9))
        client = practice.create_client(name, rng.choice(ORGS), rng.choice(ROLES), at=created)
        totals["executives"] += 1
        _play(practice, library, client.id, sessions, begin, rng, totals)
        if not quiet and (number + 1) % 20 == 0:
            elapsed = time.perf_counter() - started
            print(f"  {number + 1}/{plan.executives} executives, {elapsed:.0f} s", file=sys.stderr)
    return totals


def _play(
    practice: Practice,
    library: object,
    client_id: str,
    sessions: int,
    begin: date,
    rng: random.Random,
    totals: dict[str, int],
) -> None:
    day = begin
    stage = Stage.AWARENESS
    goal_ids: list[str] = []
    with practice.batch(client_id):
        for relationship in [*rng.sample(RELATIONSHIPS[:4], 3), "peer", "direct report"]:
            practice.add_stakeholder(
                client_id, f"{rng.choice(FIRST)} {rng.choice(LAST)}", relationship
            )
        for index in range(sessions):
            wanted = stage_for(index, sessions)
            while stage is not wanted and stage.next() is not None:
                stage = stage.next()  # type: ignore[assignment]
                practice.advance_stage(client_id, at=datetime.combine(day, clock_time(8)))
            script: Script = library.get(rng.choice(SCRIPT_FOR[stage]))  # type: ignore[attr-defined]
            when = datetime.combine(day, clock_time(10))
            session = practice.start_session(client_id, script, at=when)
            for offset, question in enumerate(script.questions):
                if question.per_goal:
                    for goal_id in goal_ids:
                        score = rng.randint(-2, 2)
                        practice.score_goal(client_id, goal_id, score, session.id, at=when)
                    continue
                value = answer_for(question, rng, day)
                practice.save_answer(
                    client_id,
                    session.id,
                    question,
                    value,  # type: ignore[arg-type]
                    at=when + timedelta(minutes=offset),
                )
                totals["answers"] += 1
            for kind in (InsightKind.STRENGTH, InsightKind.WEAKNESS, InsightKind.NOTE):
                if rng.random() < 0.5:
                    practice.capture(
                        client_id, kind, sentence(rng, 10), session_id=session.id, at=when
                    )
                    totals["insights"] += 1
            if stage is Stage.ANALYSIS and len(goal_ids) < 3:
                goal = practice.capture(
                    client_id,
                    InsightKind.GOAL,
                    sentence(rng, 8),
                    measure=sentence(rng, 10),
                    gas={level: sentence(rng, 6) for level in range(-2, 3)},
                    at=when,
                )
                goal_ids.append(goal.id)
                totals["insights"] += 1
                ratings = {c: rng.randint(1, 5) for c in COMPETENCIES}
                practice.record_ratings(client_id, ratings, "baseline", "self", at=when)
                totals["ratings"] += len(ratings)
            if stage is Stage.ACTION:
                practice.capture(
                    client_id,
                    InsightKind.ACTION,
                    sentence(rng, 9),
                    session_id=session.id,
                    due=day + timedelta(days=14),
                    at=when,
                )
                totals["insights"] += 1
            end = when + timedelta(minutes=script.minutes)
            practice.end_session(client_id, session.id, at=end)
            practice.write_plan(
                client_id,
                session_id=session.id,
                next_date=day + timedelta(days=14),
                script_id=script.id,
                notes=sentence(rng, 12),
                at=end,
            )
            totals["sessions"] += 1
            day += timedelta(days=rng.randint(10, 21))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    totals = generate(args.folder, args.years, args.seed)
    seconds = time.perf_counter() - started
    print(", ".join(f"{v:,} {k}" for k, v in totals.items()) + f" in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
