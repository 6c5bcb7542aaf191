"""A short intake for the live-call tests: one question of each kind that matters.

Written into the data folder's scripts, it replaces the shipped intake by id, so
pressing s on a new executive starts it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from coach_tui.locations import scripts_dir
from coach_tui.store.practice import Practice

SHORT_INTAKE = """
id = "awareness-intake"
title = "Short intake"
stage = "awareness"
audience = "coach"
minutes = 45
version = 1

[[sections]]
title = "Opening"

[[sections.questions]]
id = "confidentiality"
text = "Can we agree what stays between us?"
kind = "yesno"

[[sections.questions]]
id = "initiator"
text = "Whose idea was the coaching?"
kind = "choice"
options = ["Mine", "My manager's", "HR's"]

[[sections.questions]]
id = "key-relationships"
text = "Whose support matters most for you to succeed?"
kind = "list"
feeds = "stakeholders"

[[sections.questions]]
id = "deadline"
text = "By when must the change show?"
kind = "date"

[[sections.questions]]
id = "story"
text = "Tell me about the last two years: the turning points, and what you learned from them."
kind = "text"
carry = true
guidance = "Listen for the moments they chose, and what they avoided. Ask for one example."
probes = ["What would you do differently?", "Who helped most?"]

[[sections.questions]]
id = "limits"
text = "What limits your impact?"
kind = "list"
feeds = "weaknesses"
"""


def short_intake(root: Path, name: str = "Ann Lee") -> str:
    """A new executive and the short intake in ``root``; returns the executive's id."""
    folder = scripts_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "short-intake.toml").write_text(SHORT_INTAKE, encoding="utf-8")
    return Practice(root).create_client(name, organisation="Acme Rail", role="COO").id


#: Each question's words as the screen shows them, by id.
ASKED: dict[str, str] = {
    question["id"]: question["text"]
    for section in tomllib.loads(SHORT_INTAKE)["sections"]
    for question in section["questions"]
}
