"""Fixtures for the app's tests: test modules load them with
``pytest_plugins = ["app_fixtures"]`` (the project's conftest.py stays as it is).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_helpers import TODAY

from coach_tui.demo.seed import seed_demo


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo practice, seeded once per test process (seeding takes seconds)."""
    root = tmp_path_factory.mktemp("demo-template") / "data"
    seed_demo(root, today=TODAY)
    return root


@pytest.fixture
def demo_root(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo practice for one test, its dates relative to TODAY."""
    root = tmp_path / "data"
    shutil.copytree(demo_template, root)
    return root


@pytest.fixture
def empty_root(tmp_path: Path) -> Path:
    """A data folder that does not exist yet: the first run."""
    return tmp_path / "data"
