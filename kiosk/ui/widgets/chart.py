"""A live data chart for a touch kiosk: built once, fed with ``setData``, never blank.

The big current value with its unit and a freshness badge, touch range buttons (24 h / 7 d / 30 d / 1 y),
a pyqtgraph plot with a date axis in the kiosk's time zone, threshold lines, and the credit line.
An empty series shows a calm "No data yet" inside the plot area instead of an empty frame.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content.model import ChartSpec, Dataset, pick
from kiosk.data.figures import format_value, with_gaps
from kiosk.ui.colors import mix, readable_on
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.buttons import TouchButton

RANGES: tuple[tuple[str, int], ...] = (("24 h", 86400), ("7 d", 7 * 86400), ("30 d", 30 * 86400),
                                       ("1 y", 365 * 86400))
DEFAULT_RANGE = 7 * 86400


HOUR, DAY = 3600, 86400
MONTH, YEAR = 30 * DAY, 365 * DAY
STEPS: tuple[int, ...] = (HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY,
                          MONTH, 2 * MONTH, 3 * MONTH, 6 * MONTH, YEAR, 2 * YEAR, 5 * YEAR)
"""Tick steps to choose from, finest first."""


DAY_FORMAT = "%-d %b"


def tick_format(spacing: float) -> str:
    """Readable from two metres: ``2026``, ``Mar 2026``, ``2 Mar``, ``14:00``."""
    if spacing >= 300 * 86400:
        return "%Y"
    if spacing >= 28 * 86400:
        return "%b %Y"
    if spacing >= 86400:
        return DAY_FORMAT
    if spacing >= 60:
        return "%H:%M"
    return "%H:%M:%S"


def tick_times(start: float, end: float, step: int, tz: ZoneInfo) -> list[float]:
    """Ticks every ``step`` on local boundaries: whole hours, midnights, first days of months, New Year."""
    if end <= start:
        return []
    first = datetime.fromtimestamp(start, tz)
    out: list[float] = []
    if step >= MONTH:
        months = max(1, round(step / MONTH)) if step < YEAR else 12 * round(step / YEAR)
        year, month = first.year, first.month
        month0 = (year * 12 + month - 1) // months * months
        while True:
            y, m = divmod(month0, 12)
            t = datetime(y, m + 1, 1, tzinfo=tz).timestamp()
            if t > end:
                return out
            if t >= start:
                out.append(t)
            month0 += months
    if step >= DAY:
        days = step // DAY
        day = datetime(first.year, first.month, first.day, tzinfo=tz)
        ordinal = day.toordinal() // days * days
        while True:
            d = datetime.fromordinal(ordinal)
            t = datetime(d.year, d.month, d.day, tzinfo=tz).timestamp()
            if t > end:
                return out
            if t >= start:
                out.append(t)
            ordinal += days
    hours = step // HOUR
    t = (int(start) // HOUR) * HOUR
    while t <= end:
        local = datetime.fromtimestamp(t, tz)
        if t >= start and local.minute == 0 and local.hour % hours == 0:
            out.append(float(t))
        t += HOUR
    return out


class ZonedDateAxis(pg.DateAxisItem):
    """Date ticks in an IANA zone, one level of labels spaced so that they never collide.

    The step is the finest of :data:`STEPS` whose widest label (measured in the axis font) fits
    between two ticks with a gap; labels fall on local boundaries (DST-correct).
    """

    def __init__(self, tz: ZoneInfo, **kwargs: object) -> None:
        super().__init__(orientation="bottom", **kwargs)
        self.set_zone(tz)
        self._widths: dict[str, float] = {}

    def set_zone(self, tz: ZoneInfo) -> None:
        self.tz = tz
        offset = datetime.now(tz).utcoffset()
        self.utcOffset = -offset.total_seconds() if offset is not None else 0

    def label_width(self, fmt: str) -> float:
        """The widest label this format writes (every month name, two-digit days and hours); times of
        day also write the date at midnight."""
        font = self.style.get("tickFont") or self.font()
        key = f"{fmt}|{font.key()}"
        if key not in self._widths:
            metrics = QFontMetricsF(font)
            fmts = (fmt, DAY_FORMAT) if fmt.startswith("%H") else (fmt,)
            samples = [datetime(2026, m, 28, 23, 59).strftime(f) for m in range(1, 13) for f in fmts]
            self._widths[key] = max(metrics.horizontalAdvance(t) for t in samples)
        return self._widths[key]

    def tickValues(self, minVal, maxVal, size):
        span = maxVal - minVal
        if span <= 0 or size <= 0:
            return []
        gap = QFontMetricsF(self.style.get("tickFont") or self.font()).horizontalAdvance("M") * 2
        for step in STEPS:
            if step / span * size >= self.label_width(tick_format(step)) + gap:
                return [(float(step), tick_times(minVal, maxVal, step, self.tz))]
        return [(float(STEPS[-1]), tick_times(minVal, maxVal, STEPS[-1], self.tz))]

    def tickStrings(self, values, scale, spacing):
        fmt = tick_format(spacing)
        out = []
        for v in values:
            try:
                when = datetime.fromtimestamp(v, self.tz)
            except (OverflowError, ValueError, OSError):
                out.append("")
                continue
            midnight = fmt.startswith("%H") and when.hour == 0 and when.minute == 0
            out.append(when.strftime(DAY_FORMAT if midnight else fmt))  # a new day says which day
        return out


class ChartWidget(QWidget):
    range_changed = Signal(int)
    """Seconds of the range the visitor picked."""

    def __init__(self, theme: Theme, tz: ZoneInfo | str = "UTC", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.tz = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
        self.range_seconds = DEFAULT_RANGE
        self.spec = ChartSpec()
        self.unit = ""
        self._view: tuple[float, float] | None = None

        self.value_label = QLabel("–", self)
        self.value_label.setObjectName("chart-value")
        self.unit_label = QLabel("", self)
        self.badge = QLabel("", self)
        self.badge.setObjectName("chart-badge")
        head = QHBoxLayout()
        head.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignBaseline)
        head.addWidget(self.unit_label, 0, Qt.AlignmentFlag.AlignBaseline)
        head.addSpacing(theme.gutter)
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)

        self.buttons: dict[int, TouchButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        row = QHBoxLayout()
        for text, seconds in RANGES:
            b = TouchButton(text, self, checkable=True)
            b.setObjectName(f"range-{text.replace(' ', '')}")
            b.setChecked(seconds == self.range_seconds)
            b.clicked.connect(lambda _=False, s=seconds: self.set_range(s))
            self._group.addButton(b)
            self.buttons[seconds] = b
            row.addWidget(b)
        row.addStretch(1)

        self.axis = ZonedDateAxis(self.tz)
        self.plot = pg.PlotWidget(self, axisItems={"bottom": self.axis})
        item = self.plot.getPlotItem()
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        item.hideButtons()
        item.setMenuEnabled(False)
        item.showGrid(x=False, y=True, alpha=0.25)
        # One min/max pair per pixel column (pyqtgraph's default draws ~5 pairs): ~2 points per pixel.
        self.curve = item.plot([], [], autoDownsampleFactor=1.0)
        self.thresholds: list[pg.InfiniteLine] = []
        item.getViewBox().sigYRangeChanged.connect(lambda *_: self._place_threshold_labels())
        self.covered: int | None = None
        self.empty_label = QLabel("No data yet", self.plot)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.credit = QLabel("", self)
        self.credit.setWordWrap(True)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(theme.gutter)
        lay.addLayout(head)
        lay.addLayout(row)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.credit)
        self.set_theme(theme)

    # -- style ----------------------------------------------------------------------------------
    def line_color(self) -> str:
        p = self.theme.palette
        base = self.spec.color or p.accent
        return p.accent if p.name == "high-contrast" else readable_on(base, p.surface, 3.0)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        p = theme.palette
        pad = f"{theme.px(0.5)}px {theme.px(1.4)}px"
        self.setStyleSheet(f"QLabel {{ color: {p.text}; background: transparent; }}"
                           f"#chart-badge {{ color: {p.text}; background: {theme.tint(p.accent, 0.86)};"
                           f" border-radius: {theme.px(1.6)}px; padding: {pad}; }}")
        self.value_label.setFont(theme.font("display"))
        unit_font = theme.font("h2")
        unit_font.setWeight(QFont.Weight.Light)
        self.unit_label.setFont(unit_font)
        self.badge.setFont(theme.font("caption"))
        self.credit.setFont(theme.font("caption"))
        self.credit.setStyleSheet(f"color: {p.muted};")
        self.empty_label.setFont(theme.font("h2"))
        self.empty_label.setStyleSheet(f"color: {p.muted};")
        for b in self.buttons.values():
            b.apply(theme, role="button")
        self.plot.setBackground(p.surface)
        axis_pen = pg.mkPen(p.muted, width=max(1, theme.px(0.12)))
        tick_font = theme.font("caption")
        for name in ("bottom", "left"):
            ax = self.plot.getPlotItem().getAxis(name)
            ax.setPen(axis_pen)
            ax.setTextPen(pg.mkPen(p.text))
            # One level of labels: a second level ("Mar 2025" over "3 Mar") crowds the first.
            ax.setStyle(tickFont=tick_font, tickLength=-theme.px(0.8), tickTextOffset=theme.px(0.8),
                        maxTickLevel=0, autoExpandTextSpace=False)
        self.plot.getPlotItem().getAxis("left").setWidth(theme.px(9))
        self.plot.getPlotItem().getAxis("bottom").setHeight(theme.px(5))
        self._style_curve()
        self._style_thresholds()

    def _style_curve(self) -> None:
        color = self.line_color()
        pen = pg.mkPen(color, width=max(2, self.theme.px(0.25)))
        if self.spec.type == "bar":
            fill = QColor(color)
            fill.setAlpha(150)
            self.curve.setPen(pg.mkPen(color, width=1))
            self.curve.setFillLevel(0.0 if self.spec.y_min is None else self.spec.y_min)
            self.curve.setBrush(fill)
        else:
            self.curve.setPen(pen)
            self.curve.setFillLevel(None)
            self.curve.setBrush(None)

    def _style_thresholds(self) -> None:
        for line, t in zip(self.thresholds, self.spec.thresholds, strict=True):
            color = readable_on(t.color, self.theme.palette.surface, 3.0)
            line.setPen(pg.mkPen(color, width=max(2, self.theme.px(0.2)), style=Qt.PenStyle.DashLine))
            if line.label is not None:
                line.label.setColor(color)
                line.label.setFont(self.theme.font("caption"))

    # -- content --------------------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset, lang: str, default_language: str, credit: str = "") -> None:
        """A new dataset: unit, chart type, thresholds, credit. The curve object stays the same."""
        self.spec, self.unit = dataset.chart, dataset.unit
        self.unit_label.setText(dataset.unit)
        self.credit.setText(credit)
        self.credit.setVisible(bool(credit))
        item = self.plot.getPlotItem()
        for line in self.thresholds:
            item.removeItem(line)
        self.thresholds = []
        for t in dataset.chart.thresholds:
            label = pick(t.label, lang, default_language)[0]
            line = pg.InfiniteLine(pos=t.value, angle=0, movable=False, label=label or None,
                                   labelOpts={"position": 0.02, "anchors": [(0, 0), (0, 0)],
                                              "fill": pg.mkBrush(self.theme.palette.surface)})
            item.addItem(line)  # thresholds count for the auto range: never cut off at the edge
            self.thresholds.append(line)
        y_min, y_max = dataset.chart.y_min, dataset.chart.y_max
        item.enableAutoRange(axis="y", enable=y_min is None and y_max is None)
        if y_min is not None or y_max is not None:
            item.setYRange(y_min if y_min is not None else 0, y_max if y_max is not None else 1, padding=0.02)
        self._style_curve()
        self._style_thresholds()


    def set_range(self, seconds: int) -> None:
        if seconds not in self.buttons:
            return
        changed = seconds != self.range_seconds
        self.range_seconds = seconds
        self.buttons[seconds].setChecked(True)
        if changed:
            self.range_changed.emit(seconds)

    def set_series(self, ts: np.ndarray, values: np.ndarray, start: float, end: float) -> None:
        """Show these points in the view ``[start, end]`` (reuses the one curve); gaps stay gaps."""
        x, y = with_gaps(ts, values)
        step = self.spec.type in ("step", "bar")
        self.curve.setData(x, y, stepMode="right" if step and len(x) else None,
                           connect="finite" if len(x) != len(ts) else "all")
        self._view = (start, end)
        self.plot.getPlotItem().setXRange(start, end, padding=0.01)
        self.empty_label.setVisible(len(x) == 0)
        self.plot.getPlotItem().getAxis("left").setStyle(showValues=len(x) > 0)
        self._place_empty()
        self._place_threshold_labels()

    def set_coverage(self, seconds: int | None) -> None:
        """Offer only the ranges the data covers, and the first one that holds all of it (its axis
        fits the data). Nothing cached: no range buttons, the plot's message says why."""
        self.covered = seconds
        spans = [s for _, s in RANGES]
        if not seconds:
            offered: list[int] = []
        else:
            offered = [s for s in spans if s <= seconds]
            offered += [s for s in spans if s > seconds][:1]
        for span, button in self.buttons.items():
            button.setVisible(span in offered)
        if offered and self.range_seconds not in offered:
            self.set_range(max(offered))  # the longest range left holds all the data

    def offered_ranges(self) -> list[int]:
        return [s for s, b in self.buttons.items() if not b.isHidden()]

    def set_value(self, value: float | None, freshness: str, stale: bool = False, kind: str = "") -> None:
        """The big number and its badge; with no value only the plot's message speaks (one empty state)."""
        self.value_label.setText("–" if value is None else format_value(value))
        self.value_label.setVisible(value is not None)
        self.unit_label.setVisible(value is not None and bool(self.unit))
        self.badge.setText(freshness)
        self.badge.setVisible(bool(freshness) and kind != "empty")
        p = self.theme.palette
        color = mix(p.text, p.muted, 0.7) if stale else p.text
        self.value_label.setStyleSheet(f"color: {color};")

    def set_empty_message(self, text: str) -> None:
        self.empty_label.setText(text)

    def point_count(self) -> int:
        """Points drawn (the NaN breaks at gaps not counted)."""
        y = self.curve.yData
        return 0 if y is None else int(np.count_nonzero(np.isfinite(y)))

    def _place_threshold_labels(self) -> None:
        """Threshold labels lie on the inner side of their line: above it in the lower half of the
        plot, below it in the upper half, so the axis or the frame never clips them."""
        (_, _), (y0, y1) = self.plot.getPlotItem().viewRange()
        middle = (y0 + y1) / 2
        for line in self.thresholds:
            if line.label is None:
                continue
            anchor = (0, 1) if line.value() < middle else (0, 0)
            if line.label.anchors != [anchor, anchor]:
                line.label.anchors = [anchor, anchor]
                line.label.updatePosition()

    def max_points(self) -> int:
        """About two points per pixel of plot width."""
        return max(200, 2 * max(self.plot.width(), self.theme.width // 2))

    def _place_empty(self) -> None:
        self.empty_label.setGeometry(self.plot.rect().adjusted(self.theme.px(10), 0, 0, 0))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_empty()
