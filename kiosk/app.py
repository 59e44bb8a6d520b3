"""The composition root: config -> data paths -> store -> content reader -> workers -> window.

Nothing here is global: :func:`build_app` builds every object and passes each what it needs, and
returns them in a :class:`KioskApp` so services (sync, live data, admin) can be attached later
through its hook methods. Tests build the same pieces with temp dirs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import paths
from kiosk.config import Config, parse_size
from kiosk.content.reader import ContentReader, load_pack_content
from kiosk.errors import ConfigError, KioskError, StoreError

if TYPE_CHECKING:
    from kiosk.data.cache import ObservationCache
    from kiosk.store.store import Store
    from kiosk.ui.lockdown import Lockdown
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.window import KioskWindow
    from kiosk.ui.workers import Workers
    from kiosk.voice.booth import Booth

log = logging.getLogger("kiosk.app")

EXIT_UI_FAILED = 70
"""``kiosk run`` exit code when the UI could not be built (EX_SOFTWARE): systemd restarts it."""


def _start(service: Any) -> None:
    start = getattr(service, "start", None)
    if callable(start):
        start()


def open_store_content(cfg: Config) -> tuple[Store, ContentReader]:
    """Open the store; install the bundled pack if nothing is installed yet."""
    from kiosk.runtime.startup import check_store
    from kiosk.store.store import Store

    check_store(cfg.data_paths())  # a corrupt kiosk.db is set aside; the bundled pack reinstalls
    store = Store.open(cfg.data_paths(), preferred_pack=cfg.kiosk.pack)
    reader = store.reader()
    if reader is None:
        bundled = paths.bundled_pack_dir()
        log.info("no content installed; installing the bundled pack from %s", bundled)
        from kiosk.content.sources import open_source

        store.install(open_source(bundled), activate=True)
        reader = store.reader()
    if reader is None:  # pragma: no cover - install activates
        raise StoreError(f"{cfg.data_paths().database}: no active pack after installing {bundled}")
    return store, reader


def screen_size(cfg: Config, size: str | None, windowed: bool) -> tuple[int, int]:
    """``--size`` / ``kiosk.size``, else the primary screen (kiosk) or a 1920x1080 window scaled to fit."""
    text = size or cfg.kiosk.size
    if text:
        parsed = parse_size(text)
        if parsed is None:
            raise ConfigError(f"--size {text!r}: expected WIDTHxHEIGHT, for example 1920x1080")
        return parsed
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 1920, 1080
    geo = screen.availableGeometry() if windowed else screen.geometry()
    if not windowed:
        return geo.width(), geo.height()
    scale = min(1.0, geo.width() * 0.9 / 1920, geo.height() * 0.9 / 1080)
    return round(1920 * scale), round(1080 * scale)


def screen_rect(width: int, height: int) -> Any:
    """The kiosk window's geometry: the primary screen's origin and the (maybe emulated) screen size."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    origin = screen.geometry().topLeft() if screen is not None else None
    return QRect(origin.x() if origin else 0, origin.y() if origin else 0, width, height)


def open_data_cache(cfg: Config) -> ObservationCache:
    """The live-data observation cache in the kiosk database."""
    from kiosk.data.cache import ObservationCache

    return ObservationCache(cfg.data_paths().ensure().database)


@dataclass
class KioskApp:
    """Everything :func:`build_app` made; the hooks below are where services attach."""

    cfg: Config
    window: KioskWindow
    reader: ContentReader
    workers: Workers
    lockdown: Lockdown
    store: Store | None = None
    services: list[Any] = field(default_factory=list)
    started: bool = False
    data_cache: ObservationCache | None = None
    """The live-data observation cache the data service fills."""
    exit_code: int = 0
    """Non-zero once :meth:`fail` was called."""
    booth: Booth | None = None
    """Citizen voice: this kiosk's current visit and its votes (None without a store)."""
    host: Any = None
    """On a screen turned by ``kiosk.rotation``: the top-level ``RotatedHost`` showing the window."""

    def start(self) -> None:
        """Start the attached services that have a ``start()`` (sync, live data); ``kiosk run`` calls it.

        Services attached later (after the first frame, with ``lazy_screens``) start as they attach.
        """
        self.started = True
        for service in self.services:
            _start(service)

    def content_activated(self) -> None:
        """Call (on the main thread) after the store activated a pack: swapped in at the next attract."""
        if self.store is None:
            return
        reader = self.store.reader()
        if reader is not None and reader is not self.reader:
            self.reader = reader
            self.window.content_changed(reader)

    def set_status(self, text: str | None) -> None:
        """The offline / stale badge (sync and data services)."""
        self.window.set_status_badge(text)

    def fail(self, reason: str) -> None:
        """The UI cannot show its screens: end with :data:`EXIT_UI_FAILED`, recorded as a crash.

        The watchdog stops pinging and the crash-loop guard does not mark this start clean, so
        systemd restarts the kiosk and repeated failures of a new pack roll it back.
        """
        log.critical("the kiosk cannot show its screens (%s); exiting with code %d", reason, EXIT_UI_FAILED)
        self.exit_code = EXIT_UI_FAILED
        from kiosk.health.crashloop import CrashLoopGuard
        from kiosk.ui.watchdog import Watchdog

        for service in self.services:
            if isinstance(service, Watchdog):
                service.timer.stop()
        self.services = [s for s in self.services if not isinstance(s, CrashLoopGuard)]
        from PySide6.QtWidgets import QApplication

        QApplication.exit(EXIT_UI_FAILED)

    def attach(self, service: Any) -> None:
        """Keep a service alive with the app; ``service.stop()`` is called on shutdown if it has one."""
        self.services.append(service)
        if self.started:
            _start(service)

    def shutdown(self) -> None:
        for service in reversed(self.services):
            stop = getattr(service, "stop", None)
            if callable(stop):
                stop()
        self.workers.wait(5000)
        self.workers.close()  # a job still running (a loaded machine) must not call into deleted widgets
        self.lockdown.release()
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.window.idle)
        self.window.allow_close()
        self.window.close()
        self.window.deleteLater()  # with its screens, timers and filters (tests build many kiosks)
        if self.host is not None:  # in-app rotation: the view that drew the window
            self.host.stop()
            self.host.deleteLater()
        if self.data_cache is not None:
            self.data_cache.close()
        if self.booth is not None:
            self.booth.ballot.close()
        if self.store is not None:
            self.store.close()


def build_app(
    cfg: Config,
    *,
    pack_path: Path | None = None,
    windowed: bool | None = None,
    size: str | None = None,
    animate: bool = True,
    lazy_screens: bool = False,
) -> KioskApp:
    """Build the kiosk (the QApplication must exist). ``pack_path`` shows an uninstalled pack, no store.

    With ``lazy_screens`` (what ``kiosk run`` does) the case-study, data and tour screens are built just
    after the first attract frame instead of before it: a cold start shows the attract loop sooner.
    """
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.events import CONSUME, route_app_events
    from kiosk.ui.factory import build_screens, make_theme, make_window
    from kiosk.ui.idle import ACTIVITY_EVENTS
    from kiosk.ui.lockdown import LOCKDOWN_EVENTS, Lockdown
    from kiosk.ui.workers import Workers

    windowed = cfg.kiosk.windowed if windowed is None else windowed
    store: Store | None = None
    if pack_path is not None:
        reader: ContentReader = load_pack_content(pack_path)
    else:
        from kiosk.health.crashloop import CrashLoopGuard

        store, reader = open_store_content(cfg)
        guard = CrashLoopGuard(cfg.data_paths())
        if guard.on_start(store):  # this version kept crashing the kiosk: rolled back
            reader = store.reader() or reader
    width, height = screen_size(cfg, size, windowed)
    from kiosk.ui.rotation import logical_size  # kiosk.rotation turns the picture inside the app

    rotation, physical = (0 if windowed else cfg.kiosk.rotation), (width, height)
    width, height = logical_size(width, height, rotation)
    theme = make_theme(cfg.kiosk.theme, reader, width, height)
    theme = theme.with_touch_floor(cfg.kiosk.screen_diagonal_inches)  # 9 mm targets on this screen
    workers = Workers()
    data_cache = open_data_cache(cfg) if cfg.data.enabled else None
    booth = open_booth(cfg) if store is not None else None  # a preview records no votes

    def screens_and_services() -> list[Screen]:
        built = build_screens(theme, workers, data_cache=data_cache, tz=cfg.kiosk.timezone,
                              voice=booth if cfg.voice.enabled else None)
        attach_services(kiosk)  # sync, live data and the admin panel: nothing a first frame needs
        install_admin(kiosk)
        return built

    window = make_window(theme, reader, workers=workers, data_cache=data_cache, tz=cfg.kiosk.timezone,
                         screens=screens_and_services if lazy_screens else True, kiosk_mode=not windowed,
                         animate=animate, idle_ms=cfg.kiosk.idle_seconds * 1000,
                         warning_ms=cfg.kiosk.idle_warning_seconds * 1000,
                         voice=booth if cfg.voice.enabled else None)  # screens built now get the booth too
    lockdown = Lockdown(kiosk_mode=not windowed, parent=window)
    lockdown.presenter = window  # presenter-remote keys step through a running tour
    app = QApplication.instance()
    if app is None:
        raise KioskError("build_app needs a QApplication (kiosk.ui.app_qt.create_application)")
    route_app_events(window.idle, ACTIVITY_EVENTS)  # one application filter routes input to each
    route_app_events(lockdown, LOCKDOWN_EVENTS, order=CONSUME)
    window.resize(width, height)
    if not windowed:
        window.pin_to_screen(screen_rect(width, height) if not rotation else QRect(0, 0, width, height))
    kiosk = KioskApp(cfg, window, reader, workers, lockdown, store)
    if rotation:
        from kiosk.ui.rotation import RotatedHost

        kiosk.host = RotatedHost(window, rotation, screen_rect(*physical))
    window.screens_failed.connect(kiosk.fail)  # lazy build failed after the first frame: exit, don't ping
    kiosk.data_cache = data_cache
    if cfg.remote.enabled:  # the guide's phone as tour remote (kiosk/remote/); off: not even imported
        if lazy_screens:  # its server, QR and navbar button: just after the first attract frame
            window.screens_ready.connect(lambda: attach_remote(kiosk))
        else:
            attach_remote(kiosk)
    kiosk.booth = booth
    if booth is not None and cfg.voice.enabled:  # citizen voice: the lab-wide ask on home and in attract
        from kiosk.ui.voice_ask import attach_ask

        if lazy_screens:  # with the other screens, just after the first attract frame
            window.screens_ready.connect(lambda: attach_ask(window, booth))
        else:
            attach_ask(window, booth)
    if store is not None:
        kiosk.attach(guard)  # stop() on shutdown marks a clean exit
    from kiosk.ui.watchdog import attach_health

    attach_health(kiosk)  # before the first frame: READY=1 goes out when attract has painted
    if not lazy_screens:
        attach_services(kiosk)
        install_admin(kiosk)
    return kiosk


def attach_remote(kiosk: KioskApp) -> None:
    from kiosk.ui.remote import attach_remote as attach  # its HTTP server and QR code: not before needed

    attach(kiosk)


def open_booth(cfg: Config) -> Booth:
    """The citizen-voice booth over the kiosk database, counting towards ``sync.channel``."""
    from kiosk.voice.ballot import Ballot
    from kiosk.voice.booth import Booth

    return Booth(Ballot(cfg.data_paths().ensure().database), cfg.sync.channel)


def install_admin(kiosk: KioskApp) -> None:
    from kiosk.ui.admin import install_admin as install

    install(kiosk)


def attach_services(kiosk: KioskApp) -> None:
    """Build (not start) the schedulers: sync when there is a store and a hub, live data with a cache."""
    from kiosk.ui.services import DataScheduler, SyncScheduler

    cfg = kiosk.cfg
    if kiosk.store is not None and cfg.sync.hub_url:
        scheduler = SyncScheduler(cfg, kiosk.store, kiosk.window, kiosk.workers,
                                  on_activated=kiosk.content_activated, set_status=kiosk.set_status,
                                  heartbeat_ms=cfg.sync.heartbeat_seconds * 1000, parent=kiosk.window)
        kiosk.attach(scheduler)
        from kiosk.ui.fleetctl import attach_fleet_commands

        attach_fleet_commands(kiosk, scheduler)  # hub commands in heartbeat replies
    if kiosk.booth is not None:
        attach_voice(kiosk, kiosk.booth)
    if kiosk.data_cache is not None:
        kiosk.attach(DataScheduler(kiosk.data_cache, kiosk.window, kiosk.workers, cfg.data,
                                   tz=cfg.kiosk.timezone, parent=kiosk.window))


def attach_voice(kiosk: KioskApp, booth: Booth) -> None:
    """Visits end at the idle reset and at the end of a tour; with a hub, votes are sent in the background."""
    from kiosk.sync.http import Limits
    from kiosk.sync.voice_courier import Courier
    from kiosk.ui.voice_service import VoiceService

    cfg = kiosk.cfg
    courier = None
    if cfg.sync.hub_url:
        limits = Limits(connect_timeout=cfg.sync.connect_timeout, read_timeout=cfg.sync.read_timeout,
                        deadline_seconds=float(cfg.sync.deadline_seconds),
                        min_speed_bytes=cfg.sync.min_speed_bytes)
        courier = Courier(booth.ballot, hub_url=cfg.sync.hub_url, channel=cfg.sync.channel,
                          kiosk_id=cfg.kiosk.id, token=cfg.sync.token, limits=limits,
                          keep_days=cfg.voice.keep_days)
    kiosk.attach(VoiceService(booth, kiosk.window, kiosk.workers, courier,
                              send_ms=cfg.voice.send_seconds * 1000, parent=kiosk.window))
