"""Fast typing right after a dialog opens: every key goes where the person meant it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app_helpers import make_app, screen_text, send_keys, settle, wait_until
from textual import events
from textual.widgets import Input

from coach_tui.store.practice import Practice
from screens.new_client import NewClientScreen
from screens.practice import PracticeScreen

pytest_plugins = ["app_fixtures"]


async def test_a_filter_can_start_with_n(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await send_keys(pilot, text="nor", wait=False)
        await wait_until(pilot, lambda: app.screen.query_one("#filter", Input).value == "nor")
        assert isinstance(app.screen, PracticeScreen)
        assert "New executive" in screen_text(app)  # ctrl+n, shown in the footer


async def test_a_burst_into_the_new_executive_dialog_lands_field_by_field(
    empty_root: Path,
) -> None:
    Practice(empty_root).create_client("Zoe Park")  # a practice with rows: typing filters
    app = make_app(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = ["ctrl+n", *"Ann Lee", "tab", *"Acme", "tab", *"CFO", "tab", *"Bob (CEO)"]
        await send_keys(pilot, *keys, wait=False)
        await wait_until(pilot, lambda: isinstance(app.screen, NewClientScreen))
        dialog = app.screen

        def value(field: str) -> str:
            return dialog.query_one(f"#{field}", Input).value

        await wait_until(pilot, lambda: value("sponsor") == "Bob (CEO)")
        assert (value("name"), value("organisation"), value("role")) == ("Ann Lee", "Acme", "CFO")
        # Enter goes on field by field the same way, and adds on the last one.
        await send_keys(pilot, "enter", *"ann@example.com", "enter", wait=False)
        await wait_until(pilot, lambda: not isinstance(app.screen, NewClientScreen))
    client = Practice(empty_root).load("ann-lee").client
    assert (client.name, client.organisation, client.role, client.sponsor, client.email) == (
        "Ann Lee",
        "Acme",
        "CFO",
        "Bob (CEO)",
        "ann@example.com",
    )


async def test_a_name_pasted_as_the_dialog_opens_lands_in_the_name(empty_root: Path) -> None:
    app = make_app(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await send_keys(pilot, "ctrl+n", wait=False)
        # At once, as the dialog opens (the next turn of the loop, as the driver's keys).
        asyncio.get_running_loop().call_soon(app.post_message, events.Paste("Priya Raman"))
        await wait_until(pilot, lambda: isinstance(app.screen, NewClientScreen))
        dialog = app.screen
        await wait_until(pilot, lambda: dialog.query_one("#name", Input).value == "Priya Raman")
