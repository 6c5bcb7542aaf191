"""Exporting a kit: write the file and record the export in the event log."""

from __future__ import annotations

from pathlib import Path

from coach_tui.errors import InvalidInputError
from coach_tui.kit.build import build_kit
from coach_tui.kit.json_form import render_json
from coach_tui.kit.markdown_form import render_markdown
from coach_tui.kit.model import EVENT_EXPORT, FORMATS, Kit
from coach_tui.kit.records import export_detail
from coach_tui.reports import outputs
from coach_tui.scripts.library import ScriptLibrary
from coach_tui.store.practice import Practice


def export_kit(
    practice: Practice,
    library: ScriptLibrary,
    client_id: str,
    audience: str,
    fmt: str,
    output: Path,
) -> Kit:
    """Write a kit to ``output`` and record it in the executive's event log."""
    if fmt not in FORMATS:
        raise InvalidInputError(f"a kit is written as json or md, not '{fmt}'")
    target = outputs.resolve(output, practice.root)
    record = practice.load(client_id)
    kit = build_kit(record, library, audience)
    data = render_json(kit) if fmt == "json" else render_markdown(kit)
    practice.log_event(client_id, EVENT_EXPORT, export_detail(kit, fmt))
    outputs.write(target, data.encode("utf-8"))
    return kit
