"""The engagement screen's ways out: review, assessment, reports, and the palette."""

from __future__ import annotations

from pathlib import Path

from app_helpers import make_app, screen_text, send_keys, session_ready, settle, wait_until

from coach_tui.store.practice import Practice
from screens.assessment import AssessmentScreen
from screens.engagement import EngagementScreen
from screens.report_dialog import ReportDialog
from screens.review import ReviewScreen

pytest_plugins = ["app_fixtures"]


async def _open_sofia(pilot: object, app: object) -> None:
    await settle(pilot)  # type: ignore[arg-type]
    app.open_client("sofia-lindqvist")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, EngagementScreen)  # type: ignore[attr-defined]


async def test_r_opens_the_review_and_v_the_assessment(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_sofia(pilot, app)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await wait_until(pilot, lambda: "Sofia Lindqvist" in screen_text(app))  # whose file opened
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)


async def test_p_writes_the_sponsor_report_and_records_it(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_sofia(pilot, app)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ReportDialog)
        await pilot.press("down", "down", "down", "enter")  # final report for the sponsor, HTML
        await settle(pilot)
        reports = demo_root / "reports"
        await wait_until(pilot, lambda: reports.exists() and any(reports.iterdir()))
        written = sorted(reports.iterdir())
        assert len(written) == 1 and written[0].suffix == ".html"
        assert written[0].stat().st_mode & 0o777 == 0o600
        html = written[0].read_text(encoding="utf-8")
        assert "Sofia Lindqvist" in html
        for name in ("Jon Meyer", "Arjun Mehta", "Tomás Ruiz"):
            assert name not in html  # stakeholders are never named to the sponsor
    events = Practice(demo_root).load("sofia-lindqvist").events
    assert any(e.kind == "report" and "sponsor" in e.detail for e in events)


async def test_the_palette_opens_the_review_of_an_executive(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await send_keys(pilot, text="review okafor")
        await wait_until(pilot, lambda: "Review Daniel Okafor" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await wait_until(pilot, lambda: "Daniel Okafor" in screen_text(app))  # whose file opened


async def test_the_palette_on_an_engagement_starts_one_of_its_scripts(demo_root: Path) -> None:
    from screens.session import SessionScreen

    app = make_app(demo_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_sofia(pilot, app)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await send_keys(pilot, text="start script phase")
        await wait_until(pilot, lambda: "Start script: Phase-down" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        await wait_until(pilot, lambda: session_ready(app))
        assert app.library.get("phase-down").title in screen_text(app)
        session = Practice(demo_root).load("sofia-lindqvist").open_session()
        assert session is not None and session.script_id == "phase-down"
