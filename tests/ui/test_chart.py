"""The chart widget and the data screen, on a real SQLite cache, offscreen."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from kiosk.content.model import ChartSpec, Dataset, PackMeta, Threshold
from kiosk.data.cache import ObservationCache
from kiosk.ui.live import LiveFigure
from kiosk.ui.screens.data import DataScreen
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.chart import ChartWidget
from kiosk.ui.workers import Workers

NOW = 1_793_527_200.0  # 2026-11-01 10:00 UTC
HOUR = 3600


class Reader:
    """The slice of ContentReader the data screen uses."""

    def __init__(self, *datasets: Dataset) -> None:
        self.meta = PackMeta("lab", 1, {"en": "Lab"}, ("en",), "en")
        self._ds = {d.id: d for d in datasets}

    def dataset(self, dataset_id: str) -> Dataset | None:
        return self._ds.get(dataset_id)

    def datasets(self) -> list[Dataset]:
        return list(self._ds.values())


CO2 = Dataset(
    "co2",
    {"en": "CO₂ intensity"},
    unit="g/kWh",
    refresh=300,
    chart=ChartSpec("line", (Threshold(100, "#2e7d32", {"en": "Low"}),)),
    credit="Source: Energinet",
)
EMPTY = Dataset("heat", {"en": "Heat"}, unit="MW")


@pytest.fixture
def cache(tmp_path: Path) -> ObservationCache:
    c = ObservationCache(tmp_path / "kiosk.db")
    # 60 days of hourly points ending at NOW; the newest is 123.4
    c.upsert("lab/co2", [(int(NOW) - i * HOUR, 100.0 + (i % 24)) for i in range(1, 60 * 24)])
    c.upsert("lab/co2", [(int(NOW), 123.4)])
    c.update_state("lab/co2", last_success=NOW - 180, failures=0)
    return c


@pytest.fixture
def screen(qtbot, cache: ObservationCache) -> DataScreen:  # type: ignore[no-untyped-def]
    s = DataScreen(Theme(1280, 800), cache, clock=lambda: NOW)
    qtbot.addWidget(s)
    s.resize(1280, 800)
    s.set_content(Reader(CO2, EMPTY), "en")  # type: ignore[arg-type]
    return s


def x_span(chart: ChartWidget) -> float:
    (x0, x1), _ = chart.plot.getPlotItem().viewRange()
    return x1 - x0


def test_value_label_shows_the_latest_value_unit_and_freshness(screen: DataScreen) -> None:
    screen.clock = lambda: NOW + 180  # the newest point is 3 min old (the last fetch is irrelevant)
    screen.show_route("co2")
    assert screen.chart.value_label.text() == "123"
    assert screen.chart.unit_label.text() == "g/kWh"
    assert screen.chart.badge.text() == "updated 3 min ago"
    assert screen.chart.credit.text() == "Source: Energinet"
    assert not screen.chart.empty_label.isVisibleTo(screen.chart)
    assert screen.title.text() == "CO₂ intensity"


def test_range_buttons_change_the_view(qtbot, screen: DataScreen) -> None:  # type: ignore[no-untyped-def]
    screen.show()
    screen.show_route("co2")
    week = x_span(screen.chart)
    assert week == pytest.approx(7 * 86400, rel=0.05)
    with qtbot.waitSignal(screen.chart.range_changed):
        qtbot.mouseClick(screen.chart.buttons[86400], Qt.MouseButton.LeftButton)
    assert screen.chart.range_seconds == 86400
    assert x_span(screen.chart) == pytest.approx(86400, rel=0.05)
    assert screen.chart.point_count() == 24
    qtbot.mouseClick(screen.chart.buttons[30 * 86400], Qt.MouseButton.LeftButton)
    assert x_span(screen.chart) == pytest.approx(30 * 86400, rel=0.05)
    assert screen.chart.point_count() == 30 * 24
    assert all(b.height() >= screen.theme.touch for b in screen.chart.buttons.values())
    screen.reset()
    assert screen.chart.range_seconds == 7 * 86400


def test_set_data_reuses_the_same_curve(screen: DataScreen) -> None:
    curve = screen.chart.curve
    items_before = len(screen.chart.plot.getPlotItem().listDataItems())
    for route in ("co2", "heat", "co2"):
        screen.show_route(route)
    for seconds in (86400, 365 * 86400):
        screen.chart.set_range(seconds)
    assert screen.chart.curve is curve
    assert len(screen.chart.plot.getPlotItem().listDataItems()) == items_before == 1


def test_empty_cache_shows_a_calm_message_not_a_blank_chart(screen: DataScreen) -> None:
    screen.show_route("heat")
    assert screen.chart.empty_label.isVisibleTo(screen.chart)
    assert screen.chart.empty_label.text() == "No data yet"
    assert screen.chart.value_label.text() == "–"
    assert screen.chart.point_count() == 0
    screen.show_route("co2")
    assert not screen.chart.empty_label.isVisibleTo(screen.chart)


def test_long_offline_source_still_shows_its_last_stretch(qtbot, cache: ObservationCache) -> None:  # type: ignore[no-untyped-def]
    cache.update_state("lab/co2", failures=3, offline_since=NOW + 60, error_kind="offline")
    later = NOW + 10 * 86400
    s = DataScreen(Theme(1280, 800), cache, clock=lambda: later, tz="UTC")
    qtbot.addWidget(s)
    s.set_content(Reader(CO2), "en")  # type: ignore[arg-type]
    s.show_route("co2")
    s.chart.set_range(86400)
    assert s.chart.point_count() == 24  # the last saved day, not an empty "now"
    assert s.chart.badge.text() == "offline since 01 Nov 10:01 — showing saved data"


def test_loads_in_the_worker_pool(qtbot, cache: ObservationCache) -> None:  # type: ignore[no-untyped-def]
    workers = Workers(2)
    s = DataScreen(Theme(1280, 800), cache, workers, clock=lambda: NOW)
    qtbot.addWidget(s)
    s.set_content(Reader(CO2), "en")  # type: ignore[arg-type]
    s.show_route("co2")
    qtbot.waitUntil(lambda: s.chart.point_count() > 0, timeout=5000)
    assert s.chart.value_label.text() == "123"
    workers.wait(5000)


def test_step_and_bar_types_feed_the_same_curve(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = ChartWidget(Theme(1280, 800))
    qtbot.addWidget(chart)
    curve = chart.curve
    for kind in ("step", "bar", "line"):
        chart.set_dataset(Dataset("x", {"en": "X"}, chart=ChartSpec(kind)), "en", "en")  # type: ignore[arg-type]
        chart.set_series(np.array([0, 60, 120]), np.array([1.0, 2.0, 3.0]), 0, 180)
        assert chart.curve is curve and chart.point_count() == 3
    assert chart.plot.backgroundBrush().color().name() == Theme(1280, 800).palette.surface


def test_live_figure_for_home_and_attract(qtbot, cache: ObservationCache) -> None:  # type: ignore[no-untyped-def]
    fig = LiveFigure(cache, clock=lambda: NOW + 180)
    with qtbot.waitSignal(fig.changed) as blocker:
        fig.bind("lab", CO2)
    assert blocker.args == ["123 g/kWh · CO₂ intensity · updated 3 min ago"]
    with qtbot.waitSignal(fig.changed) as blocker:
        fig.bind("lab", None)
    assert blocker.args == [""]
    assert not fig.timer.isActive()


def test_poller_fetches_due_datasets_in_workers(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.data.service import DataService
    from kiosk.ui.live import DataPoller

    csv = tmp_path / "heat.csv"
    csv.write_text("time,value\n2026-11-01T00:00:00Z,1.5\n2026-11-01T01:00:00Z,2.5\n")
    ds = Dataset("heat", {"en": "Heat"}, unit="MW", sample=True, source={"type": "csv", "file": "heat.csv"})
    cache = ObservationCache(tmp_path / "kiosk.db")
    service = DataService(cache, "lab", [ds], resolve=lambda name: csv if name.endswith("heat.csv") else None)
    workers = Workers(2)
    poller = DataPoller(service, workers)
    with qtbot.waitSignal(poller.fetched, timeout=5000) as blocker:
        poller.poll()
    report = blocker.args[0]
    assert report.ok and report.points == 2 and cache.latest("lab/heat")[1] == 2.5
    assert service.due() == []  # refreshed: nothing to do until the next interval
    poller.poll()
    assert workers.pending == 0
    workers.wait(5000)


# -- charts that read right --------------------------------------------------------------------------
def chart_with(qtbot, cache: ObservationCache, width: int = 1280, height: int = 800,  # type: ignore[no-untyped-def]
               *datasets: Dataset) -> DataScreen:
    s = DataScreen(Theme(width, height), cache, clock=lambda: NOW, tz="Europe/Copenhagen")
    qtbot.addWidget(s)
    s.resize(width, height)
    s.show()
    s.set_content(Reader(*(datasets or (CO2, EMPTY))), "en")  # type: ignore[arg-type]
    return s


def test_a_gap_in_the_data_is_drawn_as_a_gap(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor

    cache = ObservationCache(tmp_path / "gap.db")
    hours = [h for h in range(7 * 24) if not 3 * 24 <= h < 5 * 24]  # two days missing mid-week
    cache.upsert("lab/co2", [(int(NOW) - 7 * 86400 + h * HOUR, 150.0) for h in hours])
    s = chart_with(qtbot, cache)
    s.show_route("co2")
    chart = s.chart
    assert chart.point_count() == len(hours)
    assert np.isnan(chart.curve.yData).sum() == 1  # one break, at the gap
    image = chart.plot.grab().toImage()
    vb = chart.plot.getPlotItem().getViewBox()
    color = QColor(chart.line_color())

    def line_pixels_at(t: float) -> int:
        pos = chart.plot.mapFromScene(vb.mapViewToScene(QPointF(t, 150.0)))
        hits = 0
        for y in range(image.height()):
            c = image.pixelColor(pos.x(), y)
            if abs(c.red() - color.red()) + abs(c.green() - color.green()) \
                    + abs(c.blue() - color.blue()) < 60:
                hits += 1
        return hits

    start = NOW - 7 * 86400
    assert line_pixels_at(start + 4 * 86400) == 0  # inside the gap: no line drawn across it
    assert line_pixels_at(start + 1.5 * 86400) > 0  # data on either side is drawn
    assert line_pixels_at(start + 6 * 86400) > 0


def test_range_buttons_offer_only_what_the_data_covers(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache = ObservationCache(tmp_path / "r.db")
    cache.upsert("lab/co2", [(int(NOW) - i * HOUR, 120.0 + i % 7) for i in range(35 * 24)])  # 35 days
    s = chart_with(qtbot, cache)
    s.show_route("co2")
    assert s.chart.offered_ranges() == [86400, 7 * 86400, 30 * 86400, 365 * 86400]
    s.chart.set_range(365 * 86400)  # "1 y" over 35 days: the axis fits the data, no empty 90 %
    assert x_span(s.chart) == pytest.approx(35 * 86400, rel=0.05)

    short = ObservationCache(tmp_path / "short.db")
    short.upsert("lab/co2", [(int(NOW) - i * HOUR, 120.0) for i in range(3 * 24)])
    s2 = chart_with(qtbot, short)
    s2.chart.set_range(30 * 86400)
    s2.show_route("co2")
    assert s2.chart.offered_ranges() == [86400, 7 * 86400]
    assert s2.chart.range_seconds == 7 * 86400  # the longest range left holds all the data
    assert x_span(s2.chart) == pytest.approx(3 * 86400, rel=0.05)
    s2.show_route("heat")
    assert s2.chart.offered_ranges() == []


def test_one_empty_state_message(qtbot, cache: ObservationCache) -> None:  # type: ignore[no-untyped-def]
    s = chart_with(qtbot, cache)
    s.show_route("heat")
    chart = s.chart
    visible_text = [w.text() for w in (chart.value_label, chart.unit_label, chart.badge, chart.empty_label)
                    if w.isVisibleTo(s) and w.text()]
    assert visible_text == ["No data yet"]


def test_threshold_labels_stay_inside_the_plot(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache = ObservationCache(tmp_path / "t.db")
    cache.upsert("lab/co2", [(int(NOW) - i * HOUR, 100.0 + (i * 37) % 150) for i in range(7 * 24)])
    both = Dataset("co2", {"en": "CO₂"}, unit="g/kWh", chart=ChartSpec("line", (
        Threshold(100, "#2e7d32", {"en": "Low-carbon power"}),
        Threshold(249, "#b3401f", {"en": "Carbon-heavy power"}))))
    s = chart_with(qtbot, cache, 1280, 800, both)
    s.show_route("co2")
    plot_rect = s.chart.plot.getPlotItem().getViewBox().sceneBoundingRect

    def inside() -> bool:  # label positions follow the view's layout on the next event loop turn
        return all(plot_rect().contains(line.label.sceneBoundingRect()) for line in s.chart.thresholds)

    qtbot.waitUntil(inside, timeout=3000)


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1920, 1080), (1080, 1920)])
def test_date_axis_labels_never_collide(qtbot, tmp_path: Path, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage, QPainter

    cache = ObservationCache(tmp_path / "a.db")
    cache.upsert("lab/co2", [(int(NOW) - i * HOUR, 120.0) for i in range(400 * 24)])
    s = chart_with(qtbot, cache, width, height)
    s.show_route("co2")
    axis = s.chart.plot.getPlotItem().getAxis("bottom")
    for seconds in (86400, 7 * 86400, 30 * 86400, 365 * 86400):
        s.chart.set_range(seconds)
        image = QImage(axis.boundingRect().size().toSize(), QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        try:
            _, _, texts = axis.generateDrawSpecs(painter)
        finally:
            painter.end()
        rects = sorted((r for r, _, t in texts if t), key=lambda r: r.left())
        assert len(rects) >= 2, seconds
        labels = [t for _, _, t in texts]
        assert any(any(c.isalpha() for c in t) for t in labels), labels  # every range names a day or month
        for a, b in itertools.pairwise(rects):
            assert a.right() + s.theme.px(1) <= b.left(), (seconds, [t for _, _, t in texts])
