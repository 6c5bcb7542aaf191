"""What the sponsor reads: a view built only from what the sponsor may see.

A sponsor report is not the executive's report with things taken out at the end. It
is rendered from a ``SponsorView`` (or a ``SponsorSessionView``), and those are
assembled here from two sources only:

* what the sponsor co-owns: goals agreed in a three-way meeting, with their success
  measures, GAS levels and scores, the mini-survey on them; attendance; and
  stakeholder means by relationship for groups of three or more;
* what the executive consented to share, decision by decision (``coach_tui.domain.consent``):
  strengths, development areas and actions item by item, the self-ratings and the
  competency table section by section.

The renderers take the view and nothing else, so an answer, a note, a draft goal or a
stakeholder's name cannot reach the sponsor: it was never in what they were given.
Every text is passed through the report's stakeholder-name scrubbing on the way in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from coach_tui.domain import assess, consent, goals, reflections
from coach_tui.domain.model import ClientRecord, InsightKind
from coach_tui.reports import outcomes
from coach_tui.reports.confidential import sponsor_scrub
from coach_tui.reports.frame import report_title as report_title
from coach_tui.reports.groups import GroupRow as GroupRow
from coach_tui.reports.groups import relationship_groups
from coach_tui.reports.outcomes import Attendance, GoalOutcome, Outcomes
from coach_tui.reports.survey_figures import GoalSurvey
from coach_tui.text import one_line

GOAL = "goal"


#: An agreed goal as the sponsor co-owns it: measure, levels, scores, readings, survey.
SponsorGoal = GoalOutcome


@dataclass(frozen=True)
class RatingRow:
    """One competency row: only the columns consent covers are filled."""

    competency: str
    self_before: str = ""
    self_after: str = ""
    others_before: str = ""
    others_after: str = ""


@dataclass(frozen=True)
class SharedItem:
    id: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class SponsorView:
    """Everything a sponsor's final or progress report may contain, and nothing else."""

    name: str
    where: str
    title: str
    prepared: date
    stage: str
    span: str
    sessions_held: int
    consent: str
    goals: tuple[SponsorGoal, ...] = ()
    overall: GoalSurvey | None = None
    attendance: Attendance | None = None
    ratings: tuple[RatingRow, ...] = ()
    show_self: bool = False
    show_others: bool = False
    groups: tuple[GroupRow, ...] = ()
    strengths: tuple[SharedItem, ...] = ()
    development_areas: tuple[SharedItem, ...] = ()
    actions: tuple[SharedItem, ...] = ()
    #: The executive's closing words, each section only with a yes to its words.
    keep_doing: tuple[str, ...] = ()
    own_view: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()
    item_ids: tuple[str, ...] = field(default=())

    def outcomes(self) -> Outcomes:
        """The view's goals, survey and attendance, for the shared outcome sections."""
        attendance = self.attendance or Attendance(self.sessions_held, None)
        return Outcomes(self.goals, self.overall, attendance)

    def contents(self) -> str:
        """'2 goals, scores, 1 development area': what the sharing log says was sent."""
        parts = []
        if self.goals:
            parts.append(_count(len(self.goals), "goal"))
            if any(g.scores for g in self.goals):
                parts.append("scores")
            if any(g.readings for g in self.goals):
                parts.append("measured outcomes")
            if any(g.survey for g in self.goals) or self.overall:
                parts.append("mini-survey figures")
        parts.append(_count(self.sessions_held, "session") + " attended")
        if self.show_self:
            parts.append("self-ratings")
        if self.show_others:
            parts.append("competency table")
        if self.groups:
            parts.append("stakeholder means")
        for items, noun in (
            (self.strengths, "strength"),
            (self.development_areas, "development area"),
            (self.actions, "action"),
        ):
            if items:
                parts.append(_count(len(items), noun))
        for lines, what in (
            (self.keep_doing, "what the executive will keep doing"),
            (self.own_view, "the executive's own view"),
            (self.recommendations, "the executive's plan for what comes next"),
        ):
            if lines:
                parts.append(what)
        return ", ".join(parts)


@dataclass(frozen=True)
class SponsorSessionView:
    """A sponsor's note of one session: when, how long, scores, shared commitments."""

    name: str
    title: str
    prepared: date
    script_title: str
    day: date
    minutes: int
    stage: str
    consent: str
    scores: tuple[tuple[str, int | None], ...] = ()
    actions: tuple[SharedItem, ...] = ()
    next_date: date | None = None
    left_out: tuple[str, ...] = ()
    item_ids: tuple[str, ...] = ()

    def contents(self) -> str:
        parts = ["session held"]
        if self.scores:
            parts.append(_count(len(self.scores), "goal") + " with scores")
        if self.actions:
            parts.append(_count(len(self.actions), "action"))
        return ", ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _scrubber(record: ClientRecord) -> consent.Scrub:
    return sponsor_scrub(record)


# ---------------------------------------------------------------- the final view


def build_view(record: ClientRecord, today: date) -> SponsorView:
    """The sponsor's final (or progress) report: refuses without any recorded consent."""
    relied = consent.require(record)
    scrub = _scrubber(record)
    decisions = consent.in_force(record)
    engagement = record.engagement
    ids: list[str] = []
    left_out: list[str] = []

    all_goals = record.insights_of(InsightKind.GOAL)
    # Agreed goals are the sponsor's too: text, measure, levels, scores, readings, survey.
    found = outcomes.outcomes(record, lambda text: scrub(one_line(text)), today)
    ids += [g.id for g in found.goals]
    not_agreed = [g for g in all_goals if not goals.is_agreed(g) and not g.private]
    if not_agreed:
        left_out.append(f"{_count(len(not_agreed), 'goal')} not yet agreed in a three-way meeting")

    lists: dict[InsightKind, list[SharedItem]] = {}
    reworded = 0
    for kind in consent.ITEM_KINDS:
        chosen: list[SharedItem] = []
        kept = 0
        for item in consent.shareable_items(record, kind):
            text = scrub(one_line(item.text))
            key = consent.item_key(item.id)
            if consent.covers(decisions, key, text):
                note = ""
                if kind is InsightKind.ACTION:
                    note = "done" if item.done else (f"by {_day(item.due)}" if item.due else "")
                elif kind is InsightKind.WEAKNESS and item.done:
                    note = "worked through"
                chosen.append(SharedItem(item.id, text, note))
                ids.append(item.id)
            else:
                kept += 1
                reworded += consent.was_reworded(decisions, key, text)
        if kept:
            noun = consent.GROUP_LABELS[kind].lower()
            noun = noun[:-1] if kept == 1 else noun
            left_out.append(f"{kept} {noun} kept between the executive and the coach")
        lists[kind] = chosen
    if reworded:
        left_out.append(
            f"{_count(reworded, 'item')} reworded since the executive agreed to share "
            "it: to ask again"
        )

    result = assess.assess(record)
    rows = result.rated_changes
    show_self = consent.is_shared(decisions, consent.section_key("self-ratings"))
    show_others = consent.is_shared(decisions, consent.section_key("competencies"))
    has_self = any(r.self_baseline is not None or r.self_final is not None for r in rows)
    has_others = any(r.others_baseline.count or r.others_final.count for r in rows)
    show_self = show_self and has_self
    show_others = show_others and has_others
    if has_self and not show_self:
        left_out.append("the executive's own ratings")
    if has_others and not show_others:
        left_out.append("the competency-by-competency table")
    rating_rows: tuple[RatingRow, ...] = ()
    if show_self or show_others:
        for name in ("self-ratings", "competencies"):
            if consent.is_shared(decisions, consent.section_key(name)):
                ids.append(consent.section_key(name))
        rating_rows = tuple(
            RatingRow(
                competency=one_line(r.competency),
                self_before=_opt(r.self_baseline) if show_self else "",
                self_after=_opt(r.self_final) if show_self else "",
                others_before=_group(r.others_baseline) if show_others else "",
                others_after=_group(r.others_final) if show_others else "",
            )
            for r in rows
        )
    closing: dict[str, tuple[str, ...]] = {}
    for name, label in reflections.SECTIONS.items():
        lines = tuple(scrub(one_line(x)) for x in reflections.section_lines(record, name))
        if consent.section_covered(record, decisions, name, scrub):
            closing[name] = lines
            ids.append(consent.section_key(name))
        elif lines:
            key = consent.section_key(name)
            again = consent.was_reworded(decisions, key, consent.section_text(record, name, scrub))
            left_out.append(f"{label[0].lower()}{label[1:]}" + (": to ask again" if again else ""))
    other = "every other" if closing else "every"
    left_out.append(f"{other} answer and note from the sessions")

    span = ""
    if engagement.started is not None:
        end = engagement.ended.date() if engagement.ended else today
        span = f"{_day(engagement.started.date())} – {_day(end)}"
    client = record.client
    return SponsorView(
        name=one_line(client.name),
        where=" · ".join(one_line(p) for p in (client.role, client.organisation) if p),
        title=report_title(record),
        prepared=today,
        stage=engagement.stage.label,
        span=span,
        sessions_held=found.attendance.held,
        consent=relied,
        goals=found.goals,
        overall=found.overall,
        attendance=found.attendance,
        ratings=rating_rows,
        show_self=show_self,
        show_others=show_others,
        groups=relationship_groups(record),
        strengths=tuple(lists[InsightKind.STRENGTH]),
        development_areas=tuple(lists[InsightKind.WEAKNESS]),
        actions=tuple(lists[InsightKind.ACTION]),
        keep_doing=closing.get("keep-doing", ()),
        own_view=closing.get("own-view", ()),
        recommendations=closing.get("recommendations", ()),
        left_out=tuple(left_out),
        item_ids=tuple(ids),
    )


def _opt(value: int | None) -> str:
    return "–" if value is None else str(value)


def _group(group: assess.Group) -> str:
    return "–" if group.count == 0 else group.describe()


def _day(when: date) -> str:
    return f"{when.day} {when:%b %Y}"


# -------------------------------------------------------------- the session view


def build_session_view(
    record: ClientRecord, today: date, session_id: str | None = None
) -> SponsorSessionView:
    """The sponsor's note of one session: never an answer, only scores and consented actions."""
    from coach_tui.reports.session_summary import summary_session

    relied = consent.require(record)
    scrub = _scrubber(record)
    decisions = consent.in_force(record)
    session = summary_session(record, session_id)
    ids: list[str] = []
    scores: list[tuple[str, int | None]] = []
    for goal in record.insights_of(InsightKind.GOAL):
        if not goals.is_agreed(goal):
            continue
        here = [s for s in goal.scores if s.session_id == session.id]
        scores.append((scrub(one_line(goal.text)), here[-1].score if here else None))
        ids.append(goal.id)
    actions = []
    kept = 0
    for item in consent.shareable_items(record, InsightKind.ACTION):
        if item.session_id != session.id or item.done:
            continue
        text = scrub(one_line(item.text))
        if consent.covers(decisions, consent.item_key(item.id), text):
            note = f"by {_day(item.due)}" if item.due else ""
            actions.append(SharedItem(item.id, text, note))
            ids.append(item.id)
        else:
            kept += 1
    left_out = ["what was said in the session"]
    if kept:
        left_out.append(f"{_count(kept, 'commitment')} kept between the executive and the coach")
    plans = [p for p in record.plans if p.session_id == session.id]
    return SponsorSessionView(
        name=one_line(record.client.name),
        title="Session summary",
        prepared=today,
        script_title=one_line(session.script_title),
        day=session.started.date(),
        minutes=session.minutes,
        stage=session.stage.label,
        consent=relied,
        scores=tuple(scores),
        actions=tuple(actions),
        next_date=plans[-1].next_date if plans else None,
        left_out=tuple(left_out),
        item_ids=tuple(ids),
    )
