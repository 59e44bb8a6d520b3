"""The sync cycle without Qt: sync -> stage -> activate at attract -> heartbeat what is on screen.

:class:`SyncRuntime` holds the policy and runs nothing by itself. Its ``*_job`` methods are the
callables to run off the main thread (a Qt adapter hands them to ``Workers``); the other methods are
called on the main thread with the outcome and return what to do next (badge text, what to activate).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.config import Config
from kiosk.content.reader import ContentReader
from kiosk.errors import KioskError
from kiosk.health.crashloop import is_quarantined
from kiosk.runtime.status import failure_badge, status_text
from kiosk.runtime.swap import ContentSwap
from kiosk.store.store import Store
from kiosk.sync.engine import SyncEngine, SyncResult
from kiosk.sync.heartbeat import send_heartbeat
from kiosk.sync.state import load_state, staged_to_show

log = logging.getLogger("kiosk.runtime.sync")


@dataclass(frozen=True)
class PackFacts:
    """One pack as a heartbeat reports it: what the window shows, with its verified manifest."""

    id: str
    version: int
    manifest_sha256: str


def on_screen_packs(store: Store, shown: ContentReader | None) -> list[PackFacts]:
    """Active packs as the heartbeat reports them, with the version the window really shows.

    A version activated in the store but not yet swapped in (a visitor is on a page) is not
    reported until it is on screen. Rows come from the store, whose manifests were verified at install.
    """
    shown_id = getattr(shown, "pack_id", None)  # a PackContent (preview) has no store version
    shown_version = getattr(shown, "version", None)
    out = []
    for pack in store.active_packs():
        version = shown_version if pack.id == shown_id and shown_version is not None else pack.version
        manifest = store.manifest_of(pack.id, int(version))
        out.append(PackFacts(pack.id, int(version), manifest or pack.manifest_sha256))
    return out


class SyncRuntime:
    """The kiosk's content life: one sync at a time, new versions shown only from an attract loop."""

    def __init__(self, cfg: Config, store: Store, swap: ContentSwap[ContentReader] | None = None, *,
                 engine: SyncEngine | None = None) -> None:
        self.cfg, self.store = cfg, store
        self.swap: ContentSwap[ContentReader] = swap if swap is not None else ContentSwap()
        self.engine = engine or SyncEngine.from_config(cfg, store)
        self.tz = ZoneInfo(cfg.kiosk.timezone)
        self.cancel = threading.Event()
        self.running = False

    # Start and stop -------------------------------------------------------------------------------
    def start(self) -> str | None:
        """Pick up versions staged before a restart (rollback pins respected); returns the badge text."""
        self.cancel.clear()
        paths = self.cfg.data_paths()
        self.swap.stage(staged_to_show(paths, self.store))
        return status_text(load_state(paths), self.tz)

    def stop(self) -> None:
        self.cancel.set()

    # The sync cycle -------------------------------------------------------------------------------
    def begin_sync(self) -> Callable[[], SyncResult] | None:
        """The job for one sync, or None while one is running or after stop."""
        if self.running or self.cancel.is_set():
            return None
        self.running = True
        return lambda: self.engine.sync_once(self.cancel)

    def synced(self, result: SyncResult) -> str | None:
        """A sync succeeded: its new versions wait for attract. Returns the badge (none)."""
        self.running = False
        self.swap.stage({u.id: u.version for u in result.updates})
        return None

    def failed(self, exc: BaseException) -> str | None:
        """A sync failed; the content stays. Returns the badge: offline for network failures, else none."""
        self.running = False
        if not isinstance(exc, KioskError):
            log.error("sync crashed: %s", exc, exc_info=exc)
        return failure_badge(exc, load_state(self.cfg.data_paths()), self.tz)

    # Activation -----------------------------------------------------------------------------------
    def due(self, on_attract: bool) -> dict[str, int]:
        """The staged versions to activate now (only on attract; quarantined versions dropped)."""
        if self.cancel.is_set():
            return {}
        return self.swap.due(on_attract, self._quarantined)

    def _quarantined(self, pack_id: str, version: int) -> bool:
        if is_quarantined(self.cfg.data_paths(), pack_id, version):  # the crash-loop guard rolled it back
            log.warning("not activating %s version %s: it crashed the kiosk before", pack_id, version)
            return True
        return False

    def activate_job(self, todo: dict[str, int]) -> Callable[[], list[tuple[str, int]]]:
        """The job that switches the store to ``todo`` (a write: run it in a worker)."""
        def activate() -> list[tuple[str, int]]:
            done = []
            for pack_id, version in todo.items():
                self.store.activate(pack_id, version)
                done.append((pack_id, version))
            return done
        return activate

    def activated(self, done: list[tuple[str, int]]) -> None:
        self.swap.finished()
        log.info("activated %s", ", ".join(f"{p} version {v}" for p, v in done))

    def activate_failed(self, exc: BaseException) -> None:
        self.swap.finished()
        log.error("could not activate the new content (keeping the current one): %s", exc)

    # Heartbeat ------------------------------------------------------------------------------------
    def heartbeat_job(self, shown: ContentReader | None, route: str,
                      on_reply: Callable[[dict[str, Any]], None] | None = None) -> Callable[[], bool]:
        """The job that posts what the window shows (it re-verifies each pack from the store);
        ``on_reply`` gets the hub's answer in the worker thread (fleet commands)."""
        cfg, store = self.cfg, self.store
        return lambda: send_heartbeat(cfg, on_screen_packs(store, shown), route=route, on_reply=on_reply)
