"""Lockdown: escape keys ignored, closing refused, no context menus, cursor hidden when still."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.lockdown import Lockdown, is_blocked
from tests.helpers.shell_pack import make_reader
from tests.helpers.shell_window import close_window, make_window

K, M = Qt.Key, Qt.KeyboardModifier


@pytest.fixture
def locked(qtbot, tmp_path: Path):
    win = make_window(qtbot, make_reader(tmp_path / "p"))
    lock = Lockdown(kiosk_mode=True, cursor_hide_ms=60_000, parent=win)
    app = QApplication.instance()
    app.installEventFilter(lock)
    yield win, lock
    app.removeEventFilter(lock)
    lock.release()
    close_window(win)


@pytest.mark.parametrize(
    ("key", "mods"),
    [
        (K.Key_F4, M.AltModifier),
        (K.Key_Q, M.ControlModifier),
        (K.Key_W, M.ControlModifier),
        (K.Key_Escape, M.NoModifier),
        (K.Key_Tab, M.AltModifier),
        (K.Key_F11, M.NoModifier),
        (K.Key_Backspace, M.ControlModifier | M.AltModifier),
        (K.Key_PageDown, M.NoModifier),
    ],
)
def test_escape_keys_do_nothing(locked, key, mods) -> None:
    win, lock = locked
    win.go("home")
    QTest.keyClick(win, key, mods)
    QTest.keyClick(win.home, key, mods)
    assert win.isVisible()
    assert str(win.current_route) == "home"
    assert lock.blocked_count >= 2


def test_ordinary_letters_pass_and_presenter_keys_pass_in_tours() -> None:
    assert not is_blocked(K.Key_A, M.NoModifier)
    assert is_blocked(K.Key_PageUp, M.NoModifier)
    assert not is_blocked(K.Key_PageUp, M.NoModifier, presenter_allowed=True)
    assert is_blocked(K.Key_Escape, M.NoModifier, presenter_allowed=True)


def test_close_is_refused_until_allowed(locked) -> None:
    win, _ = locked
    assert win.close() is False
    assert win.isVisible()


class Recorder(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.menus = 0

    def contextMenuEvent(self, event) -> None:
        self.menus += 1


def test_no_context_menu(qtbot, locked) -> None:
    win, _ = locked
    rec = Recorder()
    qtbot.addWidget(rec)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(1, 1), QPoint(1, 1), M.NoModifier)
    QApplication.sendEvent(rec, event)
    assert rec.menus == 0
    assert win.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu


def test_cursor_hides_after_stillness_and_returns_on_movement(qtbot, tmp_path: Path) -> None:
    lock = Lockdown(kiosk_mode=True, cursor_hide_ms=50)
    win = make_window(qtbot, make_reader(tmp_path / "p"))
    QApplication.instance().installEventFilter(lock)
    try:
        qtbot.waitUntil(lambda: lock.cursor_hidden, timeout=10_000)
        assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(10, 10),
            QPointF(10, 10),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            M.NoModifier,
        )
        QApplication.sendEvent(win, move)
        qtbot.waitUntil(lambda: not lock.cursor_hidden, timeout=10_000)
    finally:
        QApplication.instance().removeEventFilter(lock)
        lock.release()
        close_window(win)
    assert QGuiApplication.overrideCursor() is None
