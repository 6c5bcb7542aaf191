"""Lines of a "whose support matters" answer become stakeholders the coach confirms."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import (
    go_to,
    make_app,
    screen_text,
    send_keys,
    settle,
    start_session,
    wait_until,
)
from hypothesis import given
from hypothesis import strategies as st
from live_script import ASKED, short_intake

from coach_tui.domain.stakeholder_proposals import guess_relationship, key, parse_person, propose
from coach_tui.store.practice import Practice
from screens.engagement import EngagementScreen
from screens.stakeholders import StakeholderDialog, StakeholdersScreen
from screens.wrapup import WrapUpScreen

pytest_plugins = ["app_fixtures"]


@pytest.mark.parametrize(
    ("line", "name", "relationship"),
    [
        ("Bob (CEO)", "Bob", "manager"),
        ("Maria Lopez – my manager", "Maria Lopez", "manager"),
        ("Priya, peer in finance", "Priya", "peer"),
        ("- Tom: direct report", "Tom", "direct report"),
        ("Jane", "Jane", "other"),
        ("Ann Lee (HR business partner)", "Ann Lee", "sponsor"),
    ],
)
def test_a_line_names_a_person_and_suggests_the_relationship(
    line: str, name: str, relationship: str
) -> None:
    proposal = parse_person(line)
    assert proposal is not None
    assert (proposal.name, proposal.relationship) == (name, relationship)


def test_no_duplicates_against_the_list_or_earlier_lines() -> None:
    found = propose(["Bob (CEO)", "  bob   (the CEO)", "Zoe  Park", "", "Maria"], ["zoe park"])
    assert [p.name for p in found] == ["Bob", "Maria"]
    assert guess_relationship("") == "other"


@given(st.lists(st.text(max_size=30), max_size=12), st.lists(st.text(max_size=20), max_size=4))
def test_proposals_are_unique_and_new(lines: list[str], existing: list[str]) -> None:
    found = propose(lines, existing)
    keys = [key(p.name) for p in found]
    assert len(keys) == len(set(keys))
    assert not set(keys) & {key(name) for name in existing}
    assert all(p.name.strip() for p in found)


async def test_named_people_are_proposed_and_confirmed(empty_root: Path) -> None:
    client_id = short_intake(empty_root)
    Practice(empty_root).add_stakeholder(client_id, name="Zoe Park", relationship="peer")
    app = make_app(empty_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await start_session(pilot)
        await go_to(pilot, ASKED["key-relationships"])
        await send_keys(pilot, text="Bob (CEO)\nMaria Lopez – my manager\nbob\nzoe park (peer)")
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EngagementScreen)
        shown = screen_text(app)
        assert "Proposed from the answers (2)" in shown
        assert "? Bob" in shown and "? Maria Lopez" in shown
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, StakeholdersScreen)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, StakeholderDialog)
        assert "Confirm stakeholder" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StakeholdersScreen)
        await wait_until(pilot, lambda: "? Maria Lopez" in screen_text(app))
        assert "? Bob" not in screen_text(app)
    people = Practice(empty_root).load(client_id).stakeholders
    assert sorted((p.name, p.relationship) for p in people) == [
        ("Bob", "manager"),
        ("Zoe Park", "peer"),
    ]
