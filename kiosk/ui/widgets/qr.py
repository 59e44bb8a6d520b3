"""QR codes drawn locally with segno (no network): the "Take it home" panel and the link overlay.

A kiosk never opens a browser; a visitor's phone does. Every web link becomes a QR code.
"""

from __future__ import annotations

from functools import lru_cache

import segno
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme import Theme

MAX_QR_TEXT = 1200
QR_CACHE_SIZE = 32
"""Rendered codes kept (a pack's links and a few overlays); encoding one costs ~10-40 ms per tap."""


@lru_cache(maxsize=QR_CACHE_SIZE)
def qr_image(
    text: str, module_px: int = 8, dark: str = "#000000", light: str = "#ffffff", border: int = 2
) -> QImage:
    """The QR code of ``text`` as an image, ``module_px`` pixels per module (sharp, no smoothing).

    Memoised (bounded LRU): the same link in the same colours is encoded once. The image is shared,
    so callers only draw it, never paint into it.
    """
    code = segno.make(text[:MAX_QR_TEXT], error="m", micro=False)
    rows = list(code.matrix_iter(scale=1, border=border))
    n = len(rows)
    image = QImage(n * module_px, n * module_px, QImage.Format.Format_RGB32)
    image.fill(QColor(light))
    painter = QPainter(image)
    fill = QColor(dark)
    for y, row in enumerate(rows):
        for x, on in enumerate(row):
            if on:
                painter.fillRect(QRect(x * module_px, y * module_px, module_px, module_px), fill)
    painter.end()
    return image


ZWSP = "\u200b"


def breakable(url: str) -> str:
    """``url`` with invisible break opportunities after / . - ? & = so a long address wraps, not clips."""
    out = []
    for ch in url:
        out.append(ch)
        if ch in "/.-?&=":
            out.append(ZWSP)
    return "".join(out)


class QrView(QWidget):
    """A square QR code of ``text``, scaled to the widget by whole modules; empty text draws nothing.

    A tap emits :attr:`clicked` (the case study shows the code large, with its address)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pressed_at: QPointF | None = None
        self._text = ""
        self._image: QImage | None = None
        self._dark, self._light, self._radius = "#000000", "#ffffff", 0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    @property
    def text(self) -> str:
        return self._text

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._pressed_at = self._pressed_at, None
        moved = (event.position() - press).manhattanLength() if press is not None else 1e9
        inside = self.rect().contains(event.position().toPoint())
        if self._text and inside and moved < max(12, self.width() // 8):
            self.clicked.emit()

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._image = qr_image(text, 1, self._dark, self._light) if text else None
            self.update()

    def set_style(self, dark: str, light: str, radius: int) -> None:
        self._dark, self._light, self._radius = dark, light, radius
        if self._text:
            self._image = qr_image(self._text, 1, dark, light)
        self.update()

    def sizeHint(self) -> QSize:
        return self.size()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(QRectF(self.rect()), self._radius, self._radius)
        painter.fillPath(path, QColor(self._light))
        if self._image is not None:
            side = min(self.width(), self.height()) - 2 * self._radius // 2
            n = self._image.width()
            module = max(1, side // n)
            full = module * n
            x, y = (self.width() - full) // 2, (self.height() - full) // 2
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(QRect(x, y, full, full), self._image)
        painter.end()


class QrOverlay(QWidget):
    """A calm full-screen layer over the page: the QR code of a link, its address, a close button.

    A child of the screen (never a top-level window); tapping anywhere outside the card closes it.
    """

    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("qr-overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card = QWidget(self)
        self.card.setObjectName("qr-card")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._card_layout = layout = QVBoxLayout(self.card)
        self.title = QLabel(self.card)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title.setWordWrap(True)
        self.code = QrView(self.card)
        self.address = QLabel(self.card)
        self.address.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.address.setWordWrap(True)
        self.close_button = QPushButton("×", self.card)
        self.close_button.setObjectName("overlay-close")
        self.close_button.clicked.connect(self.close_overlay)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.title)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.address)
        self.hide()

    def apply(self, theme: Theme, title: str) -> None:
        p = theme.palette
        self.setStyleSheet(
            f"#qr-overlay {{ background: {p.overlay}; }}"
            f"#qr-card {{ background: {p.surface}; border-radius: {theme.radius}px; }}"
            f"#qr-card QLabel {{ color: {p.text}; background: transparent; }}"
            f"#overlay-close {{ background: {p.background}; color: {p.text}; border: none;"
            f" border-radius: {theme.touch // 2}px; font-size: {theme.font_px('h2')}px; }}"
        )
        self.title.setText(title)
        self.title.setFont(theme.font("h2"))
        self.address.setFont(theme.font("caption"))
        self.close_button.setFixedSize(theme.touch, theme.touch)
        side = theme.px(34)
        self.code.setFixedSize(side, side)
        self.code.set_style("#000000", "#ffffff", theme.radius // 2)
        m = theme.px(3)
        self._card_layout.setContentsMargins(m, m, m, m)
        self._card_layout.setSpacing(theme.gutter)
        self.card.setFixedWidth(side + 2 * m + theme.px(16))

    def show_url(self, url: str) -> None:
        self.code.set_text(url)
        shown = url if len(url) <= 80 else url[:77] + "…"
        self.address.setText(breakable(shown))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.card.adjustSize()
        self.card.move((self.width() - self.card.width()) // 2, (self.height() - self.card.height()) // 2)
        self.show()
        self.raise_()

    def close_overlay(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self.card.geometry().contains(event.position().toPoint()):
            self.close_overlay()
