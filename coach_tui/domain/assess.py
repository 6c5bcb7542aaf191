"""Self beside stakeholders: the numbers behind the assessment view and the reports.

Pure computations on a ``ClientRecord``: no storage, no UI. For each competency and
phase (``baseline`` in Analysis, ``final`` in Achievement) the executive's own rating
is set beside the stakeholders' mean; a self rating at least one point above the
others' mean is a *blind spot*, at least one point below a *hidden strength*
(docs/METHOD.md). The mini-survey gives, per goal, the mean change (−3..+3), the share
of positive ratings and whether the usual target (a mean above +1) is met.

Stakeholders are promised anonymity, so a group of fewer than ``MIN_GROUP``
responses never shows a mean, a share or a flag: only "fewer than 3 responses".
Nothing here carries a stakeholder's name or id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from coach_tui.domain.model import COMPETENCIES, ClientRecord, InsightKind, Rating, SurveyScore

if TYPE_CHECKING:
    from fractions import Fraction  # imported when a mean is worked out: it is slow to import

#: The smallest group whose numbers are shown; smaller ones could identify a person.
MIN_GROUP: Final[int] = 3
#: A self rating this far above (below) the others' mean is a blind spot (hidden strength).
GAP: Final[int] = 1
#: The mini-survey's usual target: a mean change above +1.
SURVEY_TARGET: Final[int] = 1
PHASES: Final[tuple[str, ...]] = ("baseline", "final")
PHASE_LABELS: Final[dict[str, str]] = {
    "baseline": "Baseline (Analysis)",
    "final": "Final (Achievement)",
}
BLIND_SPOT = "blind spot"
HIDDEN_STRENGTH = "hidden strength"
OVERALL_LABEL = "Overall leadership effectiveness"
REMOVED_GOAL_LABEL = "(a goal since removed)"
TOO_FEW = f"fewer than {MIN_GROUP} responses"


@dataclass(frozen=True)
class Group:
    """Stakeholders' scores of one thing: their number, and their sum for the mean.

    ``mean`` (and everything derived from it) is None unless the group has at least
    ``MIN_GROUP`` members, so a caller cannot show a small group's numbers by mistake.
    """

    count: int
    total: int = 0
    positive: int = 0

    @classmethod
    def of(cls, values: Iterable[int]) -> Group:
        items = list(values)
        return cls(len(items), sum(items), sum(1 for v in items if v > 0))

    @property
    def shown(self) -> bool:
        return self.count >= MIN_GROUP

    @property
    def exact_mean(self) -> Fraction | None:
        if not self.shown:
            return None
        from fractions import Fraction

        return Fraction(self.total, self.count)

    @property
    def mean(self) -> float | None:
        exact = self.exact_mean
        return float(exact) if exact is not None else None

    @property
    def share_positive(self) -> float | None:
        """The share of scores above zero (the mini-survey's "got better")."""
        return self.positive / self.count if self.shown else None

    def describe(self) -> str:
        """'3.4 (n=5)', 'fewer than 3 responses' or 'no responses'."""
        if self.count == 0:
            return "no responses"
        if not self.shown:
            return TOO_FEW
        return f"{format_number(self.mean)} (n={self.count})"


@dataclass(frozen=True)
class CompetencyRow:
    """One competency in one phase: the self rating beside the stakeholders'."""

    competency: str
    self_rating: int | None
    others: Group

    @property
    def exact_gap(self) -> Fraction | None:
        mean = self.others.exact_mean
        if self.self_rating is None or mean is None:
            return None
        return self.self_rating - mean

    @property
    def gap(self) -> float | None:
        """Self minus the stakeholders' mean (None when either is missing or hidden)."""
        exact = self.exact_gap
        return float(exact) if exact is not None else None

    @property
    def flag(self) -> str | None:
        """'blind spot', 'hidden strength' or None."""
        gap = self.exact_gap
        if gap is None:
            return None
        if gap >= GAP:
            return BLIND_SPOT
        if gap <= -GAP:
            return HIDDEN_STRENGTH
        return None


@dataclass(frozen=True)
class PhaseView:
    """Every competency in one phase."""

    phase: str
    rows: tuple[CompetencyRow, ...]

    @property
    def label(self) -> str:
        return PHASE_LABELS.get(self.phase, self.phase)

    @property
    def has_self(self) -> bool:
        return any(row.self_rating is not None for row in self.rows)

    @property
    def has_others(self) -> bool:
        return any(row.others.count for row in self.rows)

    @property
    def is_empty(self) -> bool:
        return not (self.has_self or self.has_others)

    @property
    def responses(self) -> int:
        """The most stakeholder ratings any one competency has (raters may skip some)."""
        return max((row.others.count for row in self.rows), default=0)

    @property
    def blind_spots(self) -> list[CompetencyRow]:
        return [row for row in self.rows if row.flag == BLIND_SPOT]

    @property
    def hidden_strengths(self) -> list[CompetencyRow]:
        return [row for row in self.rows if row.flag == HIDDEN_STRENGTH]


@dataclass(frozen=True)
class ChangeRow:
    """One competency from baseline to final, for the executive and the stakeholders."""

    competency: str
    self_baseline: int | None
    self_final: int | None
    others_baseline: Group
    others_final: Group

    @property
    def self_change(self) -> int | None:
        if self.self_baseline is None or self.self_final is None:
            return None
        return self.self_final - self.self_baseline

    @property
    def exact_others_change(self) -> Fraction | None:
        before, after = self.others_baseline.exact_mean, self.others_final.exact_mean
        if before is None or after is None:
            return None
        return after - before

    @property
    def others_change(self) -> float | None:
        exact = self.exact_others_change
        return float(exact) if exact is not None else None


@dataclass(frozen=True)
class SurveyRow:
    """The mini-survey on one goal (``goal_id`` None: overall leadership)."""

    goal_id: str | None
    label: str
    scores: Group

    @property
    def mean(self) -> float | None:
        return self.scores.mean

    @property
    def share_positive(self) -> float | None:
        return self.scores.share_positive

    @property
    def target_met(self) -> bool | None:
        """Whether the mean is above +1; None when the group is too small to say."""
        mean = self.scores.exact_mean
        return None if mean is None else mean > SURVEY_TARGET


@dataclass(frozen=True)
class Assessment:
    """Everything the assessment view shows for one engagement."""

    engagement_id: str
    phases: dict[str, PhaseView]
    changes: tuple[ChangeRow, ...]
    survey: tuple[SurveyRow, ...]

    @property
    def baseline(self) -> PhaseView:
        return self.phases["baseline"]

    @property
    def final(self) -> PhaseView:
        return self.phases["final"]

    @property
    def rated_changes(self) -> tuple[ChangeRow, ...]:
        """The competencies anyone rated, in either phase (charts and reports skip the rest)."""
        return tuple(
            row
            for row in self.changes
            if row.self_baseline is not None
            or row.self_final is not None
            or row.others_baseline.count
            or row.others_final.count
        )

    @property
    def has_change(self) -> bool:
        """Whether both phases have ratings, so a change can be shown."""
        return not self.baseline.is_empty and not self.final.is_empty

    @property
    def survey_responses(self) -> int:
        return max((row.scores.count for row in self.survey), default=0)


def format_number(value: float | None, signed: bool = False) -> str:
    """One decimal ('3.4', '+0.7'); '–' for a missing value."""
    if value is None:
        return "–"
    text = f"{value:+.1f}" if signed else f"{value:.1f}"
    return "0.0" if text in ("-0.0", "+0.0") else text


def _competencies(ratings: list[Rating]) -> list[str]:
    """The default menu first, then any other competency the ratings name."""
    extra = sorted({r.competency for r in ratings} - set(COMPETENCIES), key=str.casefold)
    return [*COMPETENCIES, *extra]


def _self_rating(ratings: list[Rating], competency: str, phase: str) -> int | None:
    own = [
        r for r in ratings if r.source == "self" and r.phase == phase and r.competency == competency
    ]
    return max(own, key=lambda r: r.at).value if own else None


def _others(ratings: list[Rating], competency: str, phase: str) -> Group:
    return Group.of(
        r.value
        for r in ratings
        if r.source == "stakeholder" and r.phase == phase and r.competency == competency
    )


def phase_view(ratings: list[Rating], phase: str, competencies: list[str]) -> PhaseView:
    rows = tuple(
        CompetencyRow(c, _self_rating(ratings, c, phase), _others(ratings, c, phase))
        for c in competencies
    )
    return PhaseView(phase, rows)


def survey_rows(record: ClientRecord, engagement_id: str) -> tuple[SurveyRow, ...]:
    """One row per goal of the engagement (and per removed goal that was scored),
    then the overall change."""
    scores: list[SurveyScore] = [s for s in record.surveys if s.engagement_id == engagement_id]
    goals = record.insights_of(InsightKind.GOAL, engagement_id)
    known = {g.id for g in goals}
    rows = [
        SurveyRow(g.id, g.text, Group.of(s.score for s in scores if s.goal_id == g.id))
        for g in goals
    ]
    removed = sorted({s.goal_id for s in scores if s.goal_id is not None} - known)
    rows.extend(
        SurveyRow(
            goal_id, REMOVED_GOAL_LABEL, Group.of(s.score for s in scores if s.goal_id == goal_id)
        )
        for goal_id in removed
    )
    overall = Group.of(s.score for s in scores if s.goal_id is None)
    if overall.count or rows:
        rows.append(SurveyRow(None, OVERALL_LABEL, overall))
    return tuple(rows)


def assess(record: ClientRecord, engagement_id: str | None = None) -> Assessment:
    """The assessment of one engagement (the current one unless named)."""
    eid = engagement_id or record.engagement.id
    ratings = [r for r in record.ratings if r.engagement_id == eid]
    competencies = _competencies(ratings)
    phases = {phase: phase_view(ratings, phase, competencies) for phase in PHASES}
    changes = tuple(
        ChangeRow(
            before.competency,
            before.self_rating,
            after.self_rating,
            before.others,
            after.others,
        )
        for before, after in zip(phases["baseline"].rows, phases["final"].rows, strict=True)
    )
    return Assessment(eid, phases, changes, survey_rows(record, eid))
