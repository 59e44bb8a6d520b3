"""Keep the cache bounded: raw points for ``Dataset.history`` days, hourly buckets for a year,
daily buckets for ten years, nothing older.

Cut-offs are aligned to bucket boundaries so a bucket is either all raw or all rolled up; a late
point for a bucket that is already rolled up is merged into it (min, max, weighted mean, n).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.data.cache import ObservationCache

HOUR, DAY = 3600, 86400
HOURLY_DAYS = 366
DAILY_DAYS = 3660

_MERGE = """
INSERT INTO rollups (series, size, start, min, max, mean, n) {select}
ON CONFLICT (series, start, size) DO UPDATE SET
  min = min(rollups.min, excluded.min), max = max(rollups.max, excluded.max),
  mean = (rollups.mean * rollups.n + excluded.mean * excluded.n) / (rollups.n + excluded.n),
  n = rollups.n + excluded.n
"""


@dataclass(frozen=True)
class RetentionReport:
    series: str
    raw_rolled: int
    hourly_rolled: int
    deleted_buckets: int


def apply_retention(cache: ObservationCache, series: str, history_days: int, now: float) -> RetentionReport:
    """Roll raw points older than ``history_days`` into hourly buckets, old hourly into daily."""
    raw_cut = (int(now) - max(1, history_days) * DAY) // HOUR * HOUR
    hourly_cut = (int(now) - max(HOURLY_DAYS, history_days + 1) * DAY) // DAY * DAY
    daily_cut = (int(now) - DAILY_DAYS * DAY) // DAY * DAY
    db = cache.db
    with cache.write_lock, db.conn:
        c = db.conn
        c.execute(_MERGE.format(select=(
            "SELECT series, ?, (ts / ?) * ?, min(value), max(value), avg(value), count(*) FROM observations"
            " WHERE series = ? AND ts < ? GROUP BY ts / ? ORDER BY 3")),
            [HOUR, HOUR, HOUR, series, raw_cut, HOUR])
        raw = c.execute("DELETE FROM observations WHERE series = ? AND ts < ?", [series, raw_cut]).rowcount
        c.execute(_MERGE.format(select=(
            "SELECT series, ?, (start / ?) * ?, min(min), max(max), sum(mean * n) / sum(n), sum(n)"
            " FROM rollups"
            " WHERE series = ? AND size = ? AND start < ? GROUP BY start / ? ORDER BY 3")),
            [DAY, DAY, DAY, series, HOUR, hourly_cut, DAY])
        hourly = c.execute("DELETE FROM rollups WHERE series = ? AND size = ? AND start < ?",
                           [series, HOUR, hourly_cut]).rowcount
        gone = c.execute("DELETE FROM rollups WHERE series = ? AND start < ?", [series, daily_cut]).rowcount
    return RetentionReport(series, raw, hourly, gone)
