"""s on the engagement: the session is on screen at once, written off the UI thread.

The engagement screen already holds the executive's record: the session screen shows
the first question from it, its answer box typing, while the new session is written
(the file is not read again). "saved" shows once the session is on disk; what is
typed meanwhile is saved then. The footer is one widget drawing Textual's keys.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from app_helpers import (
    answer_shown,
    make_app,
    open_listed_engagement,
    screen_text,
    send_keys,
    session_ready,
    settle,
    shown_text,
    typing_in_answer,
    wait_until,
)

from bench.crashloss import SCRIPT  # an intake of one text question
from coach_tui.locations import scripts_dir
from coach_tui.store.practice import Practice
from screens.session import SessionScreen
from screens.widgets.footer import CoachFooter

pytest_plugins = ["app_fixtures"]


async def test_s_does_not_read_the_executive_s_file_again(
    empty_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Practice(empty_root).create_client("Ann Lee")
    reads: list[str] = []
    load = Practice.load

    def counted(self: Practice, client_id: str) -> Any:
        reads.append(client_id)
        return load(self, client_id)

    monkeypatch.setattr(Practice, "load", counted)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await open_listed_engagement(pilot)
        reads.clear()
        await pilot.press("s")
        await wait_until(pilot, lambda: session_ready(app))
        await settle(pilot)
        assert reads == []
        assert "1/" in shown_text(app, "#where")


async def test_typing_while_the_session_is_written_is_saved(
    empty_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client_id = Practice(empty_root).create_client("Ann Lee").id
    scripts_dir(empty_root).mkdir(parents=True)
    (scripts_dir(empty_root) / "typing.toml").write_text(SCRIPT, encoding="utf-8")
    release = threading.Event()
    start = Practice.start_session

    def slow(self: Practice, *args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return start(self, *args, **kwargs)

    monkeypatch.setattr(Practice, "start_session", slow)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await open_listed_engagement(pilot)
        await pilot.press("s")
        # On screen and typing before the session is on disk; not "saved" yet.
        await wait_until(pilot, lambda: typing_in_answer(app), idle=False)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert "starting" in shown_text(app, "#saved")
        assert Practice(empty_root).live_session_ids(client_id) == []
        await send_keys(pilot, text="Sales up")
        assert answer_shown(app) == "Sales up"
        release.set()
        await wait_until(pilot, lambda: "saved" in shown_text(app, "#saved"))
        assert screen.flush_saves()
        await settle(pilot)
        record = Practice(empty_root).load(client_id)
        answers = record.answers_of(screen.session_id)
    assert [a.value for a in answers.values()] == ["Sales up"]


async def test_a_stage_changed_behind_the_engagement_starts_in_the_file_s_stage(
    empty_root: Path,
) -> None:
    practice = Practice(empty_root)
    client_id = practice.create_client("Ann Lee").id
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await open_listed_engagement(pilot)
        shown_stage = app.screen.record.engagement.stage  # type: ignore[attr-defined]
        practice.advance_stage(client_id)  # another window moved the engagement on
        await pilot.press("s")
        await wait_until(pilot, lambda: session_ready(app))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await settle(pilot)
        session = Practice(empty_root).load(client_id).sessions[-1]
        assert session.id == screen.session_id
        assert session.stage is not shown_stage
        assert screen.session is not None and screen.session.stage is session.stage


async def test_the_footer_shows_the_focused_part_s_keys_and_a_click_presses_one(
    empty_root: Path,
) -> None:
    Practice(empty_root).create_client("Ann Lee")
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await open_listed_engagement(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: session_ready(app))
        footer = app.screen.query_one(CoachFooter)
        line = screen_text(app).splitlines()[-1]
        assert "^n ^b Move" in line and "^f Wrap up" in line and "Edit" not in line
        await pilot.press("ctrl+r")  # the running views: their keys join the footer
        await wait_until(pilot, lambda: "e Edit" in screen_text(app).splitlines()[-1])
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: "Edit" not in screen_text(app).splitlines()[-1])
        plan_shown = app.screen.has_class("-plan")
        line = screen_text(app).splitlines()[-1]
        await pilot.click(footer, offset=(line.index("^t Plan") + 3, 0))
        await wait_until(pilot, lambda: app.screen.has_class("-plan") is not plan_shown)


async def test_what_is_typed_while_a_stale_record_is_replaced_is_kept_and_saved(
    empty_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = Practice(empty_root)
    client_id = practice.create_client("Ann Lee").id
    scripts_dir(empty_root).mkdir(parents=True)
    (scripts_dir(empty_root) / "typing.toml").write_text(SCRIPT, encoding="utf-8")
    release = threading.Event()
    start = Practice.start_session

    def slow(self: Practice, *args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return start(self, *args, **kwargs)

    monkeypatch.setattr(Practice, "start_session", slow)
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await open_listed_engagement(pilot)
        practice.advance_stage(client_id)  # behind the engagement screen's back
        await pilot.press("s")
        await wait_until(pilot, lambda: typing_in_answer(app), idle=False)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await send_keys(pilot, text="Kept")
        release.set()
        await wait_until(pilot, lambda: session_ready(app) and screen.record is not None)
        await wait_until(
            pilot, lambda: screen.session is not None and screen.session.stage.value != "awareness"
        )
        assert answer_shown(app) == "Kept"
        assert screen.flush_saves()
        await settle(pilot)
        record = Practice(empty_root).load(client_id)
    assert [a.value for a in record.answers_of(screen.session_id).values()] == ["Kept"]


async def test_the_first_answer_box_comes_with_the_screen_and_saves_nothing_untyped(
    empty_root: Path,
) -> None:
    """The box is composed with the screen (no second layout for it): it has the focus
    at once, and showing it is not typing — the top bar stays "saved", nothing is
    written as an answer until the coach types."""
    client_id = Practice(empty_root).create_client("Ann Lee").id
    scripts_dir(empty_root).mkdir(parents=True)
    (scripts_dir(empty_root) / "typing.toml").write_text(SCRIPT, encoding="utf-8")
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await open_listed_engagement(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: session_ready(app))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert typing_in_answer(app)
        await pilot.pause(0.8)  # longer than the save debounce
        await settle(pilot)
        assert "✓ saved" in shown_text(app, "#saved")
        record = Practice(empty_root).load(client_id)
        assert record.answers_of(screen.session_id) == {}
        await send_keys(pilot, text="first words")
        await wait_until(pilot, lambda: answer_shown(app) == "first words")
        screen.flush_saves()
        record = Practice(empty_root).load(client_id)
        assert [a.value for a in record.answers_of(screen.session_id).values()] == ["first words"]
