"""The push transition: slide + fade between two snapshots, 250 ms OutCubic; back reverses it.

The overlay paints two pixmaps taken once per navigation; the real screens stay still underneath,
so an animation never relayouts anything. If taking the snapshots is already too slow for a smooth
frame, the caller skips the animation rather than dropping frames.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPointF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import PUSH_MS

SLIDE = 0.28
"""How far (fraction of the width) the incoming screen travels."""


class TransitionOverlay(QWidget):
    finished = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._old = QPixmap()
        self._new = QPixmap()
        self._direction = 1
        self._t = 1.0
        self.background = QColor("#f6f7f5")
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._anim.valueChanged.connect(self._step)
        self._anim.finished.connect(self._done)
        self.hide()

    @property
    def running(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    def start(
        self, old: QPixmap, new: QPixmap, direction: int, *, fade_only: bool = False, duration: int = PUSH_MS
    ) -> None:
        """``direction`` 1 = deeper (enter from the right), -1 = back, 0 = cross-fade."""
        self._old, self._new = old, new
        self._direction = 0 if fade_only else direction
        self._t = 0.0
        self._anim.stop()
        self._anim.setDuration(duration)
        self.raise_()
        self.show()
        self._anim.start()

    def finish_now(self) -> None:
        if self.running:
            self._anim.stop()
            self._done()

    def _step(self, value: object) -> None:
        self._t = float(value)  # type: ignore[arg-type]
        self.update()

    def _done(self) -> None:
        self.hide()
        self._old = QPixmap()
        self._new = QPixmap()
        self.finished.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._new.isNull():
            return
        p = QPainter(self)
        w, t, d = self.width(), self._t, self._direction
        p.fillRect(self.rect(), self.background)
        if d == 0:
            p.drawPixmap(0, 0, self._old)
            p.setOpacity(t)
            p.drawPixmap(0, 0, self._new)
        else:
            # The old screen drifts a little the other way and fades; the new one slides in over it.
            p.drawPixmap(QPointF(-d * w * SLIDE * 0.35 * t, 0), self._old)
            p.setOpacity(t)
            p.drawPixmap(QPointF(d * w * SLIDE * (1 - t), 0), self._new)
        p.end()
