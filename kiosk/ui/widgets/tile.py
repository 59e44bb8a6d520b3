"""A case-study tile: image, theme colour strip, theme, title, summary. Painted from a cached pixmap."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import PRESS_MS, Theme
from kiosk.ui.widgets.cover import cover_or_placeholder


@dataclass(frozen=True)
class TileData:
    slug: str
    title: str
    summary: str
    theme_title: str
    color: str
    hero: Path | None


SCRIPT_SAMPLE = "Ág ميناء 港"
"""Latin, Arabic and CJK: a line of each is as tall as the fonts Qt falls back to make it."""
TITLE_LINES = 2
SUMMARY_LINES = 3


def line_height(font: QFont, sample: str = SCRIPT_SAMPLE) -> float:
    """One line of ``sample`` laid out with the fonts really used (Arabic and CJK are taller than Latin)."""
    layout = QTextLayout(sample, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)
    layout.endLayout()
    return max(line.height(), QFontMetricsF(font).lineSpacing())


def is_rtl(text: str) -> bool:
    """True when the first strong character is right-to-left (Arabic, Hebrew ...)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def wrap(text: str, font: QFont, width: float, max_lines: int) -> list[tuple[str, float]]:
    """``text`` in at most ``max_lines`` lines of ``width`` with the last one elided: (line, height) pairs.

    Qt's line breaker wraps at word boundaries, between CJK characters, and inside a word too long for
    a line; heights come from the fonts each line really uses.
    """
    text = " ".join(text.split())
    if max_lines <= 0 or not text:
        return []
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int, float]] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength(), line.height()))
    layout.endLayout()
    utf16 = text.encode("utf-16-le")  # Qt positions count UTF-16 code units

    def piece(start: int, end: int) -> str:
        return utf16[2 * start : 2 * end].decode("utf-16-le", errors="ignore").strip()

    out = []
    for i, (start, length, height) in enumerate(spans[:max_lines]):
        if i == max_lines - 1 and len(spans) > max_lines:
            rest = piece(start, len(utf16) // 2)
            out.append((QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, int(width)), height))
        else:
            out.append((piece(start, start + length), height))
    return out


def tile_height(theme: Theme, width: int) -> int:
    """Image (16:9) + strip + theme line + two title lines + two summary lines + padding.

    Lines are as tall as Latin, Arabic and CJK need, so no script is clipped.
    """
    h2 = line_height(theme.font("h2"))
    cap = line_height(theme.font("caption"))
    text = cap + TITLE_LINES * h2 + theme.px(0.6) + 2 * cap
    return round(width * 9 / 16) + theme.px(0.8) + theme.px(2.2) * 2 + round(text) + theme.px(2)


class CaseTile(QWidget):
    """Emits :attr:`tapped` with its slug on a press-and-release that was not a scroll."""

    tapped = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.data: TileData | None = None
        self._theme: Theme | None = None
        self._pix: QPixmap | None = None
        self._pressed = False
        self._press_pos = QPoint()
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setInterval(PRESS_MS)
        self._release.timeout.connect(self._unpress)

    def set_data(self, data: TileData, theme: Theme) -> None:
        if data != self.data or theme is not self._theme:
            self.data, self._theme, self._pix = data, theme, None
            self.setObjectName(f"tile-{data.slug}")
            self.update()

    def resizeEvent(self, event) -> None:
        self._pix = None
        super().resizeEvent(event)

    def _render(self) -> QPixmap:
        assert self.data is not None and self._theme is not None
        t, d, w, h = self._theme, self.data, self.width(), self.height()
        pix = QPixmap(self.size())
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(0, 0, w, h), t.radius, t.radius)
        p.setClipPath(clip)
        p.fillRect(0, 0, w, h, QColor(t.palette.surface))
        img_h = round(w * 9 / 16)
        p.drawPixmap(0, 0, cover_or_placeholder(d.hero, QSize(w, img_h), d.color, t.tint(d.color, 0.7)))
        strip = t.px(0.8)
        p.fillRect(0, img_h, w, strip, QColor(d.color))
        pad = t.px(2.2)
        x, tw = pad, w - 2 * pad
        y: float = img_h + strip + pad
        cap = t.font("caption")
        cap.setWeight(t.TYPE_WEIGHT["h2"])
        bottom = h - pad
        y = self._text(p, cap, t.palette.muted, d.theme_title.upper(), x, y, tw, 1)
        y = self._text(p, t.font("h2"), t.palette.text, d.title, x, y, tw, TITLE_LINES)
        small = t.font("caption")
        room = int((bottom - y - t.px(0.6)) // line_height(small))
        self._text(p, small, t.palette.muted, d.summary, x, y + t.px(0.6), tw, min(SUMMARY_LINES, room))
        p.setClipping(False)
        p.setPen(QColor(t.palette.outline))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(QRectF(0.5, 0.5, w - 1, h - 1), t.radius, t.radius)
        p.end()
        return pix

    @staticmethod
    def _text(
        p: QPainter, font: QFont, color: str, text: str, x: float, y: float, width: float, lines: int
    ) -> float:
        """Draw at most ``lines`` wrapped lines, eliding the last, aligned for the text's direction;
        returns the y below the text."""
        p.setFont(font)
        p.setPen(QColor(color))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        if is_rtl(text):
            option.setTextDirection(Qt.LayoutDirection.RightToLeft)
            option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        for line, height in wrap(text, font, width, lines):
            p.drawText(QRectF(x, y, width, height), line, option)
            y += height
        return y

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.data is None or self._theme is None:
            return
        if self._pix is None or self._pix.size() != self.size():
            self._pix = self._render()
        p = QPainter(self)
        if self._pressed:
            # Press feedback within one frame: scale 0.97 and darken.
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            s = 0.97
            p.translate(self.width() * (1 - s) / 2, self.height() * (1 - s) / 2)
            p.scale(s, s)
            p.drawPixmap(0, 0, self._pix)
            p.fillRect(self._pix.rect(), QColor(0, 0, 0, 25))
        else:
            p.drawPixmap(0, 0, self._pix)
        p.end()

    def mousePressEvent(self, event) -> None:
        self._pressed, self._press_pos = True, event.position().toPoint()
        self.update()
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        moved = (event.position().toPoint() - self._press_pos).manhattanLength()
        was_pressed = self._pressed
        self._release.start()
        threshold = self._theme.touch // 2 if self._theme else 20
        if (
            was_pressed
            and moved < threshold
            and self.rect().contains(event.position().toPoint())
            and self.data
        ):
            self.tapped.emit(self.data.slug)
        event.accept()

    def _unpress(self) -> None:
        self._pressed = False
        self.update()
