"""Test-wide setup: Qt offscreen, no stray windows, tiers marked by folder."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# Never read a developer's real configuration or data directory from a test.
for _name in list(os.environ):
    if _name.startswith("KIOSK_"):
        del os.environ[_name]

ROOT = Path(__file__).resolve().parent.parent



def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """The core-only venv (.ci/core-tests.sh) has no pytest-qt: declare its ini keys so
    ``--strict-config`` accepts pyproject.toml there too."""
    if not pluginmanager.has_plugin("pytest-qt"):
        for name in ("qt_api", "qt_log_level_fail"):
            parser.addini(name, "pytest-qt setting (pytest-qt is not installed in this venv)")
        parser.addini("qt_log_ignore", "pytest-qt setting (pytest-qt is not installed in this venv)",
                      type="linelist")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        uses_qt = "qtbot" in getattr(item, "fixturenames", ())
        if "tests/ui/" in item.nodeid or uses_qt:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def bundled_pack() -> Path:
    return ROOT / "content"


@pytest.fixture(autouse=True)
def _fail_on_warning_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Any WARNING+ record fails the test, in every tier, unless it declares it (tests/helpers/logfail.py).

    Records of a kiosk run as a subprocess stay in that process; Qt's own warnings fail a test through
    pytest-qt's ``qt_log_level_fail`` (pyproject.toml), or here when the kiosk's handler routes them
    into ``logging`` (``kiosk.ui.qt``)."""
    from tests.helpers.logfail import LogFailHandler, describe, unexpected

    handler = LogFailHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    records = handler.take()
    if "caplog" in request.fixturenames:  # the test reads the records itself
        return
    allowed = [name for mark in request.node.iter_markers("expect_log") for name in (mark.args or ("",))]
    undeclared = unexpected(records, allowed)
    if undeclared:
        report = os.environ.get("LOGFAIL_REPORT")  # a list to review: nodeid, loggers, first message
        if report:
            with open(report, "a", encoding="utf-8") as fh:
                fh.write(f"{request.node.nodeid}\t{' '.join(sorted({r.name for r in undeclared}))}"
                         f"\t{undeclared[0].getMessage()[:200]!r}\n")
        pytest.fail(describe(undeclared))


@pytest.fixture(autouse=True)
def _no_leftover_log_handlers() -> Iterator[None]:
    """A command run in-process sets up logging; take its handlers (and open log files) down after."""
    from kiosk.log import remove_kiosk_handlers

    level = logging.getLogger().level
    yield
    remove_kiosk_handlers()
    logging.getLogger().setLevel(level)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the platform config/data directories at a temp dir for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
