"""Interaction analytics from the window's signals: screen views, dwell time, language, tour starts.

No personal data and no images: only routes (content ids), seconds and language codes reach the
:class:`~kiosk.analytics.EventBuffer`. The attract loop is not a view; time spent there is not dwell.
Buffered events go to the hub every ``flush_ms`` from the worker pool.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.analytics.buffer import EventBuffer, flush_to_hub
from kiosk.config import Config
from kiosk.ui.window import KioskWindow
from kiosk.ui.workers import Workers

log = logging.getLogger("kiosk.ui.analytics")

FLUSH_MS = 5 * 60_000


class AnalyticsRecorder(QObject):
    flushed = Signal(int)

    def __init__(self, window: KioskWindow, buffer: EventBuffer, *, cfg: Config | None = None,
                 workers: Workers | None = None, flush_ms: int = FLUSH_MS,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.buffer = buffer
        self.cfg = cfg
        self.workers = workers
        self.clock = clock
        self._route = str(window.current_route)
        self._since = clock()
        self._flushing = False
        window.route_changed.connect(self._route_changed)
        window.language_changed.connect(self._language_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(flush_ms)
        self.timer.timeout.connect(self.flush)

    def start(self) -> None:
        if self.cfg is not None and self.cfg.sync.hub_url and self.workers is not None:
            self.timer.start()

    def stop(self) -> None:
        """Record the last dwell and close the buffer (``KioskApp.shutdown``)."""
        self.timer.stop()
        self._close_dwell()
        self.buffer.close()

    def _close_dwell(self) -> None:
        now = self.clock()
        if self._route != "attract":
            self.buffer.record("dwell", screen=self._route, seconds=now - self._since)
        self._since = now

    def _route_changed(self, route: str) -> None:
        if route == self._route:
            return
        self._close_dwell()
        before, self._route = self._route, route
        if route == "attract":
            return
        self.buffer.record("screen_view", screen=route, lang=self.window.lang)
        tour = route.split(":")[:2]
        if tour[0] == "tour" and before.split(":")[:2] != tour:
            self.buffer.record("tour_start", screen=":".join(tour), lang=self.window.lang)

    def _language_changed(self, lang: str) -> None:
        if self.window.current_route.prefix == "attract":
            return  # the idle reset going back to the default language: not a visitor's choice
        self.buffer.record("language", screen=self._route, lang=lang)

    def flush(self) -> None:
        """Send buffered events from a worker thread (one flush at a time)."""
        if self._flushing or self.cfg is None or self.workers is None:
            return
        self._flushing = True
        cfg, buffer = self.cfg, self.buffer
        self.workers.submit(lambda: flush_to_hub(cfg, buffer), self._done, self._failed)

    def _done(self, sent: object) -> None:
        self._flushing = False
        self.flushed.emit(int(sent))  # type: ignore[call-overload]

    def _failed(self, exc: BaseException) -> None:
        self._flushing = False
        log.info("analytics not sent: %s", exc)
