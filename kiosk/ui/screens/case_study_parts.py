"""Pooled parts of the case-study screen: key figures, dataset chips, related tiles, strings.

Each row keeps its widgets and only ever grows to the largest count seen; refilling hides the
extras instead of deleting and re-creating them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.content.model import CaseStudyDoc, KeyFigure
from kiosk.ui.bidi import direction_of
from kiosk.ui.colors import mix
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.images import ImageCache, ImageView
from kiosk.ui.widgets.qss import restyle
from kiosk.ui.widgets.strings import tr

CASE_KEYS = ("take_home", "take_home_hint", "scan", "data", "gallery", "related", "missing", "missing_hint")
"""The case-study screen's own words (English sources and translations: ``kiosk/ui/widgets/strings.py``)."""


def strings(lang: str) -> dict[str, str]:
    """The case-study strings in ``lang`` through the Qt translations (English where missing)."""
    return {key: tr(key, lang) for key in CASE_KEYS}


def facts_line(doc: CaseStudyDoc, main: CaseStudyDoc) -> str:
    """``2021  ·  Aarhus``: year and place, from the visitor's language or else the default one."""
    parts: list[str] = []
    year = doc.year or main.year
    if year:
        parts.append(str(year))
    location = doc.location or main.location
    if location and location.name:
        parts.append(location.name)
    return "  ·  ".join(parts)


def section_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("section")
    return label


class KeyFigureView(QWidget):
    """**4,218** m³/h over a caption label: bold tabular value, thin unit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        self._value_row = row = QHBoxLayout()
        row.setSpacing(6)
        self.value = QLabel(self)
        self.unit = QLabel(self)
        self.label = QLabel(self)
        self._needed: int | None = None  # needed_width(), until the words or the fonts change
        self.label.setWordWrap(True)
        self.unit.setWordWrap(True)  # a long unit ("onshore turbines") wraps instead of widening the page
        row.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBaseline)
        row.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBaseline)
        row.addStretch(1)
        col.addLayout(row)
        col.addWidget(self.label)

    def apply(self, theme: Theme) -> None:
        value = theme.font("h1")
        value.setWeight(QFont.Weight.Bold)
        value.setFeature(QFont.Tag("tnum"), 1)
        self.value.setFont(value)
        unit = theme.font("body")
        unit.setWeight(QFont.Weight.Light)
        self.unit.setFont(unit)
        self.label.setFont(theme.font("caption"))
        restyle(self.value, f"color: {theme.palette.accent};")
        restyle(self.label, f"color: {theme.palette.muted};")
        self._value_row.setSpacing(theme.px(0.6))
        self._needed = None

    def needed_width(self) -> int:
        """The narrowest this figure reads well: the value and the unit's first word, the label's longest
        word (wrapping does the rest)."""
        if self._needed is None:
            self._needed = self._measure()
        return self._needed

    def _measure(self) -> int:
        first = self.unit.text().split(" ")[0]
        unit = self.unit.fontMetrics().horizontalAdvance(first) if first else 0
        label_fm = self.label.fontMetrics()
        word = max((label_fm.horizontalAdvance(w) for w in self.label.text().split()), default=0)
        gap = self._value_row.spacing()
        return max(self.value.sizeHint().width() + (gap + unit if unit else 0), word) + 2

    def set_figure(self, figure: KeyFigure) -> None:
        # The figure reads the way its own words do: English fallback on an Arabic screen stays
        # "400 million DKK" (value, then unit, left-aligned), Arabic stays mirrored on any screen.
        parent = self.parentWidget()
        screen = parent.layoutDirection() if parent is not None else self.layoutDirection()
        self.setLayoutDirection(direction_of(figure.unit, figure.label, default=screen))
        self.value.setText(figure.value)
        self.unit.setText(figure.unit)
        self.unit.setVisible(bool(figure.unit))
        self.label.setText(figure.label)
        self._needed = None


class FigureRow(QWidget):
    """Up to four key figures side by side (a fixed pool of four views); they stack into fewer columns
    when the words do not fit (large text, narrow screens): reflow, never overflow."""

    MAX = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.views = [KeyFigureView(self) for _ in range(self.MAX)]
        self.columns = self.MAX
        self._place(self.MAX)

    def apply(self, theme: Theme) -> None:
        self._grid.setHorizontalSpacing(theme.px(3))
        self._grid.setVerticalSpacing(theme.px(1.6))
        for view in self.views:
            view.apply(theme)
        self._reflow()

    def set_figures(self, figures: list[KeyFigure]) -> None:
        for i, view in enumerate(self.views):
            if i < len(figures):
                view.set_figure(figures[i])
                view.show()
            else:
                view.hide()
        self.setVisible(bool(figures))
        self._reflow()

    def _shown(self) -> list[KeyFigureView]:
        return [v for v in self.views if not v.isHidden()]

    def _place(self, columns: int) -> None:
        self.columns = columns
        for view in self.views:
            self._grid.removeWidget(view)
        for i, view in enumerate(self.views):
            self._grid.addWidget(view, i // columns, i % columns, Qt.AlignmentFlag.AlignTop)
        for col in range(self.MAX):
            self._grid.setColumnStretch(col, 1 if col < columns else 0)

    def _reflow(self) -> None:
        shown = self._shown()
        if not shown:
            return
        width = self.width() if self.width() > 0 else 10_000
        gap = self._grid.horizontalSpacing()
        need = max(v.needed_width() for v in shown)
        columns = len(shown)
        while columns > 1 and (width - (columns - 1) * gap) // columns < need:
            columns -= 1
        if columns != self.columns:
            self._place(columns)

    def minimumSizeHint(self) -> QSize:
        """One column's worth: the row stacks before it pushes the page wider."""
        shown = self._shown()
        width = max((v.needed_width() for v in shown), default=0)
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._reflow()


class ChipRow(QWidget):
    """Dataset chips: tapping one emits :attr:`chosen` with the dataset id."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._col = QVBoxLayout(self)
        self._col.setContentsMargins(0, 0, 0, 0)
        self.chips: list[QPushButton] = []
        self.ids: list[str] = []
        self.titles: list[str] = []
        self._qss = ""
        self._height = 48
        self._font: QFont | None = None

    def apply(self, theme: Theme, width: int) -> None:
        p = theme.palette
        self._width = width
        self._pad = theme.px(2.4)
        self._col.setSpacing(theme.px(1))
        self._height = theme.touch
        self._font = theme.font("body")
        self._qss = (
            f"QPushButton {{ background: {mix(p.accent, p.surface, 0.84)}; color: {p.text}; border: none;"
            f" border-radius: {theme.touch // 2}px; padding: 0 {theme.px(2.4)}px; text-align: left; }}"
            f"QPushButton:pressed {{ background: {mix(p.accent, p.surface, 0.6)}; }}"
        )
        for chip in self.chips:
            self._style(chip)
        self._elide()

    def _style(self, chip: QPushButton) -> None:
        restyle(chip, self._qss)
        chip.setMinimumHeight(self._height)
        if self._font is not None:
            chip.setFont(self._font)

    def set_chips(self, items: list[tuple[str, str]]) -> None:
        """``(dataset id, title)`` pairs."""
        self.ids = [ds for ds, _ in items]
        self.titles = [f"↗  {title}" for _, title in items]
        while len(self.chips) < len(items):
            chip = QPushButton(self)
            index = len(self.chips)
            chip.clicked.connect(lambda _=False, i=index: self.chosen.emit(self.ids[i]))
            self._style(chip)
            self._col.addWidget(chip)
            self.chips.append(chip)
        for i, chip in enumerate(self.chips):
            if i < len(items):
                chip.setAccessibleName(self.titles[i])
                chip.show()
            else:
                chip.hide()
        self._elide()
        self.setVisible(bool(items))

    def _elide(self) -> None:
        """A long data-set title shortens with "…" to the chip's width; the chip opens it in full."""
        width = self.width() if self.width() > 0 else getattr(self, "_width", 400)
        room = max(40, min(width, getattr(self, "_width", width)) - 2 * getattr(self, "_pad", 20) - 4)
        for chip, title in zip(self.chips, getattr(self, "titles", []), strict=False):
            chip.setText(chip.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, room))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()


class RelatedTile(QWidget):
    clicked = Signal()

    def __init__(self, cache: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        self.image = ImageView(cache, self)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        col.addWidget(self.image)
        col.addWidget(self.title)
        col.addStretch(1)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._press: QPointF | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and (event.position() - self._press).manhattanLength() < 24:
            self.clicked.emit()
        self._press = None


class RelatedRow(QWidget):
    """Up to four related case studies as image tiles; a tap emits :attr:`chosen` with the slug."""

    chosen = Signal(str)
    MAX = 4

    def __init__(self, cache: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.slugs: list[str] = []
        self.tiles = [RelatedTile(cache, self) for _ in range(self.MAX)]
        for i, tile in enumerate(self.tiles):
            tile.clicked.connect(lambda i=i: self.chosen.emit(self.slugs[i]))

    def apply(self, theme: Theme, width: int) -> None:
        self._grid.setSpacing(theme.gutter)
        widest = 2 if theme.portrait else self.MAX
        cols = max(1, min(widest, width // max(1, round(theme.px(32) * theme.text_scale))))  # big text: stack
        for i, tile in enumerate(self.tiles):
            self._grid.removeWidget(tile)
            align = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
            self._grid.addWidget(tile, i // cols, i % cols, align)
        for c in range(self.MAX):
            self._grid.setColumnStretch(c, 0)
        self._grid.setColumnStretch(cols, 1)
        tile_w = max(1, (width - (cols - 1) * theme.gutter) // cols)
        for tile in self.tiles:
            tile.setFixedWidth(tile_w)
            tile.image.setFixedSize(tile_w, round(tile_w * 0.6))
            tile.title.setFont(theme.font("body"))
            restyle(tile.title, f"color: {theme.palette.text}; font-weight: 600;")
        self._radius = theme.radius

    def set_colours(self, color: str, tint: str) -> None:
        for tile in self.tiles:
            tile.image.set_style(color, tint, getattr(self, "_radius", 0))

    def set_items(self, items: list[tuple[str, str, Path | None]]) -> None:
        """``(slug, title, hero file)`` triples; at most :attr:`MAX` are shown."""
        items = items[: self.MAX]
        self.slugs = [slug for slug, _, _ in items]
        for i, tile in enumerate(self.tiles):
            if i < len(items):
                tile.title.setText(items[i][1])
                tile.setAccessibleName(items[i][1])
                tile.image.set_source(items[i][2])
                tile.show()
            else:
                tile.image.set_source(None)
                tile.hide()
        self.setVisible(bool(items))
