"""The data screen (route ``data:<dataset-id>``) and a live key figure for the attract/home screens.

Reads come from the observation cache in a worker (``kiosk.ui.workers``); while the screen is
visible a timer reloads it, so new points fetched by the data service appear without navigation.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.content.model import Dataset, pick
from kiosk.content.reader import ContentReader
from kiosk.data import credit_for, series_id
from kiosk.data.cache import ObservationCache
from kiosk.data.figures import ChartWindow, chart_window
from kiosk.ui.live import REFRESH_MS
from kiosk.ui.live import run_job as _run
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.chart import DEFAULT_RANGE, ChartWidget
from kiosk.ui.workers import Workers

log = logging.getLogger("kiosk.ui.data")


class DataScreen(Screen):
    route_prefix = "data"

    def __init__(self, theme: Theme, cache: ObservationCache, workers: Workers | None = None,
                 parent: QWidget | None = None, *, tz: str = "Europe/Copenhagen",
                 clock: Callable[[], float] = time.time, refresh_ms: int = REFRESH_MS) -> None:
        super().__init__(theme, parent)
        self.cache, self.workers, self.clock = cache, workers, clock
        self.tz = ZoneInfo(tz)
        self.reader: ContentReader | None = None
        self.lang = "en"
        self.dataset: Dataset | None = None
        self._generation = 0
        self.last_error: BaseException | None = None

        self.title = QLabel("", self)
        self.title.setWordWrap(True)
        self.chart = ChartWidget(theme, self.tz, self)
        self.chart.range_changed.connect(lambda _s: self.reload())
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.chart, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.reload)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        m = theme.margin
        self._layout.setContentsMargins(m, theme.px(3), m, theme.px(4))
        self._layout.setSpacing(theme.gutter)
        self.title.setFont(theme.font("h1"))
        self.title.setStyleSheet(f"color: {theme.palette.text};")
        self.chart.set_theme(theme)

    def set_content(self, reader: ContentReader, lang: str) -> None:
        self.reader, self.lang = reader, lang
        if self.dataset is not None:
            self.show_route(self.dataset.id)

    def show_route(self, argument: str) -> None:
        ds = self.reader.dataset(argument) if self.reader is not None else None
        self.dataset = ds
        if ds is None or self.reader is None:
            self.title.setText("")
            self.chart.set_empty_message("This data is not available")
            self.chart.set_value(None, "")
            return
        meta = self.reader.meta
        self.title.setText(pick(ds.title, self.lang, meta.default_language)[0])
        self.chart.set_dataset(ds, self.lang, meta.default_language, credit_for(ds))
        self.chart.set_empty_message("No data yet")
        self.reload()

    def reset(self) -> None:
        self.chart.set_range(DEFAULT_RANGE)

    def reload(self) -> None:
        """Load the current dataset and range from the cache (in the worker pool)."""
        ds, reader = self.dataset, self.reader
        if ds is None or reader is None:
            return
        self._generation += 1
        gen = self._generation
        series = series_id(reader.meta.id, ds.id)
        rng, max_points, now = self.chart.range_seconds, self.chart.max_points(), self.clock()
        _run(self.workers, lambda: chart_window(self.cache, series, ds, rng, max_points, now, self.tz),
             lambda result: self._show(gen, result), self._failed)

    def _show(self, generation: int, result: object) -> None:
        if generation != self._generation or not isinstance(result, ChartWindow):
            return  # an older request finished after a newer one
        self.chart.set_series(result.ts, result.values, result.start, result.end)
        self.chart.set_value(result.live.value, result.live.freshness, result.live.stale, result.live.kind)
        self.chart.set_coverage(result.covered)

    def _failed(self, exc: BaseException) -> None:
        # Keep the last good state on screen; the log and admin panel carry the error.
        self.last_error = exc
        log.error("cannot read the data cache: %s", exc)

    def showEvent(self, event) -> None:  # Qt API
        super().showEvent(event)
        self.timer.start()
        self.reload()

    def hideEvent(self, event) -> None:  # Qt API
        super().hideEvent(event)
        self.timer.stop()
