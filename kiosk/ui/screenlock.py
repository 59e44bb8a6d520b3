"""The window is the screen: in kiosk mode the top-level keeps exactly the screen's geometry.

Without a window manager (``packaging/kiosk-xinitrc``) nothing else enforces it: ``_NET_WM_STATE``
hints are ignored, another client may resize, move or cover the window, and a layout whose minimum
size exceeds the window would grow it off the screen. :class:`ScreenKeeper` fixes the window's size
(so no layout can ask for more), puts the geometry back after any external change, and raises the
window when another client has covered it — each within :data:`CHECK_MS`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger("kiosk.ui.screenlock")

CHECK_MS = 250
"""How often the geometry and stacking are checked (an external change is undone within a second)."""
NO_STACKING = {"offscreen", "minimal"}
EVENTS = {QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.WindowStateChange}


class ScreenKeeper(QObject):
    """Pins ``window`` to ``target`` (the screen's geometry, or an emulated ``--size`` at its origin)."""

    def __init__(self, window: QWidget, target: QRect, *, check_ms: int = CHECK_MS) -> None:
        super().__init__(window)
        self.window = window
        self.target = QRect(target)
        self.restored = 0
        """How many times an external change was undone (the log says when)."""
        window.setFixedSize(target.size())
        window.setMinimumSize(target.size())
        window.installEventFilter(self)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.check)
        self._poll = QTimer(self)
        self._poll.setInterval(check_ms)
        self._poll.timeout.connect(self.check)
        self._poll.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in EVENTS:
            self._soon.start()
        return False

    def in_place(self) -> bool:
        w = self.window
        handle = w.windowHandle()
        geo = handle.geometry() if handle is not None else w.geometry()
        return geo == self.target and w.size() == self.target.size()

    def check(self) -> None:
        """Put the window back where it belongs, and on top of any other client's window."""
        w = self.window
        if not w.isVisible():
            return  # not shown yet (or being shut down): nothing to keep
        if not self.in_place():
            self.restored += 1
            log.warning(
                "window at %s, not the screen %s: restoring", w.geometry().getRect(), self.target.getRect()
            )
            w.setFixedSize(self.target.size())
            w.setGeometry(self.target)
            handle = w.windowHandle()
            if handle is not None:
                handle.setGeometry(self.target)
        if self._own_popup_open() or QGuiApplication.platformName() in NO_STACKING:
            return  # our own popup windows stay above the kiosk; offscreen has no stacking
        w.raise_()  # no window manager: another client's window may have been mapped over ours

    def _own_popup_open(self) -> bool:
        return any(
            t is not self.window and t.isVisible() and t.isWindow()
            and t.graphicsProxyWidget() is None  # a window drawn inside ours (in-app rotation) is no popup
            for t in QApplication.topLevelWidgets()
        )

    def stop(self) -> None:
        self._poll.stop()
        self._soon.stop()
        self.window.removeEventFilter(self)
