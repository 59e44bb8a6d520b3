"""The gallery: a swipeable strip of pooled tiles, and a full-screen zoom overlay.

Tiles are pooled: refilling the strip for another case study reuses them (and only ever creates as
many as the largest gallery seen), so thousands of navigations create nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPinchGesture,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.images import ImageCache, ImageView, placeholder
from kiosk.ui.widgets.kinetic import kinetic as make_kinetic
from kiosk.ui.widgets.qss import restyle
from kiosk.ui.widgets.strings import tr, trf

MIN_ZOOM, MAX_ZOOM, ZOOM_STEP = 1.0, 4.0, 1.5
SWIPE_FRACTION = 0.12
"""A horizontal drag longer than this share of the width turns the page."""


@dataclass(frozen=True)
class Picture:
    path: Path | None
    caption: str = ""


class GalleryTile(QWidget):
    clicked = Signal()

    def __init__(self, cache: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.image = ImageView(cache, self)
        self.setObjectName("zoom-overlay")
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.caption)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._press: QPointF | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and (event.position() - self._press).manhattanLength() < 24:
            self.clicked.emit()
        self._press = None


def kinetic(area: QScrollArea) -> None:
    """Touch and mouse-drag kinetic scrolling on a scroll area (see :mod:`kiosk.ui.widgets.kinetic`)."""
    make_kinetic(area)


class GalleryStrip(QScrollArea):
    """A horizontal, kinetic strip of gallery tiles; a tap emits :attr:`opened` with the index."""

    opened = Signal(int)

    def __init__(self, cache: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.inner = QWidget()
        self.inner.setAutoFillBackground(False)
        self._row = QHBoxLayout(self.inner)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)
        self.setWidget(self.inner)
        self.setObjectName("gallery")
        self.viewport().setObjectName("gallery-viewport")
        self.inner.setObjectName("gallery-inner")
        restyle(self, "#gallery, #gallery-viewport, #gallery-inner { background: transparent; }")
        self.tiles: list[GalleryTile] = []
        self.pictures: list[Picture] = []
        self.lang = "en"
        self._tile_size = QSize(320, 220)
        kinetic(self)

    def apply(self, theme: Theme, color: str, tint: str) -> None:
        self._row.setSpacing(theme.gutter)
        height = theme.px(22)
        self._tile_size = QSize(round(height * 1.5), height)
        for tile in self.tiles:
            self._style_tile(tile, theme, color, tint)
        self._theme, self._color, self._tint = theme, color, tint
        self.setFixedHeight(height + theme.font_px("caption") * 3)

    def _style_tile(self, tile: GalleryTile, theme: Theme, color: str, tint: str) -> None:
        tile.image.set_style(color, tint, theme.radius)
        tile.image.setFixedSize(self._tile_size)
        tile.setFixedWidth(self._tile_size.width())
        tile.caption.setFont(theme.font("caption"))
        restyle(tile.caption, f"color: {theme.palette.muted}; background: transparent;")

    def set_pictures(self, pictures: list[Picture]) -> None:
        """Refill from the pool; grows it only past the largest gallery seen so far."""
        self.pictures = list(pictures)
        while len(self.tiles) < len(pictures):
            tile = GalleryTile(self._cache, self.inner)
            index = len(self.tiles)
            tile.clicked.connect(lambda i=index: self.opened.emit(i))
            if hasattr(self, "_theme"):
                self._style_tile(tile, self._theme, self._color, self._tint)
            self._row.insertWidget(index, tile)
            self.tiles.append(tile)
        for i, tile in enumerate(self.tiles):
            if i < len(pictures):
                tile.image.set_source(pictures[i].path)
                tile.caption.setText(pictures[i].caption)
                tile.caption.setVisible(bool(pictures[i].caption))
                name = pictures[i].caption or trf("picture_of", self.lang, i + 1, len(pictures))
                tile.setAccessibleName(name)
                tile.show()
            else:
                tile.image.set_source(None)
                tile.hide()
        self.horizontalScrollBar().setValue(0)


CAPTION_SCRIM = "rgba(0, 0, 0, 0.78)"
"""Behind the lightbox caption: white text keeps >= 4.5:1 over any picture (a white image shows through
as #383838, 12:1 against white text)."""


class ZoomOverlay(QWidget):
    """Full-screen view of one gallery picture: pinch or +/- to zoom, drag to pan, swipe to turn.

    A child of the screen, covering it; never a top-level window.
    """

    closed = Signal()
    index_changed = Signal(int)

    def __init__(self, cache: ImageCache, parent: QWidget) -> None:
        super().__init__(parent)
        self._cache = cache
        self.pictures: list[Picture] = []
        self.index = 0
        self.zoom = 1.0
        self.offset = QPointF(0, 0)
        self._press: QPointF | None = None
        self._last: QPointF | None = None
        self._theme: Theme | None = None
        self._color, self._tint = "#0b6e4f", "#dbe9e4"
        self.close_button = self._button("×", self.close_overlay, "zoom-close")
        self.zoom_in_button = self._button("+", lambda: self.set_zoom(self.zoom * ZOOM_STEP), "zoom-in")
        self.zoom_out_button = self._button("−", lambda: self.set_zoom(self.zoom / ZOOM_STEP), "zoom-out")
        self.prev_button = self._button("‹", lambda: self.turn(-1), "zoom-prev")
        self.next_button = self._button("›", lambda: self.turn(1), "zoom-next")
        self.setObjectName("zoom-overlay")
        self.caption = QLabel(self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self.set_language("en")
        self.hide()

    def set_language(self, lang: str) -> None:
        """Accessible names of the symbol-only buttons in ``lang``."""
        for button, key in (
            (self.close_button, "close"),
            (self.zoom_in_button, "zoom_in"),
            (self.zoom_out_button, "zoom_out"),
            (self.prev_button, "previous"),
            (self.next_button, "next"),
        ):
            button.setAccessibleName(tr(key, lang))

    def _button(self, text: str, slot, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def apply(self, theme: Theme, color: str, tint: str) -> None:
        self._theme, self._color, self._tint = theme, color, tint
        size = max(theme.touch, theme.px(7))
        qss = (
            f"QPushButton {{ background: rgba(255,255,255,0.16); color: #ffffff; border: none;"
            f" border-radius: {size // 2}px; font-size: {theme.font_px('h2')}px; }}"
            f"QPushButton:pressed {{ background: rgba(255,255,255,0.32); }}"
            f"QLabel {{ color: #ffffff; background: {CAPTION_SCRIM}; border-radius: {theme.radius}px;"
            f" padding: {theme.px(1)}px {theme.px(2)}px; }}"
        )
        restyle(self, qss)
        for button in (
            self.close_button,
            self.zoom_in_button,
            self.zoom_out_button,
            self.prev_button,
            self.next_button,
        ):
            button.setFixedSize(size, size)
        self.caption.setFont(theme.font("body"))
        self._place()

    def open(self, pictures: list[Picture], index: int) -> None:
        self.pictures = list(pictures)
        if not self.pictures:
            return
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._show_index(max(0, min(index, len(self.pictures) - 1)))
        self.show()
        self.raise_()
        self.setFocus()

    def close_overlay(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _show_index(self, index: int) -> None:
        self.index = index
        self.zoom, self.offset = 1.0, QPointF(0, 0)
        self.caption.setText(self.pictures[index].caption)
        self.caption.setVisible(bool(self.pictures[index].caption))
        self._place()
        many = len(self.pictures) > 1
        self.prev_button.setVisible(many)
        self.next_button.setVisible(many)
        self._place()
        self.update()
        self.index_changed.emit(index)

    def turn(self, step: int) -> None:
        if self.pictures:
            self._show_index((self.index + step) % len(self.pictures))

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if self.zoom == MIN_ZOOM:
            self.offset = QPointF(0, 0)
        self.update()

    def _image_box(self) -> QSize:
        m = (self._theme.px(10) if self._theme else 80) * 2
        return QSize(max(1, self.width() - m), max(1, self.height() - m))

    def _place(self) -> None:
        if self._theme is None:
            return
        m, size = self._theme.margin // 2, self.close_button.width()
        self.close_button.move(self.width() - m - size, m)
        self.prev_button.move(m, (self.height() - size) // 2)
        self.next_button.move(self.width() - m - size, (self.height() - size) // 2)
        y = self.height() - m - size
        self.zoom_out_button.move(self.width() // 2 - size - self._theme.gutter // 2, y)
        self.zoom_in_button.move(self.width() // 2 + self._theme.gutter // 2, y)
        width = self.width() - 2 * (m + size)
        height = self.caption.heightForWidth(width) if self.caption.text() else 0
        gap = self._theme.gutter
        self.caption.setGeometry(m + size, y - gap - height, width, max(0, height))

    def resizeEvent(self, event) -> None:
        self._place()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(8, 10, 12, 240))
        if self.pictures:
            box = self._image_box()
            load = QSize(round(box.width() * min(self.zoom, 2.0)), round(box.height() * min(self.zoom, 2.0)))
            pixmap = self._cache.pixmap(self.pictures[self.index].path, load, crop=False)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            if pixmap is None:
                shown = QSize(box.width(), round(box.width() * 9 / 16)).boundedTo(box)
                pixmap = placeholder(shown, self._color, self._tint, self._theme.radius if self._theme else 0)
                scale = 1.0
            else:
                scale = self.zoom / min(self.zoom, 2.0)
            w, h = pixmap.width() * scale, pixmap.height() * scale
            x = (self.width() - w) / 2 + self.offset.x()
            y = (self.height() - h) / 2 + self.offset.y()
            painter.drawPixmap(QRectF(x, y, w, h), pixmap, QRectF(pixmap.rect()))
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)  # type: ignore[attr-defined]
            if isinstance(pinch, QPinchGesture):
                self.set_zoom(self.zoom * pinch.scaleFactor())
                return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = self._last = event.position()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._last is not None and self.zoom > MIN_ZOOM:
            self.offset += event.position() - self._last
            self.update()
        self._last = event.position()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and self.zoom == MIN_ZOOM:
            dx = event.position().x() - self._press.x()
            if abs(dx) > self.width() * SWIPE_FRACTION:
                self.turn(-1 if dx > 0 else 1)
        self._press = self._last = None

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_overlay()
        else:
            super().keyPressEvent(event)
