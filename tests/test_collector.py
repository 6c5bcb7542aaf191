"""The collector pause around the app's start-up (``screens.collector``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_importing_the_ui_pauses_collection_until_the_first_frame() -> None:
    code = (
        "import gc; import screens; print(gc.isenabled());"
        "from screens.collector import resume_after_first_frame as r; r();"
        "print(gc.isenabled(), gc.get_freeze_count() > 0)"
    )
    assert run(code).split() == ["False", "True", "True"]


def test_a_process_that_turned_collection_off_keeps_it_off() -> None:
    code = (
        "import gc; gc.disable(); import screens;"
        "from screens.collector import resume_after_first_frame as r; r();"
        "print(gc.isenabled())"
    )
    assert run(code) == "False"


def test_the_app_resumes_collection_once_its_first_frame_is_up(tmp_path: Path) -> None:
    code = f"""
import asyncio, gc
from pathlib import Path
import screens
from screens.app import create_app
assert not gc.isenabled()
async def main():
    app = create_app(Path({str(tmp_path / "data")!r}), blink=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        print(gc.isenabled())
asyncio.run(main())
"""
    assert run(code) == "True"


def test_an_ending_app_leaves_its_objects_set_aside_and_the_next_app_hands_them_back(
    tmp_path: Path,
) -> None:
    """The process ends with the app: its last collection need not walk the start-up.

    A later app in the same process (as in these tests) gives them back as it starts.
    """
    code = f"""
import asyncio, gc
from pathlib import Path
import screens
from screens.app import create_app
async def main():
    app = create_app(Path({str(tmp_path / "data")!r}), blink=False)
    async with app.run_test() as pilot:
        await pilot.pause()
asyncio.run(main())
print(gc.get_freeze_count() > 0)
create_app(Path({str(tmp_path / "data")!r}), blink=False)
print(gc.get_freeze_count())
"""
    assert run(code).split() == ["True", "0"]
