"""The kit's shared vocabulary: constants, problems, and the Kit dataclasses.

Every other kit module builds on these; keeping them here lets the forms, the checks
and the import share one definition without importing each other.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from coach_tui.domain.model import RATING_MEANINGS, Stage
from coach_tui.errors import InvalidInputError
from coach_tui.text import one_line

KIT_FORMAT: Final[int] = 1


#: A filled kit is a few kB; anything much larger is the wrong file.
MAX_BYTES: Final[int] = 1_000_000


AUDIENCES: Final[tuple[str, ...]] = ("self", "stakeholder")


FORMATS: Final[tuple[str, ...]] = ("json", "md")


SELF_SCRIPT = "self-assessment"


INTERVIEW_SCRIPT = "stakeholder-interview"


SURVEY_SCRIPT = "mini-survey"


#: Interview questions a written kit leaves out: the form itself promises anonymity.
LEFT_OUT: Final[frozenset[str]] = frozenset({"anonymity-agreed"})


NAME_ID = "your-name"


RELATIONSHIP_ID = "relationship"


OVERALL_ID = "overall-change"


FEEDFORWARD_ID = "feedforward"


GOAL_PREFIX = "goal-change-"


EVENT_EXPORT = "kit"


EVENT_IMPORT = "kit-import"


MD_OPENING = "<!-- coach-tui kit"


MD_END = "<!-- end of the form: keep this line -->"


MARKS: Final[frozenset[str]] = frozenset({"x", "X", "✓", "✔", "✗", "✘", "×", "*"})


@dataclass(frozen=True)
class KitProblem:
    """One thing wrong with a response, with the line to look at."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


class KitError(InvalidInputError):
    """A kit or response cannot be used; ``problems`` lists everything found."""

    def __init__(self, problems: list[KitProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.line or 0)
        super().__init__("\n".join(str(p) for p in self.problems))


class _Problems:
    """Collects problems against one source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[KitProblem] = []

    def add(self, line: int | None, message: str) -> None:
        self.items.append(KitProblem(self.source, line, message))

    def fail(self, line: int | None, message: str) -> KitError:
        self.add(line, message)
        return KitError(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise KitError(self.items)


@dataclass(frozen=True)
class KitQuestion:
    """One question as a kit asks it (scripts.Question minus the coach's parts)."""

    id: str
    text: str
    kind: str
    guidance: str = ""
    scale: tuple[int, int] | None = None
    labels: dict[int, str] = field(default_factory=dict, hash=False, compare=False)
    options: tuple[str, ...] = ()
    required: bool = False
    competency: str | None = None
    goal_id: str | None = None
    goal: str = ""
    #: The script question it comes from ("" for the kit's own, e.g. the name).
    source_id: str = ""

    @property
    def title(self) -> str:
        """The heading: the competency, the goal, or the question itself."""
        if self.competency:
            return one_line(self.competency)
        if self.goal_id:
            return "Goal: " + one_line(self.goal)
        return one_line(self.text)

    @property
    def body(self) -> str:
        """The text under the heading (empty when the heading is the question)."""
        return one_line(self.text) if (self.competency or self.goal_id) else ""

    @property
    def label(self) -> str:
        """How messages name the question."""
        if self.competency:
            return f"'{one_line(self.competency)}'"
        return f"'{one_line(self.text, 60)}'"

    def label_for(self, value: int) -> str:
        """The words beside a rating's box: the script's labels, or the 1–5 meanings."""
        if self.labels:
            return self.labels.get(value, "")
        if self.scale in (None, (1, 5)):
            return RATING_MEANINGS.get(value, "")
        return ""

    def values(self) -> list[int]:
        low, high = self.scale or (1, 5)
        return list(range(low, high + 1))


@dataclass(frozen=True)
class KitSection:
    title: str
    guidance: str
    questions: tuple[KitQuestion, ...]


@dataclass(frozen=True)
class Kit:
    """A questionnaire for one executive, one audience and one phase."""

    kit_id: str
    audience: str
    phase: str
    client_id: str
    engagement_id: str
    executive: str
    role: str
    title: str
    intro: str
    minutes: int
    sections: tuple[KitSection, ...]
    scripts: tuple[tuple[str, int], ...]
    goal_ids: tuple[str, ...] = ()

    @property
    def questions(self) -> tuple[KitQuestion, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    @property
    def digest(self) -> str:
        return questions_digest(self.questions)


def _norm(text: str) -> str:
    """Whitespace-insensitive text, for comparing what a person may have re-wrapped."""
    return " ".join(text.split())


def questions_digest(questions: Iterable[KitQuestion]) -> str:
    """What identifies a kit's questions (not the goals' wording, which may be edited)."""
    canon = [
        [
            q.id,
            _norm(q.text),
            q.kind,
            list(q.scale) if q.scale else None,
            list(q.options),
            q.required,
            q.competency,
            q.goal_id,
        ]
        for q in questions
    ]
    raw = json.dumps(canon, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def phase_for(stage: Stage) -> str:
    """Ratings given in Achievement are the final ones; before that, the baseline."""
    return "final" if stage is Stage.ACHIEVEMENT else "baseline"


@dataclass
class Header:
    """Which kit a response says it is."""

    kit_id: str = ""
    client_id: str = ""
    engagement_id: str = ""
    audience: str = ""
    lines: dict[str, int | None] = field(default_factory=dict)

    def line(self, key: str) -> int | None:
        return self.lines.get(key)
