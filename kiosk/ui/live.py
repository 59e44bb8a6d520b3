"""Live data for the screens that are not charts: the live key figure and the fetch poller.

Kept apart from :mod:`kiosk.ui.screens.data` so that the schedulers (built before the first attract
frame) do not import pyqtgraph; the chart screens import it when they are built.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.content.model import Dataset, pick
from kiosk.data import series_id
from kiosk.data.cache import ObservationCache
from kiosk.data.figures import LiveValue, format_value, live_value
from kiosk.data.service import DataService
from kiosk.ui.widgets.livefigure import FigureParts
from kiosk.ui.workers import Workers

REFRESH_MS = 30_000
log = logging.getLogger("kiosk.ui.data")


def run_job(workers: Workers | None, fn: Callable[[], object], done: Callable[[object], None],
         failed: Callable[[BaseException], None]) -> None:
    """In the worker pool if there is one; inline otherwise (screenshots, tests without a pool)."""
    if workers is not None:
        workers.submit(fn, done, failed)
        return
    try:
        result = fn()
    except Exception as exc:  # delivered like a worker failure
        failed(exc)
    else:
        done(result)


class LiveFigure(QObject):
    """The live key figure for the attract/home screens: ``94 g/kWh · updated 3 min ago``.

    Connect :attr:`changed` to e.g. ``HomeScreen.set_live_figure``; it emits an empty string when
    there is nothing to show. :meth:`value` gives the structured figure.
    """

    changed = Signal(str)

    def __init__(self, cache: ObservationCache, workers: Workers | None = None, parent: QObject | None = None,
                 *, tz: str = "Europe/Copenhagen", clock: Callable[[], float] = time.time,
                 refresh_ms: int = REFRESH_MS) -> None:
        super().__init__(parent)
        self.cache, self.workers, self.clock, self.tz = cache, workers, clock, ZoneInfo(tz)
        self.pack_id = ""
        self.lang = "en"
        self.dataset: Dataset | None = None
        self.value: LiveValue | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)

    def bind(self, pack_id: str, dataset: Dataset | None, lang: str = "") -> None:
        """Follow ``dataset`` of ``pack_id`` (None: nothing to show) and refresh now and periodically.

        ``lang`` picks the dataset title's language (the pack's default language).
        """
        self.pack_id, self.dataset = pack_id, dataset
        if lang:
            self.lang = lang
        if dataset is None:
            self.timer.stop()
            self.value = None
            self.changed.emit("")
            return
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        ds = self.dataset
        if ds is None:
            return
        series, now = series_id(self.pack_id, ds.id), self.clock()
        run_job(self.workers, lambda: live_value(self.cache, series, ds, now, self.tz),
                partial(self._done, series),
                lambda exc: log.error("cannot read the live figure: %s", exc))

    def text(self) -> str:
        """``94 g/kWh · CO₂ intensity, DK1 · updated 3 min ago``; recorded data says so in the same place."""
        v, ds = self.value, self.dataset
        if v is None or v.value is None or ds is None:
            return ""
        title = pick(ds.title, self.lang, self.lang)[0]
        return " · ".join(part for part in (v.text, title, v.freshness) if part)

    def parts(self) -> FigureParts | None:
        """The figure in pieces for a big display: ``94``, ``g/kWh``, the caption, its dataset."""
        v, ds = self.value, self.dataset
        if v is None or v.value is None or ds is None:
            return None
        title = pick(ds.title, self.lang, self.lang)[0]
        caption = " · ".join(part for part in (title, v.freshness) if part)
        return FigureParts(format_value(v.value), v.unit, caption, ds.id, v.stale, v.live)

    @property
    def live(self) -> bool:
        """True when the figure shows live data from a source that answers (not recorded, stale, offline)."""
        if self.dataset is None or self.value is None:
            return False
        return self.value.live

    def _done(self, series: str, result: object) -> None:
        ds = self.dataset
        if ds is None or series != series_id(self.pack_id, ds.id):
            return  # a late answer for a dataset the figure no longer shows
        if isinstance(result, LiveValue):
            self.value = result
            self.changed.emit(self.text())


class DataPoller(QObject):
    """Runs the data service's due fetches in the worker pool, one job per dataset.

    A slow or offline source occupies one worker until its deadline; the others keep their schedule.
    :attr:`fetched` carries each :class:`~kiosk.data.service.FetchReport` (e.g. to refresh the screens).
    """

    fetched = Signal(object)

    def __init__(self, service: DataService, workers: Workers, parent: QObject | None = None,
                 *, tick_ms: int = 15_000) -> None:
        super().__init__(parent)
        self.service, self.workers = service, workers
        self._running: set[str] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.poll)

    def set_service(self, service: DataService) -> None:
        """A new pack was activated: poll its datasets from now on."""
        self.service = service

    def start(self) -> None:
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        for dataset_id in self.service.due():
            if dataset_id in self._running:
                continue
            self._running.add(dataset_id)
            self.workers.submit(self.service.job(dataset_id), partial(self._done, dataset_id),
                                partial(self._failed, dataset_id))

    def _done(self, dataset_id: str, report: object) -> None:
        self._running.discard(dataset_id)
        self.fetched.emit(report)

    def _failed(self, dataset_id: str, exc: BaseException) -> None:
        self._running.discard(dataset_id)
        log.error("data fetch %s failed: %s", dataset_id, exc)
