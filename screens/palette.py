"""Command palette provider: jump to any executive, session or script."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from coach_tui.text import one_line
from screens.work import run_core

if TYPE_CHECKING:
    from screens.app import CoachApp


class CoachCommands(Provider):
    """Executives (open, review), their sessions (read or resume) and scripts (start)."""

    _listed: list[tuple[str, str, Callable[[], object]]] = []

    @property
    def coach_app(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.coach_app
        practice = app.practice
        commands: list[tuple[str, str, Callable[[], object]]] = []
        summaries = practice.list_clients()
        for summary in summaries:
            if summary.problem:
                continue
            commands.append(
                (
                    f"Open {one_line(summary.name)}",
                    f"{summary.stage.label} · {one_line(summary.organisation)}",
                    partial(app.open_client, summary.id),
                )
            )
            commands.append(
                (
                    f"Review {one_line(summary.name)}",
                    "timeline, search across sessions, charts",
                    partial(self._review, summary.id),
                )
            )
        # The screen the palette was opened from (app.screen is the palette itself).
        client_id = getattr(self.screen, "client_id", None)
        if client_id:
            record = practice.load(client_id)
            for session in reversed(record.sessions):
                commands.append(
                    (
                        f"Session {session.started:%d %b %Y} · {one_line(session.script_title)}",
                        f"{one_line(record.client.name)} · {session.stage.label}",
                        partial(self._open_session, client_id, session.id, session.is_open),
                    )
                )
            for script in app.library.all():
                if script.audience != "coach":
                    continue
                commands.append(
                    (
                        f"Start script: {one_line(script.title)}",
                        f"with {one_line(record.client.name)} · {script.stage.label}",
                        partial(app.start_session, client_id, script.id),
                    )
                )
        return commands

    def _review(self, client_id: str) -> None:
        from screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(client_id))

    def _open_session(self, client_id: str, session_id: str, is_open: bool) -> None:
        from screens.session_view import SessionViewScreen

        if is_open:
            self.coach_app.resume_session(client_id, session_id)
        else:
            self.app.push_screen(SessionViewScreen(client_id, session_id))

    async def startup(self) -> None:
        """List the commands once per opening, off the UI thread (it reads files)."""
        done = await run_core(self.app, "palette-list", self._commands).wait()
        if done.error is not None:
            self.app.notify(str(done.error), severity="error", markup=False)
        self._listed = done.value or []

    async def discover(self) -> Hits:
        for title, help_text, callback in self._listed:
            yield DiscoveryHit(
                _prompt(Content(title), help_text),
                callback,
                text=title,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._listed:
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    _prompt(_highlight(matcher, title), help_text),
                    callback,
                    text=title,
                )


# Names and organisations are user text: the palette must never read them as markup.
# Textual's ``Matcher.highlight`` and a hit's ``help`` both parse markup, so the
# prompt is built here as Content, with the help line inside it.


def _highlight(matcher: Matcher, candidate: str) -> Content:
    """``candidate`` as literal text, with the letters the query matched highlighted."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _prompt(title: Content, help_text: str) -> Content:
    return Content("\n").join([title, Content(help_text).stylize("dim")])
