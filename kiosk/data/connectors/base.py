"""What every connector gets and gives back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kiosk.content.model import Dataset
from kiosk.data.http import HttpClient
from kiosk.data.rows import Parsed, RowCollector
from kiosk.errors import DataSourceError

PathResolver = Callable[[str], Path | bytes | None]
"""Pack-relative path (``datasets/x.csv``) -> a local file or its bytes; None if the pack has no such file.
``ContentReader.media_path`` is one."""


@dataclass
class FetchContext:
    dataset: Dataset
    http: HttpClient
    now: float
    watermark: int | None = None
    """Newest timestamp already cached for this series; fetch only newer points."""
    resolve: PathResolver | None = None
    options: dict[str, Any] = field(default_factory=dict)
    """The request shape this source accepted last time (remembered in the cache's state table)."""
    timezone: str = "UTC"
    """The zone of naive timestamps when the source declares none: the kiosk's ``kiosk.timezone``."""

    def rows(self, label: str, unit: str = "line", fmt: str | None = None) -> RowCollector:
        """A collector for this dataset's rows (its ``timezone``/``decimal``/``fold``/``time_format``)."""
        return RowCollector(label, unit, self.dataset.source, self.timezone, fmt)


@dataclass
class FetchResult:
    points: list[tuple[int, float]] = field(default_factory=list)
    skipped: int = 0
    """Records without a value (an empty cell, null, ``n/a``): nothing to chart, not an error."""
    unit: str | None = None
    """The unit the source declares, when it declares one."""
    options: dict[str, Any] | None = None
    """The request shape that worked, to start with next time (None: nothing to remember)."""
    bad: int = 0
    """Rows skipped because their time or value does not parse (located in ``warnings``)."""
    duplicates: int = 0
    warnings: list[str] = field(default_factory=list)
    """Located messages (``datasets/x.csv:12: bad time ''``, ``<url>: record 20: ...``), the first
    :data:`kiosk.data.rows.KEEP_MESSAGES` of ``warning_count``."""
    warning_count: int = 0

    def take(self, parsed: Parsed, watermark: int | None) -> FetchResult:
        """Add what a :class:`RowCollector` gave; only points newer than ``watermark``."""
        self.points.extend(newer(parsed.points, watermark))
        self.skipped += parsed.empty
        self.bad += parsed.bad
        self.duplicates += parsed.duplicates
        self.warnings.extend(parsed.warnings)
        self.warning_count += parsed.warning_count
        return self


class Connector(Protocol):
    def fetch(self, ctx: FetchContext) -> FetchResult: ...


def require(source: Mapping[str, Any], key: str, dataset: Dataset) -> Any:
    value = source.get(key)
    if value in (None, ""):
        raise DataSourceError(f"datasets/{dataset.id}.yaml: source.{key} is required for type "
                              f"{source.get('type')!r}")
    return value


def start_ts(ctx: FetchContext) -> int:
    """Where an incremental fetch starts: the watermark, or ``history`` days back."""
    if ctx.watermark is not None:
        return ctx.watermark
    return int(ctx.now) - ctx.dataset.history * 86400


def newer(points: list[tuple[int, float]], watermark: int | None) -> list[tuple[int, float]]:
    if watermark is None:
        return points
    return [p for p in points if p[0] > watermark]
