"""The frame of the executive's reports: title, header and footer."""

from __future__ import annotations

from datetime import date
from typing import Final, Literal

from coach_tui import __version__
from coach_tui.domain.model import ClientRecord, Stage
from coach_tui.errors import InvalidInputError
from coach_tui.reports.markdown import day, md_escape
from coach_tui.text import one_line

Audience = Literal["client", "sponsor"]
Kind = Literal["final", "session"]

AUDIENCES: Final[tuple[str, ...]] = ("client", "sponsor")


def check_audience(audience: str) -> None:
    """Refuse an audience the reports do not know, in one line."""
    if audience not in AUDIENCES:
        raise InvalidInputError(f"audience '{audience}' is not one of: {', '.join(AUDIENCES)}")


def report_title(record: ClientRecord) -> str:
    """'Final report' only in Achievement or after the close; else 'Progress report'."""
    engagement = record.engagement
    final = engagement.stage is Stage.ACHIEVEMENT or engagement.ended is not None
    return "Final report" if final else "Progress report"


def title(kind: Kind, record: ClientRecord) -> str:
    """'Final report: Ann Lee' (a 'Progress report' before Achievement) or a summary's."""
    what = report_title(record) if kind == "final" else "Session summary"
    return f"{what}: {one_line(record.client.name)}"


def header(record: ClientRecord, kind: Kind, today: date) -> list[str]:
    """The title, the executive's role and organisation, and who the report is for."""
    client = record.client
    out = [f"# {md_escape(title(kind, record))}", ""]
    where = " · ".join(one_line(p) for p in (client.role, client.organisation) if p)
    if where:
        out += [md_escape(where), ""]
    return [*out, f"Prepared {day(today)} for the executive. Confidential.", ""]


def footer() -> list[str]:
    return ["---", "", f"*Prepared with coach-tui {__version__}. Confidential.*"]
