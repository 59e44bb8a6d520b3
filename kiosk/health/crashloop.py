"""The crash-loop guard: a newly activated pack followed by repeated crashes is rolled back.

Every start of the kiosk appends ``{ts, pid, pack, version, clean: false}`` to ``crashloop.json``
in the data directory; a clean exit flips its own entry to ``clean: true``. A start that never
became clean is a crash (SIGKILL, segfault, ``os._exit``, the watchdog). When the shown version
was activated recently and :data:`CRASHES` unclean starts of it fall within :data:`WINDOW_S`, the
next start rolls back to the previous version, quarantines the bad one (the sync side should not
re-activate it; see :func:`is_quarantined`) and records the event for ``kiosk status`` and the
heartbeat.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from kiosk.errors import StoreError
from kiosk.health import state
from kiosk.paths import DataPaths

log = logging.getLogger("kiosk.health.crashloop")

FILE_NAME = "crashloop.json"
CRASHES = 3
WINDOW_S = 600.0
FRESH_S = 3600.0
"""A version counts as newly activated for this long: an old version that crashes is not the pack's fault."""
MAX_STARTS = 50


class _Store(Protocol):
    paths: DataPaths

    def active_packs(self) -> list[Any]: ...

    def default_pack_id(self) -> str | None: ...

    def rollback(self, pack_id: str) -> tuple[int, int]: ...


@dataclass(frozen=True)
class Rollback:
    pack_id: str
    from_version: int
    to_version: int
    crashes: int


class CrashLoopGuard:
    def __init__(self, paths: DataPaths, *, crashes: int = CRASHES, window_s: float = WINDOW_S,
                 fresh_s: float = FRESH_S) -> None:
        self.paths = paths
        self.file: Path = paths.root / FILE_NAME
        self.crashes = crashes
        self.window_s = window_s
        self.fresh_s = fresh_s
        self.pid = os.getpid()
        self.started_at: float | None = None

    # -- the file ------------------------------------------------------------------------------
    def _load(self) -> list[dict[str, Any]]:
        try:
            doc = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        starts = doc.get("starts") if isinstance(doc, dict) else None
        return [s for s in starts if isinstance(s, dict)] if isinstance(starts, list) else []

    def _save(self, starts: list[dict[str, Any]]) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(f"{self.file.name}.{self.pid}.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump({"starts": starts[-MAX_STARTS:]}, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())  # a crash right after must still find this start
        tmp.replace(self.file)

    # -- the guard -----------------------------------------------------------------------------
    def on_start(self, store: _Store, *, now: float | None = None) -> Rollback | None:
        """Record this start; roll back first if the shown version is crash-looping."""
        t = time.time() if now is None else now
        starts = self._load()
        rolled = self._check(store, starts, t)
        pack_id = store.default_pack_id()
        version = next((int(p.version) for p in store.active_packs() if p.id == pack_id), None)
        starts.append({"ts": t, "pid": self.pid, "pack": pack_id, "version": version, "clean": False})
        self._save(starts)
        self.started_at = t
        return rolled

    def _check(self, store: _Store, starts: list[dict[str, Any]], t: float) -> Rollback | None:
        for pack in store.active_packs():
            activated = _epoch(pack.activated_at)
            if activated is None or t - activated > self.fresh_s:
                continue
            crashed = [s for s in starts if s.get("pack") == pack.id and s.get("version") == pack.version
                       and s.get("clean") is False and float(s.get("ts", 0)) >= activated - 1
                       and t - float(s.get("ts", 0)) <= self.window_s]
            if len(crashed) < self.crashes:
                continue
            try:
                old, new = store.rollback(pack.id)
            except StoreError as exc:
                log.error("pack %s version %s crashed the kiosk %d times in %d s but cannot be rolled "
                          "back: %s", pack.id, pack.version, len(crashed), self.window_s, exc)
                state.record_event(self.paths, "crash_loop",
                                   f"{pack.id} v{pack.version}: {len(crashed)} crashes, no rollback: {exc}")
                continue
            for s in crashed:
                s["clean"] = None  # counted once: these crashes led to this rollback
            message = (f"{pack.id} v{old} crashed the kiosk {len(crashed)} times within "
                       f"{self.window_s:.0f} s of its activation; rolled back to v{new}")
            log.error("%s", message)
            state.record_event(self.paths, "crash_loop", message, now=t)
            quarantine(self.paths, pack.id, old)
            return Rollback(pack.id, old, new, len(crashed))
        return None

    def stop(self) -> None:
        """``KioskApp.shutdown`` calls this: the kiosk is exiting normally."""
        self.on_clean_exit()

    def on_clean_exit(self) -> None:
        """Mark this process's start as a clean exit (call on a normal quit or a planned restart)."""
        starts = self._load()
        for s in reversed(starts):
            if s.get("pid") == self.pid and s.get("ts") == self.started_at:
                s["clean"] = True
                break
        self._save(starts)


def quarantine(paths: DataPaths, pack_id: str, version: int) -> None:
    doc = state.load(paths)
    bad = [q for q in doc.get("quarantined", []) if isinstance(q, dict)]
    if {"pack": pack_id, "version": version} not in bad:
        bad.append({"pack": pack_id, "version": version})
    doc["quarantined"] = bad[-20:]
    state.save(paths, doc)


def is_quarantined(paths: DataPaths, pack_id: str, version: int) -> bool:
    """True for a version the guard rolled back: do not activate it again automatically."""
    return {"pack": pack_id, "version": version} in state.load(paths).get("quarantined", [])


def _epoch(iso: str | None) -> float | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return None
