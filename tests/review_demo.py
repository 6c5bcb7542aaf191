"""The demo practice for the review, brief, report and exchange tests.

Seeded once per test process (seeding plays four engagements through the store and
takes seconds) with a fixed "today", then copied for every test that changes it.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from coach_tui.demo.seed import seed_demo

#: The demo's "today" and the frozen clock of the app and the store (a Monday).
TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 10, 30)

#: The demo's executives: id -> name.
DEMO = {
    "priya-raman": "Priya Raman",
    "marcus-bell": "Marcus Bell",
    "sofia-lindqvist": "Sofia Lindqvist",
    "daniel-okafor": "Daniel Okafor",
}

_seeded: Path | None = None


def fixed_clock() -> datetime:
    return NOW


def demo_template(factory: pytest.TempPathFactory) -> Path:
    """The seeded demo (once per process): never change it, copy it."""
    global _seeded
    if _seeded is None or not _seeded.exists():
        root = factory.mktemp("review-demo") / "data"
        seed_demo(root, today=TODAY)
        _seeded = root
    return _seeded


def demo_copy(factory: pytest.TempPathFactory, target: Path) -> Path:
    """A fresh copy of the demo at ``target`` for one test."""
    shutil.copytree(demo_template(factory), target)
    return target
