"""The calm badge a visitor sees when sync cannot reach the hub (and only then)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.sync.engine import failure_kind
from kiosk.sync.state import SyncState

OFFLINE = "Offline — showing saved content"


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
            return OFFLINE
        return f"Offline since {since:%H:%M} — showing saved content"
    return OFFLINE


def failure_badge(exc: BaseException, state: SyncState, tz: ZoneInfo) -> str | None:
    """The badge after a failed sync: offline (since when) for network failures, else none."""
    if failure_kind(exc) != "network":
        return None
    return status_text(state, tz) or OFFLINE
