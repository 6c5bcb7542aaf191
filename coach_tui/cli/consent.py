"""``coach-tui consent NAME``: the executive's consent record, as the sponsor would see it.

Lists, for the current engagement, what goes to the sponsor as co-owned (agreed
goals), then every item and section with the decision in force (✓ shared, ✗ kept
between the executive and the coach, · not decided, which means not shared), its
date and the session it was made in (! marks a yes given to words the item no longer
has: not shared until asked again); then what the sponsor has been sent. User text
is printed through ``one_line`` (control characters made visible). Exit 0 with a
record, 1 when no consent has been recorded yet (nothing can go to the sponsor), 2 for
an unknown or ambiguous NAME.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach_tui.domain import consent, sharing
from coach_tui.domain.model import ClientRecord
from coach_tui.text import one_line

EXIT_OK, EXIT_NONE = 0, 1


def render(record: ClientRecord) -> str:
    """The consent record as plain text lines."""
    from coach_tui.reports.report import sponsor_scrub

    titles = {s.id: one_line(s.script_title) for s in record.sessions}
    out = [f"Consent record: {one_line(record.client.name)}"]
    relied = consent.relied_on(record)
    out.append(f"In force: {relied}." if relied else "No consent recorded yet.")
    group = ""
    for candidate in consent.candidates(record, sponsor_scrub(record)):
        if candidate.group != group:
            group = candidate.group
            out += ["", f"{group}:"]
        mark = "✓" if candidate.shared else ("·" if candidate.decision is None else "✗")
        if candidate.changed:
            mark = "!"  # a yes to earlier words: to ask again
        when = ""
        decision = candidate.decision
        if decision is not None:
            where = titles.get(decision.session_id or "", "")
            when = f"  ({decision.at.day} {decision.at:%b %Y}{', ' + where if where else ''})"
        out.append(f"  {mark} {one_line(candidate.text, 100)}{when}")
    sent = sharing.sent(record)
    if sent:
        out += ["", "Sent to the sponsor:"]
        out += [f"  {one_line(sharing.describe(entry))}" for entry in sent]
    return "\n".join(out) + "\n"


def cli_consent(args: argparse.Namespace, root: Path) -> int:
    """Print the record; exit 1 when nothing was ever decided."""
    from coach_tui.store.practice import Practice

    practice = Practice(root)
    summary = practice.find(args.name)
    record = practice.load(summary.id)
    sys.stdout.write(render(record))
    sys.stdout.flush()
    if consent.relied_on(record) is None:
        print(f"coach-tui: {consent.HOW_TO_RECORD.capitalize()}", file=sys.stderr)
        return EXIT_NONE
    return EXIT_OK
