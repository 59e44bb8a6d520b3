"""The test tiers mean what they say, read from the test sources themselves (no test is run here).

* No test module imports another test module (shared code lives in ``tests/helpers/``).
* A unit test module, and every ``tests.*`` module it imports, imports no Qt and starts no process.
* An e2e or faults test takes no ``qtbot``/``qapp``: an in-process Qt test belongs in ``tests/ui``.
"""

from __future__ import annotations

import ast
import http.server
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
QT_FREE = ("PySide6", "pyqtgraph", "pytestqt", "kiosk.ui")
NO_PROCESSES = ("subprocess", "multiprocessing")
IN_PROCESS_QT = {"qtbot", "qapp"}
def modules_imported(path: Path, package: str | None = None) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every import in ``path``; relative ones resolved in ``package``
    (by default the package the file sits in under the repository root)."""
    if package is None:
        package = ".".join(path.relative_to(ROOT).parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            yield node.lineno, base
            for alias in node.names:  # ``from tests.unit import test_x`` names a module
                yield node.lineno, f"{base}.{alias.name}"


def source_of(module: str) -> Path | None:
    """The file of a ``tests.*`` module, or None for anything else (or a name that is not a module)."""
    if not module.startswith("tests."):
        return None
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def is_test_module(path: Path) -> bool:
    return path.name.startswith("test_") and path.suffix == ".py"


def test_no_test_module_imports_another() -> None:
    offences = [
        f"{shown(path)}:{line} imports {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, name in modules_imported(path)
        if (target := source_of(name)) is not None and is_test_module(target) and target != path
    ]
    assert offences == [], "move what they share into tests/helpers/:\n" + "\n".join(offences)


def unit_tier_imports() -> Iterator[tuple[Path, int, str]]:
    """Every import of the unit tier's modules and of the ``tests.*`` helpers they pull in."""
    todo = sorted((TESTS / "unit").glob("*.py"))
    seen = set(todo)
    while todo:
        path = todo.pop()
        for line, name in modules_imported(path):
            yield path, line, name
            helper = source_of(name)
            if helper is not None and helper not in seen:
                seen.add(helper)
                todo.append(helper)


def test_the_unit_tier_imports_no_qt_and_starts_no_process() -> None:
    offences = [
        f"{shown(path)}:{line} imports {name}"
        for path, line, name in unit_tier_imports()
        if any(name == bad or name.startswith(bad + ".") for bad in QT_FREE + NO_PROCESSES)
    ]
    assert offences == [], ("a unit test (tests/unit) needs no Qt and runs no process; move it to "
                            "tests/ui or tests/e2e:\n" + "\n".join(offences))


def qt_fixture_users(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = {a.arg for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]}
            if args & IN_PROCESS_QT:
                yield f"{shown(path)}:{node.lineno} {node.name}"


@pytest.mark.parametrize("tier", ["e2e", "faults"])
def test_real_process_tiers_have_no_in_process_qt_tests(tier: str) -> None:
    offences = [
        where
        for path in sorted((TESTS / tier).glob("*.py"))
        for where in qt_fixture_users(path)
    ]
    assert offences == [], (f"tests/{tier} runs the kiosk as a real process; these take qtbot/qapp, "
                            "so they belong in tests/ui:\n" + "\n".join(offences))


def test_the_checks_see_what_they_look_for(tmp_path: Path) -> None:
    """The readers above find test-module imports (absolute and relative), Qt imports and qtbot."""
    sample = tmp_path / "test_sample.py"
    sample.write_text("import os\nfrom tests.unit import test_logfail\nfrom .test_config import x\n"
                      "from ..helpers import windows\n\ndef test_a(qtbot, tmp_path):\n    pass\n",
                      encoding="utf-8")
    found = list(modules_imported(sample, "tests.unit"))
    assert (2, "tests.unit.test_logfail") in found
    assert (3, "tests.unit.test_config") in found
    assert (4, "tests.helpers.windows") in found
    assert source_of("tests.unit.test_logfail") == TESTS / "unit" / "test_logfail.py"
    assert source_of("tests.helpers.logfail.LogFailHandler") is None
    assert source_of("kiosk.cli") is None
    assert list(qt_fixture_users(sample)) == [f"{sample}:6 test_a"]
    windows = TESTS / "helpers" / "windows.py"
    assert any(name.startswith("pytestqt") for _, name in modules_imported(windows))


def test_a_unit_test_that_starts_a_server_fails() -> None:
    """tests/unit/conftest.py's guard: the first listen() of a server raises, naming the tier rule."""
    with pytest.raises(AssertionError, match="belong to tests/e2e"):
        http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as datagram:  # sd_notify's listener: allowed
        datagram.bind(f"\0kiosk-tiers-{os.getpid()}".encode())
