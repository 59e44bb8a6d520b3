"""Idle reset: warning overlay, dismissal by a touch, full reset to attract at zero."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.idle import IdleMonitor
from tests.helpers.shell_pack import make_reader
from tests.helpers.shell_window import close_window, make_window, tap


def test_warning_then_touch_dismisses_then_reset(qtbot, tmp_path: Path) -> None:
    win = make_window(qtbot, make_reader(tmp_path / "p"), idle_ms=150, warning_ms=300)
    app = QApplication.instance()
    app.installEventFilter(win.idle)
    try:
        assert not win.idle.enabled, "nothing to reset on the attract loop"
        tap(win.attract)
        win.set_language("de")
        win.go("home:water")
        win.home.area.verticalScrollBar().setValue(win.home.area.verticalScrollBar().maximum())
        with qtbot.waitSignal(win.idle.warning, timeout=10_000):
            pass
        assert win.idle_overlay.isVisible()
        assert 0.0 < win.idle.remaining_fraction() <= 1.0
        with qtbot.waitSignal(win.idle.dismissed, timeout=10_000):
            QTest.mouseClick(win.idle_overlay, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        assert not win.idle_overlay.isVisible()
        assert str(win.current_route) == "home:water", "the dismissing touch must not navigate"
        with qtbot.waitSignal(win.idle.expired, timeout=10_000):
            pass
        assert str(win.current_route) == "attract"
        assert win.outer.currentWidget() is win.attract
        assert win.lang == "en"
        assert win.home.filter == ""
        assert win.home.area.verticalScrollBar().value() == 0
        assert win.screens["case"].resets >= 1
        assert not win.idle.enabled
    finally:
        app.removeEventFilter(win.idle)
        close_window(win)


def test_a_key_or_touch_anywhere_counts_as_activity(qtbot) -> None:
    monitor = IdleMonitor(idle_ms=50, warning_ms=5000)
    target = QWidget()
    qtbot.addWidget(target)
    app = QApplication.instance()
    app.installEventFilter(monitor)
    try:
        monitor.set_enabled(True)
        with qtbot.waitSignal(monitor.warning, timeout=10_000):
            pass
        assert monitor.warning_active
        with qtbot.waitSignal(monitor.dismissed, timeout=10_000):
            QTest.keyClick(target, Qt.Key.Key_A)
        assert not monitor.warning_active
        monitor.set_enabled(False)
        with qtbot.assertNotEmitted(monitor.dismissed):
            QTest.mouseClick(target, Qt.MouseButton.LeftButton)
    finally:
        app.removeEventFilter(monitor)
