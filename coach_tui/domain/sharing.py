"""The sharing log: every report written for the sponsor, with what it contained.

The executive can always ask "what has my sponsor been sent?"; the answer is in their
own file: one ``Sharing`` record per sponsor report (file, date, audience, kind, the
ids of the items and sections in it, and a short summary of its contents).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach_tui.domain.model import ClientRecord, Sharing

if TYPE_CHECKING:
    from coach_tui.reports.sponsor import SponsorSessionView, SponsorView
    from coach_tui.store.practice import Practice


def log_sent(
    practice: Practice,
    client_id: str,
    view: SponsorView | SponsorSessionView,
    file: str,
    kind: str,
) -> Sharing:
    """Record one sponsor report in the executive's file."""
    from coach_tui.store.practice import new_id

    record = practice.load(client_id)
    entry = Sharing(
        id=new_id(),
        engagement_id=record.engagement.id,
        at=practice.clock(),
        file=file,
        audience="sponsor",
        kind=kind,
        item_ids=list(view.item_ids),
        summary=view.contents(),
    )
    practice.append(client_id, "sharing", [entry])
    return entry


def describe(entry: Sharing) -> str:
    """'sent to the sponsor on 12 Oct: 2 goals, scores, 1 development area'."""
    what = "session summary" if entry.kind == "session" else "report"
    return (
        f"{what} sent to the {entry.audience} on {entry.at.day} {entry.at:%b %Y}: "
        f"{entry.summary or 'nothing but the header'}"
    )


def sent(record: ClientRecord) -> list[Sharing]:
    """What the sponsor has been sent in the current engagement, newest first."""
    found = [s for s in record.sharing if s.engagement_id == record.engagement.id]
    # Ties on the timestamp go to the one written last (stored last).
    ordered = sorted(enumerate(found), key=lambda pair: (pair[1].at, pair[0]), reverse=True)
    return [entry for _, entry in ordered]
