"""UI tests: fail a test that leaves top-level widgets behind (widgets must be built once, reused)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content.reader import ContentReader, load_pack_content
from kiosk.sync.publish import publish_path
from kiosk.ui.window import KioskWindow
from tests.helpers.servers import FaultServer
from tests.helpers.sync_kiosk import pack_version
from tests.helpers.windows import close_window, open_window


@pytest.fixture(autouse=True)
def _no_stray_widgets(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    QApplication.processEvents()
    for w in QApplication.topLevelWidgets():
        if id(w) not in before and w.isVisible():
            name = type(w).__name__
            w.close()
            w.deleteLater()
            pytest.fail(f"test left a visible top-level widget behind: {name}")


@pytest.fixture
def tree(tmp_path: Path, bundled_pack: Path) -> Iterator[FaultServer]:
    """The bundled pack as version 2, published and served by a local FaultServer (sync UI tests)."""
    root = tmp_path / "tree"
    publish_path(pack_version(bundled_pack, tmp_path / "v2", 2), root, "main")
    with FaultServer(root) as srv:
        yield srv


@pytest.fixture(scope="module")
def bundled() -> ContentReader:
    """The bundled pack's content, read once per test module."""
    return load_pack_content(Path(__file__).resolve().parents[2] / "content")


@pytest.fixture
def window(qtbot, bundled: ContentReader) -> Iterator[KioskWindow]:  # type: ignore[no-untyped-def]
    """The bundled pack in a kiosk-mode window at 1920x1080 (a module may define its own ``window``)."""
    win = open_window(qtbot, bundled)
    yield win
    close_window(win)
