"""Timestamps from data sources to epoch seconds UTC."""

from __future__ import annotations

import math
from datetime import UTC, datetime
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


def parse_time(raw: Any, fmt: str | None = None, tz: str = "UTC") -> int:
    """Parse one timestamp to epoch seconds UTC.

    ``fmt`` is ``None``/``"iso"`` (ISO 8601), ``"epoch_s"``, ``"epoch_ms"`` or a ``strptime`` format.
    Naive times are in ``tz``. An ISO interval ``start/end`` (SensorThings phenomenonTime) gives
    its *end*: the moment the measured value became known.
    Raises ValueError on a value that does not parse.
    """
    if fmt in ("epoch_s", "epoch_ms"):
        if isinstance(raw, bool) or raw is None:
            raise ValueError(f"not a number: {raw!r}")
        number = float(raw)
        if not math.isfinite(number):
            raise ValueError(f"not a finite number: {raw!r}")
        return int(number // 1000 if fmt == "epoch_ms" else number)
    if not isinstance(raw, str):
        raise ValueError(f"not a time string: {raw!r}")
    text = raw.strip()
    if fmt in (None, "", "iso"):
        if "/" in text:
            text = text.rsplit("/", 1)[1]
        dt = datetime.fromisoformat(text)
    else:
        dt = datetime.strptime(text, fmt)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone(tz))
    return int(dt.timestamp())


def iso_utc(ts: int) -> str:
    """``2026-11-01T10:00:00Z``."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
