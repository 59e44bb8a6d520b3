"""systemd readiness and watchdog pings from the UI thread, and the memory-ceiling restart.

``READY=1`` goes out once the attract screen has painted its first frame. ``WATCHDOG=1`` comes
from a QTimer on the UI thread at half of ``WATCHDOG_USEC``: if the UI thread freezes, the pings
stop and systemd restarts the kiosk. The memory ceiling is checked when the attract loop starts
(never mid-visit); above it the application exits with ``RESTART_EXIT_CODE``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.health.memory import RESTART_EXIT_CODE, MemoryCeiling
from kiosk.health.sdnotify import Notifier
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.ui.host import KioskHost

log = logging.getLogger("kiosk.ui.watchdog")


class Watchdog(QObject):
    """Attach to the window; :meth:`start` arms the pings (``kiosk run`` calls it via ``KioskApp.start``)."""

    def __init__(self, window: KioskWindow, notifier: Notifier, *, ceiling: MemoryCeiling | None = None,
                 restart: Callable[[], None] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.notifier = notifier
        self.ceiling = ceiling
        self._restart = restart or (lambda: QApplication.exit(RESTART_EXIT_CODE))
        self.ready_sent = False
        self.pings = 0
        self.restarting = False
        self.timer = QTimer(self)
        self.timer.setInterval(max(notifier.watchdog_interval_ms, 1))
        self.timer.timeout.connect(self.ping)
        self._painted: QWidget = window.attract
        self._painted.installEventFilter(self)
        window.route_changed.connect(self._route_changed)

    def start(self) -> None:
        if self.notifier.watchdog_interval_ms > 0:
            self.timer.start()
            log.info("watchdog pings every %d ms", self.notifier.watchdog_interval_ms)

    def stop(self) -> None:
        self.timer.stop()
        if self.notifier.enabled:
            self.notifier.stopping()
        self.notifier.close()

    def ping(self) -> None:
        if self.notifier.watchdog():
            self.pings += 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._painted and event.type() == QEvent.Type.Paint and not self.ready_sent:
            self._painted.removeEventFilter(self)
            QTimer.singleShot(0, self._ready)  # after this paint event has been handled
        return False

    def _ready(self) -> None:
        if self.ready_sent:
            return
        self.ready_sent = True
        self.notifier.ready("attract loop on screen")
        log.info("first attract frame painted: READY=1")

    def _route_changed(self, route: str) -> None:
        if route != "attract" or self.ceiling is None or self.restarting:
            return
        if self.ceiling.check():
            self.restarting = True
            log.warning("restarting at the attract loop: memory %.0f MB > %s MB",
                        self.ceiling.last_rss_mb, self.ceiling.limit_mb)
            self.notifier.status(f"restarting: memory {self.ceiling.last_rss_mb:.0f} MB")
            self._restart()


def attach_health(kiosk: KioskHost) -> None:
    """Watchdog/readiness, the memory ceiling and (with a store) analytics, attached to the app."""
    from kiosk.analytics.buffer import EventBuffer
    from kiosk.ui.analytics import AnalyticsRecorder

    cfg = kiosk.cfg
    ceiling = MemoryCeiling(cfg.kiosk.memory_limit_mb) if cfg.kiosk.memory_limit_mb > 0 else None
    kiosk.attach(Watchdog(kiosk.window, Notifier(), ceiling=ceiling))
    if kiosk.store is not None:
        buffer = EventBuffer(cfg.data_paths().database)
        kiosk.attach(AnalyticsRecorder(kiosk.window, buffer, cfg=cfg, workers=kiosk.workers))
