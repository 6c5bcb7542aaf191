"""The review's outcome charts and the pulse trend, as pure functions on a record.

Pulses group the mini-survey's replies by when they came; each pulse's figures are
the same arithmetic as the brief and the reports (``assess.survey_rows``): mean,
share positive, n, and nothing shown for a group under 3.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from coach_tui.domain import assess, pulses
from coach_tui.domain.model import (
    Client,
    ClientRecord,
    Engagement,
    GoalScore,
    Insight,
    InsightKind,
    MeasureReading,
    SurveyScore,
)
from screens.review_charts import charts_text, gas_chart, measure_chart, pulse_chart, sparkline

START = datetime(2026, 1, 5, 9, 0)


def record_with(
    surveys: list[SurveyScore], readings: list[MeasureReading] | None = None
) -> ClientRecord:
    goal = Insight(
        "g1",
        "e1",
        InsightKind.GOAL,
        "Delegate decisions",
        START,
        measure="approvals waiting on Friday",
        status="agreed",
        agreed_at=START,
        readings=readings or [],
    )
    return ClientRecord(
        Client("ann", "Ann Lee"),
        engagements=[Engagement("e1", "ann", started=START)],
        insights=[goal],
        surveys=surveys,
    )


def replies(day: datetime, scores: list[int], goal_id: str | None = "g1") -> list[SurveyScore]:
    return [
        SurveyScore(f"s{day:%j}{n}", "e1", goal_id, score, day + timedelta(days=n % 3))
        for n, score in enumerate(scores)
    ]


def test_replies_are_grouped_into_pulses_by_the_gap_between_them() -> None:
    first = replies(START, [1, 0, 2, -1])
    second = replies(START + timedelta(days=90), [2, 2, 1])
    third = replies(START + timedelta(days=180), [3, 1])
    rounds = pulses.pulses(record_with([*third, *first, *second]))
    assert [(p.first, p.last) for p in rounds] == [
        (date(2026, 1, 5), date(2026, 1, 7)),
        (date(2026, 4, 5), date(2026, 4, 7)),
        (date(2026, 7, 4), date(2026, 7, 5)),
    ]
    one, two, three = (p.row("g1") for p in rounds)
    assert one is not None and two is not None and three is not None
    assert one.mean == 0.5 and one.share_positive == 0.5 and one.scores.count == 4
    assert two.mean is not None and round(two.mean, 2) == 1.67
    assert three.mean is None and three.share_positive is None, "2 replies: hidden"
    assert pulses.trend(one, two) is not None and round(pulses.trend(one, two) or 0, 2) == 1.17
    assert pulses.trend(two, three) is None


def test_a_pulse_has_the_figures_of_the_report_when_there_is_only_one() -> None:
    record = record_with(replies(START, [1, 2, -1, 3, 0]))
    (only,) = pulses.pulses(record)
    assert only.rows == assess.survey_rows(record, "e1")


def test_the_pulse_chart_shows_mean_share_n_and_trend_and_hides_small_groups() -> None:
    record = record_with(
        [
            *replies(START, [1, 0, 2, -1]),
            *replies(START + timedelta(days=90), [2, 2, 1]),
            *replies(START + timedelta(days=180), [3, 1]),
            *replies(START + timedelta(days=180), [1, 1, 1], goal_id=None),
        ]
    )
    chart = pulse_chart(record).plain
    assert "05 Jan 2026  +0.5  50% positive  n=4" in chart
    assert "05 Apr 2026  +1.7  100% positive  n=3  ↑ +1.2" in chart
    assert "04 Jul 2026  fewer than 3 replies" in chart
    assert "Overall leadership effectiveness" in chart
    assert "+1.0  100% positive  n=3" in chart
    assert pulse_chart(record_with(replies(START, [1, 2, 3]))).plain == "", "no trend yet"


def test_the_measure_chart_shows_baseline_to_latest_and_each_reading() -> None:
    readings = [
        MeasureReading("12 waiting", date(2026, 1, 9), "dashboard"),
        MeasureReading("most Fridays under 10", date(2026, 2, 6), "sponsor"),
        MeasureReading("4 waiting", date(2026, 3, 6), "dashboard"),
    ]
    record = record_with([], readings)
    chart = measure_chart(record.insights[0]).plain
    assert "12 waiting (9 Jan 2026) → 4 waiting (6 Mar 2026), −8" in chart
    assert "█" in chart and "▁" in chart, "the numeric readings as a trend"
    assert "06 Feb 26  most Fridays under 10  · sponsor" in chart
    assert "Measure: approvals waiting on Friday" in charts_text(record).plain


def test_hostile_readings_are_drawn_as_data() -> None:
    value = "[/] [@click=app.quit]x[/] \x1b[31m \u202e 🙂 " + "long " * 40
    readings = [MeasureReading(value, date(2026, 1, 9), "[b]\x07src")]
    chart = measure_chart(record_with([], readings).insights[0])
    assert "[@click=app.quit]x[/]" in chart.plain and "🙂" in chart.plain
    assert "\x1b" not in chart.plain and "\u202e" not in chart.plain and "\x07" not in chart.plain
    assert all(not span.style or "click" not in str(span.style) for span in chart.spans)
    assert max(len(line) for line in chart.plain.splitlines()) <= 100


def test_sparkline() -> None:
    assert sparkline([]) == ""
    assert sparkline([1, 2, 3]) == "▁▅█"
    assert sparkline([4, 4]) == "▄▄"


def test_a_long_engagement_s_gas_plot_fits_a_narrow_pane() -> None:
    """At 80 columns the charts pane is about 42 wide: twenty scores close up and the
    latest are kept, so no plot row wraps (a wrapped dot plot reads as noise)."""
    goal = Insight(
        id="g",
        engagement_id="e",
        kind=InsightKind.GOAL,
        text="Delegate decisions",
        created=datetime(2026, 1, 1),
        scores=[
            GoalScore(score=(n % 5) - 2, at=datetime(2026, 1, 1) + timedelta(days=7 * n))
            for n in range(40)
        ],
    )
    lines = gas_chart(goal, 42).plain.splitlines()
    assert all(len(line) <= 42 for line in lines[1:]), lines
    assert "the last 17 of 40 scores" in lines[1]
    assert "●" in gas_chart(goal, 42).plain
