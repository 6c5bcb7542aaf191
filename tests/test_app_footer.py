"""The one-widget footer: the screen's keys as Textual shows them, kept up to date.

It replaced Textual's footer (a widget per key, rebuilt on each change of focus) for
speed, so these tests pin what the coach relies on: the keys of the screen and of
the focused widget, the coach's own keymap, groups, the palette key on the right,
and a click running the key.
"""

from __future__ import annotations

import os
from pathlib import Path

from app_helpers import make_app, screen_text, send_keys, settle, wait_until

from coach_tui.locations import keymap_file
from screens.new_client import NewClientScreen

pytest_plugins = ["app_fixtures"]


def footer_line(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


async def test_the_practice_footer_shows_its_keys_and_the_palette_on_the_right(
    demo_root: Path,
) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = footer_line(screen_text(app))
        assert line.startswith("⏎ Open ^n New executive / Filter ^q Quit f1 Help")
        assert line.rstrip().endswith("▏^p palette")
        assert len(line.rstrip()) == 79  # one space after, as Textual draws it


async def test_the_footer_follows_the_focus(demo_root: Path) -> None:
    """Enter opens an executive only while the list has the focus."""
    app = make_app(demo_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "⏎ Open" in footer_line(screen_text(app))
        await send_keys(pilot, "slash")  # the filter takes the focus
        await wait_until(pilot, lambda: "⏎ Open" not in footer_line(screen_text(app)))
        assert "^n New executive" in footer_line(screen_text(app))


async def test_a_click_on_a_key_runs_it(demo_root: Path) -> None:
    app = make_app(demo_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = footer_line(screen_text(app))
        column = line.index("New executive")
        await pilot.click(offset=(column, 23))
        await wait_until(pilot, lambda: isinstance(app.screen, NewClientScreen))


async def test_the_coach_keymap_is_what_the_footer_shows(demo_root: Path) -> None:
    path = keymap_file()
    assert str(path).startswith(os.environ["XDG_CONFIG_HOME"])  # never the real config
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('practice.new = "f5"\n', encoding="utf-8")
    app = make_app(demo_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = footer_line(screen_text(app))
        assert "f5 New executive" in line
        assert "^n New executive" not in line


async def test_grouped_keys_show_once_with_their_group(demo_root: Path) -> None:
    from app_helpers import start_session

    app = make_app(demo_root)
    async with app.run_test(size=(120, 34)) as pilot:
        await start_session(pilot)
        line = footer_line(screen_text(app))
        assert line.startswith(" ^n ^b Move  ")
        assert "^f Wrap up" in line


async def test_a_compact_group_runs_its_keys_together(tmp_path: Path) -> None:
    from textual.app import App, ComposeResult
    from textual.binding import Binding

    from screens.widgets.footer import CoachFooter

    tight = Binding.Group("Move", compact=True)

    class Keys(App[None]):
        BINDINGS = [
            Binding("ctrl+n", "noop('n')", "Next", group=tight),
            Binding("ctrl+b", "noop('b')", "Back", group=tight),
            Binding("ctrl+f", "noop('f')", "Finish"),
        ]

        def compose(self) -> ComposeResult:
            yield CoachFooter(compact=True, show_command_palette=False)

        def action_noop(self, key: str) -> None:
            pass

    app = Keys()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        line = footer_line(screen_text(app))  # type: ignore[arg-type]
        assert line.startswith(" ^n^b Move ^f Finish")  # Textual's spacing


async def test_the_header_shows_the_titles_centred_as_text(demo_root: Path) -> None:
    """The one-widget header: icon, the titles centred between icon and clock room."""
    from screens.widgets.header import CoachHeader

    app = make_app(demo_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = screen_text(app).splitlines()[0]
        assert first.startswith(" ⭘ ")
        assert "coach-tui — Demo practice" in first
        app.screen.title = "[@click=app.quit]x[/] \x1b[31m‮"
        await pilot.pause()
        header = app.screen.query_one(CoachHeader)
        assert "[@click=app.quit]x[/]" in header.titles.plain
        assert app.is_running
        await pilot.click(CoachHeader, offset=(1, 0))  # the icon opens the palette
        await wait_until(pilot, lambda: "CommandPalette" in type(app.screen).__name__)
