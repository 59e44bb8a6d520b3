"""Fetch every dataset of a pack into the cache, each on its own schedule, each isolated.

One source offline never blocks the others: every fetch has its own deadline, failures back off
exponentially with jitter (the next attempt time is stored per series), a 429's Retry-After is
honoured. The UI runs :meth:`DataService.job` callables in its worker pool.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from kiosk.config import DataSection, KioskSection
from kiosk.content.model import Dataset
from kiosk.content.reader import ContentReader
from kiosk.data import series_id
from kiosk.data.cache import ObservationCache
from kiosk.data.connectors import FetchContext, PathResolver, connector_for
from kiosk.data.http import HttpClient, RateLimited, error_kind
from kiosk.data.retention import apply_retention
from kiosk.errors import KioskError

log = logging.getLogger("kiosk.data")

BACKOFF_BASE = 30.0
BACKOFF_MAX = 3600.0
WARNINGS_LOGGED = 5


@dataclass(frozen=True)
class FetchReport:
    dataset: str
    series: str
    points: int = 0
    newest: int | None = None
    error: str | None = None
    skipped: int = 0
    """Records without a value (an empty cell, null)."""
    not_due: bool = False
    bad: int = 0
    """Rows skipped because their time or value does not parse."""
    duplicates: int = 0
    warnings: tuple[str, ...] = ()
    """Located messages (file or URL, line or record, reason): the first few of ``warning_count``."""
    warning_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def backoff_seconds(failures: int, refresh: int) -> float:
    """Exponential in the failure count, full jitter in the upper half, capped at an hour."""
    base = min(BACKOFF_MAX, max(BACKOFF_BASE, min(refresh, 300)) * 2 ** max(0, failures - 1))
    return base * random.uniform(0.5, 1.0)


def remembered_query(text: str | None) -> dict[str, Any]:
    """The request shape stored for a source (``{}`` when none or unreadable)."""
    try:
        found = json.loads(text) if text else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def service_for(
    cache: ObservationCache, reader: ContentReader, config: DataSection | None = None,
    timezone: str | None = None,
) -> DataService:
    """The service for the datasets of the pack ``reader`` shows (pack CSV files via its media)."""
    return DataService(cache, reader.meta.id, reader.datasets(), resolve=reader.media_path, config=config,
                       timezone=timezone)


class DataService:
    def __init__(
        self,
        cache: ObservationCache,
        pack_id: str,
        datasets: Sequence[Dataset],
        *,
        resolve: PathResolver | None = None,
        config: DataSection | None = None,
        deadline: float = 120.0,
        clock: Callable[[], float] = time.time,
        http_factory: Callable[[], HttpClient] | None = None,
        timezone: str | None = None,
    ) -> None:
        """``timezone``: the zone of naive timestamps in sources that declare none (the kiosk's)."""
        self.cache, self.pack_id = cache, pack_id
        self.datasets = {d.id: d for d in datasets}
        self.resolve, self.clock = resolve, clock
        cfg = config or DataSection()
        self.timezone = timezone or KioskSection().timezone
        self._http_factory = http_factory or (lambda: HttpClient(
            connect_timeout=cfg.connect_timeout, read_timeout=cfg.read_timeout, deadline=deadline))

    def series(self, dataset_id: str) -> str:
        return series_id(self.pack_id, dataset_id)

    def due(self) -> list[str]:
        """Datasets whose refresh interval has passed and whose backoff has expired."""
        now = self.clock()
        out = []
        for ds in self.datasets.values():
            st = self.cache.state(self.series(ds.id))
            if st.next_attempt is not None and now < st.next_attempt:
                continue
            if st.last_attempt is not None and st.failures == 0 and now - st.last_attempt < ds.refresh:
                continue
            out.append(ds.id)
        return out

    def job(self, dataset_id: str, *, force: bool = False) -> Callable[[], FetchReport]:
        """A callable for a worker thread: fetch one dataset."""
        return lambda: self.fetch(dataset_id, force=force)

    def fetch(self, dataset_id: str, *, force: bool = False) -> FetchReport:
        """Fetch one dataset into the cache; never raises for source problems (see the report)."""
        ds = self.datasets.get(dataset_id)
        if ds is None:
            raise KioskError(f"no dataset {dataset_id!r} in pack {self.pack_id!r} "
                             f"(datasets: {', '.join(sorted(self.datasets)) or 'none'})")
        series = self.series(ds.id)
        now = self.clock()
        st = self.cache.state(series)
        if not force and st.next_attempt is not None and now < st.next_attempt:
            return FetchReport(ds.id, series, newest=st.watermark, error=st.last_error, not_due=True)
        http = self._http_factory()
        try:
            ctx = FetchContext(ds, http, now, st.watermark, self.resolve, remembered_query(st.query),
                               self.timezone)
            result = connector_for(ds).fetch(ctx)
        except Exception as exc:  # one broken source must not stop the others
            if not isinstance(exc, KioskError | OSError):
                log.error("data %s: unexpected failure", series, exc_info=exc)
            failures = st.failures + 1
            wait = max(exc.retry_after, 1.0) if isinstance(exc, RateLimited) else backoff_seconds(
                failures, ds.refresh)
            kind = error_kind(exc)
            # Offline since the first attempt that got no answer; a source that answers "no" is not offline.
            offline = (st.offline_since if st.offline_since is not None and st.failures else now) \
                if kind == "offline" else None
            ended = self.clock()  # the wait counts from now, not from the start of a long fetch
            self.cache.update_state(series, last_attempt=now, last_error=str(exc), last_error_at=ended,
                                    failures=failures, next_attempt=ended + wait, offline_since=offline,
                                    error_kind=kind)
            log.warning("data %s: %s (next attempt in %.0f s)", series, exc, wait)
            return FetchReport(ds.id, series, newest=st.watermark, error=str(exc))
        finally:
            http.session.close()
        added = self.cache.upsert(series, result.points)
        for message in result.warnings[:WARNINGS_LOGGED]:
            log.warning("data %s: %s", series, message)
        if result.warning_count > WARNINGS_LOGGED:
            log.warning("data %s: %d more problems", series, result.warning_count - WARNINGS_LOGGED)
        newest = max([st.watermark or 0, *(p[0] for p in result.points)]) or None
        query = json.dumps(result.options, sort_keys=True) if result.options is not None else st.query
        self.cache.update_state(series, watermark=newest, last_attempt=now, last_success=now, last_error=None,
                                failures=0, next_attempt=now + ds.refresh, last_points=added,
                                unit=result.unit, offline_since=None, error_kind=None, query=query)
        # Retention counts back from the newest point, so recorded samples and a kiosk that was
        # offline for weeks keep their detail.
        apply_retention(self.cache, series, ds.history, newest or now)
        return FetchReport(ds.id, series, added, newest, None, result.skipped, bad=result.bad,
                           duplicates=result.duplicates, warnings=tuple(result.warnings),
                           warning_count=result.warning_count)

    def fetch_all(self, *, force: bool = False, parallel: int = 4) -> list[FetchReport]:
        """Fetch every dataset (those due, unless ``force``) side by side; reports in dataset order."""
        ids = list(self.datasets) if force else self.due()
        if not ids:
            return []
        with ThreadPoolExecutor(max_workers=max(1, min(parallel, len(ids)))) as pool:
            return list(pool.map(lambda i: self._fetch_closing(i, force), ids))

    def _fetch_closing(self, dataset_id: str, force: bool) -> FetchReport:
        try:
            return self.fetch(dataset_id, force=force)
        finally:
            self.cache.close()  # this pool thread's connection
