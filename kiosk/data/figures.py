"""Live figures as text: the value with its unit, and an honest line about how fresh it is.

Qt-free so the attract/home screens, the data screen and the CLI say the same thing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from kiosk.content.model import Dataset
from kiosk.data.cache import ObservationCache, SeriesState


def format_value(value: float) -> str:
    """``4,218`` / ``41.2`` / ``3.14``: fewer decimals the bigger the number."""
    if not math.isfinite(value):
        return "–"
    size = abs(value)
    decimals = 0 if size >= 100 else 1 if size >= 10 else 2 if size > 0 else 0
    return f"{value:,.{decimals}f}"


def format_age(seconds: float) -> str:
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400 * 2:
        return f"{int(seconds // 3600)} h ago"
    return f"{int(seconds // 86400)} days ago"


def freshness(dataset: Dataset, state: SeriesState, latest_ts: int | None, now: float, tz: ZoneInfo) -> str:
    """``Sample data`` / ``offline since 10:42 — showing saved data`` / ``updated 3 min ago``."""
    if dataset.sample:
        return "Sample data"
    if state.offline_since is not None and state.failures:
        when = datetime.fromtimestamp(state.offline_since, tz)
        fmt = "%H:%M" if now - state.offline_since < 86400 else "%d %b %H:%M"
        saved = "showing saved data" if latest_ts is not None else "no saved data yet"
        return f"offline since {when.strftime(fmt)} — {saved}"
    if state.last_success is not None:
        return f"updated {format_age(max(0.0, now - state.last_success))}"
    if latest_ts is not None:
        return f"saved data from {datetime.fromtimestamp(latest_ts, tz).strftime('%d %b %Y')}"
    return "No data yet"


def is_stale(dataset: Dataset, state: SeriesState, now: float) -> bool:
    """Live data not refreshed for three refresh intervals (and at least 15 min): grey it a step."""
    if dataset.sample:
        return False
    last = state.last_success
    return last is None or now - last > max(900, 3 * dataset.refresh)


@dataclass(frozen=True)
class LiveValue:
    value: float | None
    unit: str
    ts: int | None
    freshness: str
    stale: bool

    @property
    def text(self) -> str:
        """``94 g/kWh`` or an empty string when nothing is cached."""
        if self.value is None:
            return ""
        return f"{format_value(self.value)} {self.unit}".strip()


def live_value(cache: ObservationCache, series: str, dataset: Dataset, now: float, tz: ZoneInfo) -> LiveValue:
    latest = cache.latest(series)
    state = cache.state(series)
    unit = dataset.unit or state.unit or ""
    return LiveValue(
        latest[1] if latest else None, unit, latest[0] if latest else None,
        freshness(dataset, state, latest[0] if latest else None, now, tz), is_stale(dataset, state, now),
    )


@dataclass(frozen=True)
class ChartWindow:
    """What a chart shows for one range: the points, the view and the live value."""

    ts: np.ndarray
    values: np.ndarray
    start: int
    end: int
    live: LiveValue


def chart_window(cache: ObservationCache, series: str, dataset: Dataset, range_seconds: int,
                 max_points: int, now: float, tz: ZoneInfo) -> ChartWindow:
    """The range ends now, or at the newest saved point for sample data and for data older than the
    range (a long-offline source still shows its last good stretch, never an empty chart)."""
    live = live_value(cache, series, dataset, now, tz)
    end = int(now)
    if live.ts is not None and (dataset.sample or live.ts < now - range_seconds):
        end = live.ts + 1
    start = end - range_seconds
    ts, values = cache.window(series, start, end, max_points)
    return ChartWindow(ts, values, start, end, live)
