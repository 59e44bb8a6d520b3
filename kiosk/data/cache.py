"""The observation cache: raw points, rollup buckets and per-series fetch state, in the kiosk's SQLite
file with its own migration set. ``window()`` answers a chart with at most ~``max_points`` points.

Each thread gets its own connection (``kiosk.db.open_database``); writes take one lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sqlite_utils
from sqlite_utils import Migrations

from kiosk.db import open_database

migrations = Migrations("kiosk-data")


@migrations()
def m001_tables(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE observations (series TEXT NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL,"
        " PRIMARY KEY (series, ts)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE rollups (series TEXT NOT NULL, size INTEGER NOT NULL, start INTEGER NOT NULL,"
        " min REAL NOT NULL, max REAL NOT NULL, mean REAL NOT NULL, n INTEGER NOT NULL,"
        " PRIMARY KEY (series, start, size)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE data_state (series TEXT PRIMARY KEY, watermark INTEGER, last_success REAL,"
        " last_attempt REAL, last_error TEXT, last_error_at REAL, failures INTEGER NOT NULL DEFAULT 0,"
        " next_attempt REAL, last_points INTEGER, unit TEXT)"
    )


MAX_BUCKET = 86400
"""The largest rollup bucket (seconds); see kiosk.data.retention."""

@migrations()
def m002_offline_since(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE data_state ADD COLUMN offline_since REAL")


@migrations()
def m003_query_and_error_kind(db: sqlite_utils.Database) -> None:
    # query: the request shape a source accepted (JSON), remembered so the next fetch starts with it.
    # error_kind: offline / refused / failed / rate-limited / bad-data (kiosk.data.http.SourceError).
    db.execute("ALTER TABLE data_state ADD COLUMN query TEXT")
    db.execute("ALTER TABLE data_state ADD COLUMN error_kind TEXT")


Arrays = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class SeriesState:
    series: str
    watermark: int | None = None
    last_success: float | None = None
    last_attempt: float | None = None
    last_error: str | None = None
    last_error_at: float | None = None
    failures: int = 0
    next_attempt: float | None = None
    last_points: int | None = None
    unit: str | None = None
    offline_since: float | None = None
    """First failed attempt after the last success; None while the source answers."""
    query: str | None = None
    """JSON: the query options the source accepted last time (e.g. ``{"top": 100, "orderby": false}``)."""
    error_kind: str | None = None
    """Kind of the last failure: offline, refused, failed, rate-limited or bad-data."""


@dataclass(frozen=True)
class SeriesSummary:
    series: str
    raw_count: int
    rollup_count: int
    first_ts: int | None
    last_ts: int | None
    min_value: float | None
    max_value: float | None
    last_value: float | None


def empty() -> Arrays:
    return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)


class ObservationCache:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self.write_lock = threading.Lock()
        with self.write_lock:
            migrations.apply(self.db)

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = open_database(self.path)
        return db

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # -- writing ---------------------------------------------------------------------------------
    def upsert(self, series: str, points: Iterable[tuple[int, float]]) -> int:
        """Insert or replace points; returns how many times were not in the cache before."""
        rows = [(series, int(t), float(v)) for t, v in points]
        if not rows:
            return 0
        times = {r[1] for r in rows}
        with self.write_lock, self.db.conn:
            c = self.db.conn
            known = {r[0] for r in c.execute(
                "SELECT ts FROM observations WHERE series = ? AND ts BETWEEN ? AND ?",
                [series, min(times), max(times)])}
            c.executemany(
                "INSERT INTO observations (series, ts, value) VALUES (?, ?, ?)"
                " ON CONFLICT (series, ts) DO UPDATE SET value = excluded.value", rows)
        return len(times - known)

    def update_state(self, series: str, **fields: object) -> None:
        cols = ", ".join(fields)
        marks = ", ".join("?" for _ in fields)
        sets = ", ".join(f"{c} = excluded.{c}" for c in fields)
        with self.write_lock, self.db.conn:
            self.db.conn.execute(
                f"INSERT INTO data_state (series, {cols}) VALUES (?, {marks})"
                f" ON CONFLICT (series) DO UPDATE SET {sets}", [series, *fields.values()])

    # -- reading ---------------------------------------------------------------------------------
    def state(self, series: str) -> SeriesState:
        row = self.db.conn.execute("SELECT * FROM data_state WHERE series = ?", [series]).fetchone()
        if row is None:
            return SeriesState(series)
        cols = [d[0] for d in self.db.conn.execute("SELECT * FROM data_state LIMIT 0").description]
        return SeriesState(**dict(zip(cols, row, strict=True)))

    def latest(self, series: str) -> tuple[int, float] | None:
        """The newest point (from the newest rollup bucket if no raw points are left)."""
        row = self.db.conn.execute(
            "SELECT ts, value FROM observations WHERE series = ? ORDER BY ts DESC LIMIT 1",
            [series]).fetchone()
        if row is None:
            row = self.db.conn.execute(
                "SELECT start + size - 1, mean FROM rollups WHERE series = ? ORDER BY start DESC LIMIT 1",
                [series]).fetchone()
        return (int(row[0]), float(row[1])) if row else None

    def first_ts(self, series: str) -> int | None:
        """The oldest time the cache covers for ``series`` (raw or rolled up); two index lookups."""
        c = self.db.conn
        raw = c.execute("SELECT min(ts) FROM observations WHERE series = ?", [series]).fetchone()[0]
        roll = c.execute("SELECT min(start) FROM rollups WHERE series = ?", [series]).fetchone()[0]
        found = [int(t) for t in (raw, roll) if t is not None]
        return min(found) if found else None

    def series(self) -> list[str]:
        rows = self.db.conn.execute(
            "SELECT series FROM data_state UNION SELECT DISTINCT series FROM observations").fetchall()
        return sorted(r[0] for r in rows)

    def summary(self, series: str) -> SeriesSummary:
        c = self.db.conn
        raw = c.execute("SELECT count(*), min(ts), max(ts), min(value), max(value) FROM observations"
                        " WHERE series = ?", [series]).fetchone()
        roll = c.execute("SELECT count(*), min(start), max(start + size - 1), min(min), max(max) FROM rollups"
                         " WHERE series = ?", [series]).fetchone()
        latest = self.latest(series)

        def lo(a: float | None, b: float | None) -> float | None:
            vals = [x for x in (a, b) if x is not None]
            return min(vals) if vals else None

        def hi(a: float | None, b: float | None) -> float | None:
            vals = [x for x in (a, b) if x is not None]
            return max(vals) if vals else None

        first, last = lo(roll[1], raw[1]), hi(roll[2], raw[2])
        return SeriesSummary(
            series, int(raw[0]), int(roll[0]),
            first_ts=None if first is None else int(first), last_ts=None if last is None else int(last),
            min_value=lo(roll[3], raw[3]), max_value=hi(roll[4], raw[4]),
            last_value=latest[1] if latest else None,
        )

    def window(self, series: str, start: int, end: int, max_points: int = 2000) -> Arrays:
        """Points in ``[start, end)``: raw where kept, rollup min/max where older, at most ~max_points.

        Downsampling keeps each bucket's min and max so peaks survive at ~2 points per pixel.
        """
        c = self.db.conn
        max_points = max(4, max_points)
        first_raw = c.execute("SELECT min(ts) FROM observations WHERE series = ? AND ts >= ?",
                              [series, start]).fetchone()[0]
        raw_from = start if first_raw is None else max(start, int(first_raw))
        parts: list[Arrays] = []
        if first_raw is None or raw_from > start:
            parts.append(self._rollup_part(series, start, min(end, raw_from) if first_raw else end))
        if first_raw is not None and raw_from < end:
            parts.append(self._raw_part(series, raw_from, end, max_points, start))
        ts = np.concatenate([p[0] for p in parts]) if parts else empty()[0]
        vs = np.concatenate([p[1] for p in parts]) if parts else empty()[1]
        if len(ts) > max_points * 1.1:
            ts, vs = minmax_downsample(ts, vs, start, end, max_points)
        return ts, vs

    def _raw_part(self, series: str, start: int, end: int, max_points: int, window_start: int) -> Arrays:
        c = self.db.conn
        # A count over the primary-key range is cheap; if too many points, aggregate in SQL.
        n = c.execute("SELECT count(*) FROM observations WHERE series = ? AND ts >= ? AND ts < ?",
                      [series, start, end]).fetchone()[0]
        if n <= max_points:
            rows = c.execute("SELECT ts, value FROM observations WHERE series = ? AND ts >= ? AND ts < ?"
                             " ORDER BY ts", [series, start, end]).fetchall()
            return _arrays([r[0] for r in rows], [r[1] for r in rows])
        width = max(1, -(-(end - window_start) // (max_points // 2)))
        rows = c.execute(
            "SELECT min(ts), min(value), max(ts), max(value) FROM observations"
            " WHERE series = ? AND ts >= ? AND ts < ? GROUP BY (ts - ?) / ? ORDER BY 1",
            [series, start, end, window_start, width]).fetchall()
        return _pairs(rows)

    def _rollup_part(self, series: str, start: int, end: int) -> Arrays:
        rows = self.db.conn.execute(
            "SELECT start, min, start + size - 1, max FROM rollups WHERE series = ? AND start > ?"
            " AND start + size > ? AND start < ? ORDER BY start",
            [series, start - MAX_BUCKET, start, end]).fetchall()
        return _pairs(rows)


def _arrays(ts: list[int], vs: list[float]) -> Arrays:
    return np.asarray(ts, dtype=np.int64), np.asarray(vs, dtype=np.float64)


def _pairs(rows: list[tuple[int, float, int, float]]) -> Arrays:
    """(first ts, min, last ts, max) per bucket -> two points per bucket (one if they coincide)."""
    if not rows:
        return empty()
    a = np.asarray(rows, dtype=np.float64)
    ts = np.column_stack([a[:, 0], a[:, 2]]).ravel().astype(np.int64)
    vs = np.column_stack([a[:, 1], a[:, 3]]).ravel()
    keep = np.ones(len(ts), dtype=bool)
    keep[1::2] = (ts[1::2] != ts[0::2]) | (vs[1::2] != vs[0::2])
    return ts[keep], vs[keep]


def minmax_downsample(ts: np.ndarray, vs: np.ndarray, start: int, end: int, max_points: int) -> Arrays:
    """Min and max per bucket of ``(end - start) / (max_points / 2)`` seconds (input sorted by ts)."""
    width = max(1, -(-(end - start) // (max_points // 2)))
    bucket = (ts - start) // width
    starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]])
    stops = np.r_[starts[1:], len(ts)] - 1
    mins = np.minimum.reduceat(vs, starts)
    maxs = np.maximum.reduceat(vs, starts)
    rows = list(zip(ts[starts].tolist(), mins.tolist(), ts[stops].tolist(), maxs.tolist(), strict=True))
    return _pairs(rows)
