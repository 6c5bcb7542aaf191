"""The review's charts: each goal's GAS score, competency ratings, sessions per stage.

Text bar charts (eighth-block bars) built as ``rich.text.Text``.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text

from coach_tui.domain import assess
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


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of ``width`` cells at most, in eighths of a cell."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = round(min(value, maximum) / maximum * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def gas_chart(goal: Insight) -> Text:
    """One goal's GAS scores as a dot plot: −2..+2 up, sessions along."""
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
    step = 4
    for level in (2, 1, 0, -1, -2):
        text.append(f"  {level:+d} │" if level else "   0 │", style="dim")
        row = [" " * step] * len(scores)
        for column, score in enumerate(scores):
            if score.score == level:
                row[column] = "  ● "
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


def charts_text(record: ClientRecord) -> Text:
    text = Text()
    text.append("GAS score of each goal, session by session (−2..+2)\n\n", style="bold underline")
    goals = [i for i in record.insights_of(InsightKind.GOAL)]
    if not goals:
        text.append("  No goals yet.\n", style="dim italic")
    for goal in goals:
        text.append_text(gas_chart(goal))
        text.append("\n")
    text.append("\nCompetency ratings: baseline vs final (1–5)\n\n", style="bold underline")
    text.append_text(ratings_chart(record))
    survey = [row for row in assess.survey_rows(record, record.engagement.id) if row.scores.count]
    if survey:
        text.append(
            "\nMini-survey: stakeholders' view of the change (−3..+3)\n\n", style="bold underline"
        )
        for row in survey:
            text.append(f"  {one_line(row.label, 44):<44} ")
            mean = row.mean
            if mean is None:
                text.append("fewer than 3 responses\n", style="dim italic")
                continue
            text.append(f"{bar(max(mean, 0), 3, 12):<12}", style="green" if mean > 1 else "yellow")
            text.append(f" {mean:+.1f} (n={row.scores.count})\n")
    text.append("\nSessions per stage\n\n", style="bold underline")
    text.append_text(stage_chart(record))
    return text
