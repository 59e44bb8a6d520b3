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
from kiosk.data import is_recorded
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


STALE_FLOOR = 3600
"""The shortest default ``stale_after``: an hour (sources publish late by minutes, not hours)."""


def stale_after(dataset: Dataset) -> int:
    """Seconds after which the newest point is stale: ``stale_after``, else 3 × ``refresh``, at least 1 h."""
    return dataset.stale_after or max(STALE_FLOOR, 3 * dataset.refresh)


def short_date(ts: float, now: float, tz: ZoneInfo) -> str:
    """``31 Oct`` this year, ``31 Oct 2025`` otherwise."""
    when = datetime.fromtimestamp(ts, tz)
    same_year = when.year == datetime.fromtimestamp(now, tz).year
    return f"{when.day} {when.strftime('%b')}" + ("" if same_year else f" {when.year}")


Kind = str
"""``live``, ``stale``, ``offline``, ``recorded`` or ``empty``."""


def freshness_of(dataset: Dataset, state: SeriesState, latest_ts: int | None, now: float,
                 tz: ZoneInfo) -> tuple[Kind, str]:
    """How fresh the figure is, worked out from the newest point's time and whether the source answered.

    - recorded (pack files, ``sample: true``): ``recorded data, last value 31 Oct`` — never "updated";
    - offline (the source gave no answer): ``offline since 10:42 — showing saved data``;
    - stale (newest point older than :func:`stale_after`): ``last reading 6 days ago``;
    - live: ``updated 3 min ago``, the age of the newest point.

    A source that answers but refuses (HTTP 4xx) is not offline: its badge tells the data's age.
    """
    if is_recorded(dataset):
        if latest_ts is None:
            return "empty", "No data yet"
        return "recorded", f"recorded data, last value {short_date(latest_ts, now, tz)}"
    if state.error_kind == "offline" and state.offline_since is not None and state.failures:
        when = datetime.fromtimestamp(state.offline_since, tz)
        fmt = "%H:%M" if now - state.offline_since < 86400 else "%d %b %H:%M"
        saved = "showing saved data" if latest_ts is not None else "no saved data yet"
        return "offline", f"offline since {when.strftime(fmt)} — {saved}"
    if latest_ts is None:
        return "empty", "No data yet"
    age = max(0.0, now - latest_ts)
    if age > stale_after(dataset):
        return "stale", f"last reading {format_age(age)}"
    return "live", f"updated {format_age(age)}"


def freshness(dataset: Dataset, state: SeriesState, latest_ts: int | None, now: float, tz: ZoneInfo) -> str:
    """The badge text of :func:`freshness_of`."""
    return freshness_of(dataset, state, latest_ts, now, tz)[1]


@dataclass(frozen=True)
class LiveValue:
    value: float | None
    unit: str
    ts: int | None
    freshness: str
    stale: bool
    """Grey the number a step: the newest point is old, or the source is offline."""
    kind: Kind = "live"
    """See :func:`freshness_of`."""

    @property
    def live(self) -> bool:
        """True while the figure is live data of a source that answers (the attract's LIVE marker)."""
        return self.kind == "live"

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
    ts = latest[0] if latest else None
    kind, text = freshness_of(dataset, state, ts, now, tz)
    return LiveValue(latest[1] if latest else None, unit, ts, text, kind in ("stale", "offline"), kind)


@dataclass(frozen=True)
class ChartWindow:
    """What a chart shows for one range: the points, the view and the live value."""

    ts: np.ndarray
    values: np.ndarray
    start: int
    end: int
    live: LiveValue
    first: int | None = None
    """The oldest cached time of the series (None: nothing cached)."""

    @property
    def covered(self) -> int:
        """Seconds of data the series has (0 when empty): which range buttons make sense."""
        return 0 if self.first is None else max(0, self.end - self.first)


def chart_window(cache: ObservationCache, series: str, dataset: Dataset, range_seconds: int,
                 max_points: int, now: float, tz: ZoneInfo) -> ChartWindow:
    """The range ends now, or at the newest saved point for recorded data and for data older than the
    range (a long-offline source still shows its last good stretch, never an empty chart). A range
    longer than the data starts at the first point: the axis fits the data, no empty stretch."""
    live = live_value(cache, series, dataset, now, tz)
    end = int(now)
    if live.ts is not None and (is_recorded(dataset) or live.ts < now - range_seconds):
        end = live.ts + 1
    start = end - range_seconds
    first = cache.first_ts(series)
    if first is not None and start < first < end:
        start = first
    ts, values = cache.window(series, start, end, max_points)
    return ChartWindow(ts, values, start, end, live, first)


GAP_STEPS = 5
"""A gap longer than this many typical steps between two points is drawn as a gap."""


def with_gaps(ts: np.ndarray, values: np.ndarray, steps: float = GAP_STEPS) -> tuple[np.ndarray, np.ndarray]:
    """Float x/y for a curve drawn with ``connect="finite"``: a NaN between two points further apart
    than ``steps`` typical steps, so no straight line is drawn across missing data.

    The typical step is half the median distance between every second point, which is right both
    for raw series and for min/max pairs per bucket (two points close together, then a bucket on).
    """
    x = np.asarray(ts, dtype=np.float64)
    y = np.asarray(values, dtype=np.float64)
    if len(x) < 4:
        return x, y
    stride = max(1, (len(x) - 2) // 8192)
    typical = float(np.median(x[2::stride] - x[: len(x) - 2 : stride])) / 2
    if typical <= 0:
        return x, y
    gaps = np.flatnonzero(np.diff(x) > steps * typical)
    if not gaps.size:
        return x, y
    return np.insert(x, gaps + 1, (x[gaps] + x[gaps + 1]) / 2), np.insert(y, gaps + 1, np.nan)
