"""Assessment: the executive's self-view beside the stakeholders', and the change.

For each competency the self rating and the stakeholders' mean are drawn as bars;
blind spots (self at least a point above the others) and hidden strengths (at least
a point below) are called out; the baseline (Analysis) is set beside the final
ratings (Achievement); the mini-survey shows per goal the mean change, the share of
positive ratings and whether the target (a mean above +1) is met.

Stakeholders are never named here, and a group of fewer than three responses shows
only "fewer than 3 responses" (``coach_tui.domain.assess`` never hands out its numbers).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from coach_tui.domain import assess
from coach_tui.domain.assess import (
    Assessment,
    ChangeRow,
    CompetencyRow,
    Group,
    PhaseView,
    SurveyRow,
)
from coach_tui.domain.model import ClientRecord
from coach_tui.text import one_line
from screens.base import CoachScreen
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader
from screens.work import CoreDone, run_core

EIGHTHS = " ▏▎▍▌▋▊▉"
BAR_WIDTH = 10
NAME_WIDTH = 32
SELF_STYLE = "bold cyan"
OTHERS_STYLE = "bold magenta"
BLIND_STYLE = "bold yellow"
HIDDEN_STYLE = "bold green"


def bar(value: float, high: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of ``width`` cells for ``value`` out of ``high`` (eighth blocks)."""
    value = max(0.0, min(value, high))
    eighths = round(value / high * width * 8) if high else 0
    full, part = divmod(eighths, 8)
    text = "█" * full + (EIGHTHS[part] if part else "")
    return text.ljust(width)


def change_bar(value: float, high: float = 3.0, half: int = 6) -> str:
    """A bar that grows right of a centre line for positive values, left for negative."""
    value = max(-high, min(value, high))
    cells = round(abs(value) / high * half * 2) / 2  # half-cell steps on the left side
    if value >= 0:
        return " " * half + "│" + bar(value, high, half)
    full = int(cells)
    left = ("▐" if cells - full else "") + "█" * full
    return left.rjust(half) + "│" + " " * half


def _name(text: str) -> str:
    return one_line(text, NAME_WIDTH - 1).ljust(NAME_WIDTH)


def _group_cell(group: Group, high: float = 5.0) -> Text:
    """The stakeholders' bar and mean, or why there is none."""
    cell = Text()
    if not group.shown:
        cell.append(group.describe(), style="dim italic")
        return cell
    mean = group.mean if group.mean is not None else 0.0
    cell.append(bar(mean, high), style=OTHERS_STYLE)
    cell.append(f" {assess.format_number(mean)}  (n={group.count})")
    return cell


def phase_text(view: PhaseView) -> Text:
    """One phase: every competency, self beside stakeholders, flags at the end."""
    text = Text()
    if view.is_empty:
        text.append("No ratings yet in this phase.", style="dim italic")
        return text
    text.append(_name("Competency"), style="bold")
    text.append("Self".ljust(BAR_WIDTH + 4), style="bold")
    text.append("Stakeholders (mean, count)\n", style="bold")
    for row in view.rows:
        text.append_text(_competency_line(row))
        text.append("\n")
    text.append("\n")
    text.append("█ self", style=SELF_STYLE)
    text.append("   ")
    text.append("█ stakeholders", style=OTHERS_STYLE)
    text.append(f"   scale 1–5; groups under {assess.MIN_GROUP} are not shown", style="dim")
    return text


def _competency_line(row: CompetencyRow) -> Text:
    line = Text(_name(row.competency))
    if row.self_rating is None:
        line.append("–".ljust(BAR_WIDTH + 4), style="dim")
    else:
        line.append(bar(row.self_rating, 5), style=SELF_STYLE)
        line.append(f" {row.self_rating}  ")
    line.append_text(_group_cell(row.others))
    flag = row.flag
    if flag == assess.BLIND_SPOT:
        line.append(f"  ▲ blind spot ({assess.format_number(row.gap, True)})", style=BLIND_STYLE)
    elif flag == assess.HIDDEN_STRENGTH:
        line.append(
            f"  ▼ hidden strength ({assess.format_number(row.gap, True)})", style=HIDDEN_STYLE
        )
    return line


def flags_text(result: Assessment) -> Text:
    """Blind spots and hidden strengths, latest phase with ratings first."""
    text = Text()
    phases = [p for p in (result.final, result.baseline) if not p.is_empty]
    if not phases:
        text.append("Nothing to compare yet.", style="dim italic")
        return text
    for view in phases:
        text.append(f"{view.label}\n", style="bold underline")
        if not view.has_self or not any(r.others.shown for r in view.rows):
            missing = "the self-assessment" if not view.has_self else "3 or more stakeholders"
            text.append(f"  Needs {missing} to compare.\n", style="dim italic")
            continue
        for title, rows, style, meaning in (
            (
                "Blind spots",
                view.blind_spots,
                BLIND_STYLE,
                "rated at least a point higher by the executive than by others",
            ),
            (
                "Hidden strengths",
                view.hidden_strengths,
                HIDDEN_STYLE,
                "rated at least a point lower by the executive than by others",
            ),
        ):
            text.append(f"  {title}", style=style)
            text.append(f" ({meaning}): ", style="dim")
            if not rows:
                text.append("none\n")
                continue
            text.append(
                ", ".join(
                    f"{one_line(r.competency)} "
                    f"({r.self_rating} vs {assess.format_number(r.others.mean)})"
                    for r in rows
                )
                + "\n"
            )
    text.rstrip()
    return text


def _signed(value: float | int | None) -> str:
    return assess.format_number(None if value is None else float(value), signed=True)


def change_text(result: Assessment) -> Text:
    """Baseline beside final, with the change, for the executive and the stakeholders."""
    text = Text()
    if not result.has_change:
        text.append(
            "The change shows once there are ratings from both Analysis (baseline) and "
            "Achievement (final).",
            style="dim italic",
        )
        return text
    text.append(_name("Competency"), style="bold")
    text.append("Self: base → final    ", style="bold")
    text.append("Stakeholders: base → final\n", style="bold")
    for row in result.changes:
        text.append_text(_change_line(row))
        text.append("\n")
    text.rstrip()
    return text


def _change_line(row: ChangeRow) -> Text:
    line = Text(_name(row.competency))
    before = "–" if row.self_baseline is None else str(row.self_baseline)
    after = "–" if row.self_final is None else str(row.self_final)
    line.append(f"{before:>4} → {after:<3}", style=SELF_STYLE)
    change = row.self_change
    shown = "–" if change is None else f"{change:+d}" if change else "0"
    line.append(f" {shown:>5}".ljust(12), style=_change_style(change))
    if row.exact_others_change is None:
        line.append(_why_no_change(row.others_baseline, row.others_final), style="dim italic")
        return line
    base = assess.format_number(row.others_baseline.mean)
    final = assess.format_number(row.others_final.mean)
    line.append(f"{base:>4} → {final:<4}", style=OTHERS_STYLE)
    others = row.others_change
    line.append(f" {_signed(others):>5}", style=_change_style(others))
    return line


def _why_no_change(baseline: Group, final: Group) -> str:
    """Why the stakeholders' change is not shown: nobody rated, or too few did."""
    if baseline.count == 0 and final.count == 0:
        return "no responses"
    if final.count == 0:
        return "no final responses yet"
    if baseline.count == 0:
        return "no baseline responses"
    return assess.TOO_FEW


def _change_style(value: float | int | None) -> str:
    if value is None or abs(value) < 0.05:
        return "dim"
    return "green" if value > 0 else "red"


def survey_text(result: Assessment) -> Text:
    """The mini-survey per goal: mean change, share positive, target met."""
    text = Text()
    if not any(row.scores.count for row in result.survey):
        text.append(
            "No mini-survey responses yet: in Achievement, send stakeholders a kit "
            "(coach-tui kit export NAME --for stakeholder).",
            style="dim italic",
        )
        return text
    width = 40
    text.append("Goal".ljust(width), style="bold")
    text.append("−3".ljust(6) + "0" + "+3".rjust(6) + "   ", style="bold")
    text.append("Mean  Positive  Target (mean > +1)\n", style="bold")
    for row in result.survey:
        text.append_text(_survey_line(row, width))
        text.append("\n")
    text.rstrip()
    return text


def _survey_line(row: SurveyRow, width: int) -> Text:
    style = "italic" if row.goal_id is None else ""
    line = Text(one_line(row.label, width - 2).ljust(width), style=style)
    if not row.scores.shown:
        line.append(row.scores.describe(), style="dim italic")
        return line
    mean = row.mean if row.mean is not None else 0.0
    line.append(change_bar(mean), style=OTHERS_STYLE)
    line.append(f"  {assess.format_number(mean, signed=True):>5}")
    share = row.share_positive if row.share_positive is not None else 0.0
    line.append(f"  {share:>7.0%}")
    met = row.target_met
    line.append("  ")
    line.append("met ✓" if met else "not met ✗", style="green" if met else "yellow")
    line.append(f"  (n={row.scores.count})", style="dim")
    return line


def summary_text(record: ClientRecord, result: Assessment) -> Text:
    text = Text()
    stage = record.engagement.stage
    text.append(f"Stage: {stage.label}.  ", style="bold")
    for view in (result.baseline, result.final):
        if view.is_empty:
            continue
        self_part = "self-assessment" if view.has_self else "no self-assessment"
        text.append(
            f"{view.label}: {self_part}, up to {view.responses} stakeholder "
            f"rating(s) per competency.  "
        )
    if result.baseline.is_empty and result.final.is_empty:
        text.append(
            "No ratings yet: coach-tui self-assess NAME, or a kit "
            "(coach-tui kit export NAME --for self|stakeholder).",
            style="dim",
        )
    text.rstrip()
    return text


class AssessmentScreen(CoachScreen):
    """Self beside stakeholders, blind spots, the change, and the mini-survey."""

    CSS_PATH = "assessment.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="assessment.back"),
        Binding("r", "reload", "Reload", id="assessment.reload"),
    ]

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.result: Assessment | None = None

    def compose(self) -> ComposeResult:
        yield CoachHeader()
        with VerticalScroll(id="assessment"):
            yield Static("", id="summary", classes="hint")
            yield Static("", id="baseline", classes="panel")
            yield Static("", id="final", classes="panel")
            yield Static("", id="flags", classes="panel")
            yield Static("", id="change", classes="panel")
            yield Static("", id="survey", classes="panel")
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        titles = {
            "#baseline": "Baseline (Analysis): self beside stakeholders",
            "#final": "Final (Achievement): self beside stakeholders",
            "#flags": "Blind spots and hidden strengths",
            "#change": "Baseline → final",
            "#survey": "Mini-survey: change per goal (−3..+3)",
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.title = "Assessment"
        self.query_one("#assessment").focus()
        self.action_reload()

    def on_screen_resume(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self._load()

    def _load(self) -> None:
        practice, client_id = self.practice, self.client_id

        def job() -> tuple[ClientRecord, Assessment]:
            record = practice.load(client_id)
            return record, assess.assess(record)

        run_core(self, "assessment-load", job, exclusive=True)

    @on(CoreDone)
    def _loaded(self, message: CoreDone) -> None:
        if message.key != "assessment-load":
            return
        if message.error is not None:
            self._failed(str(message.error))
            return
        self._show(*message.value)

    def _failed(self, message: str) -> None:
        self.notify(message, title="Cannot show the assessment", severity="error", timeout=15)
        if self.app.screen is self:
            self.app.pop_screen()

    def _show(self, record: ClientRecord, result: Assessment) -> None:
        self.result = result
        self.title = one_line(record.client.name)
        self.sub_title = "Assessment"
        self.query_one("#summary", Static).update(summary_text(record, result))
        self.query_one("#baseline", Static).update(phase_text(result.baseline))
        final = self.query_one("#final", Static)
        final.update(phase_text(result.final))
        final.display = not result.final.is_empty or record.engagement.stage.position >= 3
        self.query_one("#flags", Static).update(flags_text(result))
        self.query_one("#change", Static).update(change_text(result))
        self.query_one("#survey", Static).update(survey_text(result))

    def action_back(self) -> None:
        self.app.pop_screen()
