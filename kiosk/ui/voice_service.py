"""The Qt side of citizen voice: visits end at the idle reset and at the end of a tour; votes are sent
from the worker pool.

The policy lives in :mod:`kiosk.voice` (no Qt): :class:`~kiosk.voice.booth.Booth` holds the visit,
:class:`~kiosk.sync.voice_courier.Courier` sends and fetches. This object only listens to the window and
runs ``Courier.run_once`` off the UI thread every ``voice.send_seconds`` and soon after a visit with
votes ended. When a run brings a new aggregate from the hub, every poll whose shares are showing
(a case study's, the lab-wide question on home) updates its bars and total in place.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.sync.voice_courier import Courier, Report
from kiosk.ui.widgets.voice import VoicePanel
from kiosk.ui.window import KioskWindow
from kiosk.ui.workers import Workers
from kiosk.voice.booth import Booth

log = logging.getLogger("kiosk.ui.voice")

SOON_MS = 3_000
"""A visit with votes ended: send this soon (the next visitor may already be touching the screen)."""


class VoiceService(QObject):
    """Ends visits for the :class:`Booth`; with a :class:`Courier`, sends votes in the background.

    Signals: :attr:`visit_ended` (votes made final), :attr:`sent` (a :class:`Report`).
    """

    visit_ended = Signal(int)
    sent = Signal(object)

    def __init__(self, booth: Booth, window: KioskWindow, workers: Workers, courier: Courier | None = None,
                 *, send_ms: int = 120_000, soon_ms: int = SOON_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.booth, self.window, self.workers, self.courier = booth, window, workers, courier
        self.soon_ms = soon_ms
        self.cancel = threading.Event()
        self.running = False
        self._again = False
        self._stopped = True
        self._tour = window.tour_active
        self.timer = QTimer(self)
        self.timer.setInterval(send_ms)
        self.timer.timeout.connect(self.send_now)
        window.route_changed.connect(self._route_changed)

    def start(self) -> None:
        self._stopped = False
        if self.courier is not None:
            self.timer.start()
            QTimer.singleShot(self.soon_ms, self.send_now)  # votes of the last run, kept in SQLite

    def stop(self) -> None:
        self._stopped = True
        self.cancel.set()
        self.timer.stop()

    def _route_changed(self, route: str) -> None:
        tour_ended = self._tour and not self.window.tour_active
        self._tour = self.window.tour_active
        if route == "attract" or tour_ended:
            self.end_visit()

    def end_visit(self) -> None:
        """The visitor has gone (idle reset, a tour ended): a new visit begins, this one's votes go."""
        try:
            ended = self.booth.end_visit()
        except Exception:  # the database went away: the next visitor still gets a fresh visit
            log.error("could not close the visit's votes", exc_info=True)
            return
        self.visit_ended.emit(ended)
        if ended and self.courier is not None and not self._stopped:
            QTimer.singleShot(self.soon_ms, self.send_now)

    def send_now(self) -> None:
        """One send + fetch + prune in the worker pool (a second call while one runs queues one more)."""
        if self.courier is None or self._stopped:
            return
        if self.running:
            self._again = True
            return
        self.running = True
        courier, cancel = self.courier, self.cancel
        self.workers.submit(lambda: courier.run_once(cancel), self._done, self._failed)

    def _done(self, report: object) -> None:
        self.running = False
        assert isinstance(report, Report)
        if report.sent or report.pruned:
            log.info("votes: %d sent, %d pruned%s", report.sent, report.pruned,
                     f", refused by the hub: {report.refused}" if report.refused else "")
        if report.fetched:  # the lab's new counts: shares on screen follow, in place
            for panel in self.window.findChildren(VoicePanel):
                panel.update_tally()
        self.sent.emit(report)
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        log.error("sending votes crashed: %s", exc, exc_info=exc)
        self._next()

    def _next(self) -> None:
        if self._again and not self._stopped:
            self._again = False
            self.send_now()
