"""Kinetic drag scrolling that works for every input a kiosk gets: a mouse, a touch frame that emulates
a mouse (press, drag, release), and real touch events (Qt turns unhandled touches into mouse events).

Qt's own ``QScroller.grabGesture`` only sees presses that reach the viewport itself; on a grid of tiles
or a page of buttons every press lands on a child, so a drag scrolled nothing. :class:`DragScroll`
watches the mouse events of everything inside the viewport, feeds them to the viewport's
:class:`QScroller` (which adds the flick, deceleration and overshoot), and once the finger has moved
further than a tap it cancels the press on the child, so a drag never taps a tile or a button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)

from kiosk.ui.events import CONSUME, route_app_events

MOUSE_EVENTS = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease}
)
SLOP_FRACTION = 0.5
"""A drag starts past this fraction of the touch target (a tap may wobble a few millimetres)."""


def _far_away() -> QPointF:
    return QPointF(-100_000, -100_000)


class DragScroll(QObject):
    """Kinetic scrolling for one scroll area. Built by :func:`kinetic`; lives as the area's child."""

    def __init__(self, area: QAbstractScrollArea, slop_px: int = 24) -> None:
        super().__init__(area)
        self.area = area
        self.viewport = area.viewport()
        self.slop_px = slop_px
        self.scroller = QScroller.scroller(self.viewport)
        self._start: QPointF | None = None
        self._grabber: QWidget | None = None
        self.dragging = False
        self.cancelling = False
        Dispatcher.ensure()

    def _inside(self, watched: QObject) -> bool:
        vp = self.viewport
        return isinstance(watched, QWidget) and (watched is vp or vp.isAncestorOf(watched))

    def _owner(self, widget: QWidget) -> bool:
        """True when this is the innermost kinetic area around ``widget`` (nested strips scroll alone)."""
        node: QWidget | None = widget
        while node is not None and node is not self.viewport:
            parent = node.parentWidget()
            if isinstance(parent, QAbstractScrollArea) and parent.property("kinetic"):
                return False
            node = node.parentWidget()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in MOUSE_EVENTS or not isinstance(event, QMouseEvent):
            return False
        if kind == QEvent.Type.MouseButtonPress:
            if event.button() != Qt.MouseButton.LeftButton or not self._inside(watched):
                return False
            assert isinstance(watched, QWidget)
            if not self._owner(watched):
                return False
            return self._press(watched, event)
        if self._start is None:
            return False
        pos = self.viewport.mapFromGlobal(event.globalPosition().toPoint())
        if kind == QEvent.Type.MouseMove:
            return self._move(QPointF(pos), event)
        return self._release(QPointF(pos), event)

    def _press(self, watched: QWidget, event: QMouseEvent) -> bool:
        pos = QPointF(self.viewport.mapFromGlobal(event.globalPosition().toPoint()))
        self._start, self._grabber, self.dragging = pos, watched, False
        if self.scroller.state() == QScroller.State.Scrolling:
            self.scroller.stop()  # a touch on a moving list stops it, and is not a tap
            self.scroller.handleInput(QScroller.Input.InputPress, pos, event.timestamp())
            self.dragging = True
            return True
        self.scroller.handleInput(QScroller.Input.InputPress, pos, event.timestamp())
        return False

    def _move(self, pos: QPointF, event: QMouseEvent) -> bool:
        assert self._start is not None  # inside a press-release sequence (touch-synthesised moves
        # do not always say which button is down)
        if not self.dragging and (pos - self._start).manhattanLength() >= self.slop_px:
            self.dragging = True
            self._cancel_child(event)
        self.scroller.handleInput(QScroller.Input.InputMove, pos, event.timestamp())
        return self.dragging

    def _release(self, pos: QPointF, event: QMouseEvent) -> bool:
        self.scroller.handleInput(QScroller.Input.InputRelease, pos, event.timestamp())
        dragging = self.dragging
        self._start, self._grabber, self.dragging = None, None, False
        return dragging

    def _cancel_child(self, event: QMouseEvent) -> None:
        """The press became a drag: release the child far outside itself, so it does not click."""
        child = self._grabber
        if child is None or child is self.viewport:
            return
        cancel = QMouseEvent(
            QEvent.Type.MouseButtonRelease, _far_away(), _far_away(), Qt.MouseButton.LeftButton,
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        )
        self.cancelling = True  # our own synthetic release must not end the drag
        try:
            QApplication.sendEvent(child, cancel)
        finally:
            self.cancelling = False


class Dispatcher(QObject):
    """One application event filter for every kinetic area (a child of the QApplication, not a module
    global): a press goes to the innermost kinetic area around the widget pressed, and the rest of that
    press-drag-release sequence to the same area. One Python call per event, however many areas exist."""

    NAME = "kiosk-kinetic-dispatcher"

    def __init__(self, app: QObject) -> None:
        super().__init__(app)
        self.setObjectName(self.NAME)
        self.active: DragScroll | None = None
        self._press_key: tuple[int, tuple[int, int]] | None = None

    @classmethod
    def ensure(cls) -> None:
        app = QApplication.instance()
        if app is not None and app.findChild(Dispatcher, cls.NAME) is None:
            route_app_events(cls(app), MOUSE_EVENTS, order=CONSUME)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in MOUSE_EVENTS or not isinstance(watched, QWidget):
            return False  # the same event reaches the QWindow first: only the widget delivery counts
        if self.active is not None and self.active.cancelling:
            return False  # our own release to the child a drag started on
        if kind == QEvent.Type.MouseButtonPress:
            assert isinstance(event, QMouseEvent)
            key = (event.timestamp(), event.globalPosition().toPoint().toTuple())
            if key == self._press_key:
                return False  # the same press propagating to a parent: the first delivery decided
            self._press_key = key
            self.active = owner_of(watched)
        elif kind == QEvent.Type.MouseButtonRelease:
            self._press_key = None  # the next press starts a new sequence, even at the same time stamp
        target = self.active
        if target is None:
            return False
        try:
            handled = target.eventFilter(watched, event)
        except RuntimeError:  # the area was deleted mid-gesture
            self.active = None
            return False
        if kind == QEvent.Type.MouseButtonRelease and target._start is None:
            self.active = None
        return handled


def owner_of(watched: QObject) -> DragScroll | None:
    """The :class:`DragScroll` of the innermost kinetic scroll area containing ``watched``."""
    node = watched if isinstance(watched, QWidget) else None
    while node is not None:
        parent = node.parentWidget()
        is_viewport = isinstance(parent, QAbstractScrollArea) and node is parent.viewport()
        if is_viewport and parent is not None and parent.property("kinetic"):
            found = parent.findChild(DragScroll, "", Qt.FindChildOption.FindDirectChildrenOnly)
            return found if isinstance(found, DragScroll) else None
        node = parent
    return None


def kinetic(area: QAbstractScrollArea, slop_px: int = 24) -> DragScroll:
    """Make ``area`` scroll by dragging with a finger, a mouse-emulating touch frame or a mouse."""
    area.setProperty("kinetic", True)
    existing = area.findChild(DragScroll)
    if isinstance(existing, DragScroll):
        existing.slop_px = slop_px
        return existing
    scroller = QScroller.scroller(area.viewport())
    props = scroller.scrollerProperties()
    props.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootDragResistanceFactor, 0.4)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.DecelerationFactor, 0.3)
    props.setScrollMetric(
        QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
    )
    scroller.setScrollerProperties(props)
    return DragScroll(area, slop_px)



def scroll_page(content: QWidget, name: str) -> QScrollArea:
    """``content`` in a frameless, transparent, vertically kinetic scroll area (a page that may be taller
    than the screen at large text sizes: it scrolls instead of running off the bottom)."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setStyleSheet(f"#{name}, #{name} > QWidget {{ background: transparent; }}")
    area.viewport().setAutoFillBackground(False)
    area.setWidget(content)
    kinetic(area)
    return area
