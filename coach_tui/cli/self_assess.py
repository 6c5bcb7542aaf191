"""``coach-tui self-assess NAME``: the executive's self-assessment, in this terminal.

The questions are asked by ``coach_tui.selfassess`` (the only module that uses
questionary); this module finds the executive and says how to continue later.
"""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from coach_tui.scripts.library import load_library
from coach_tui.selfassess import need_terminal, run_self_assessment
from coach_tui.store.practice import Practice


def cli_self_assess(args: argparse.Namespace, root: Path) -> int:
    """``coach-tui self-assess NAME``."""
    need_terminal(
        "self-assess", "or send a kit: coach-tui kit export NAME --for self --format md -o FILE"
    )
    practice = Practice(root)
    summary = practice.find(args.name)
    again = ["coach-tui", "self-assess", summary.id]
    if getattr(args, "data", None):
        again += ["--data", str(args.data)]
    return run_self_assessment(practice, load_library(root), summary.id, shlex.join(again))
