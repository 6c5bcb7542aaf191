"""Whole reports as text, written to a file and recorded in the executive's history.

``render_report`` picks the report (final or session summary) and the format
(Markdown, or the HTML page made from it); a report for the sponsor is always made
by ``sponsor_render`` from a ``SponsorView``. ``write_report`` writes atomically,
logs the event, and for the sponsor logs what was sent (``coach_tui.domain.sharing``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from coach_tui import locations
from coach_tui.domain.model import ClientRecord
from coach_tui.errors import InvalidInputError, NotFoundError
from coach_tui.reports import outputs
from coach_tui.reports.final import build_final_report
from coach_tui.reports.frame import check_audience, title
from coach_tui.reports.html_page import to_html
from coach_tui.reports.markdown import day
from coach_tui.reports.session_summary import build_session_summary, summary_session
from coach_tui.store import safefile

if TYPE_CHECKING:
    from coach_tui.store.practice import Practice

KINDS: Final[tuple[str, ...]] = ("final", "session")
FORMATS: Final[tuple[str, ...]] = ("md", "html")

#: Who each audience is, in the words of the history log and the report's header.
AUDIENCE_LABELS: Final[dict[str, str]] = {"client": "executive", "sponsor": "sponsor"}


def render_report(
    record: ClientRecord,
    kind: str,
    audience: str,
    fmt: str,
    today: date | None = None,
    session_id: str | None = None,
) -> str:
    """A whole report as text: Markdown, or the HTML page made from it."""
    check_audience(audience)
    if audience == "sponsor" and kind in KINDS and fmt in FORMATS:
        from coach_tui.reports import sponsor_render

        return sponsor_render.render(record, kind, fmt, today or date.today(), session_id)[0]
    if kind == "final":
        markdown = build_final_report(record, "client", today)
    elif kind == "session":
        markdown = build_session_summary(record, "client", session_id, today)
    else:
        raise InvalidInputError(f"report kind '{kind}' is not one of: {', '.join(KINDS)}")
    if fmt == "md":
        return markdown
    if fmt == "html":
        return to_html(markdown, title("final" if kind == "final" else "session", record))
    raise InvalidInputError(f"format '{fmt}' is not one of: {', '.join(FORMATS)}")


def describe(
    kind: str,
    audience: str,
    fmt: str,
    record: ClientRecord | None = None,
    session_id: str | None = None,
) -> str:
    """How the history log names a report: 'final report for sponsor (html)'."""
    what = "final report"
    if kind == "session":
        what = "session summary"
        if record is not None:
            try:
                session = summary_session(record, session_id)
                what += f" of {day(session.started.date())}"
            except (InvalidInputError, NotFoundError):
                pass
    return f"{what} for {AUDIENCE_LABELS.get(audience, audience)} ({fmt})"


def default_path(practice: Practice, client_id: str, kind: str, audience: str, fmt: str) -> Path:
    """Where a report goes when the coach names no file: the data folder's reports/."""
    today = practice.clock().date()
    name = f"{client_id}-{kind}-{audience}-{today.isoformat()}.{fmt}"
    return locations.reports_dir(practice.root) / name


def write_report(
    practice: Practice,
    client_id: str,
    kind: str,
    audience: str,
    fmt: str,
    path: Path | None = None,
    *,
    session_id: str | None = None,
) -> Path:
    """Write a report to ``path`` (atomically) and record it in the executive's history.

    With no ``path`` the report goes to ``<data>/reports/`` (a private folder). The
    engagement screen calls this; ``coach-tui report -o FILE`` does too.
    """
    if path is None:
        path = default_path(practice, client_id, kind, audience, fmt)
        safefile.ensure_private_dir(path.parent)
    target = outputs.resolve(path, practice.root)
    record = practice.load(client_id)
    today = practice.clock().date()
    shared = None
    if audience == "sponsor" and kind in KINDS and fmt in FORMATS:
        from coach_tui.reports import sponsor_render

        text, shared = sponsor_render.render(record, kind, fmt, today, session_id)
    else:
        text = render_report(record, kind, audience, fmt, today, session_id)
    path = outputs.write(target, text.encode("utf-8"))
    detail = describe(kind, audience, fmt, record, session_id)
    practice.log_event(client_id, "report", f"{detail} to {path.name}")
    if shared is not None:
        from coach_tui.domain import sharing

        sharing.log_sent(practice, client_id, shared, str(path), kind)
    return path
