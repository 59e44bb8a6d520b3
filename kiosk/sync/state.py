"""What the last syncs did, kept in a small JSON file in the data directory.

``kiosk status --json`` and the admin panel read it with :func:`load_state`; only the engine writes.
"""

from __future__ import annotations

import email.utils
import json
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from kiosk.paths import DataPaths

STATE_NAME = "sync-state.json"


@dataclass
class SyncState:
    last_success: str | None = None
    """ISO time of the last sync that ended up to date."""
    last_attempt: str | None = None
    offline_since: str | None = None
    """Set at the first sync that failed for a network reason; cleared by the next success or by an
    answer from the hub (even a refused one)."""
    stale: bool = False
    """The channel has expired (content keeps showing)."""
    last_error: str | None = None
    error_kind: str | None = None
    """``network``, ``refused``, ``stale`` or ``disk_full`` (:data:`kiosk.sync.engine.SyncKind`); None after
    a success."""
    etag: str | None = None
    """ETag of the channel file last applied completely (sent as If-None-Match)."""
    channel_url: str | None = None
    expires_at: str | None = None
    clock_skew_seconds: float | None = None
    """How far this kiosk's clock was ahead (+) or behind (-) the hub's at the last channel fetch,
    when more than 10 minutes; None when they agree."""
    channel_packs: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Pack id -> {version, manifest_sha256} of the last channel applied completely (checked on a 304)."""
    staged: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Pack id -> {version, manifest_sha256} installed but not yet activated by the UI."""

    def as_status(self) -> dict[str, Any]:
        """The part of the state that belongs in ``kiosk status --json`` under ``"sync"``."""
        doc = asdict(self)
        doc["state"] = "stale" if self.stale else "disk full" if self.error_kind == "disk_full" else (
            "error" if self.last_error else "ok" if self.last_success else "never")
        return doc


def describe_skew(seconds: float) -> str:
    """``3 days ahead of`` / ``1.5 hours behind``: for "this kiosk's clock is ... the hub's"."""
    days, hours = abs(seconds) / 86400, abs(seconds) / 3600
    amount = (f"{days:.0f} days" if days >= 2 else f"{hours:.1f} hours" if hours >= 1
              else f"{abs(seconds):.0f} s")
    return f"{amount} {'ahead of' if seconds > 0 else 'behind'}"


def state_file(paths: DataPaths) -> Path:
    return paths.root / STATE_NAME


def load_state(paths: DataPaths) -> SyncState:
    """The saved state; a missing or unreadable file means a kiosk that never synced."""
    try:
        doc = json.loads(state_file(paths).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SyncState()
    if not isinstance(doc, dict):
        return SyncState()
    known = {f.name for f in fields(SyncState)}
    return SyncState(**{k: v for k, v in doc.items() if k in known})


def save_state(paths: DataPaths, state: SyncState) -> None:
    target = state_file(paths)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(asdict(state), indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(target)


def forget_channel(paths: DataPaths) -> None:
    """The next sync must not answer 304 "unchanged": the content the saved ETag refers to is gone."""
    sync = load_state(paths)
    if sync.etag or sync.staged:
        sync.etag = None
        sync.staged = {}
        save_state(paths, sync)


CLOCK_SKEW_LIMIT_S = 600


def clock_skew(http_date: str | None, now: float | None = None) -> float | None:
    """Seconds the local clock is ahead of the server's ``Date`` header (negative: behind), when more
    than :data:`CLOCK_SKEW_LIMIT_S`; None when the clocks agree or the header is missing."""
    if not http_date:
        return None
    try:
        server = email.utils.parsedate_to_datetime(http_date).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    skew = (time.time() if now is None else now) - server
    return round(skew) if abs(skew) > CLOCK_SKEW_LIMIT_S else None


def staged_to_show(paths: DataPaths, store: Any) -> dict[str, int]:
    """Pack id -> version staged by an earlier sync that should be shown now.

    Only versions newer than the active one, still staged in the store with all their media, and
    not held back by a manual rollback pin (``Store.pinned``).
    """
    active = {p.id: int(p.version) for p in store.active_packs()}
    pinned = getattr(store, "pinned", None)
    has_version = getattr(store, "has_version", None)
    out: dict[str, int] = {}
    for pack_id, info in load_state(paths).staged.items():
        version, sha = int(info["version"]), str(info["manifest_sha256"])
        if version <= active.get(pack_id, -1):
            continue
        if callable(has_version) and not has_version(pack_id, version, sha, ("staged",)):
            continue
        pin = pinned(pack_id) if callable(pinned) else None
        if pin is not None and version <= pin[1]:
            continue
        out[pack_id] = version
    return out
