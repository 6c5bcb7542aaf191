"""The layer rule: ``coach_tui`` is the core and never loads the UI, checked four ways.

* Importing any core module in a fresh interpreter loads neither ``textual`` nor
  ``questionary`` nor ``prompt_toolkit``.
* Statically: no core module imports ``textual``; the only core module that names
  ``screens`` is ``coach_tui/cli/app.py``, inside the function that opens the app;
  only ``coach_tui/selfassess.py`` imports ``questionary`` (and only inside functions);
  ``screens`` never import ``tinydb`` (they use the core's public functions).
* Running the commands that do not open the app never imports ``textual``.
* The import-linter contracts in ``pyproject.toml`` say the same and must be kept.

Modules are discovered with ``pkgutil``/the file system, so a new module is covered
without touching this file.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import pkgutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import coach_tui

PACKAGE_DIR = Path(coach_tui.__file__).resolve().parent
PROJECT = PACKAGE_DIR.parent
SCREENS_DIR = PROJECT / "screens"

#: Never loaded by importing a core module.
UI_PACKAGES = ("textual", "questionary", "prompt_toolkit")
#: The only core module allowed to name the screens: lazily, to open the app.
OPENS_THE_APP = "cli/app.py"
#: The only module allowed to import questionary, and only lazily.
SELFASSESS_MODULE = "coach_tui.selfassess"
LAZY_ONLY = ("questionary", "prompt_toolkit")


# --------------------------------------------------------------------------- helpers


def _core_modules() -> list[str]:
    """Every module of the ``coach_tui`` package (recursively)."""
    names = ["coach_tui"]
    names += [info.name for info in pkgutil.walk_packages([str(PACKAGE_DIR)], prefix="coach_tui.")]
    return sorted(names)


def _python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("COACH_TUI_DATA", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    return env


def _fresh(code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
        cwd=cwd or PROJECT,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def _imported_names(tree: ast.AST) -> Iterator[tuple[str, ast.AST]]:
    """Every module name an import statement (or import_module/__import__ call) names."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                yield node.module, node
        elif isinstance(node, ast.Call):
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else func.id
                if isinstance(func, ast.Name)
                else ""
            )
            if (
                name in ("import_module", "__import__")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield node.args[0].value, node


def _top(name: str) -> str:
    return name.split(".")[0]


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _offences(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(PROJECT)}:{getattr(node, 'lineno', '?')}: imports {name}"
        for name, node in _imported_names(_parse(path))
        if _top(name) in forbidden or name in forbidden
    ]


# ----------------------------------------------------- fresh-interpreter imports

_IMPORT_PROBE = textwrap.dedent(
    """
    import importlib, json, sys
    # coach_tui.__main__ runs the command when imported: make that a harmless one.
    sys.argv = ["coach-tui", "--version"]
    try:
        importlib.import_module({name!r})
    except SystemExit:
        pass
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in {ui!r})
    print("LOADED=" + json.dumps(loaded))
    """
)


def _loaded_after_import(module: str) -> list[str]:
    result = _fresh(_IMPORT_PROBE.format(name=module, ui=UI_PACKAGES))
    assert result.returncode == 0, f"importing {module} failed:\n{result.stderr}"
    lines = [line for line in result.stdout.splitlines() if line.startswith("LOADED=")]
    assert lines, f"no probe output for {module}: {result.stdout!r} {result.stderr!r}"
    loaded: list[str] = json.loads(lines[-1].removeprefix("LOADED="))
    return loaded


def test_discovery_finds_the_core() -> None:
    """Guard the discovery itself: an empty list would make the import test vacuous."""
    modules = _core_modules()
    for expected in (
        "coach_tui.cli.main",
        "coach_tui.store.practice",
        "coach_tui.scripts.library",
        "coach_tui.domain.model",
    ):
        assert expected in modules
    assert not any(name.startswith("screens") for name in modules)


@pytest.mark.parametrize("module", _core_modules())
def test_core_module_imports_no_ui_packages(module: str) -> None:
    loaded = _loaded_after_import(module)
    assert loaded == [], f"importing {module} loaded {loaded}"


def test_selfassess_imports_questionary_lazily() -> None:
    if importlib.util.find_spec(SELFASSESS_MODULE) is None:
        pytest.skip(f"{SELFASSESS_MODULE} does not exist yet")
    assert _loaded_after_import(SELFASSESS_MODULE) == []
    # And statically: every questionary/prompt_toolkit import is inside a function.
    path = PACKAGE_DIR / "selfassess.py"
    eager = _module_level_imports(_parse(path))
    offences = [f"line {line}: {name}" for name, line in eager if _top(name) in LAZY_ONLY]
    assert offences == [], f"{path.name} imports at module level: {offences}"


def _module_level_imports(tree: ast.Module) -> list[tuple[str, int]]:
    """Imports that run when the module is imported (not inside a function body)."""
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                found.append((child.module, child.lineno))
            visit(child)

    visit(tree)
    return found


# --------------------------------------------------------------- static checks


def test_the_core_never_imports_textual() -> None:
    offences = [
        offence for path in _python_files(PACKAGE_DIR) for offence in _offences(path, ("textual",))
    ]
    assert offences == [], "\n".join(offences)


def test_only_the_app_command_names_the_screens_and_only_lazily() -> None:
    opener = PACKAGE_DIR / OPENS_THE_APP
    offences = [
        offence
        for path in _python_files(PACKAGE_DIR)
        if path != opener
        for offence in _offences(path, ("screens",))
    ]
    assert offences == [], "\n".join(offences)
    eager = [name for name, _ in _module_level_imports(_parse(opener)) if _top(name) == "screens"]
    assert eager == [], f"{OPENS_THE_APP} imports the screens at module level"
    lazy = {name for name, _ in _imported_names(_parse(opener)) if _top(name) == "screens"}
    assert lazy == {"screens.app"}, lazy


def test_import_linter_contracts_hold() -> None:
    """The same rules as import-linter contracts (``pyproject.toml``), checked by it."""
    linter = Path(sys.executable).with_name("lint-imports")
    if not linter.exists():
        pytest.skip("import-linter is not installed next to this python")
    result = subprocess.run(
        [str(linter), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
        cwd=PROJECT,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout, result.stdout


def test_only_selfassess_imports_questionary() -> None:
    allowed = PACKAGE_DIR / "selfassess.py"
    files = _python_files(PACKAGE_DIR) + _python_files(SCREENS_DIR)
    offences = [
        offence for path in files if path != allowed for offence in _offences(path, LAZY_ONLY)
    ]
    assert offences == [], "\n".join(offences)


def test_screens_never_touch_tinydb() -> None:
    """Screens use the core's public functions: no TinyDB, no storage layer under it."""
    files = _python_files(SCREENS_DIR)
    assert files, "no screens found"
    forbidden = ("tinydb", "coach_tui.store.storage")
    offences = [offence for path in files for offence in _offences(path, forbidden)]
    assert offences == [], "\n".join(offences)


def test_static_checker_sees_lazy_and_dynamic_imports() -> None:
    """The checker itself: imports inside functions and import_module() count."""
    source = textwrap.dedent(
        """
        import os
        def later():
            from textual.app import App
            import importlib
            importlib.import_module("screens.practice")
        """
    )
    names = {name for name, _ in _imported_names(ast.parse(source))}
    assert {"textual.app", "screens.practice"} <= names
    assert _module_level_imports(ast.parse(source)) == [("os", 2)]


# ------------------------------------------------------- commands stay Textual-free

#: Runs the real entry point (``python -m coach_tui``) in-process, then reports
#: which UI packages got imported, to a file so the command's own output is free.
_COMMAND_PROBE = textwrap.dedent(
    """
    import json, runpy, sys
    import coach_tui.cli.main
    report, *argv = sys.argv[1:]
    sys.argv = ["coach-tui", *argv]
    code = 0
    def end_here(code):  # review and report end the process at once; report first
        raise SystemExit(code)
    coach_tui.cli.main.end_at_once = end_here
    try:
        runpy.run_module("coach_tui", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in {ui!r})
    with open(report, "w") as handle:
        json.dump({{"code": code, "loaded": loaded}}, handle)
    """
)


@pytest.fixture(scope="module")
def small_practice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny practice made through the store's API (fast: no demo)."""
    from coach_tui.domain.model import InsightKind
    from coach_tui.store.practice import Practice

    root = tmp_path_factory.mktemp("layers") / "practice"
    practice = Practice(root)
    client = practice.create_client("Ada Example", "Example Ltd", "COO")
    note = practice.capture(client.id, InsightKind.NOTE, "a note to delete")
    practice.delete(client.id, "insights", note.id)
    return root


#: argv -> the exit code expected (None: not this test's business, e.g. a command
#: whose module has not landed yet; it must still not import Textual).
COMMANDS: list[tuple[list[str], int | None]] = [
    (["check"], 0),
    (["check", "--trash"], 0),
    (["scripts"], 0),
    (["scripts", "check", "{prompts}/mini-survey.toml"], 0),
    (["export"], 0),
    (["export", "-o", "{tmp}/export.json"], 0),
    (["--version"], 0),
    (["--help"], 0),
    ([], 2),  # the app, without a terminal: refuses before importing Textual
    # The pre-call brief and the reports must start fast: no Textual for them either.
    (["review", "Ada"], None),
    (["report", "Ada", "-o", "{tmp}/report.md"], None),
]


@pytest.mark.parametrize(
    ("argv", "expected_code"),
    COMMANDS,
    ids=[" ".join(argv) or "(app, no terminal)" for argv, _ in COMMANDS],
)
def test_commands_never_import_textual(
    argv: list[str], expected_code: int | None, small_practice: Path, tmp_path: Path
) -> None:
    report = tmp_path / "report.json"
    args = [a.format(prompts=PROJECT / "prompts", tmp=tmp_path) for a in argv]
    env = _env()
    env["COACH_TUI_DATA"] = str(small_practice)
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", _COMMAND_PROBE.format(ui=UI_PACKAGES), str(report), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    outcome = json.loads(report.read_text())
    if expected_code is not None:
        assert outcome["code"] == expected_code, result.stderr
    assert outcome["loaded"] == [], f"coach-tui {' '.join(argv)} imported {outcome['loaded']}"


def test_check_never_imports_textual_importtime(small_practice: Path, tmp_path: Path) -> None:
    """The same, seen by ``-X importtime`` on the real ``python -m coach_tui``."""
    env = _env()
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "coach_tui",
            "check",
            "--data",
            str(small_practice),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "coach_tui.store.check" in imported  # the probe really sees our imports
    offenders = sorted(name for name in imported if _top(name) in UI_PACKAGES)
    assert offenders == []
