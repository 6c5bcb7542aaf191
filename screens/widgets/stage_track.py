"""The four-step stage track: where an engagement is, at a glance."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from coach_tui.domain.model import STAGES, Stage


def stage_track_text(stage: Stage, compact: bool = False) -> Text:
    """``●●◉○ Action`` (compact) or ``✓ Awareness ─ ✓ Analysis ─ ◉ Action ─ ○ Achievement``."""
    current = stage.position
    text = Text()
    if compact:
        for position, _ in enumerate(STAGES):
            if position < current:
                text.append("●", style="green")
            elif position == current:
                text.append("◉", style="bold cyan")
            else:
                text.append("○", style="dim")
        text.append(f" {stage.label}")
        return text
    for position, each in enumerate(STAGES):
        if position:
            text.append(" ─ ", style="dim")
        if position < current:
            text.append(f"✓ {each.label}", style="green")
        elif position == current:
            text.append(f"◉ {each.label}", style="bold reverse")
        else:
            text.append(f"○ {each.label}", style="dim")
    return text


class StageTrack(Static):
    """A one-line stage track that follows ``stage``."""

    DEFAULT_CSS = """
    StageTrack { height: 1; width: 1fr; }
    """

    def __init__(self, stage: Stage, *, id: str | None = None) -> None:
        super().__init__(stage_track_text(stage), id=id)
        self.stage = stage

    def set_stage(self, stage: Stage) -> None:
        self.stage = stage
        self.update(stage_track_text(stage))
