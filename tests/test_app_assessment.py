"""The assessment screen (numbers checked by hand, a snapshot), and stakeholder input in
the app: the interview run for a chosen stakeholder from the stakeholders screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app_helpers import make_app, screen_text, settle, shown_text, wait_until
from test_assess import GOALS, PEOPLE, known_practice
from textual.pilot import Pilot

from coach_tui.store.practice import Practice
from screens.assessment import AssessmentScreen, bar, change_bar
from screens.engagement import EngagementScreen
from screens.session import SessionScreen
from screens.stakeholders import StakeholdersScreen

pytest_plugins = ["app_fixtures"]


def _line(text: str, start: str) -> str:
    """The screen line whose content starts with ``start`` (inside a panel's border)."""
    for line in text.splitlines():
        if line.strip(" │").startswith(start):
            return line
    raise AssertionError(f"no line starts with {start!r} in:\n{text}")


async def test_numbers_on_screen_are_the_hand_computed_ones(tmp_path: Path) -> None:
    practice, cid, _ = known_practice(tmp_path / "data")
    app = make_app(practice.root)
    async with app.run_test(size=(130, 110)) as pilot:
        await settle(pilot)
        app.push_screen(AssessmentScreen(cid))
        await settle(pilot)
        await wait_until(pilot, lambda: "Mini-survey" in screen_text(app))
        shown = screen_text(app)

    # Baseline: self bar and rating, stakeholders' mean (1 decimal) and count, flags.
    listening = _line(shown, "Listening")
    assert "████████   4" in listening  # 4 of 5 on ten cells
    assert "2.7  (n=3)" in listening  # 8/3
    assert "▲ blind spot (+1.3)" in listening
    decisiveness = _line(shown, "Decisiveness")
    assert "3.3  (n=3)" in decisiveness and "▼ hidden strength (-1.3)" in decisiveness
    assert "▲ blind spot (+1.0)" in _line(shown, "Accountability")
    assert "▼ hidden strength (-1.0)" in _line(shown, "Managing conflict")
    acumen = _line(shown, "Business acumen")
    assert "3.2  (n=4)" in acumen and "blind" not in acumen and "hidden" not in acumen
    trust = _line(shown, "Building trust")
    assert "fewer than 3 responses" in trust
    assert "(n=2)" not in shown

    # The callouts name the competencies with self vs others.
    assert "Listening (4 vs 2.7)" in shown
    assert "Decisiveness (2 vs 3.3)" in shown

    # Baseline -> final: self 4 -> 4 (0), stakeholders 2.7 -> 3.7 (+1.0).
    changes = [line for line in shown.splitlines() if "→" in line and "Listening" in line]
    assert changes, shown
    assert "4 → 4" in changes[0] and "2.7 → 3.7" in changes[0] and "+1.0" in changes[0]

    # Mini-survey: mean, share positive, target.
    first = _line(shown, GOALS[0])
    assert "+0.5" in first and "50%" in first and "not met" in first and "(n=4)" in first
    second = _line(shown, GOALS[1])
    assert "+1.7" in second and "100%" in second and "met ✓" in second
    third = _line(shown, GOALS[2])
    assert "+1.0" in third and "not met" in third
    overall = _line(shown, "Overall leadership effectiveness")
    assert "fewer than 3 responses" in overall

    # Stakeholders are never named on this screen.
    for name in PEOPLE:
        assert name not in shown


def test_bars_are_block_characters() -> None:
    assert bar(5, 5) == "█" * 10
    assert bar(0, 5) == " " * 10
    assert bar(8 / 3, 5) == "█████▍    "  # 5.33 cells: five full and 3/8 of one
    assert len(bar(3.3, 5)) == 10
    assert change_bar(3.0) == "      │██████"
    assert change_bar(-1.5) == "   ███│      "
    assert change_bar(0) == "      │      "


async def test_escape_goes_back_and_r_reloads(tmp_path: Path) -> None:
    practice, cid, _ = known_practice(tmp_path / "data")
    app = make_app(practice.root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(AssessmentScreen(cid))
        await settle(pilot)
        assert isinstance(app.screen, AssessmentScreen)

        def acumen() -> str:
            """The baseline panel's line for Business acumen, as shown."""
            lines = shown_text(app, "#baseline").splitlines()
            return next((line for line in lines if line.startswith("Business acumen")), "")

        await wait_until(pilot, lambda: acumen() != "")
        rated_one = f"{bar(1, 5)} 1 "
        assert rated_one not in acumen()
        # A new self rating written elsewhere (a kit import) shows after r.
        Practice(practice.root).record_ratings(cid, {"Business acumen": 1}, "baseline", "self")
        await pilot.press("r")
        await settle(pilot)
        await wait_until(pilot, lambda: rated_one in acumen())
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, AssessmentScreen)


async def test_an_executive_without_ratings_says_how_to_get_them(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(AssessmentScreen("priya-raman"))  # Awareness: nothing rated yet
        await settle(pilot)
        shown = screen_text(app)
        assert "No ratings yet" in shown
        assert "kit export" in shown


async def test_the_stakeholder_interview_runs_for_the_chosen_stakeholder(
    demo_root: Path,
) -> None:
    """Item 3: from the engagement, k (stakeholders), pick one, i (interview)."""
    practice = Practice(demo_root)
    record = practice.load("marcus-bell")
    people = [s for s in record.stakeholders if s.engagement_id == record.engagement.id]
    before = {s.id for s in record.sessions}
    app = make_app(demo_root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_client("marcus-bell")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, StakeholdersScreen)
        await pilot.press("down")  # the second stakeholder
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("escape")
        await settle(pilot)
    started = [s for s in Practice(demo_root).load("marcus-bell").sessions if s.id not in before]
    assert len(started) == 1
    assert started[0].script_id == "stakeholder-interview"
    assert started[0].stakeholder_id == people[1].id
    assert started[0].audience == "stakeholder"


def _open(client_id: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.push_screen(AssessmentScreen(client_id))
        await settle(pilot)

    return run_before


def test_snapshot_achievement_executive(demo_root: Path, snap_compare: Any) -> None:
    """Daniel Okafor (Achievement): baseline, final, flags, change and mini-survey."""
    app = make_app(demo_root)
    assert snap_compare(app, terminal_size=(120, 100), run_before=_open("daniel-okafor"))


def test_snapshot_hand_built_executive(tmp_path: Path, snap_compare: Any) -> None:
    """Every rule on one screen: flags at the boundaries, a group of two, the targets."""
    practice, cid, _ = known_practice(tmp_path / "data")
    app = make_app(practice.root)
    assert snap_compare(app, terminal_size=(120, 100), run_before=_open(cid))
