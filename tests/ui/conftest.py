"""UI tests: fail a test that leaves top-level widgets behind (widgets must be built once, reused)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


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
