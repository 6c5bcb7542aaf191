"""The stage scripts: loaded from TOML, validated, and kept as frozen dataclasses.

A script is what the coach walks through in a session: sections of questions, each
with the words to say, guidance and probes, an answer kind, and the running view its
answers feed. The shipped scripts live in the ``prompts`` package; the coach's own
(in ``locations.scripts_dir``) add to or replace them by id.

Scripts are written by people in a text editor, so the loader is a linter as much as
a parser: it collects *every* problem it finds, each with the file, the line and the
question id, in words a coach can act on. A broken coach's script never stops the
app: ``load_library`` reports it and carries on with the rest.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from coach_tui import locations
from coach_tui.domain.model import STAGES, Stage
from coach_tui.scripts import files as script_files
from coach_tui.scripts.model import (
    AUDIENCES,
    CHOICE_KINDS,
    DEFAULT_MINUTES,
    DEFAULT_SCALE,
    DEFAULT_SCRIPTS,
    FEEDING_KINDS,
    FEEDS,
    QUESTION_KEYS,
    QUESTION_KINDS,
    SCRIPT_KEYS,
    SECTION_KEYS,
    Question,
    Script,
    ScriptError,
    ScriptProblem,
    Section,
    UnknownIdError,
    competency_id,
    did_you_mean,
    slugify,
)
from coach_tui.scripts.validate import parse_script

__all__ = [
    "AUDIENCES",
    "CHOICE_KINDS",
    "DEFAULT_MINUTES",
    "DEFAULT_SCALE",
    "DEFAULT_SCRIPTS",
    "FEEDING_KINDS",
    "FEEDS",
    "QUESTION_KEYS",
    "QUESTION_KINDS",
    "SCRIPT_KEYS",
    "SECTION_KEYS",
    "Question",
    "Script",
    "ScriptError",
    "ScriptLibrary",
    "ScriptProblem",
    "Section",
    "UnknownIdError",
    "check_files",
    "competency_id",
    "load_library",
    "load_script_file",
    "parse_script",
    "shipped_scripts",
    "slugify",
]

_SHIPPED_PACKAGE = "prompts"


# --------------------------------------------------------------------------- files


def load_script_file(path: Path) -> Script:
    """Read and parse one script file; every failure is a ScriptError, never OSError."""
    source = str(path)
    try:
        raw = script_files.read_regular(path)
    except script_files.UnreadableScript as error:
        raise _file_error(source, str(error)) from None
    except FileNotFoundError:
        raise _file_error(source, "no such file") from None
    except IsADirectoryError:
        raise _file_error(source, "is a folder, not a script file") from None
    except OSError as error:
        raise _file_error(source, f"cannot read: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        bad = raw[error.start : error.start + 1].hex()
        message = f"not UTF-8 text (byte 0x{bad}): save the file as UTF-8"
        raise ScriptError([ScriptProblem(source, line, None, message)]) from None
    return parse_script(text.removeprefix("\ufeff"), source)


def _file_error(source: str, message: str) -> ScriptError:
    return ScriptError([ScriptProblem(source, None, None, message)])


def check_files(paths: Iterable[Path], root: Path | None = None) -> list[ScriptProblem]:
    """Validate script files (``coach-tui scripts check``): all problems, no exceptions.

    Also says what the app would skip: a shipped id with another stage or audience,
    or an id another of the coach's files (in ``root``'s scripts folder) already has.
    """
    problems: list[ScriptProblem] = []
    checked: list[tuple[Path, script_files.Claim]] = []
    for path in paths:
        try:
            script = load_script_file(path)
        except ScriptError as error:
            problems.extend(error.problems)
            continue
        checked.append((path, (script.id, script.stage.value, script.audience)))
    shipped = {s.id: (s.stage.value, s.audience) for s in _shipped()[0].values()}
    folder = locations.scripts_dir(root) if root is not None else None
    for clash in script_files.library_skips(checked, folder, _claim, shipped):
        problems.append(ScriptProblem(str(clash.path), clash.line, None, clash.message))
    return problems


def _claim(path: Path) -> script_files.Claim | None:
    try:
        script = load_script_file(path)
    except ScriptError:
        return None
    return (script.id, script.stage.value, script.audience)


def shipped_scripts() -> dict[str, Script]:
    """The scripts that ship with the app, by id; a broken one is a bug, so it raises."""
    scripts, problems = _shipped()
    if problems:
        raise ScriptError(list(problems))
    return dict(scripts)


@functools.cache
def _shipped() -> tuple[dict[str, Script], tuple[ScriptProblem, ...]]:
    """Read the ``prompts`` package once: the same code path for a checkout and a wheel."""
    scripts: dict[str, Script] = {}
    problems: list[ScriptProblem] = []
    folder = resources.files(_SHIPPED_PACKAGE)
    entries = sorted(
        (e for e in folder.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name
    )
    for entry in entries:
        source = f"{_SHIPPED_PACKAGE}/{entry.name}"
        try:
            script = parse_script(entry.read_text(encoding="utf-8"), source)
        except ScriptError as error:
            problems.extend(error.problems)
            continue
        if script.id in scripts:
            message = f"script id '{script.id}' is used by another shipped script"
            problems.append(ScriptProblem(source, None, None, message))
            continue
        scripts[script.id] = replace(script, source="shipped")
    return scripts, tuple(problems)


# --------------------------------------------------------------------------- library


@dataclass
class ScriptLibrary:
    """Every script the app can run: shipped ones, and the coach's own on top."""

    scripts: dict[str, Script]
    problems: list[ScriptProblem] = field(default_factory=list)

    def get(self, script_id: str) -> Script:
        """The script with this id; the KeyError lists what there is."""
        try:
            return self.scripts[script_id]
        except KeyError:
            known = ", ".join(sorted(self.scripts)) or "none"
            hint = did_you_mean(script_id, self.scripts)
            raise UnknownIdError(f"no script '{script_id}'{hint}; known scripts: {known}") from None

    def for_stage(self, stage: Stage | str, audience: str = "coach") -> list[Script]:
        """Scripts of a stage for one audience: the stage's default first, then by title."""
        stage = Stage(stage)
        default = DEFAULT_SCRIPTS[stage]
        found = [s for s in self.scripts.values() if s.stage is stage and s.audience == audience]
        return sorted(found, key=lambda s: (s.id != default, s.title.casefold(), s.id))

    def default_for(self, stage: Stage | str) -> Script:
        """The script a session of this stage opens with.

        The coach may replace the default by id; if that replacement is for another
        stage or audience, the first coach script of the stage stands in.
        """
        stage = Stage(stage)
        candidates = self.for_stage(stage)
        if not candidates:
            raise UnknownIdError(f"no coach script for the {stage.value} stage")
        return candidates[0]

    def all(self) -> list[Script]:
        """Every script, in stage order and then by title."""
        return sorted(
            self.scripts.values(), key=lambda s: (STAGES.index(s.stage), s.title.casefold(), s.id)
        )


def load_library(root: Path | None) -> ScriptLibrary:
    """The shipped scripts plus the coach's own from ``scripts_dir(root)``.

    A coach's script adds a new id or replaces a shipped one; a broken one is listed
    in ``problems`` and skipped, so a typo never keeps the app from starting.
    """
    shipped, shipped_problems = _shipped()
    library = ScriptLibrary(dict(shipped), list(shipped_problems))
    if root is None:
        return library
    origin: dict[str, str] = {}
    for path in _own_script_files(locations.scripts_dir(root), library.problems):
        try:
            script = load_script_file(path)
        except ScriptError as error:
            library.problems.extend(error.problems)
            continue
        problem = _clash(script, origin, shipped)
        if problem:
            line = script_files.id_line(path)
            library.problems.append(ScriptProblem(str(path), line, None, problem + "; skipped"))
            continue
        origin[script.id] = path.name
        library.scripts[script.id] = script
    return library


def _clash(script: Script, origin: dict[str, str], shipped: dict[str, Script]) -> str | None:
    """Why a coach's script cannot take its id, if it cannot.

    A replacement keeps the shipped script's stage and audience: the defaults, the
    self-assessment and the kits are found by id, so an action-stage default that
    turned into an analysis script would leave a stage with nothing to run.
    """
    if script.id in origin:
        return f"script id '{script.id}' is already used by {origin[script.id]}"
    original = shipped.get(script.id)
    if original and (original.stage, original.audience) != (script.stage, script.audience):
        return (
            f"it replaces the shipped script '{script.id}', so it must keep stage "
            f"'{original.stage.value}' and audience '{original.audience}'"
        )
    return None


def _own_script_files(folder: Path, problems: list[ScriptProblem]) -> list[Path]:
    """The *.toml files in the coach's scripts folder, in name order (none if absent)."""
    try:
        return sorted(p for p in folder.glob("*.toml") if not p.is_dir())
    except OSError as error:
        problems.append(ScriptProblem(str(folder), None, None, f"cannot list: {error}"))
        return []
