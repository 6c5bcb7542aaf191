"""Session summaries and the final report, for the executive or for the sponsor.

Reports are Markdown first; HTML is rendered from that Markdown with markdown-it-py
(raw HTML off, so user text can never become markup) into one self-contained file
with inline CSS and print styles: no script, no stylesheet link, no image, no font.

Two audiences (docs/ARCHITECTURE.md, "Confidentiality"):

* ``client`` — the executive: everything except the coach's private material (notes
  and captures marked private, the ``coach-notes`` answers, the plan's notes for next
  time). Stakeholders' interview words appear only pooled by theme, without names,
  and only when at least three people were interviewed.
* ``sponsor`` — the manager or HR: themes and scores only. Built from the running
  views (the coach's curated themes), the GAS scores, the mini-survey and the ratings;
  never from a session's answers. No stakeholder names anywhere (they are scrubbed
  from every line of user text), development areas only when the executive agreed to
  share them (``Insight.shared``).

Stakeholder ratings and survey scores are grouped by relationship, and a group of
fewer than three people is shown only as "fewer than 3 responses".

The numbers (self beside stakeholders, blind spots, hidden strengths, mini-survey
means) come from ``coach_tui.domain.assess``; only the by-relationship table is made here.

Nothing here imports Textual; ``markdown_it`` is imported only by ``to_html``.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from coach_tui import __version__, locations
from coach_tui.domain import assess, privacy
from coach_tui.domain.model import (
    GAS_LEVELS,
    AnswerValue,
    ClientRecord,
    Insight,
    InsightKind,
    Session,
)
from coach_tui.errors import InvalidInputError, NotFoundError, StoreError
from coach_tui.reports import outputs
from coach_tui.reports.namescrub import name_pattern
from coach_tui.store import safefile
from coach_tui.text import one_line, visible

if TYPE_CHECKING:
    from coach_tui.store.practice import Practice

Audience = Literal["client", "sponsor"]
Kind = Literal["final", "session"]
Format = Literal["md", "html"]

AUDIENCES: Final[tuple[str, ...]] = ("client", "sponsor")
KINDS: Final[tuple[str, ...]] = ("final", "session")
FORMATS: Final[tuple[str, ...]] = ("md", "html")

#: Who each audience is, in the words of the history log and the report's header.
AUDIENCE_LABELS: Final[dict[str, str]] = {"client": "executive", "sponsor": "sponsor"}

#: Answers that are the coach's own notes: never in any report.
PRIVATE_QUESTIONS: Final[frozenset[str]] = privacy.COACH_ONLY_QUESTIONS

#: Anonymity: a group of fewer people than this is never shown on its own.
MIN_GROUP: Final[int] = assess.MIN_GROUP
FEWER: Final[str] = assess.TOO_FEW

#: Questions of the executive's sessions whose answers are examples of changed behaviour.
CHANGE_QUESTIONS: Final[tuple[str, ...]] = (
    "changed-behaviours",
    "what-changed",
    "others-noticed",
    "new-behaviour",
    "proudest",
)

#: Questions whose answers say how the manager can support the change.
SUPPORT_QUESTIONS: Final[tuple[str, ...]] = ("manager-support",)

#: Stakeholders' own words, pooled by theme for the executive (question ids).
STAKEHOLDER_THEMES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("What works", ("does-well",)),
    ("What could be better", ("could-do-better",)),
    ("The single most important change", ("most-important-change",)),
    ("Suggestions for the future", ("feedforward",)),
    ("Changes they have noticed", ("example-of-change",)),
)

NAME_WITHHELD = "[name withheld]"


# ----------------------------------------------------------------- Markdown text

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>!|#&~])")
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def md_escape(text: str) -> str:
    """One line of user text as Markdown that renders exactly as typed.

    Every character that could start a link, an image, an autolink, emphasis, code,
    an entity, a table cell or a block (heading, list, quote) is backslash-escaped,
    so nothing a user typed can fetch a resource or change the report's structure.
    """
    flat = " ".join(visible(text).replace("\t", " ").split())
    escaped = _INLINE_SPECIALS.sub(r"\\\1", flat)
    match = _BLOCK_START.match(escaped)
    if match:
        marker = match.group(2)
        escaped = (
            escaped[: match.start(2)] + marker[:-1] + "\\" + marker[-1] + escaped[match.end(2) :]
        )
    return escaped


def md_block(text: str) -> str:
    """Multi-line user text as one Markdown paragraph with its line breaks kept."""
    lines = [md_escape(line) for line in text.splitlines() if line.strip()]
    return "\\\n".join(lines)


def md_cell(text: str) -> str:
    """User text inside a table cell: one line."""
    return md_escape(one_line(text))


def _score(score: float) -> str:
    if isinstance(score, int):
        return f"{score:+d}" if score else "0"
    return f"{score:+.1f}" if round(score, 1) else "0.0"


def _day(when: date) -> str:
    return f"{when.day} {when:%b %Y}"


def _long_day(when: date) -> str:
    return f"{when:%A} {when.day} {when:%B %Y}"


# ---------------------------------------------------------------- confidentiality


class _Confidential:
    """What a report for ``audience`` may never contain, and how to keep it out."""

    def __init__(self, record: ClientRecord, audience: Audience) -> None:
        self.audience = audience
        secrets: list[str] = []
        for insight in record.insights:
            if insight.private:
                secrets.append(insight.text)
                secrets.extend(str(e.value) for e in insight.history if e.value)
        for answer in record.answers:
            if answer.private or answer.question_id in PRIVATE_QUESTIONS:
                secrets.extend(_lines(answer.value))
                for edit in answer.history:
                    secrets.extend(_lines(edit.value))
        for plan in record.plans:
            secrets.extend(line for line in plan.notes.splitlines() if line.strip())
        self._secrets = [_norm(s) for s in secrets if _norm(s)]
        self._names = name_pattern((p.name for p in record.stakeholders), record.client.name)

    def is_secret(self, line: str) -> bool:
        """Whether a line touches the coach's private material (either way round)."""
        norm = _norm(line)
        if not norm:
            return False
        return any(s in norm or (len(norm) >= 8 and norm in s) for s in self._secrets)

    def allowed_lines(self, value: AnswerValue) -> list[str]:
        """The lines of an answer that may be shown: private lines dropped."""
        return [line for line in _lines(value) if not self.is_secret(line)]

    def item_ok(self, insight: Insight) -> bool:
        """Whether a running-view item may appear in this audience's report."""
        if insight.private or insight.kind is InsightKind.NOTE:
            return False
        return not self.is_secret(insight.text)

    def scrub(self, text: str) -> str:
        """Stakeholder names replaced (always for the sponsor; for stakeholder words)."""
        if self._names is None:
            return text
        return self._names.sub(NAME_WITHHELD, text)

    def text(self, text: str) -> str:
        """User text for this audience: names scrubbed in the sponsor's version."""
        return self.scrub(text) if self.audience == "sponsor" else text


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _lines(value: AnswerValue) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, int):
        return [str(value)]
    return [line.strip() for line in value.splitlines() if line.strip()]


# -------------------------------------------------------------------- the record


def coach_sessions(record: ClientRecord) -> list[Session]:
    """The current engagement's ended sessions with the executive, oldest first."""
    return [
        s
        for s in record.sessions_of(record.engagement.id)
        if s.audience == "coach" and not s.is_open
    ]


def _goals(record: ClientRecord, guard: _Confidential) -> list[Insight]:
    return [g for g in record.insights_of(InsightKind.GOAL) if guard.item_ok(g)]


def _items(record: ClientRecord, kind: InsightKind, guard: _Confidential) -> list[Insight]:
    return sorted(
        (i for i in record.insights_of(kind) if guard.item_ok(i)), key=lambda i: i.created
    )


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items)


def _group(group: assess.Group) -> str:
    return "–" if group.count == 0 else group.describe()


# ------------------------------------------------------------------------ header


def sponsor_scrub(record: ClientRecord) -> Callable[[str], str]:
    """Stakeholder names withheld: what every text bound for the sponsor goes through."""
    return _Confidential(record, "sponsor").scrub


def _title(kind: Kind, record: ClientRecord) -> str:
    from coach_tui.reports.sponsor import report_title

    what = report_title(record) if kind == "final" else "Session summary"
    return f"{what}: {one_line(record.client.name)}"


def _header(record: ClientRecord, kind: Kind, audience: Audience, today: date) -> list[str]:
    client = record.client
    out = [f"# {md_escape(_title(kind, record))}", ""]
    where = " · ".join(one_line(p) for p in (client.role, client.organisation) if p)
    if where:
        out += [md_escape(where), ""]
    reader = "the executive" if audience == "client" else "the sponsor"
    out += [
        f"Prepared {_day(today)} for {reader}. Confidential.",
        "",
    ]
    return out


def _confidentiality_note(audience: Audience) -> list[str]:
    if audience == "sponsor":
        text = (
            "This version carries themes and scores only, shared with the executive's "
            "consent: no one's words are quoted, no stakeholder is named, and groups of "
            f"fewer than {MIN_GROUP} people are not shown on their own."
        )
    else:
        text = (
            "Stakeholders' comments are grouped by theme without names; groups of "
            f"fewer than {MIN_GROUP} people are not shown on their own."
        )
    return [f"> {text}", ""]


# ------------------------------------------------------------------ final report


def build_final_report(
    record: ClientRecord, audience: Audience = "client", today: date | None = None
) -> str:
    """The final report as Markdown ("Progress report" before Achievement)."""
    _check_audience(audience)
    today = today or date.today()
    if audience == "sponsor":
        from coach_tui.reports import sponsor_render

        return sponsor_render.render(record, "final", "md", today)[0]
    guard = _Confidential(record, audience)
    engagement = record.engagement
    held = coach_sessions(record)
    out = _header(record, "final", audience, today)
    span = ""
    if engagement.started is not None:
        end = engagement.ended.date() if engagement.ended else today
        span = f"Engagement {_day(engagement.started.date())} – {_day(end)}, "
    out += [
        f"{span}{len(held)} coaching session{'s' if len(held) != 1 else ''}; "
        f"stage now: {engagement.stage.label}.",
        "",
    ]
    if engagement.stage.position < 3:
        out += [
            f"*Interim: the engagement is in the {engagement.stage.label} stage; "
            "the final measures come in Achievement.*",
            "",
        ]
    out += _confidentiality_note(audience)
    out += _objectives(record, guard)
    out += _progress(record, guard)
    out += _changed_behaviour(record, guard)
    out += _ratings(record, audience)
    if audience == "client":
        out += _stakeholder_words(record, guard)
    out += _item_section(
        "Strengths to keep using", _items(record, InsightKind.STRENGTH, guard), guard
    )
    # Only the areas still open: a closed one (worked through) is not "remaining".
    remaining = [a for a in _items(record, InsightKind.WEAKNESS, guard) if not a.done]
    out += _item_section("Remaining development areas", remaining, guard)
    out += _sustainment(record, guard, today)
    out += _footer()
    return "\n".join(out).rstrip() + "\n"


def _objectives(record: ClientRecord, guard: _Confidential) -> list[str]:
    out = ["## Objectives", ""]
    goals = _goals(record, guard)
    if not goals:
        return [*out, "No development goals agreed yet.", ""]
    for number, goal in enumerate(goals, 1):
        line = f"{number}. **{md_escape(guard.text(goal.text))}**"
        if goal.measure and not guard.is_secret(goal.measure):
            line += f" — success measure: {md_escape(guard.text(goal.measure))}"
        out.append(line)
    return [*out, ""]


def _survey_line(row: assess.SurveyRow) -> str:
    group = row.scores
    if not group.shown:
        return _group(group)
    verdict = (
        "above the usual target of +1" if row.target_met else "not yet above the usual target of +1"
    )
    return f"mean {_score(row.mean or 0.0)} from {group.count} responses ({verdict})"


def _progress(record: ClientRecord, guard: _Confidential) -> list[str]:
    out = ["## Progress on each goal", ""]
    goals = _goals(record, guard)
    surveys = {
        row.goal_id: row
        for row in assess.survey_rows(record, record.engagement.id)
        if row.scores.count
    }
    if not goals:
        out += ["Nothing to measure yet: no goals.", ""]
    for number, goal in enumerate(goals, 1):
        out += [f"### {number}. {md_escape(guard.text(goal.text))}", ""]
        scores = goal.scores
        if scores:
            first, last = scores[0], scores[-1]
            series = ", ".join(_score(s.score) for s in scores)
            out.append(
                f"- GAS score: {_score(first.score)} ({_day(first.at.date())}) → "
                f"{_score(last.score)} ({_day(last.at.date())}); "
                f"{len(scores)} score{'s' if len(scores) != 1 else ''}: {series}"
            )
            level = goal.gas.get(last.score)
            if level and not guard.is_secret(level):
                out.append(
                    f"- Where it stands ({_score(last.score)}, {GAS_LEVELS[last.score]}): "
                    f"{md_escape(guard.text(level))}"
                )
        else:
            out.append("- GAS score: not scored yet")
        expected = goal.gas.get(0)
        if expected and not guard.is_secret(expected) and goal.latest_score != 0:
            out.append(f"- Expected outcome (0): {md_escape(guard.text(expected))}")
        if goal.id in surveys:
            out.append(f"- Stakeholder mini-survey (−3..+3): {_survey_line(surveys[goal.id])}")
        out.append("")
    if None in surveys:
        out += [
            "### Overall leadership effectiveness",
            "",
            f"Stakeholder mini-survey (−3..+3): {_survey_line(surveys[None])}.",
            "",
        ]
    return out


def _answers_for(
    record: ClientRecord, question_ids: tuple[str, ...], audience: str = "coach"
) -> list[tuple[Session, str, list[str]]]:
    """(session, question as asked, lines) of the given questions, oldest first."""
    found = []
    for session in record.sessions_of(record.engagement.id):
        if session.audience != audience or session.is_open:
            continue
        answers = record.answers_of(session.id)
        for question_id in question_ids:
            answer = answers.get(question_id)
            if answer is not None and _lines(answer.value):
                found.append((session, answer.question_text, _lines(answer.value)))
    return found


def _changed_behaviour(record: ClientRecord, guard: _Confidential) -> list[str]:
    out = ["## Examples of changed behaviour", ""]
    if guard.audience == "sponsor":
        goals = [g for g in _goals(record, guard) if g.scores and g.gas.get(g.scores[-1].score)]
        if not goals:
            return [*out, "The examples are the executive's to share.", ""]
        out += ["Where each goal stands now, in the terms agreed at the start:", ""]
        for goal in goals:
            level = goal.gas[goal.scores[-1].score]
            if guard.is_secret(level):
                continue
            out.append(f"- {md_escape(guard.text(goal.text))}: {md_escape(guard.text(level))}")
        return [*out, "", "The examples themselves are the executive's to share.", ""]
    seen: set[str] = set()
    for session, _question, lines in _answers_for(record, CHANGE_QUESTIONS):
        for line in lines:
            if guard.is_secret(line) or _norm(line) in seen:
                continue
            seen.add(_norm(line))
            out.append(f"- {md_escape(line)} *({_day(session.started.date())})*")
    if not seen:
        out.append("None recorded yet.")
    return [*out, ""]


def _ratings(record: ClientRecord, audience: Audience) -> list[str]:
    out = ["## Competency ratings before and after", ""]
    result = assess.assess(record)
    rows = list(result.rated_changes)
    if not rows:
        return [*out, "No ratings recorded yet.", ""]
    out += [
        "Ratings 1–5 (1 = a clear development need, 3 = solid, 5 = a signature strength); "
        "stakeholders' ratings are means.",
        "",
        "| Competency | Self before | Self after | Stakeholders before | Stakeholders after |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        out.append(
            f"| {md_cell(row.competency)} | {_opt(row.self_baseline)} | {_opt(row.self_final)} "
            f"| {_group(row.others_baseline)} | {_group(row.others_final)} |"
        )
    out += ["", *_by_relationship(record), ""]
    if audience == "client":
        view = result.final if result.final.has_self and result.final.has_others else None
        if view is None and result.baseline.has_self and result.baseline.has_others:
            view = result.baseline
        if view is not None:
            blind = [md_escape(row.competency) for row in view.blind_spots]
            hidden = [md_escape(row.competency) for row in view.hidden_strengths]
            out += [f"### Self beside stakeholders ({view.phase} ratings)", ""]
            out.append(
                "- Blind spots (you rate yourself at least 1 point above the stakeholders' "
                "mean): " + (", ".join(blind) or "none")
            )
            out.append(
                "- Hidden strengths (at least 1 point below their mean): "
                + (", ".join(hidden) or "none")
            )
            out.append("")
    return out


def _opt(value: int | None) -> str:
    return "–" if value is None else str(value)


def _by_relationship(record: ClientRecord) -> list[str]:
    engagement_id = record.engagement.id
    ratings = [
        r for r in record.ratings if r.engagement_id == engagement_id and r.source == "stakeholder"
    ]
    if not ratings:
        return []
    people = {p.id: p.relationship for p in record.stakeholders}
    groups: dict[str, dict[str, list[tuple[object, int]]]] = {}
    for index, rating in enumerate(ratings):
        relationship = rating.relationship or people.get(rating.stakeholder_id or "", "") or "other"
        rater: object = rating.stakeholder_id or ("unnamed", index)
        groups.setdefault(relationship, {}).setdefault(rating.phase, []).append(
            (rater, rating.value)
        )
    out = [
        "### By relationship (mean of all competencies)",
        "",
        "| Relationship | People | Before | After |",
        "|---|---:|---:|---:|",
    ]
    for relationship in sorted(groups):
        phases = groups[relationship]
        raters = {r for pairs in phases.values() for r, _ in pairs}
        if len(raters) < MIN_GROUP:
            out.append(f"| {md_cell(relationship)} | {FEWER} | – | – |")
            continue
        cells = []
        for phase in ("baseline", "final"):
            pairs = phases.get(phase, [])
            phase_raters = {r for r, _ in pairs}
            if not pairs:
                cells.append("–")
            elif len(phase_raters) < MIN_GROUP:
                cells.append(FEWER)
            else:
                cells.append(f"{_mean(v for _, v in pairs):.1f}")
        out.append(f"| {md_cell(relationship)} | {len(raters)} | {cells[0]} | {cells[1]} |")
    return out


def _survey_respondents(record: ClientRecord) -> int:
    """How many people answered the mini-survey: each scores every goal once."""
    per_goal: dict[str | None, int] = {}
    for survey in record.surveys:
        if survey.engagement_id == record.engagement.id:
            per_goal[survey.goal_id] = per_goal.get(survey.goal_id, 0) + 1
    return max(per_goal.values(), default=0)


def _stakeholder_words(record: ClientRecord, guard: _Confidential) -> list[str]:
    """Interview and survey words pooled by theme, names removed, order not by person.

    Interview words are shown only when at least ``MIN_GROUP`` people were
    interviewed, survey suggestions only when as many answered the survey.
    """
    out = ["## What stakeholders said", ""]
    engagement_id = record.engagement.id
    sessions = [
        s
        for s in record.sessions_of(engagement_id)
        if s.audience == "stakeholder" and not s.is_open
    ]
    interviewed = len({s.stakeholder_id or s.id for s in sessions})
    respondents = _survey_respondents(record)
    if not sessions and not respondents:
        return [*out, "No stakeholder interviews or surveys yet.", ""]
    use_interviews = interviewed >= MIN_GROUP
    use_survey = respondents >= MIN_GROUP
    counts = []
    if interviewed:
        counts.append(f"{interviewed} interview{'s' if interviewed != 1 else ''}")
    if respondents:
        counts.append(f"{respondents} mini-survey response{'s' if respondents != 1 else ''}")
    out += [f"From {' and '.join(counts)}.", ""]
    if not (use_interviews and use_survey):
        out += [
            f"Input from fewer than {MIN_GROUP} people is shared in conversation only, "
            "to keep it anonymous.",
            "",
        ]
    if not (use_interviews or use_survey):
        return out
    out += ["Comments are pooled by theme, sorted alphabetically, with names removed.", ""]
    session_ids = {s.id for s in sessions} if use_interviews else set()
    suggestions = (
        [
            s.suggestion
            for s in record.surveys
            if s.engagement_id == engagement_id and s.suggestion.strip()
        ]
        if use_survey
        else []
    )
    for title, question_ids in STAKEHOLDER_THEMES:
        lines: dict[str, str] = {}
        for answer in record.answers:
            if answer.session_id in session_ids and answer.question_id in question_ids:
                for line in guard.allowed_lines(answer.value):
                    lines.setdefault(_norm(line), guard.scrub(line))
        if "feedforward" in question_ids:
            for text in suggestions:
                for line in _lines(text):
                    if not guard.is_secret(line):
                        lines.setdefault(_norm(line), guard.scrub(line))
        if not lines:
            continue
        out += [f"### {title}", ""]
        out += [f"- {md_escape(line)}" for line in sorted(lines.values(), key=str.casefold)]
        out.append("")
    return out


def _item_section(title: str, items: list[Insight], guard: _Confidential) -> list[str]:
    out = [f"## {title}", ""]
    if not items:
        return [*out, "None recorded.", ""]
    out += [f"- {md_escape(guard.text(item.text))}" for item in items]
    return [*out, ""]


def _sustainment(record: ClientRecord, guard: _Confidential, today: date) -> list[str]:
    out = ["## Sustainment plan", ""]
    actions = [a for a in _items(record, InsightKind.ACTION, guard) if not a.done]
    if actions:
        for action in sorted(actions, key=lambda a: (a.due or date.max, a.created)):
            due = f" — by {_day(action.due)}" if action.due else ""
            out.append(f"- {md_escape(guard.text(action.text))}{due}")
    else:
        out.append("No open commitments.")
    out += ["", "### How the manager can support", ""]
    if guard.audience == "client":
        found = False
        for _session, _question, lines in _answers_for(record, SUPPORT_QUESTIONS):
            for line in lines:
                if not guard.is_secret(line):
                    out.append(f"- {md_escape(line)}")
                    found = True
        if not found:
            out.append("To agree with the manager at the final session.")
    else:
        out.append(
            "Notice the new behaviours and say so; ask about the plan above once a "
            "quarter; keep giving one concrete suggestion for the future. The executive "
            "will share how the manager can help most."
        )
    return [*out, ""]


def _footer() -> list[str]:
    return ["---", "", f"*Prepared with coach-tui {__version__}. Confidential.*"]


# --------------------------------------------------------------- session summary


def summary_session(record: ClientRecord, session_id: str | None) -> Session:
    """The session a summary is about: the one named, or the latest held."""
    return _summary_session(record, session_id)


def _summary_session(record: ClientRecord, session_id: str | None) -> Session:
    if session_id is not None:
        for session in record.sessions:
            if session.id == session_id:
                if session.audience != "coach":
                    raise InvalidInputError(
                        "a session summary is for a session with the executive, not "
                        f"a {session.audience} session"
                    )
                return session
        raise NotFoundError(f"no session '{session_id}'")
    held = coach_sessions(record)
    if not held:
        raise InvalidInputError(
            f"{one_line(record.client.name)} has no finished session to summarise yet"
        )
    return held[-1]


def _value_lines(kind: str, value: AnswerValue) -> list[str]:
    if kind == "date" and isinstance(value, str):
        try:
            return [_long_day(date.fromisoformat(value))]
        except ValueError:
            return [value]
    if kind == "rating" and isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    return _lines(value)


def build_session_summary(
    record: ClientRecord,
    audience: Audience = "client",
    session_id: str | None = None,
    today: date | None = None,
) -> str:
    """A summary of one session (the latest by default), to send after the call."""
    _check_audience(audience)
    today = today or date.today()
    if audience == "sponsor":
        from coach_tui.reports import sponsor_render

        return sponsor_render.render(record, "session", "md", today, session_id)[0]
    guard = _Confidential(record, audience)
    session = _summary_session(record, session_id)
    out = _header(record, "session", audience, today)
    out += [
        f"{md_escape(session.script_title)} · {_long_day(session.started.date())} · "
        f"{session.minutes} min · {session.stage.label} stage",
        "",
    ]
    if audience == "client":
        out += _covered(record, session, guard)
        out += _captured(record, session, guard)
    out += _session_scores(record, session, guard)
    out += _session_commitments(record, session, guard)
    out += _session_next(record, session)
    out += _footer()
    return "\n".join(out).rstrip() + "\n"


def _covered(record: ClientRecord, session: Session, guard: _Confidential) -> list[str]:
    out = ["## What we covered", ""]
    answers = record.answers_of(session.id)
    asked = {q.id: q for q in session.questions}
    order = [q.id for q in session.questions] + [qid for qid in answers if qid not in asked]
    section: str | None = None
    shown = 0
    for question_id in order:
        answer = answers.get(question_id)
        if answer is None or answer.private or question_id in PRIVATE_QUESTIONS:
            continue
        lines = [
            line for line in _value_lines(answer.kind, answer.value) if not guard.is_secret(line)
        ]
        if not lines:
            continue
        question = asked.get(question_id)
        if question is not None and question.section != section and question.section:
            section = question.section
            out += [f"### {md_escape(section)}", ""]
        out.append(f"**{md_escape(one_line(answer.question_text))}**")
        out.append("")
        if answer.kind in ("list", "choices") and len(lines) > 0:
            out += [f"- {md_escape(line)}" for line in lines]
        else:
            out.append(md_block("\n".join(lines)))
        out.append("")
        shown += 1
    if not shown:
        out += ["Nothing was written down in this session.", ""]
    return out


def _captured(record: ClientRecord, session: Session, guard: _Confidential) -> list[str]:
    captured = [
        i
        for i in record.insights
        if i.session_id == session.id and guard.item_ok(i) and i.kind is not InsightKind.ACTION
    ]
    if not captured:
        return []
    out = ["## What we noted", ""]
    for kind in (
        InsightKind.GOAL,
        InsightKind.STRENGTH,
        InsightKind.WEAKNESS,
        InsightKind.MOTIVATION,
    ):
        items = [i for i in captured if i.kind is kind]
        if items:
            out.append(f"- **{kind.label}s:** " + "; ".join(md_escape(i.text) for i in items))
    return [*out, ""]


def _session_scores(record: ClientRecord, session: Session, guard: _Confidential) -> list[str]:
    out = ["## Goals", ""]
    goals = _goals(record, guard)
    if not goals:
        return [*out, "No goals agreed yet.", ""]
    for goal in goals:
        before = [s for s in goal.scores if s.at <= (session.ended or session.started)]
        here = [s for s in goal.scores if s.session_id == session.id]
        line = f"- {md_escape(guard.text(goal.text))}"
        if here:
            score = here[-1].score
            earlier = [s for s in before if s.session_id != session.id]
            was = f" (was {_score(earlier[-1].score)})" if earlier else ""
            line += f": GAS {_score(score)}{was} — {GAS_LEVELS[score]}"
        else:
            line += ": not scored in this session"
        out.append(line)
    return [*out, ""]


def _session_commitments(record: ClientRecord, session: Session, guard: _Confidential) -> list[str]:
    out = ["## Commitments", ""]
    actions = [a for a in _items(record, InsightKind.ACTION, guard) if not a.done]
    made = [a for a in actions if a.session_id == session.id]
    earlier = [a for a in actions if a.session_id != session.id]
    if not actions:
        return [*out, "No open commitments.", ""]
    for action in made:
        due = f" — by {_long_day(action.due)}" if action.due else ""
        out.append(f"- {md_escape(guard.text(action.text))}{due}")
    if earlier:
        if made:
            out += ["", "Still open from before:", ""]
        for action in earlier:
            due = f" — by {_day(action.due)}" if action.due else ""
            out.append(f"- {md_escape(guard.text(action.text))}{due}")
    return [*out, ""]


def _session_next(record: ClientRecord, session: Session) -> list[str]:
    out = ["## Next session", ""]
    plans = [p for p in record.plans if p.session_id == session.id]
    plan = plans[-1] if plans else None
    if plan is None or plan.next_date is None:
        return [*out, "To be arranged.", ""]
    title = ""
    for candidate in reversed(record.sessions):
        if candidate.script_id == plan.script_id:
            title = f" · {md_escape(candidate.script_title)}"
            break
    return [*out, f"{_long_day(plan.next_date)}{title}", ""]


# --------------------------------------------------------------------------- HTML

_CSS = """
:root { color-scheme: light; }
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.5; color: #1d1d1f;
  max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; background: #fff; }
h1 { font-size: 1.7rem; margin-bottom: .25rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc;
  padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, sans-serif; color: #123; }
blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: 4px solid #8aa;
  background: #f4f7f7; color: #334; }
table { border-collapse: collapse; margin: .75rem 0; font-size: .92rem; width: 100%; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; vertical-align: top; }
th { background: #eef2f3; text-align: left; }
hr { border: 0; border-top: 1px solid #ccc; margin: 2rem 0 1rem; }
@page { margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, blockquote, li { break-inside: avoid; page-break-inside: avoid; }
  blockquote, th { background: none; }
}
"""


def to_html(markdown: str, title: str) -> str:
    """One self-contained, printable HTML page rendered from the report's Markdown.

    Raw HTML in the Markdown is shown as text (``html: False``); the page loads
    nothing from anywhere: inline CSS, no scripts, no images, no fonts.
    """
    from markdown_it import MarkdownIt  # only the HTML path pays for it

    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    body = renderer.render(markdown)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="coach-tui">\n'
        f"<title>{html.escape(one_line(title))}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


# ----------------------------------------------------------------- whole reports


def _check_audience(audience: str) -> None:
    if audience not in AUDIENCES:
        raise InvalidInputError(f"audience '{audience}' is not one of: {', '.join(AUDIENCES)}")


def render_report(
    record: ClientRecord,
    kind: str,
    audience: str,
    fmt: str,
    today: date | None = None,
    session_id: str | None = None,
) -> str:
    """A whole report as text: Markdown, or the HTML page made from it."""
    _check_audience(audience)
    who: Audience = "client" if audience == "client" else "sponsor"
    if who == "sponsor" and kind in KINDS and fmt in FORMATS:
        from coach_tui.reports import sponsor_render

        return sponsor_render.render(record, kind, fmt, today or date.today(), session_id)[0]
    if kind == "final":
        markdown = build_final_report(record, who, today)
    elif kind == "session":
        markdown = build_session_summary(record, who, session_id, today)
    else:
        raise InvalidInputError(f"report kind '{kind}' is not one of: {', '.join(KINDS)}")
    if fmt == "md":
        return markdown
    if fmt == "html":
        return to_html(markdown, _title("final" if kind == "final" else "session", record))
    raise InvalidInputError(f"format '{fmt}' is not one of: {', '.join(FORMATS)}")


def describe(
    kind: str,
    audience: str,
    fmt: str,
    record: ClientRecord | None = None,
    session_id: str | None = None,
) -> str:
    """How the history log names a report: 'final report for sponsor (html)'."""
    what = "final report"
    if kind == "session":
        what = "session summary"
        if record is not None:
            try:
                session = _summary_session(record, session_id)
                what += f" of {_day(session.started.date())}"
            except (InvalidInputError, NotFoundError):
                pass
    return f"{what} for {AUDIENCE_LABELS.get(audience, audience)} ({fmt})"


def default_path(practice: Practice, client_id: str, kind: str, audience: str, fmt: str) -> Path:
    """Where a report goes when the coach names no file: the data folder's reports/."""
    today = practice.clock().date()
    name = f"{client_id}-{kind}-{audience}-{today.isoformat()}.{fmt}"
    return locations.reports_dir(practice.root) / name


def write_report(
    practice: Practice,
    client_id: str,
    kind: str,
    audience: str,
    fmt: str,
    path: Path | None = None,
    *,
    session_id: str | None = None,
) -> Path:
    """Write a report to ``path`` (atomically) and record it in the executive's history.

    With no ``path`` the report goes to ``<data>/reports/`` (a private folder). The
    engagement screen calls this; ``coach-tui report -o FILE`` does too.
    """
    if path is None:
        path = default_path(practice, client_id, kind, audience, fmt)
        safefile.ensure_private_dir(path.parent)
    target = outputs.resolve(path, practice.root)
    record = practice.load(client_id)
    today = practice.clock().date()
    shared = None
    if audience == "sponsor" and kind in KINDS and fmt in FORMATS:
        from coach_tui.reports import sponsor_render

        text, shared = sponsor_render.render(record, kind, fmt, today, session_id)
    else:
        text = render_report(record, kind, audience, fmt, today, session_id)
    path = outputs.write(target, text.encode("utf-8"))
    detail = describe(kind, audience, fmt, record, session_id)
    practice.log_event(client_id, "report", f"{detail} to {path.name}")
    if shared is not None:
        from coach_tui.domain import sharing

        sharing.log_sent(practice, client_id, shared, str(path), kind)
    return path


def cli_report(args: argparse.Namespace, root: Path) -> int:
    """``coach-tui report NAME [--kind] [--audience] [--format] [-o FILE]``."""
    from coach_tui.store.practice import Practice

    practice = Practice(root, read_only=True)
    summary = practice.find(args.name)
    kind = getattr(args, "kind", "final")
    if args.output:
        target = write_report(
            practice, summary.id, kind, args.audience, args.format, Path(args.output)
        )
        reader = AUDIENCE_LABELS[args.audience]
        shown = one_line(str(target))
        print(f"Wrote the {kind} report for the {reader} to {shown}", file=sys.stderr)
        return 0
    record = practice.load(summary.id)
    shared = None
    if args.audience == "sponsor":
        from coach_tui.reports import sponsor_render

        text, shared = sponsor_render.render(record, kind, args.format, practice.clock().date())
    else:
        text = render_report(record, kind, args.audience, args.format, practice.clock().date())
    sys.stdout.write(text)
    sys.stdout.flush()
    try:
        if shared is not None:
            from coach_tui.domain import sharing

            sharing.log_sent(practice, summary.id, shared, "the terminal", kind)
        practice.log_event(
            summary.id,
            "report",
            describe(kind, args.audience, args.format, record) + " to the terminal",
        )
    except StoreError as exc:  # a read-only practice still prints its reports
        print(f"coach-tui: not recorded in the history: {one_line(str(exc))}", file=sys.stderr)
    return 0
