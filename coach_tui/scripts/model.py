"""The script model: frozen dataclasses for a script, its sections and questions.

A script is what the coach walks through in a session: sections of questions, each
with the words to say, guidance and probes, an answer kind, and the running view its
answers feed. These types are what every other part of the app reads; how they are
built from TOML lives in ``validate`` and ``lines``, where they come from in ``library``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from coach_tui.domain.model import FEEDS_TO_KIND, Stage

QUESTION_KINDS: Final[tuple[str, ...]] = (
    "text",
    "line",
    "list",
    "rating",
    "choice",
    "choices",
    "yesno",
    "date",
)
AUDIENCES: Final[tuple[str, ...]] = ("coach", "executive", "stakeholder")
FEEDS: Final[tuple[str, ...]] = tuple(FEEDS_TO_KIND)

#: The script each stage opens with unless the coach picks another.
DEFAULT_SCRIPTS: Final[dict[Stage, str]] = {
    Stage.AWARENESS: "awareness-intake",
    Stage.ANALYSIS: "development-plan",
    Stage.ACTION: "action-checkin",
    Stage.ACHIEVEMENT: "achievement-review",
}

DEFAULT_SCALE: Final[tuple[int, int]] = (1, 5)
DEFAULT_MINUTES: Final[int] = 60

#: Kinds whose answers are text, and so can become lines in a running view.
FEEDING_KINDS: Final[tuple[str, ...]] = ("text", "line", "list")
CHOICE_KINDS: Final[tuple[str, ...]] = ("choice", "choices")


SCRIPT_KEYS: Final[tuple[str, ...]] = (
    "id",
    "title",
    "stage",
    "audience",
    "minutes",
    "version",
    "method",
    "description",
    "sections",
)
SECTION_KEYS: Final[tuple[str, ...]] = ("title", "guidance", "questions")
QUESTION_KEYS: Final[tuple[str, ...]] = (
    "id",
    "text",
    "kind",
    "guidance",
    "probes",
    "scale",
    "labels",
    "options",
    "feeds",
    "carry",
    "required",
    "competency",
    "per_goal",
    "per_competency",
    "placeholder",
    "coach_only",
)


def slugify(text: str) -> str:
    """Lowercase letters, digits and single hyphens: the shape of every id."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def competency_id(competency: str) -> str:
    """The question id of a competency's rating, the same in every script.

    Self-assessment and stakeholder ratings are set side by side by competency, so
    both scripts name the question the same way: ``competency-<slug>``.
    """
    return f"competency-{slugify(competency)}"


def did_you_mean(word: str, known: Iterable[str]) -> str:
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Question:
    """One question as the script defines it: the words, the kind, what it feeds."""

    id: str
    text: str
    kind: str
    section: str
    guidance: str = ""
    probes: tuple[str, ...] = ()
    scale: tuple[int, int] | None = None
    labels: dict[int, str] = field(default_factory=dict, hash=False)
    options: tuple[str, ...] = ()
    feeds: str | None = None
    carry: bool = False
    required: bool = False
    competency: str | None = None
    per_goal: bool = False
    #: Asked once per competency agreed for the engagement (the stakeholder interview
    #: builds on the two or three agreed, not the whole menu): see domain/sessions.py.
    per_competency: bool = False
    placeholder: str = ""
    #: The coach's own question (observations, notes): its answers are coach-only.
    coach_only: bool = False


@dataclass(frozen=True)
class Section:
    """A titled group of questions (a GROW step, an intake topic)."""

    title: str
    guidance: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Script:
    """A whole script: what a session of one stage walks through."""

    id: str
    title: str
    stage: Stage
    audience: str
    minutes: int
    version: int
    description: str
    method: str
    sections: tuple[Section, ...]
    source: str

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in the order they are asked."""
        return tuple(q for section in self.sections for q in section.questions)

    def question(self, qid: str) -> Question:
        """The question with this id; KeyError names the script when it is absent."""
        for candidate in self.questions:
            if candidate.id == qid:
                return candidate
        known = [q.id for q in self.questions]
        raise UnknownIdError(
            f"script '{self.id}' has no question '{qid}'{did_you_mean(qid, known)}"
        )


class UnknownIdError(KeyError):
    """A KeyError whose message reads as a sentence (KeyError's own str() quotes it)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class ScriptProblem:
    """One thing wrong with a script file, located as precisely as we can."""

    file: str
    line: int | None
    question_id: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        question = "" if self.question_id is None else f" question '{self.question_id}':"
        return f"{where}:{question} {self.message}"


class ScriptError(Exception):
    """A script could not be used; ``problems`` lists everything that is wrong."""

    def __init__(self, problems: list[ScriptProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
