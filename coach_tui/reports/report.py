"""Reports, in one place to import from: the final report, the session summary, HTML.

Reports are Markdown first; HTML is rendered from that Markdown into one
self-contained page. Each concern has its module:

* ``markdown`` — user text as inert Markdown, scores and days;
* ``confidential`` — what the executive's reports leave out (the coach's material);
* ``final`` and ``final_stakeholders`` — the final (or progress) report;
* ``session_summary`` — the summary of one session;
* ``html_page`` — the self-contained HTML page;
* ``writing`` — whole reports, written to a file and logged;
* ``sponsor`` and ``sponsor_render`` — the sponsor's versions, from a ``SponsorView``.

This module only re-exports their public names for the screens and tests.
"""

from __future__ import annotations

from coach_tui.reports.confidential import coach_sessions, sponsor_scrub
from coach_tui.reports.final import build_final_report
from coach_tui.reports.frame import AUDIENCES, Audience, Kind
from coach_tui.reports.html_page import to_html
from coach_tui.reports.markdown import md_block, md_cell, md_escape
from coach_tui.reports.session_summary import build_session_summary, summary_session
from coach_tui.reports.writing import (
    AUDIENCE_LABELS,
    FORMATS,
    KINDS,
    default_path,
    describe,
    render_report,
    write_report,
)

__all__ = [
    "AUDIENCES",
    "AUDIENCE_LABELS",
    "FORMATS",
    "KINDS",
    "Audience",
    "Kind",
    "build_final_report",
    "build_session_summary",
    "coach_sessions",
    "default_path",
    "describe",
    "md_block",
    "md_cell",
    "md_escape",
    "render_report",
    "sponsor_scrub",
    "summary_session",
    "to_html",
    "write_report",
]
