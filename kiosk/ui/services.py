"""Qt adapters over :mod:`kiosk.runtime`: timers, signals and workers for content sync and live data.

The policy (what to sync, stage and activate when, the badge text, quarantine, which dataset the live
figure shows) lives in the Qt-free :mod:`kiosk.runtime`. These classes run its jobs in the shared
:class:`~kiosk.ui.workers.Workers` pool and touch widgets only from result callbacks on the main thread.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config import Config, DataSection
from kiosk.data.cache import ObservationCache
from kiosk.data.service import FetchReport, service_for
from kiosk.runtime.live import datasets_with_points, live_dataset
from kiosk.runtime.sync import SyncRuntime
from kiosk.store.store import Store
from kiosk.sync.engine import SyncEngine, SyncResult
from kiosk.ui.live import DataPoller, LiveFigure
from kiosk.ui.window import KioskWindow
from kiosk.ui.workers import Workers

__all__ = ["DataScheduler", "SyncScheduler"]

log = logging.getLogger("kiosk.ui.services")

FIRST_SYNC_MS = (2_000, 10_000)
"""The first sync runs this soon after start (jittered, so a fleet that boots together spreads out)."""
HEARTBEAT_MS = 300_000


def jittered(ms: int, spread: float = 0.1) -> int:
    return max(1, round(ms * random.uniform(1 - spread, 1 + spread)))


class SyncScheduler(QObject):
    """Qt adapter of :class:`~kiosk.runtime.sync.SyncRuntime`: its timers, signals and workers.

    Polls the hub every ``sync.poll_seconds``; the runtime decides what is activated and when (only
    at an attract loop, through the window's :class:`~kiosk.runtime.swap.ContentSwap`).
    Signals: :attr:`synced` (a ``SyncResult``), :attr:`failed` (the exception), :attr:`activated`
    (``[(pack id, version)]`` after the store switched), :attr:`heartbeat_sent` (bool).
    """

    synced = Signal(object)
    failed = Signal(object)
    activated = Signal(list)
    heartbeat_sent = Signal(bool)

    def __init__(self, cfg: Config, store: Store, window: KioskWindow, workers: Workers, *,
                 on_activated: Callable[[], None], set_status: Callable[[str | None], None],
                 engine: SyncEngine | None = None, poll_ms: int | None = None,
                 first_ms: int | None = None, heartbeat_ms: int = HEARTBEAT_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window, self.workers = window, workers
        self.runtime = SyncRuntime(cfg, store, window.swap, engine=engine)
        self.on_activated, self.set_status = on_activated, set_status
        self.poll_ms = poll_ms if poll_ms is not None else cfg.sync.poll_seconds * 1000
        self.first_ms = first_ms if first_ms is not None else random.randint(*FIRST_SYNC_MS)
        self._stopped = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_now)
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(heartbeat_ms)
        self.heartbeat.timeout.connect(self.send_heartbeat)
        window.route_changed.connect(self._route_changed)
        self.on_reply: Callable[[dict[str, Any]], None] | None = None
        """Hook (kiosk.ui.fleetctl): gets each heartbeat reply in the worker thread."""

    @property
    def engine(self) -> SyncEngine:
        return self.runtime.engine

    @engine.setter
    def engine(self, engine: SyncEngine) -> None:  # tests use short timeouts
        self.runtime.engine = engine

    @property
    def store(self) -> Store:
        return self.runtime.store

    @property
    def pending(self) -> dict[str, int]:
        """Pack id -> staged version waiting for the next attract loop (the runtime's one swap)."""
        return self.runtime.swap.staged

    @property
    def activating(self) -> bool:
        return self.runtime.swap.activating

    @property
    def running(self) -> bool:
        return self.runtime.running

    def start(self) -> None:
        """Pick up versions staged before a restart, then schedule the first sync and heartbeat."""
        self._stopped = False
        self.set_status(self.runtime.start())
        self.timer.start(self.first_ms)
        self.heartbeat.start()
        QTimer.singleShot(min(self.first_ms, 2_000), self.send_heartbeat)
        self.activate_pending()

    def stop(self) -> None:
        self._stopped = True
        self.runtime.stop()
        self.timer.stop()
        self.heartbeat.stop()

    # Sync ---------------------------------------------------------------------------------------
    def sync_now(self) -> None:
        """Run one sync in the worker pool (skipped while one is running)."""
        job = None if self._stopped else self.runtime.begin_sync()
        if job is not None:
            self.workers.submit(job, self._synced, self._failed)

    def _synced(self, result: object) -> None:
        if self._stopped:
            return
        assert isinstance(result, SyncResult)
        self.set_status(self.runtime.synced(result))
        self._schedule()
        self.activate_pending()
        self.synced.emit(result)

    def _failed(self, exc: BaseException) -> None:
        if self._stopped:
            return
        self.set_status(self.runtime.failed(exc))
        self._schedule()
        self.failed.emit(exc)

    def _schedule(self) -> None:
        self.timer.start(jittered(self.poll_ms))

    # Activation ---------------------------------------------------------------------------------
    def _route_changed(self, route: str) -> None:
        if route == "attract":
            self.activate_pending()

    def activate_pending(self) -> None:
        """Switch the store to the staged versions, but only while the attract loop is up (else no-op)."""
        if self._stopped:
            return
        todo = self.runtime.due(self.window.current_route.prefix == "attract")
        if todo:
            self.workers.submit(self.runtime.activate_job(todo), self._activated, self._activate_failed)

    def _activated(self, done: object) -> None:
        if self._stopped:
            self.runtime.swap.finished()
            return
        assert isinstance(done, list)
        self.runtime.activated(done)
        self.on_activated()  # the window swaps now on attract, else at the next attract
        self.activated.emit(done)
        self.send_heartbeat()  # the fleet page learns of the new content now, not in five minutes
        self.activate_pending()

    def _activate_failed(self, exc: BaseException) -> None:
        self.runtime.activate_failed(exc)

    # Heartbeat ----------------------------------------------------------------------------------
    def send_heartbeat(self) -> None:
        if self._stopped:
            return
        job = self.runtime.heartbeat_job(self.window.reader, str(self.window.current_route), self.on_reply)
        self.workers.submit(job, lambda ok: self.heartbeat_sent.emit(bool(ok)),
                            lambda exc: log.info("heartbeat not sent: %s", exc))


class DataScheduler(QObject):
    """Fetches the shown pack's datasets on their schedules and feeds the live key figure.

    Follows the window's content: when the window swaps to a new pack (at an attract loop), the
    poller and the figure switch to its datasets.
    """

    def __init__(self, cache: ObservationCache, window: KioskWindow, workers: Workers,
                 config: DataSection | None = None, *, tz: str = "Europe/Copenhagen",
                 tick_ms: int = 15_000, figure_ms: int = 30_000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache, self.window, self.workers, self.config = cache, window, workers, config
        self.reader = window.reader
        self.tz = tz
        self.poller = DataPoller(service_for(cache, self.reader, config, tz), workers, self, tick_ms=tick_ms)
        self.figure = LiveFigure(cache, workers, self, tz=tz, refresh_ms=figure_ms)
        self._with_data: set[str] = set()
        self.poller.fetched.connect(self._fetched)
        self.figure.changed.connect(self._show_figure)
        window.route_changed.connect(lambda _route: self.follow())

    def start(self) -> None:
        self._bind_figure()
        self.poller.start()

    def _bind_figure(self) -> None:
        """Bind the live figure, preferring a dataset the cache has points for (looked up in a worker)."""
        reader, cache = self.reader, self.cache

        def with_data() -> set[str]:
            return datasets_with_points(reader, cache)

        def bind(found: object) -> None:
            if reader is self.reader and isinstance(found, set):
                self._with_data |= found  # fetches may have reported points meanwhile: keep them
                best = live_dataset(reader, self._with_data)
                self.figure.bind(reader.meta.id, best, reader.meta.default_language)

        self.workers.submit(with_data, bind)

    def stop(self) -> None:
        self.poller.stop()
        self.figure.timer.stop()

    def follow(self) -> None:
        """Switch to the window's content if it changed."""
        if self.window.reader is self.reader:
            return
        self.reader = self.window.reader
        self._with_data = set()
        self.poller.set_service(service_for(self.cache, self.reader, self.config, self.tz))
        if self.poller.timer.isActive():
            self._bind_figure()
            self.poller.poll()

    def _fetched(self, report: object) -> None:
        if not isinstance(report, FetchReport) or not report.ok:
            return
        ds = self.figure.dataset
        if report.points and report.dataset not in self._with_data:
            self._with_data.add(report.dataset)
            best = live_dataset(self.reader, self._with_data)
            if best is not None and best != ds:  # a better-placed dataset has points now
                self.figure.bind(self.reader.meta.id, best, self.reader.meta.default_language)
                return
        if ds is not None and report.dataset == ds.id:
            self.figure.refresh()

    def _show_figure(self, text: str) -> None:
        figure = getattr(self, "figure", None)
        parts = figure.parts() if figure is not None and text else None
        self.window.home.set_live_figure(text, parts)
        attract_slot = getattr(self.window.attract, "set_live_figure", None)
        if callable(attract_slot):
            attract_slot(text, live=figure is None or figure.live, parts=parts)
