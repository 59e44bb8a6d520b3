"""In-app screen rotation: ``kiosk.rotation`` turns the picture when the display stack cannot.

``xrandr --rotate`` needs a driver with RandR rotation, and a bare X server, Xvfb or a plain
framebuffer have none. Here the kiosk window is laid out for the rotated (logical) screen, e.g.
1080x1920 on a 1920x1080 framebuffer, and shown through :class:`RotatedHost`, a full-screen
``QGraphicsView`` that draws it turned by 90, 180 or 270 degrees clockwise. Taps go the other way:
the view maps each physical position through the same transform, so a tap lands on the control drawn
under the finger.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

from kiosk.ui.screenlock import ScreenKeeper

ANGLES = (0, 90, 180, 270)


def logical_size(width: int, height: int, degrees: int) -> tuple[int, int]:
    """The size the kiosk lays out for on a ``width`` x ``height`` screen turned by ``degrees``."""
    return (height, width) if degrees % 180 == 90 else (width, height)


def offset(width: int, height: int, degrees: int) -> QPointF:
    """Where the rotated window's origin sits on a ``width`` x ``height`` screen (clockwise turn)."""
    return {
        90: QPointF(width, 0),
        180: QPointF(width, height),
        270: QPointF(0, height),
    }.get(degrees % 360, QPointF(0, 0))


class RotatedHost(QGraphicsView):
    """The top-level window on a rotated screen: it holds ``window`` turned by ``degrees``.

    The host keeps the physical screen's geometry (its own :class:`ScreenKeeper`); the kiosk window
    keeps the logical one (pinned by the caller, at the origin).
    """

    def __init__(self, window: QWidget, degrees: int, screen: QRect) -> None:
        super().__init__()
        if degrees not in ANGLES:
            raise ValueError(f"kiosk.rotation: {degrees} must be one of {', '.join(map(str, ANGLES))}")
        self.degrees = degrees
        self.setWindowTitle(window.windowTitle())
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setBackgroundBrush(QColor("#000000"))
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        scene = QGraphicsScene(self)
        scene.setSceneRect(QRectF(0, 0, screen.width(), screen.height()))
        self.proxy = scene.addWidget(window)
        self.proxy.setRotation(degrees)
        self.proxy.setPos(offset(screen.width(), screen.height(), degrees))
        self.setScene(scene)
        self.keeper = ScreenKeeper(self, screen)
        self.setGeometry(screen)

    def stop(self) -> None:
        self.keeper.stop()
