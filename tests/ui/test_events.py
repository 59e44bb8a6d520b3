"""The one application event filter: each watcher gets only the event types it asked for, in order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.ui.events import CONSUME, EventRouter, route_app_events, unroute_app_events
from kiosk.ui.lockdown import LOCKDOWN_EVENTS, Lockdown


class Recorder(QObject):
    """Records the types it is shown; consumes them when ``consume``."""

    def __init__(self, consume: bool = False) -> None:
        super().__init__()
        self.consume = consume
        self.seen: list[QEvent.Type] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen.append(event.type())
        return self.consume


@pytest.fixture
def button(qtbot) -> Iterator[QPushButton]:
    b = QPushButton("tap")
    qtbot.addWidget(b)
    b.resize(200, 80)
    b.show()
    qtbot.waitExposed(b)
    yield b


def test_installed_once_and_routes_only_the_types_asked_for(qtbot, button: QPushButton) -> None:
    rec = Recorder()
    route_app_events(rec, {QEvent.Type.MouseButtonPress})
    route_app_events(rec, {QEvent.Type.MouseButtonPress})  # twice: still called once per delivery
    try:
        assert EventRouter.ensure() is EventRouter.ensure()
        assert len(QApplication.instance().findChildren(EventRouter)) == 1  # type: ignore[union-attr]
        clicks: list[bool] = []
        button.clicked.connect(lambda: clicks.append(True))
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        button.repaint()
        assert clicks == [True]
        assert rec.seen and set(rec.seen) == {QEvent.Type.MouseButtonPress}  # no paint, release, move...
        presses = len(rec.seen)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        assert len(rec.seen) == 2 * presses
    finally:
        unroute_app_events(rec)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(rec.seen) == 2 * presses  # removed: no longer called


def test_observers_see_what_a_consumer_eats(qtbot, button: QPushButton) -> None:
    eater, observer = Recorder(consume=True), Recorder()
    route_app_events(eater, {QEvent.Type.MouseButtonPress}, order=CONSUME)
    route_app_events(observer, {QEvent.Type.MouseButtonPress})  # registered later, but an observer
    clicks: list[bool] = []
    button.pressed.connect(lambda: clicks.append(True))
    try:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    finally:
        unroute_app_events(eater)
        unroute_app_events(observer)
    assert observer.seen and eater.seen
    assert clicks == []  # consumed: the button never saw its press


def test_only_limits_a_route_to_one_object(qtbot, button: QPushButton) -> None:
    other = QWidget()
    qtbot.addWidget(other)
    rec = Recorder()
    route_app_events(rec, {QEvent.Type.Resize}, only=button)
    other.show()
    qtbot.waitExposed(other)
    try:
        other.resize(321, 123)  # shown: the resize event is sent now
        assert rec.seen == []
        button.resize(333, 99)
        assert rec.seen == [QEvent.Type.Resize]
    finally:
        unroute_app_events(rec)


def test_a_deleted_watcher_is_dropped(qtbot, button: QPushButton) -> None:
    rec = Recorder()
    route_app_events(rec, {QEvent.Type.MouseButtonPress})
    router = EventRouter.ensure()
    assert router is not None and router.watching(rec)
    with qtbot.waitSignal(rec.destroyed):
        rec.deleteLater()
    assert not router.watching(rec)
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # no error from the dead watcher
    assert clicks == [True]


def test_a_routed_lockdown_still_blocks_keys_and_context_menus(qtbot, button: QPushButton) -> None:
    lock = Lockdown(kiosk_mode=True, cursor_hide_ms=60_000)
    route_app_events(lock, LOCKDOWN_EVENTS, order=CONSUME)
    keys: list[int] = []
    menus: list[bool] = []

    class Target(QWidget):
        def keyPressEvent(self, event) -> None:
            keys.append(event.key())

        def contextMenuEvent(self, event) -> None:
            menus.append(True)

    target = Target()
    qtbot.addWidget(target)
    target.show()
    qtbot.waitExposed(target)
    try:
        QTest.keyClick(target, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        QTest.keyClick(target, Qt.Key.Key_A)
        menu = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5), Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(target, menu)
    finally:
        unroute_app_events(lock)
        lock.release()
    assert Qt.Key.Key_A in keys and Qt.Key.Key_F4 not in keys  # Alt+F4 blocked, a letter goes through
    assert lock.blocked_count == 1
    assert menus == []
