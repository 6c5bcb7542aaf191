"""What the executive's event log remembers about kits (``kit`` and ``kit-import``).

Export writes these records and import reads them back to find the kit a response
answers, and whether that response was already imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from coach_tui.domain.model import ClientRecord, Event
from coach_tui.kit.model import EVENT_EXPORT, EVENT_IMPORT, Kit


@dataclass(frozen=True)
class KitRecord:
    """What the event log remembers about one exported kit."""

    kit_id: str
    audience: str
    phase: str
    fmt: str
    scripts: tuple[tuple[str, int], ...]
    goal_ids: tuple[str, ...]
    digest: str
    at: datetime


_EXPORT_DETAIL = re.compile(
    r"(?P<kit>[0-9a-f]{12}) for (?P<audience>self|stakeholder) \((?P<phase>baseline|pulse|final)\)"
    r" as (?P<fmt>json|md); scripts (?P<scripts>\S+); goals (?P<goals>\S+);"
    r" questions (?P<digest>[0-9a-f]{16})"
)


def export_detail(kit: Kit, fmt: str) -> str:
    scripts = ",".join(f"{sid}@{version}" for sid, version in kit.scripts)
    goals = ",".join(kit.goal_ids) or "-"
    return (
        f"{kit.kit_id} for {kit.audience} ({kit.phase}) as {fmt}; scripts {scripts}; "
        f"goals {goals}; questions {kit.digest}"
    )


def _parse_export(event: Event) -> KitRecord | None:
    match = _EXPORT_DETAIL.fullmatch(event.detail)
    if match is None:
        return None
    scripts: list[tuple[str, int]] = []
    for part in match["scripts"].split(","):
        sid, _, version = part.partition("@")
        if not version.isdigit():
            return None
        scripts.append((sid, int(version)))
    goals = () if match["goals"] == "-" else tuple(match["goals"].split(","))
    return KitRecord(
        match["kit"],
        match["audience"],
        match["phase"],
        match["fmt"],
        tuple(scripts),
        goals,
        match["digest"],
        event.at,
    )


def exported_kits(record: ClientRecord) -> dict[str, KitRecord]:
    """Every kit exported for this executive, by kit id."""
    found: dict[str, KitRecord] = {}
    for event in record.events:
        if event.kind == EVENT_EXPORT:
            parsed = _parse_export(event)
            if parsed is not None:
                found[parsed.kit_id] = parsed
    return found


def _previous_import(record: ClientRecord, kit_id: str, digest: str) -> Event | None:
    prefix = f"{kit_id} response {digest}"
    return next(
        (e for e in record.events if e.kind == EVENT_IMPORT and e.detail.startswith(prefix)),
        None,
    )
