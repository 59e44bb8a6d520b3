"""The observation cache and retention on real SQLite files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kiosk.data.cache import ObservationCache, minmax_downsample
from kiosk.data.retention import DAY, HOUR, apply_retention

T0 = 1_790_000_000 // DAY * DAY  # a midnight UTC in 2026


@pytest.fixture
def cache(tmp_path: Path) -> ObservationCache:
    return ObservationCache(tmp_path / "kiosk.db")


def test_migrations_are_idempotent_and_named(tmp_path: Path) -> None:
    ObservationCache(tmp_path / "k.db").close()
    c = ObservationCache(tmp_path / "k.db")
    names = [
        r[0]
        for r in c.db.conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'kiosk-data'")
    ]
    assert names == ["m001_tables", "m002_offline_since", "m003_query_and_error_kind"]
    ddl = c.db.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'observations'").fetchone()[0]
    assert "WITHOUT ROWID" in ddl


def test_upsert_by_series_and_ts(cache: ObservationCache) -> None:
    cache.upsert("lab/a", [(T0, 1.0), (T0 + 60, 2.0)])
    cache.upsert("lab/a", [(T0 + 60, 5.0)])
    cache.upsert("lab/b", [(T0 + 60, 9.0)])
    ts, vs = cache.window("lab/a", T0, T0 + 3600)
    assert ts.tolist() == [T0, T0 + 60] and vs.tolist() == [1.0, 5.0]
    assert cache.latest("lab/a") == (T0 + 60, 5.0)
    assert cache.series() == ["lab/a", "lab/b"]


def test_window_is_half_open_and_empty_is_empty(cache: ObservationCache) -> None:
    cache.upsert("s", [(T0 + i, float(i)) for i in range(10)])
    ts, _ = cache.window("s", T0 + 2, T0 + 5)
    assert ts.tolist() == [T0 + 2, T0 + 3, T0 + 4]
    ts, vs = cache.window("nothing", T0, T0 + 10)
    assert len(ts) == 0 and len(vs) == 0 and ts.dtype == np.int64


def test_window_downsamples_keeping_peaks(cache: ObservationCache) -> None:
    n = 20_000
    values = np.sin(np.arange(n) / 50.0)
    values[12_345] = 99.0  # a one-sample spike must survive
    values[777] = -99.0
    cache.upsert("s", [(T0 + 60 * i, float(v)) for i, v in enumerate(values)])
    ts, vs = cache.window("s", T0, T0 + 60 * n, max_points=1000)
    assert len(ts) <= 1000
    assert vs.max() == 99.0 and vs.min() == -99.0
    assert np.all(np.diff(ts) >= 0)


def test_minmax_downsample_in_numpy_matches_sql_shape() -> None:
    ts = np.arange(0, 1000, dtype=np.int64)
    vs = (ts % 7).astype(np.float64)
    out_t, out_v = minmax_downsample(ts, vs, 0, 1000, 100)
    assert len(out_t) <= 100 and out_v.min() == 0 and out_v.max() == 6


def test_state_roundtrip(cache: ObservationCache) -> None:
    assert cache.state("s").failures == 0 and cache.state("s").watermark is None
    cache.update_state("s", watermark=T0, last_error="boom", failures=2, next_attempt=5.0)
    cache.update_state("s", last_error=None)
    st = cache.state("s")
    assert (st.watermark, st.last_error, st.failures, st.next_attempt) == (T0, None, 2, 5.0)


def test_retention_keeps_a_simulated_year_bounded(cache: ObservationCache) -> None:
    """A year of 5-minute data, fetched day by day with 30 days history: rows stay bounded."""
    step, history = 300, 30
    counts = []
    for day in range(365):
        start = T0 + day * DAY
        cache.upsert("s", [(start + i * step, float(day)) for i in range(DAY // step)])
        apply_retention(cache, "s", history, now=start + DAY)
        raw = cache.summary("s").raw_count
        rollups = cache.summary("s").rollup_count
        counts.append((raw, rollups))
    raw, rollups = counts[-1]
    assert raw <= (history + 1) * DAY // step  # ≤ 8,928 raw points (not 105,120)
    assert rollups <= (365 - history + 1) * 24  # hourly buckets for the rest of the year
    assert raw + rollups < 17_000
    # The whole year is still visible, from rollups where raw points are gone.
    ts, vs = cache.window("s", T0, T0 + 365 * DAY, max_points=2000)
    assert len(ts) <= 2000 and vs.min() == 0.0 and vs.max() == 364.0
    # Rolled-up buckets carry exact statistics.
    mean, n = cache.db.conn.execute(
        "SELECT mean, n FROM rollups WHERE series = 's' AND start = ?", [T0 + 10 * DAY]
    ).fetchone()
    assert (mean, n) == (10.0, HOUR // step)


def test_retention_compacts_hourly_into_daily_after_a_year(cache: ObservationCache) -> None:
    cache.upsert("s", [(T0 + i * HOUR, float(i % 24)) for i in range(24 * 400)])
    apply_retention(cache, "s", 30, now=T0 + 400 * DAY)
    sizes = dict(cache.db.conn.execute("SELECT size, count(*) FROM rollups GROUP BY size").fetchall())
    assert sizes[DAY] == 34  # days older than 366 days
    assert sizes[HOUR] == (400 - 30 - 34) * 24
    row = cache.db.conn.execute(
        "SELECT min, max, mean, n FROM rollups WHERE size = ? AND start = ?", [DAY, T0]
    ).fetchone()
    assert row == (0.0, 23.0, 11.5, 24)
    s = cache.summary("s")
    assert s.first_ts == T0 and s.min_value == 0.0 and s.max_value == 23.0


def test_late_point_merges_into_its_bucket(cache: ObservationCache) -> None:
    cache.upsert("s", [(T0, 1.0), (T0 + 60, 3.0)])
    apply_retention(cache, "s", 1, now=T0 + 3 * DAY)
    cache.upsert("s", [(T0 + 120, 8.0)])  # arrives late
    apply_retention(cache, "s", 1, now=T0 + 3 * DAY)
    row = cache.db.conn.execute("SELECT min, max, mean, n FROM rollups WHERE start = ?", [T0]).fetchone()
    assert row == (1.0, 8.0, 4.0, 3)


def test_live_value_texts(cache: ObservationCache) -> None:
    from zoneinfo import ZoneInfo

    from kiosk.content.model import Dataset
    from kiosk.data.figures import format_value, live_value

    tz = ZoneInfo("Europe/Copenhagen")
    live = Dataset("co2", {"en": "CO2"}, unit="g/kWh", refresh=300)
    assert live_value(cache, "lab/co2", live, T0, tz).text == ""
    cache.upsert("lab/co2", [(T0, 93.6)])
    cache.update_state("lab/co2", last_success=T0 + 3000, failures=0)
    v = live_value(cache, "lab/co2", live, T0 + 180, tz)
    assert (v.text, v.freshness, v.stale, v.kind) == ("93.6 g/kWh", "updated 3 min ago", False, "live")
    cache.update_state("lab/co2", failures=2, offline_since=T0 + 600, error_kind="offline")  # 02:10 CEST
    v = live_value(cache, "lab/co2", live, T0 + 3600, tz)
    assert v.freshness == "offline since 02:10 — showing saved data" and v.stale and v.kind == "offline"
    assert [format_value(x) for x in (4218.4, 41.23, 3.14159, 0.0)] == ["4,218", "41.2", "3.14", "0"]


def test_freshness_is_the_age_of_the_newest_point_not_of_the_last_fetch(cache: ObservationCache) -> None:
    from zoneinfo import ZoneInfo

    from kiosk.content.model import Dataset
    from kiosk.data.figures import live_value, stale_after

    tz = ZoneInfo("Europe/Copenhagen")
    sensor = Dataset("no2", {"en": "NO2"}, unit="ppm", refresh=600,
                     source={"type": "json", "url": "http://x/share"})
    assert stale_after(sensor) == 3600 and stale_after(Dataset("d", {}, refresh=7200)) == 21600
    cache.upsert("lab/no2", [(T0, 15.0)])
    now = T0 + 6 * DAY + 300
    cache.update_state("lab/no2", last_success=now - 5, failures=0)  # fetched just now: the sensor stopped
    v = live_value(cache, "lab/no2", sensor, now, tz)
    assert (v.text, v.freshness, v.stale, v.kind) == ("15.0 ppm", "last reading 6 days ago", True, "stale")
    declared = Dataset("no2", {"en": "NO2"}, refresh=600, stale_after=7 * DAY, source=sensor.source)
    assert live_value(cache, "lab/no2", declared, now, tz).freshness == "updated 6 days ago"
    # The source refuses (HTTP 4xx): it answered, so it is not offline; the badge tells the data's age.
    cache.update_state("lab/no2", failures=3, offline_since=None, error_kind="refused")
    assert live_value(cache, "lab/no2", sensor, T0 + 120, tz).freshness == "updated 2 min ago"


def test_recorded_data_is_never_called_updated(cache: ObservationCache) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from kiosk.content.model import Dataset
    from kiosk.data.figures import live_value

    tz = ZoneInfo("Europe/Copenhagen")
    last = int(datetime(2026, 10, 31, 23, 30, tzinfo=ZoneInfo("UTC")).timestamp())  # 1 Nov 00:30 local
    cache.upsert("lab/rec", [(last - 3600, 1.0), (last, 2.0)])
    cache.update_state("lab/rec", last_success=last + 30 * DAY, failures=0)
    pack_csv = Dataset("rec", {"en": "Rec"}, unit="kWh", source={"type": "csv", "file": "datasets/rec.csv"})
    sample = Dataset("s", {"en": "S"}, unit="kWh", sample=True, source={"type": "json", "url": "http://x"})
    for ds in (pack_csv, sample):
        v = live_value(cache, "lab/rec", ds, last + 30 * DAY, tz)
        assert (v.freshness, v.kind, v.stale, v.live) == (
            "recorded data, last value 1 Nov", "recorded", False, False)
    assert live_value(cache, "lab/rec", pack_csv, last + 400 * DAY, tz).freshness == (
        "recorded data, last value 1 Nov 2026")
    assert live_value(cache, "lab/none", pack_csv, last, tz).freshness == "No data yet"


def test_with_gaps_breaks_only_long_gaps() -> None:
    import numpy as np

    from kiosk.data.figures import with_gaps

    ts = np.array([0, 60, 120, 180, 240, 3600, 3660, 3720], dtype=np.int64)
    x, y = with_gaps(ts, np.arange(8, dtype=np.float64))
    assert len(x) == 9 and np.isnan(y[5]) and 240 < x[5] < 3600
    # min/max pairs per bucket (two points close together, then the next bucket): no false breaks
    pairs = np.array([0, 3599, 3600, 7199, 7200, 10799, 10800, 14399], dtype=np.int64)
    assert len(with_gaps(pairs, np.ones(8))[0]) == 8
