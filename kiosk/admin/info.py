"""What the admin panel shows, gathered without Qt: identity, packs, sync, disk, uptime, memory, errors."""

from __future__ import annotations

import collections
import logging
import os
import resource
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk import __version__
from kiosk.config import Config
from kiosk.data.states import source_states

PROCESS_STARTED = time.monotonic()
"""Process start, near enough: when this module was first imported (at start-up, by the app)."""


class ErrorLog(logging.Handler):
    """Keeps the last ``capacity`` warnings and errors in memory for the panel (bounded, thread-safe)."""

    def __init__(self, capacity: int = 50, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.records: collections.deque[str] = collections.deque(maxlen=capacity)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record).splitlines()[0]
        except Exception:  # a logging handler must never raise
            text = f"{record.levelname} {record.name}: (unformattable message)"
        self.records.append(text)

    def recent(self, count: int = 8) -> list[str]:
        """Newest first."""
        self.acquire()  # emit() runs under the same lock, from any thread
        try:
            return list(reversed(self.records))[:count]
        finally:
            self.release()

    def install(self, logger: logging.Logger | None = None) -> ErrorLog:
        (logger or logging.getLogger()).addHandler(self)
        return self

    def uninstall(self, logger: logging.Logger | None = None) -> None:
        (logger or logging.getLogger()).removeHandler(self)


@dataclass(frozen=True)
class PackLine:
    id: str
    version: int
    sha_short: str
    activated_at: str


@dataclass(frozen=True)
class AdminInfo:
    kiosk_id: str
    version: str
    packs: list[PackLine]
    sync_state: str
    """never / ok / error / stale / disk full, as in ``kiosk status``."""
    last_sync: str | None
    last_error: str | None
    offline_since: str | None
    disk_free: int
    disk_total: int
    data_dir: str
    uptime_s: float
    rss_bytes: int
    errors: list[str] = field(default_factory=list)
    sync_configured: bool = False
    clock_skew_seconds: float | None = None
    """The kiosk's clock minus the hub's at the last sync, when off by more than 10 minutes."""
    sources: int = 0
    """Live data series the kiosk fetches (from the data cache's state table)."""
    sources_failing: int = 0
    sources_offline_since: float | None = None
    """Unix time the longest-failing source started failing."""
    timezone: str = ""
    """``kiosk.timezone``: the admin panel shows times as the visitor screens do."""
    staff_message: tuple[str, str] | None = None
    """The newest message from the hub's /fleet page to staff: (text, received at)."""


def rss_bytes() -> int:
    """Resident memory now (Linux /proc), else the peak from getrusage."""
    try:
        with Path("/proc/self/statm").open(encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def gather(cfg: Config, store: Any = None, errors: ErrorLog | None = None) -> AdminInfo:
    """Everything the panel shows; ``store`` is a :class:`kiosk.store.Store` or None (preview)."""
    from kiosk.fleetctl.inbox import latest_staff_message
    from kiosk.sync.state import load_state

    paths = cfg.data_paths()
    packs = [
        PackLine(p.id, p.version, p.manifest_sha256[:12], p.activated_at[:19].replace("T", " "))
        for p in (store.active_packs() if store is not None else [])
    ]
    state = load_state(paths)
    status = state.as_status()["state"]
    try:
        usage = shutil.disk_usage(paths.root if paths.root.exists() else paths.root.anchor or "/")
        free, total = usage.free, usage.total
    except OSError:
        free = total = 0
    return AdminInfo(
        kiosk_id=cfg.kiosk.id,
        version=__version__,
        packs=packs,
        sync_state=status,
        last_sync=state.last_success or state.last_attempt,
        last_error=state.last_error,
        offline_since=state.offline_since,
        disk_free=free,
        disk_total=total,
        data_dir=str(paths.root),
        uptime_s=time.monotonic() - PROCESS_STARTED,
        rss_bytes=rss_bytes(),
        errors=errors.recent() if errors is not None else [],
        sync_configured=bool(cfg.sync.hub_url),
        clock_skew_seconds=state.clock_skew_seconds,
        **source_states(paths.database),
        timezone=cfg.kiosk.timezone,
        staff_message=latest_staff_message(paths.database),
    )


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"  # pragma: no cover


def human_duration(seconds: float) -> str:
    s = int(seconds)
    days, s = divmod(s, 86400)
    hours, s = divmod(s, 3600)
    minutes, s = divmod(s, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {s} s"


def _zone(tz: str) -> tzinfo | None:
    try:
        return ZoneInfo(tz) if tz else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def short_time(iso: str | float | None, tz: str = "") -> str:
    """An ISO time (or Unix time) as ``YYYY-MM-DD HH:MM`` in ``tz`` (the kiosk's timezone, as on the
    visitor screens; the system's local time when empty); "never" for None."""
    if iso is None or iso == "":
        return "never"
    if isinstance(iso, int | float):
        when = datetime.fromtimestamp(iso, UTC)
    else:
        try:
            when = datetime.fromisoformat(iso)
        except ValueError:
            return iso
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(_zone(tz)).strftime("%Y-%m-%d %H:%M")


def network_line(info: AdminInfo) -> str:
    """What the network looks like from here, only as good as the evidence: the hub (sync) and the live
    data sources. "online" only when something was reached."""
    tz = info.timezone
    if info.sync_configured and info.offline_since:
        text = f"offline since {short_time(info.offline_since, tz)} (hub)"
    elif info.sources and info.sources_failing == info.sources:
        since = short_time(info.sources_offline_since, tz)
        return f"offline: every live source failing ({info.sources}) since {since}"
    elif info.sync_configured and info.sync_state in {"ok", "stale"}:
        text = "online (hub reached)"
    elif info.sources and info.sources_failing < info.sources:
        text = "online (live sources reached)"
    else:
        text = "unknown: nothing has been reached yet"
    if info.sources_failing and info.sources_failing < info.sources:
        text += f" · {info.sources_failing} of {info.sources} live sources failing"
    return text


def summary_lines(info: AdminInfo) -> list[tuple[str, str]]:
    """``(label, value)`` rows, shared by the panel and ``kiosk admin info``."""
    if not info.sync_configured:
        sync = "not configured (no sync.hub_url)"
    else:
        sync = f"{info.sync_state} · last {short_time(info.last_sync, info.timezone)}"
        if info.last_error:
            sync += f" · {info.last_error}"
    offline = network_line(info)
    if info.sync_state == "stale":
        offline += " · content stale"
    if info.clock_skew_seconds:
        from kiosk.sync.state import describe_skew

        offline += f" · clock {describe_skew(info.clock_skew_seconds)} the hub"
    packs = "; ".join(f"{p.id} v{p.version} ({p.sha_short})" for p in info.packs) or "none (preview)"
    return [
        ("Kiosk", f"{info.kiosk_id} · software {info.version}"),
        ("Content", packs),
        ("Sync", sync),
        ("Network", offline),
        ("Disk", f"{human_bytes(info.disk_free)} free of {human_bytes(info.disk_total)} · {info.data_dir}"),
        ("Uptime", human_duration(info.uptime_s)),
        ("Memory", f"{human_bytes(info.rss_bytes)} resident"),
        ("Message", f"{info.staff_message[0]} · {short_time(info.staff_message[1], info.timezone)}"
         if info.staff_message else "none from the hub"),
    ]
