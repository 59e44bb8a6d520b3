"""Timestamps from data sources to epoch seconds UTC."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.errors import DataSourceError


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DataSourceError(
            f"unknown time zone {name!r} (use an IANA name like 'Europe/Copenhagen')") from exc


def read_time(raw: Any, fmt: str | None = None) -> datetime | int:
    """One timestamp as written: epoch seconds (``epoch_s``/``epoch_ms``), else a datetime that may be
    naive (no zone in the text). ``fmt`` is ``None``/``"iso"`` (ISO 8601) or a ``strptime`` format.
    An ISO interval ``start/end`` (SensorThings phenomenonTime) gives its *end*: the moment the
    measured value became known. Raises ValueError on a value that does not parse."""
    if fmt in ("epoch_s", "epoch_ms"):
        if isinstance(raw, bool) or raw is None or (isinstance(raw, str) and not raw.strip()):
            raise ValueError(f"not a number: {raw!r}")
        number = float(raw)
        if not math.isfinite(number):
            raise ValueError(f"not a finite number: {raw!r}")
        return int(number // 1000 if fmt == "epoch_ms" else number)
    if not isinstance(raw, str):
        raise ValueError(f"not a time string: {raw!r}")
    text = raw.strip()
    if not text:
        raise ValueError("empty")
    if fmt in (None, "", "iso"):
        if "/" in text:
            text = text.rsplit("/", 1)[1]
        return datetime.fromisoformat(text)
    return datetime.strptime(text, fmt)


def local_kind(naive: datetime, tz: ZoneInfo) -> str:
    """``ok``, ``fold`` (the wall time happens twice: DST ends) or ``gap`` (never happens: DST starts)."""
    early, late = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if early.utcoffset() == late.utcoffset():
        return "ok"
    back = early.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return "fold" if back == naive else "gap"


def epoch(dt: datetime, tz: ZoneInfo, fold: int = 0) -> int:
    """Epoch seconds of ``dt``; a naive ``dt`` is wall time in ``tz`` (``fold`` 1: the second of two)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz, fold=fold)
    return int(dt.timestamp())


def parse_time(raw: Any, fmt: str | None = None, tz: str = "UTC") -> int:
    """Parse one timestamp to epoch seconds UTC; naive times are in ``tz`` (the first of a DST fold).

    Raises ValueError on a value that does not parse.
    """
    found = read_time(raw, fmt)
    return found if isinstance(found, int) else epoch(found, zone(tz))


def iso_utc(ts: int) -> str:
    """``2026-11-01T10:00:00Z``."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def wall(dt: datetime) -> str:
    """``2026-10-25 02:30`` for messages."""
    return (dt - timedelta(microseconds=dt.microsecond)).strftime("%Y-%m-%d %H:%M")
