"""The Qt-side schedulers that keep a running kiosk fresh: content sync and live data.

Both run their core work (``SyncEngine.sync_once``, heartbeats, data fetches) in the shared
:class:`~kiosk.ui.workers.Workers` pool and touch widgets only from result callbacks on the main
thread. New pack versions are staged by the engine and activated here at the next attract loop,
never while a visitor is on a page.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config import Config, DataSection
from kiosk.content.model import Dataset
from kiosk.content.reader import ContentReader
from kiosk.data import series_id
from kiosk.data.cache import ObservationCache
from kiosk.data.service import FetchReport, service_for
from kiosk.errors import KioskError
from kiosk.health.crashloop import is_quarantined
from kiosk.store.store import Store
from kiosk.sync.engine import SyncEngine, SyncResult, failure_kind, staged_to_show
from kiosk.sync.heartbeat import send_heartbeat
from kiosk.sync.state import SyncState, load_state
from kiosk.ui.live import DataPoller, LiveFigure
from kiosk.ui.window import KioskWindow
from kiosk.ui.workers import Workers

log = logging.getLogger("kiosk.ui.services")

FIRST_SYNC_MS = (2_000, 10_000)
"""The first sync runs this soon after start (jittered, so a fleet that boots together spreads out)."""
HEARTBEAT_MS = 300_000


def jittered(ms: int, spread: float = 0.1) -> int:
    return max(1, round(ms * random.uniform(1 - spread, 1 + spread)))


def status_text(state: SyncState, tz: ZoneInfo) -> str | None:
    """The calm badge for a sync that failed for a network reason: offline since when.

    None when all is well, and also for refusals and an expired channel: the hub answered, the
    content keeps showing, and only the admin panel and ``kiosk status`` tell (visitors cannot act).
    """
    if not state.last_error or state.stale or state.error_kind not in (None, "network"):
        return None
    if state.offline_since:
        try:
            since = datetime.fromisoformat(state.offline_since).astimezone(tz)
        except ValueError:
            return "Offline — showing saved content"
        return f"Offline since {since:%H:%M} — showing saved content"
    return "Offline — showing saved content"


def on_screen_packs(store: Store, shown: ContentReader | None) -> list[dict[str, Any]]:
    """Active packs as the heartbeat reports them, with the version the window really shows.

    A version activated in the store but not yet swapped in (a visitor is on a page) is not
    reported until it is on screen. Rows come from the store, whose manifests were verified at install.
    """
    db = store.db()
    shown_id = getattr(shown, "pack_id", None)
    shown_version = getattr(shown, "version", None)
    out = []
    for pack in store.active_packs():
        version = shown_version if pack.id == shown_id and shown_version is not None else pack.version
        row = db.execute("SELECT manifest_sha256 FROM packs WHERE id = ? AND version = ?",
                         [pack.id, version]).fetchone()
        out.append({"id": pack.id, "version": int(version),
                    "manifest_sha256": str(row[0]) if row else pack.manifest_sha256})
    return out


class _Row:
    """``send_heartbeat`` reads ``id``, ``version``, ``manifest_sha256`` attributes."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.id, self.version, self.manifest_sha256 = doc["id"], doc["version"], doc["manifest_sha256"]


class SyncScheduler(QObject):
    """Polls the hub every ``sync.poll_seconds`` and activates new content at the next attract loop.

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
        self.cfg, self.store, self.window, self.workers = cfg, store, window, workers
        self.on_activated, self.set_status = on_activated, set_status
        self.engine = engine or SyncEngine.from_config(cfg, store)
        self.poll_ms = poll_ms if poll_ms is not None else cfg.sync.poll_seconds * 1000
        self.first_ms = first_ms if first_ms is not None else random.randint(*FIRST_SYNC_MS)
        self.tz = ZoneInfo(cfg.kiosk.timezone)
        self.cancel = threading.Event()
        self.pending: dict[str, int] = {}
        """Pack id -> staged version waiting for the next attract loop."""
        self.running = False
        self.activating = False
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

    def start(self) -> None:
        """Pick up versions staged before a restart, then schedule the first sync and heartbeat."""
        self._stopped = False
        state = load_state(self.cfg.data_paths())
        self.pending.update(staged_to_show(self.cfg.data_paths(), self.store))  # respects rollback pins
        self.set_status(status_text(state, self.tz))
        self.timer.start(self.first_ms)
        self.heartbeat.start()
        QTimer.singleShot(min(self.first_ms, 2_000), self.send_heartbeat)
        self.activate_pending()

    def stop(self) -> None:
        self._stopped = True
        self.cancel.set()
        self.timer.stop()
        self.heartbeat.stop()

    # Sync ---------------------------------------------------------------------------------------
    def sync_now(self) -> None:
        """Run one sync in the worker pool (skipped while one is running)."""
        if self.running or self._stopped:
            return
        self.running = True
        self.workers.submit(lambda: self.engine.sync_once(self.cancel), self._synced, self._failed)

    def _synced(self, result: object) -> None:
        self.running = False
        if self._stopped:
            return
        assert isinstance(result, SyncResult)
        for update in result.updates:
            self.pending[update.id] = update.version
        self.set_status(None)
        self._schedule()
        self.activate_pending()
        self.synced.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        if self._stopped:
            return
        if not isinstance(exc, KioskError):
            log.error("sync crashed: %s", exc, exc_info=exc)
        offline = failure_kind(exc) == "network"
        self.set_status((status_text(load_state(self.cfg.data_paths()), self.tz) or
                         "Offline — showing saved content") if offline else None)
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
        if not self.pending or self.activating or self._stopped:
            return
        if self.window.current_route.prefix != "attract":
            return
        todo, self.pending = dict(self.pending), {}
        paths = self.cfg.data_paths()
        for pack_id, version in list(todo.items()):
            if is_quarantined(paths, pack_id, version):  # the crash-loop guard rolled it back
                log.warning("not activating %s version %s: it crashed the kiosk before", pack_id, version)
                del todo[pack_id]
        if not todo:
            return
        self.activating = True
        self.workers.submit(lambda: self._activate(todo), self._activated, self._activate_failed)

    def _activate(self, todo: dict[str, int]) -> list[tuple[str, int]]:
        done = []
        for pack_id, version in todo.items():
            self.store.activate(pack_id, version)
            done.append((pack_id, version))
        return done

    def _activated(self, done: object) -> None:
        self.activating = False
        if self._stopped:
            return
        log.info("activated %s", ", ".join(f"{p} version {v}" for p, v in done))  # type: ignore[attr-defined]
        self.on_activated()  # the window swaps now on attract, else at the next attract
        self.activated.emit(list(done))  # type: ignore[call-overload]
        self.send_heartbeat()  # the fleet page learns of the new content now, not in five minutes
        self.activate_pending()

    def _activate_failed(self, exc: BaseException) -> None:
        self.activating = False
        log.error("could not activate the new content (keeping the current one): %s", exc)

    # Heartbeat ----------------------------------------------------------------------------------
    def send_heartbeat(self) -> None:
        if self._stopped:
            return
        shown, route = self.window.reader, str(self.window.current_route)
        cfg, store, on_reply = self.cfg, self.store, self.on_reply

        def job() -> bool:  # the payload re-verifies each pack's manifest and media from the store
            return send_heartbeat(cfg, [_Row(d) for d in on_screen_packs(store, shown)], route=route,
                                  on_reply=on_reply)

        self.workers.submit(job, lambda ok: self.heartbeat_sent.emit(bool(ok)),
                            lambda exc: log.info("heartbeat not sent: %s", exc))


def live_dataset(reader: ContentReader, with_data: Collection[str] = ()) -> Dataset | None:
    """The dataset for the live figure: one the featured case studies use, else the pack's first.

    Datasets in ``with_data`` (those the cache holds points for) come first, so an offline kiosk shows
    the figure it can show (sample data says so) rather than nothing.
    """
    candidates: list[Dataset] = []
    for cs in reader.featured():
        for dataset_id in cs.main.datasets:
            found = reader.dataset(dataset_id)
            if found is not None and found not in candidates:
                candidates.append(found)
    candidates += [ds for ds in reader.datasets() if ds not in candidates]
    return next((ds for ds in candidates if ds.id in with_data), candidates[0] if candidates else None)


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
            return {ds.id for ds in reader.datasets()
                    if cache.latest(series_id(reader.meta.id, ds.id)) is not None}

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
