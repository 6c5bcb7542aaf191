"""Review: every session of an executive at a glance, searchable, with charts.

The left column is the timeline (newest first: date, stage, script, length, what was
captured) or, while a search is typed, the search results. The right side reads one
session as it was asked at the time (questions, answers, captures, the plan written
at its end), a filter's overview (every capture of one kind across sessions), or the
charts: each goal's GAS score across sessions, competency ratings baseline vs final,
and sessions per stage.

The timeline lines, the search and the charts are pure functions in
``review_timeline``, ``review_search`` and ``review_charts``, the reading pane's
blocks are built in ``review_reading``; this module is the screen. Self-contained:
``ReviewScreen(client_id)`` reads the executive off the UI thread.
User text is always data: ``rich.text.Text`` built with ``append``, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach_tui.domain.model import ClientRecord, InsightKind
from coach_tui.text import one_line
from screens.base import ExecutiveScreen
from screens.review_charts import charts_text
from screens.review_reading import kind_overview, session_reading
from screens.review_search import Hit, hit_option, search
from screens.review_timeline import (
    FILTER_LABELS,
    FILTERS,
    MAX_HITS,
    MIN_QUERY,
    plural,
    sessions_newest_first,
    timeline_option,
)
from screens.widgets.editors import SafeInput
from screens.widgets.footer import CoachFooter
from screens.widgets.header import CoachHeader
from screens.widgets.stage_track import stage_track_text

# ------------------------------------------------------------------------ screen


class ReviewScreen(ExecutiveScreen):
    """Past sessions of one executive: timeline, one session, search, filter, charts."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("slash", "search", "Search", id="review.search"),
        Binding("f", "filter", "Filter kind", id="review.filter"),
        Binding("c", "charts", "Charts", id="review.charts"),
        Binding("t", "timeline", "Timeline", id="review.timeline"),
        Binding("o", "coach_only", "Coach-only answers", show=False, id="review.coach_only"),
        Binding("m", "measure", "Record a goal's measure", show=False, id="review.measure"),
        Binding("escape", "back", "Back", id="review.back"),
        Binding("question_mark", "app.help", "Help", show=False, id="review.help"),
    ]

    failure_title = "Cannot review this executive"

    def __init__(self, client_id: str) -> None:
        super().__init__(client_id)
        self.record: ClientRecord | None = None
        self.kind: InsightKind | None = None
        self.session_id: str | None = None
        self.query_text = ""
        self.hits: list[Hit] = []
        self.answer_blocks: dict[str, Static] = {}
        self.captures_block: Static | None = None
        self.jumped_to: Static | None = None

    def compose(self) -> ComposeResult:
        yield CoachHeader()
        yield Static("", id="summary")
        yield Static("", id="sent")
        with Horizontal(id="body"):
            with Vertical(id="side"):
                yield SafeInput(placeholder="/ search every session", id="search")
                yield OptionList(id="timeline", classes="panel")
                yield OptionList(id="results", classes="panel")
            with ContentSwitcher(id="main", initial="reading"):
                yield VerticalScroll(id="reading", classes="panel")
                with VerticalScroll(id="charts", classes="panel"):
                    yield Static("", id="charts-body")
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        self.title = "Review"
        self.query_one("#timeline").border_title = "Sessions"
        self.query_one("#results").border_title = "Found"
        self.query_one("#reading").border_title = "Session"
        self.query_one("#charts").border_title = "Charts"
        self.query_one("#results").display = False
        self.query_one("#timeline").focus()
        self.load()

    def load(self) -> None:
        self.load_record()

    def show_record(self, record: ClientRecord) -> None:
        self.record = record
        client = record.client
        self.title = one_line(client.name)
        self.sub_title = "Review"
        coach = [s for s in record.sessions if s.audience == "coach"]
        others = [s for s in record.sessions if s.audience != "coach" and not s.is_open]
        summary = stage_track_text(record.engagement.stage, compact=True)
        summary.append(f"   {plural(len(coach), 'session', 'sessions')} with the executive")
        interrupted = sum(1 for s in coach if s.is_open)
        if interrupted:
            summary.append(f" ({interrupted} interrupted)")
        if others:
            summary.append(f" · {plural(len(others), 'other session', 'other sessions')}")
        summary.append("   / search  f filter  c charts", style="dim")
        self.query_one("#summary", Static).update(summary)
        self._show_sent(record)
        # The charts pane: the screen less the sessions list (40%, 30..50 columns in
        # review.tcss), the borders, the padding and the scrollbar.
        screen_width = self.app.size.width
        width = max(30, screen_width - min(50, max(30, int(screen_width * 0.4))) - 8)
        self.query_one("#charts-body", Static).update(charts_text(record, width))
        self._fill_timeline()

    # -------------------------------------------------------------- timeline

    def _fill_timeline(self) -> None:
        record = self.record
        if record is None:
            return
        timeline = self.query_one("#timeline", OptionList)
        timeline.clear_options()
        sessions = sessions_newest_first(record, self.kind)
        title = Text("Sessions")
        if self.kind is not None:
            title.append(f" · {FILTER_LABELS[self.kind]} only")
        timeline.border_title = title
        if not sessions:
            empty = (
                "No sessions yet."
                if self.kind is None
                else f"No session captured {FILTER_LABELS[self.kind]}."
            )
            timeline.add_option(Option(Text(empty, style="dim italic"), disabled=True))
            if self.kind is None:
                self._show_nothing()
            else:
                self._show_kind(self.kind)
            return
        timeline.add_options(timeline_option(record, s, self.kind) for s in sessions)
        if self.kind is not None:
            self._show_kind(self.kind)
            timeline.highlighted = None
            return
        keep = next((i for i, s in enumerate(sessions) if s.id == self.session_id), 0)
        timeline.highlighted = keep
        self.open_session(sessions[keep].id)

    @on(OptionList.OptionHighlighted, "#timeline")
    def _timeline_moved(self, event: OptionList.OptionHighlighted) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("session-"):
            session_id = option_id.removeprefix("session-")
            if session_id != self.session_id or not self.answer_blocks:
                self.open_session(session_id)

    @on(OptionList.OptionSelected, "#timeline")
    def _timeline_chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("session-"):
            self.open_session(option_id.removeprefix("session-"))
            self.query_one("#reading").focus()

    # --------------------------------------------------------------- reading

    def _reading(self) -> VerticalScroll:
        self.query_one("#main", ContentSwitcher).current = "reading"
        return self.query_one("#reading", VerticalScroll)

    def _replace(self, blocks: list[Static], title: Text | str) -> AwaitMount:
        reading = self._reading()
        reading.remove_children()
        mounted = reading.mount_all(blocks)
        reading.border_title = title if isinstance(title, Text) else Text(title)
        reading.scroll_home(animate=False)
        return mounted

    def _show_nothing(self) -> None:
        self.session_id = None
        self.answer_blocks = {}
        self.captures_block = None
        self._replace(
            [
                Static(
                    Text(
                        "Nothing to review yet: sessions appear here as they are held.",
                        style="dim italic",
                    )
                )
            ],
            "Session",
        )

    def open_session(self, session_id: str, query: str = "") -> AwaitMount | None:
        """Show one session as it was asked at the time (``query`` highlighted)."""
        record = self.record
        if record is None:
            return None
        session = next((s for s in record.sessions if s.id == session_id), None)
        if session is None:
            return None
        self.session_id = session_id
        reading = session_reading(record, session, self.kind, query, self.app_today())
        self.answer_blocks = reading.answer_blocks
        self.captures_block = reading.captures_block
        return self._replace(reading.blocks, reading.title)

    def _show_sent(self, record: ClientRecord) -> None:
        """What the sponsor has been sent (the sharing log), newest first."""
        from coach_tui.domain import sharing

        sent = sharing.sent(record)
        lines = [one_line(sharing.describe(entry)) for entry in sent[:2]]
        if len(sent) > 2:
            lines[-1] += f" (and {len(sent) - 2} earlier)"
        shown = self.query_one("#sent", Static)
        shown.update(Text("\n".join(line[:1].upper() + line[1:] for line in lines)))
        shown.display = bool(lines)

    def action_coach_only(self) -> None:
        """Pick answers of the session on screen to keep for the coach only."""
        from screens.consent_keys import CoachOnlyDialog

        if self.session_id is None:
            self.notify("Open a session first (t for the timeline).")
            return

        def closed(changed: bool | None) -> None:
            if changed:
                self.load()

        self.app.push_screen(CoachOnlyDialog(self.client_id, self.session_id), closed)

    def action_measure(self) -> None:
        """Record a value of an agreed goal's measure; the charts show it at once."""
        from screens.measures import record_reading

        if self.record is not None:
            record_reading(self, self.record, self.load)

    def _show_kind(self, kind: InsightKind) -> None:
        """Every capture of one kind across the sessions, newest session first."""
        record = self.record
        if record is None:
            return
        self.session_id = None
        self.answer_blocks = {}
        self.captures_block = None
        text, title = kind_overview(record, kind, self.app_today())
        self._replace([Static(text, classes="kind-overview")], title)

    # ---------------------------------------------------------------- search

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        record = self.record
        self.query_text = query
        results = self.query_one("#results", OptionList)
        timeline = self.query_one("#timeline", OptionList)
        if record is None or len(query.strip()) < MIN_QUERY:
            self.hits = []
            results.display = False
            timeline.display = True
            return
        self.hits = search(record, query)
        results.clear_options()
        results.border_title = Text(
            f"Found {len(self.hits)}" + ("+" if len(self.hits) >= MAX_HITS else "")
        )
        if not self.hits:
            results.add_option(Option(Text("Nothing found.", style="dim italic"), disabled=True))
        results.add_options(hit_option(i, hit) for i, hit in enumerate(self.hits))
        results.display = True
        timeline.display = False

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        results = self.query_one("#results", OptionList)
        if self.hits:
            results.focus()
            results.highlighted = 0

    @on(OptionList.OptionSelected, "#results")
    def _hit_chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("hit-"):
            self.open_hit(int(option_id.removeprefix("hit-")))

    def open_hit(self, index: int) -> None:
        """Open the session of a search result and bring the answer into view."""
        hit = self.hits[index]
        mounted = self.open_session(hit.session.id, self.query_text)
        target = (
            self.answer_blocks.get(hit.question_id)
            if hit.question_id is not None
            else self.captures_block
        )
        if mounted is None or target is None:
            return
        target.add_class("-hit")
        self.jumped_to = target
        reading = self.query_one("#reading", VerticalScroll)

        def scroll(tries: int = 50) -> None:
            """Once the answer is laid out (the screen lays out on its next frame)."""
            if self.jumped_to is not target:
                return  # another hit was opened meanwhile
            if not target.virtual_region.size and tries:
                self.set_timer(0.02, lambda: scroll(tries - 1))
                return
            reading.scroll_to_widget(target, top=True, animate=False)

        self.call_after_refresh(scroll)

    # --------------------------------------------------------------- actions

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_filter(self) -> None:
        position = FILTERS.index(self.kind)
        self.kind = FILTERS[(position + 1) % len(FILTERS)]
        self.set_filter(self.kind)

    def set_filter(self, kind: InsightKind | None) -> None:
        self.kind = kind
        self._fill_timeline()
        label = "every session" if kind is None else f"sessions that captured {FILTER_LABELS[kind]}"
        self.notify(f"Showing {label}", timeout=2, markup=False)

    def action_charts(self) -> None:
        switcher = self.query_one("#main", ContentSwitcher)
        if switcher.current == "charts":
            switcher.current = "reading"
        else:
            switcher.current = "charts"
            self.query_one("#charts").focus()

    def action_timeline(self) -> None:
        self.query_one("#main", ContentSwitcher).current = "reading"
        self.query_one("#timeline").focus()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
            self.run_search("")
            self.query_one("#timeline").focus()
            return
        if self.focused is search:
            self.query_one("#timeline").focus()
            return
        if self.query_one("#main", ContentSwitcher).current == "charts":
            self.query_one("#main", ContentSwitcher).current = "reading"
            return
        self.app.pop_screen()
