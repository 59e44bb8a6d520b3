"""Idle reset: after ``idle_seconds`` without a touch a calm "Still there?" overlay counts down
``idle_warning_seconds``; any touch dismisses it, zero resets the kiosk for the next visitor.

:class:`IdleMonitor` is an application-wide event filter; its durations are plain milliseconds so
tests can use short ones and wait on its signals.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.strings import tr

ACTIVITY_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}
TOUR_SAFETY_MS = 30 * 60_000


class IdleMonitor(QObject):
    """Counts activity anywhere in the application; emits ``warning``, ``dismissed`` and ``expired``."""

    warning = Signal()
    dismissed = Signal()
    expired = Signal()

    def __init__(self, idle_ms: int, warning_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.warning_ms = warning_ms
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self._on_idle)
        self._countdown = QTimer(self)
        self._countdown.setSingleShot(True)
        self._countdown.timeout.connect(self._on_expired)
        self._clock = QElapsedTimer()
        self.enabled = False
        self.idle_ms = idle_ms
        self.safety_ms = TOUR_SAFETY_MS
        """While a guided tour runs the idle reset waits this long instead (a forgotten tour still ends)."""
        self.suspended = False

    @property
    def warning_active(self) -> bool:
        return self._countdown.isActive()

    def remaining_fraction(self) -> float:
        if not self.warning_active or self.warning_ms <= 0:
            return 0.0
        return max(0.0, 1.0 - self._clock.elapsed() / self.warning_ms)

    def set_enabled(self, enabled: bool) -> None:
        """Off while the attract loop shows (nothing to reset), on everywhere else."""
        self.enabled = enabled
        self._countdown.stop()
        if enabled:
            self._idle.start()
        else:
            self._idle.stop()

    def set_suspended(self, suspended: bool) -> None:
        """A guided tour runs: only the long safety timeout applies (the warning still shows before it)."""
        if suspended == self.suspended:
            return
        self.suspended = suspended
        self._idle.setInterval(self.safety_ms if suspended else self.idle_ms)
        if self.enabled:
            self._countdown.stop()
            self._idle.start()

    def activity(self) -> None:
        if not self.enabled:
            return
        if self._countdown.isActive():
            self._countdown.stop()
            self.dismissed.emit()
        self._idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS and self.enabled:
            # Qt delivers one event to every widget up the parent chain; restarting a timer is cheap.
            self.activity()
        return False

    def _on_idle(self) -> None:
        if self.warning_ms <= 0:
            self._on_expired()
            return
        self._clock.start()
        self._countdown.start(self.warning_ms)
        self.warning.emit()

    def _on_expired(self) -> None:
        self._countdown.stop()
        self.expired.emit()


class IdleOverlay(QWidget):
    """A scrim with a card: "Still there?", a countdown ring, "Touch anywhere to continue"."""

    def __init__(self, monitor: IdleMonitor, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idle-overlay")
        self.monitor = monitor
        self.theme: Theme | None = None
        self.lang = "en"
        self._tick = QTimer(self)
        self._tick.setInterval(50)
        self._tick.timeout.connect(self.update)
        self.hide()
        monitor.warning.connect(self.open)
        monitor.dismissed.connect(self.close_overlay)
        monitor.expired.connect(self.close_overlay)

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self._tick.start()

    def close_overlay(self) -> None:
        self._tick.stop()
        self.hide()

    def mousePressEvent(self, event) -> None:
        event.accept()  # the touch dismisses (via the monitor); it must not reach the screen below

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self.theme
        if t is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(8, 12, 16, 140))
        card_w = min(self.width() - 2 * t.margin, t.px(70))
        ring_d = t.px(16)
        title_font, body_font = t.font("h1"), t.font("body")
        card_h = (
            t.px(6)
            + QFontMetrics(title_font).height()
            + t.px(3)
            + ring_d
            + t.px(3)
            + QFontMetrics(body_font).height()
            + t.px(5)
        )
        card = QRectF((self.width() - card_w) / 2, (self.height() - card_h) / 2, card_w, card_h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(t.palette.surface))
        p.drawRoundedRect(card, t.radius * 2, t.radius * 2)
        y = card.top() + t.px(5)
        p.setFont(title_font)
        p.setPen(QColor(t.palette.text))
        th = QFontMetrics(title_font).height()
        p.drawText(
            QRectF(card.left(), y, card_w, th), Qt.AlignmentFlag.AlignCenter, tr("still_there", self.lang)
        )
        y += th + t.px(3)
        ring = QRectF((self.width() - ring_d) / 2, y, ring_d, ring_d)
        width = t.px(1.2)
        inner = ring.adjusted(width / 2, width / 2, -width / 2, -width / 2)
        p.setPen(QPen(QColor(t.palette.outline), width))
        p.drawEllipse(inner)
        frac = self.monitor.remaining_fraction()
        pen = QPen(QColor(t.palette.accent), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.drawArc(inner, 90 * 16, round(360 * 16 * frac))
        seconds = math.ceil(frac * self.monitor.warning_ms / 1000)
        p.setFont(t.font("h1"))
        p.setPen(QColor(t.palette.text))
        p.drawText(ring, Qt.AlignmentFlag.AlignCenter, str(seconds))
        y += ring_d + t.px(3)
        p.setFont(body_font)
        p.setPen(QColor(t.palette.muted))
        p.drawText(
            QRectF(card.left(), y, card_w, QFontMetrics(body_font).height()),
            Qt.AlignmentFlag.AlignCenter,
            tr("continue", self.lang),
        )
        p.end()
