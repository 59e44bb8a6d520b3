"""The hidden entry: five taps within 3 s in the window's very top-left corner.

An application event filter that only watches: the taps still reach whatever is under them (the
corner lies outside the Back button, inside the outer margin).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

TAPS = 5
WINDOW_S = 3.0
PRESSES = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick}
"""Taps closer than the double-click interval (0.15-0.25 s) arrive as a press, then a double-click."""


class CornerTaps(QObject):
    triggered = Signal()

    def __init__(
        self,
        window: QWidget,
        corner: Callable[[], int],
        *,
        taps: int = TAPS,
        within_s: float = WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.corner = corner
        """Side of the corner square in pixels (asked at each tap: the theme can change)."""
        self.taps = taps
        self.within_s = within_s
        self.clock = clock
        self.enabled = True
        self._times: deque[float] = deque(maxlen=taps)
        self._last_event: tuple[int, float, float] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.enabled
            and event.type() in PRESSES
            and isinstance(event, QMouseEvent)
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self._press(event)
        return False

    def _press(self, event: QMouseEvent) -> None:
        gp = event.globalPosition()
        key = (event.timestamp(), gp.x(), gp.y())
        if key == self._last_event:
            return  # the same press propagating to a parent widget
        self._last_event = key
        local = self.window.mapFromGlobal(gp.toPoint())
        side = self.corner()
        if not (0 <= local.x() < side and 0 <= local.y() < side):
            self._times.clear()
            return
        now = self.clock()
        self._times.append(now)
        if len(self._times) == self.taps and now - self._times[0] <= self.within_s:
            self._times.clear()
            self.triggered.emit()
