"""Workers.close(): results of jobs that finish after shutdown are dropped, not delivered."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from kiosk.ui.workers import Workers


def test_a_result_after_close_is_dropped(qtbot: QtBot) -> None:
    workers = Workers(max_threads=1)
    release = threading.Event()
    delivered: list[object] = []
    workers.submit(lambda: release.wait(10) and "late", delivered.append, delivered.append)
    workers.close()
    release.set()
    assert workers.wait(10_000)
    QCoreApplication.processEvents()  # deliver the queued result to the main thread: it is dropped there
    assert delivered == [] and workers.pending == 0


def test_results_before_close_are_delivered(qtbot: QtBot) -> None:
    workers = Workers(max_threads=1)
    delivered: list[object] = []
    workers.submit(lambda: "done", delivered.append)
    qtbot.waitUntil(lambda: delivered == ["done"], timeout=10_000)
    workers.close()
