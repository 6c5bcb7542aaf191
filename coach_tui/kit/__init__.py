"""Questionnaire kits for people on other machines: export, parse, validate, import.

A *kit* is a self-contained questionnaire sent to the executive (``--for self``: the
self-assessment) or to stakeholders (``--for stakeholder``: the interview questions
in writing with the competency ratings, or in the Achievement stage the mini-survey
with the ratings). It comes in two formats:

* **JSON**, answered in any terminal with ``coach-tui kit fill`` (no data folder);
* **Markdown**, a plain-text form anyone fills in with a text editor: ratings are
  marked with an ``x`` in a box, answers are written under each question.

A kit carries only the questions, the executive's name and role and, for the
mini-survey, the goals' texts: never notes, organisation, sponsor or anyone else's
name. Each export is recorded in the executive's event log (kind ``kit``) with a
random kit id, the phase, the scripts' versions, the goals asked about and a digest
of the questions; the kit carries the same id.

Importing a response (either format) rebuilds the questions from that record and
checks everything before writing anything: the kit belongs to a known executive and
to the current engagement, the questions are unchanged, ratings are in range and
marked once, required answers are there. Every problem is reported with its line
(``response.md:42: …``); one problem means nothing is written. A response whose
content was imported before is recognised by its digest (event ``kit-import``) and
changes nothing the second time; a different response to the same kit (a corrected
fill) updates the first one in place (``reimport``): same session, answers with
history, the earlier ratings and scores moved to the trash.

Parsing never raises anything but ``CoachError`` subclasses, whatever the bytes.

The package has one module per concern: ``model`` (constants, problems, the Kit
dataclasses), ``build`` (a Kit for an executive), ``records`` (what the event log
remembers), ``reading`` (a response file's bytes), ``json_form`` and ``markdown_form``
(the two formats), ``check`` (validating a response), ``importing``, ``reimport`` and
``exporting`` (the command itself is ``coach_tui.cli.kit``). This module re-exports
their public names, so
``from coach_tui.kit import X`` works whatever module X lives in.
"""

from __future__ import annotations

from coach_tui.kit.build import build_kit
from coach_tui.kit.check import Checked, validate_json, validate_markdown
from coach_tui.kit.exporting import export_kit
from coach_tui.kit.importing import (
    ImportResult,
    check_response,
    import_response,
    import_text,
    response_digest,
)
from coach_tui.kit.json_form import (
    JsonForm,
    load_kit_for_filling,
    parse_json,
    render_json,
    response_json,
)
from coach_tui.kit.markdown_form import (
    MdBox,
    MdForm,
    MdQuestion,
    MdSection,
    parse_markdown,
    render_markdown,
)
from coach_tui.kit.model import (
    AUDIENCES,
    EVENT_EXPORT,
    EVENT_IMPORT,
    FEEDFORWARD_ID,
    FORMATS,
    GOAL_PREFIX,
    INTERVIEW_SCRIPT,
    KIT_FORMAT,
    LEFT_OUT,
    MARKS,
    MAX_BYTES,
    MD_END,
    MD_OPENING,
    NAME_ID,
    OVERALL_ID,
    RELATIONSHIP_ID,
    SELF_SCRIPT,
    SURVEY_SCRIPT,
    Header,
    Kit,
    KitError,
    KitProblem,
    KitQuestion,
    KitSection,
    phase_for,
    questions_digest,
)
from coach_tui.kit.reading import decode, detect_format, read_response
from coach_tui.kit.records import KitRecord, export_detail, exported_kits

__all__ = [
    "AUDIENCES",
    "EVENT_EXPORT",
    "EVENT_IMPORT",
    "FEEDFORWARD_ID",
    "FORMATS",
    "GOAL_PREFIX",
    "INTERVIEW_SCRIPT",
    "KIT_FORMAT",
    "LEFT_OUT",
    "MARKS",
    "MAX_BYTES",
    "MD_END",
    "MD_OPENING",
    "NAME_ID",
    "OVERALL_ID",
    "RELATIONSHIP_ID",
    "SELF_SCRIPT",
    "SURVEY_SCRIPT",
    "Checked",
    "Header",
    "ImportResult",
    "JsonForm",
    "Kit",
    "KitError",
    "KitProblem",
    "KitQuestion",
    "KitRecord",
    "KitSection",
    "MdBox",
    "MdForm",
    "MdQuestion",
    "MdSection",
    "build_kit",
    "check_response",
    "decode",
    "detect_format",
    "export_detail",
    "export_kit",
    "exported_kits",
    "import_response",
    "import_text",
    "load_kit_for_filling",
    "parse_json",
    "parse_markdown",
    "phase_for",
    "questions_digest",
    "read_response",
    "render_json",
    "render_markdown",
    "response_digest",
    "response_json",
    "validate_json",
    "validate_markdown",
]
