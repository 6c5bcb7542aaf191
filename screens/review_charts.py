"""The review's charts: each goal's GAS score and measured outcome, competency ratings,
the pulse mini-surveys' trend, and sessions per stage.

Text bar charts (eighth-block bars) built as ``rich.text.Text``.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text

from coach_tui.domain import assess, outcomes, pulses
from coach_tui.domain.model import (
    STAGES,
    ClientRecord,
    Insight,
    InsightKind,
)
from coach_tui.text import one_line, visible
from screens.review_timeline import (
    gas,
)

# ------------------------------------------------------------------------ charts

_EIGHTHS = " ▏▎▍▌▋▊▉"


#: The charts' width when the pane's is not known: the review at 120 columns.
CHART_WIDTH = 78


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of ``width`` cells at most, in eighths of a cell."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = round(min(value, maximum) / maximum * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def gas_chart(goal: Insight, width: int = CHART_WIDTH) -> Text:
    """One goal's GAS scores as a dot plot: −2..+2 up, sessions along.

    The plot fits ``width`` columns: the dots close up, and on a long engagement the
    latest scores are kept (a plot that wraps in a narrow pane reads as noise).
    """
    text = Text()
    text.append(visible(one_line(goal.text)), style="bold")
    scores = goal.scores
    if not scores:
        text.append("\n  not scored yet\n", style="dim italic")
        return text
    latest = scores[-1].score
    trend = "·"
    if len(scores) >= 2:
        delta = latest - scores[-2].score
        trend = "↑" if delta > 0 else "↓" if delta < 0 else "→"
    text.append(f"   latest {gas(latest)} {trend}\n", style="cyan")
    room = max(8, width - 7)  # "  +2 │" and a margin
    step = 4 if len(scores) * 4 <= room else 2
    if len(scores) * step > room:
        text.append(f"  the last {room // step} of {len(scores)} scores\n", style="dim")
        scores = scores[-(room // step) :]
    for level in (2, 1, 0, -1, -2):
        text.append(f"  {level:+d} │" if level else "   0 │", style="dim")
        row = [" " * step] * len(scores)
        for column, score in enumerate(scores):
            if score.score == level:
                row[column] = "  ● " if step == 4 else " ●"
        line = "".join(row).rstrip()
        style = "green" if level > 0 else "yellow" if level == 0 else "red"
        text.append(line, style=style)
        text.append("\n")
    text.append("     └" + "─" * (step * len(scores)) + "\n", style="dim")
    first, last = scores[0].at, scores[-1].at
    axis = f"      {first:%d %b}"
    if len(scores) > 1:
        end = f"{last:%d %b}"
        gap = max(1, step * len(scores) - len(axis) + 6 - len(end))
        axis += " " * gap + end
    text.append(axis + "\n", style="dim")
    return text


def ratings_chart(record: ClientRecord) -> Text:
    """Competencies baseline vs final: the executive's own and the stakeholders' mean."""
    result = assess.assess(record)
    rows = list(result.rated_changes)
    text = Text()
    if not rows:
        text.append("  No ratings recorded yet.\n", style="dim italic")
        return text
    text.append(f"{'':26}{'baseline':<17}final\n", style="dim")
    for row in rows:
        text.append(f"  {visible(one_line(row.competency))}\n", style="bold")
        for who, before, after in (
            ("self", row.self_baseline, row.self_final),
            ("others", row.others_baseline, row.others_final),
        ):
            text.append(f"    {who:<20}  ", style="dim")
            for value in (before, after):
                if isinstance(value, assess.Group):
                    mean = value.mean
                    if value.count and mean is None:
                        text.append(f"{'(fewer than 3)':<17}", style="dim italic")
                        continue
                    number = mean
                else:
                    number = None if value is None else float(value)
                if number is None:
                    text.append(f"{'–':<17}", style="dim")
                    continue
                shown = f"{number:.1f}" if isinstance(value, assess.Group) else f"{number:.0f}"
                drawn = bar(number, 5, 10)
                style = "cyan" if who == "self" else "green"
                text.append(f"{drawn:<10}", style=style)
                text.append(f" {shown:<6}")
            text.append("\n")
    return text


def stage_chart(record: ClientRecord) -> Text:
    """Sessions per stage: with the executive (█) and with stakeholders or alone (▒)."""
    closed = [s for s in record.sessions if not s.is_open]
    coach = Counter(s.stage for s in closed if s.audience == "coach")
    other = Counter(s.stage for s in closed if s.audience != "coach")
    most = max([coach[s] + other[s] for s in STAGES] + [1])
    width = 30
    text = Text()
    for stage in STAGES:
        text.append(f"  {stage.label:<12}", style="bold")
        own = round(coach[stage] / most * width)
        others = round(other[stage] / most * width)
        text.append("█" * own, style="cyan")
        text.append("▒" * others, style="dim cyan")
        count = f" {coach[stage]}"
        if other[stage]:
            count += f" + {other[stage]}"
        text.append(count + "\n")
    text.append("  █ with the executive   ▒ stakeholders and self-assessments\n", style="dim")
    return text


def charts_text(record: ClientRecord, width: int = CHART_WIDTH) -> Text:
    """Every chart of the review, each line fitting ``width`` columns."""
    text = Text()
    text.append("GAS score of each goal, session by session (−2..+2)\n\n", style="bold underline")
    goals = [i for i in record.insights_of(InsightKind.GOAL)]
    if not goals:
        text.append("  No goals yet.\n", style="dim italic")
    for goal in goals:
        text.append_text(gas_chart(goal, width))
        text.append_text(measure_chart(goal, width))
        text.append("\n")
    text.append("\nCompetency ratings: baseline vs final (1–5)\n\n", style="bold underline")
    text.append_text(ratings_chart(record))
    survey = [row for row in assess.survey_rows(record, record.engagement.id) if row.scores.count]
    if survey:
        text.append(
            "\nMini-survey: stakeholders' view of the change (−3..+3)\n\n", style="bold underline"
        )
        for row in survey:
            label = max(12, min(44, width - 28))
            text.append(f"  {one_line(row.label, label):<{label}} ")
            mean = row.mean
            if mean is None:
                text.append("fewer than 3 responses\n", style="dim italic")
                continue
            text.append(f"{bar(max(mean, 0), 3, 12):<12}", style="green" if mean > 1 else "yellow")
            text.append(f" {mean:+.1f} (n={row.scores.count})\n")
    text.append_text(pulse_chart(record))
    text.append("\nSessions per stage\n\n", style="bold underline")
    text.append_text(stage_chart(record))
    return text


_SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """Values as one row of blocks, lowest to highest (a flat line when all equal)."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    return "".join(
        _SPARKS[round((v - low) / span * (len(_SPARKS) - 1)) if span else 3] for v in values
    )


def measure_chart(goal: Insight, width: int = CHART_WIDTH) -> Text:
    """A goal's measured outcome: baseline -> latest, the numeric trend, each reading."""
    text = Text()
    if not goal.readings and not goal.measure.strip():
        return text
    text.append("  Measure: ", style="dim")
    text.append(one_line(goal.measure, 120) or "—")  # words: they may wrap
    text.append("\n")
    change = outcomes.change(goal)
    if change is None:
        text.append("    no reading yet (m records one)\n", style="dim italic")
        return text
    numbers = outcomes.numbers(goal)
    if len(numbers) >= 2:
        text.append(f"    {sparkline(numbers)}  ", style="cyan")
    else:
        text.append("    ")
    text.append(one_line(change.describe(), max(56, width + 16)) + "\n")  # may wrap once
    readings = outcomes.by_day(goal.readings)
    for reading in readings[-6:]:
        text.append(f"    {reading.on:%d %b %y}  ", style="dim")
        room = max(16, width - 15)  # after "    30 Oct 25  "
        source = one_line(reading.source, max(8, room // 4)) if reading.source else ""
        text.append(one_line(reading.value, room - (len(source) + 4 if source else 0)))
        if source:
            text.append(f"  · {source}", style="dim")
        text.append("\n")
    if len(readings) > 6:
        text.append(f"      (and {len(readings) - 6} earlier)\n", style="dim")
    return text


def pulse_chart(record: ClientRecord) -> Text:
    """The mini-survey pulse by pulse: mean, share positive and n per goal, with the trend."""
    rounds = pulses.pulses(record)
    text = Text()
    if len(rounds) < 2:
        return text  # one pulse is the mini-survey above: no trend yet
    text.append("\nPulse mini-surveys: the trend (−3..+3)\n\n", style="bold underline")
    keys: list[tuple[str | None, str]] = []
    for pulse in rounds:
        for each in pulse.rows:
            if each.scores.count and (each.goal_id, each.label) not in keys:
                keys.append((each.goal_id, each.label))
    for goal_id, label in keys:
        text.append(f"  {one_line(label, 70)}\n", style="bold")
        before: assess.SurveyRow | None = None
        for pulse in rounds:
            row = pulse.row(goal_id)
            if row is None or not row.scores.count:
                continue
            text.append(f"    {pulse.first:%d %b %Y}  ", style="dim")
            if row.mean is None:
                text.append(f"fewer than {assess.MIN_GROUP} replies\n", style="dim italic")
                continue
            share = round(100 * (row.share_positive or 0.0))
            text.append(f"{row.mean:+.1f}  {share}% positive  n={row.scores.count}")
            delta = pulses.trend(before, row)
            if delta is not None:
                arrow = "↑" if delta > 0 else "↓" if delta < 0 else "→"
                text.append(f"  {arrow} {delta:+.1f}", style="cyan")
            text.append("\n")
            before = row
    return text
