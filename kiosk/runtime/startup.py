"""The start-up store check, with what it means for sync (health and sync stay independent)."""

from __future__ import annotations

from kiosk.health import startup
from kiosk.health.startup import StoreCheck
from kiosk.paths import DataPaths
from kiosk.sync.state import forget_channel


def check_store(paths: DataPaths) -> StoreCheck:
    """Quick-check the store; a corrupt one is set aside, and the next sync fetches the channel again
    (its saved ETag and staged versions referred to the content that is gone)."""
    result = startup.check_store(paths)
    if not result.ok:
        forget_channel(paths)
    return result
