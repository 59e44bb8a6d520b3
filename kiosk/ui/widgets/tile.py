"""A case-study tile: image, theme colour strip, theme, title, summary. Painted from a cached pixmap."""

from __future__ import annotations

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

from kiosk.ui.bidi import is_rtl
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
TITLE_ROLE = "tile"
TITLE_LINES = 3
"""A title gets three lines before it is elided."""
SUMMARY_LINES = 3
PILL_SCRIM = QColor(0, 0, 0, 178)
"""70 % black under the theme pill's white text: 8:1 even over a white image."""
FLATTEST_IMAGE = 2.8
"""The widest crop a tile's image takes (width / height) to fit two rows on a landscape screen (2.8: also
on a short one, 1280x800, under its header)."""


@dataclass(frozen=True)
class TileShape:
    """How a tile divides its height: the image above, then title and as many summary lines as fit."""

    image_h: int
    summary_lines: int


def line_height(font: QFont, sample: str = SCRIPT_SAMPLE) -> float:
    """One line of ``sample`` laid out with the fonts really used (Arabic and CJK are taller than Latin)."""
    layout = QTextLayout(sample, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)
    layout.endLayout()
    return max(line.height(), QFontMetricsF(font).lineSpacing())


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


def text_height(theme: Theme, summary_lines: int) -> int:
    """Strip + padding + three title lines (+ a gap and ``summary_lines`` summary lines).

    Lines are as tall as Latin, Arabic and CJK need, so no script is clipped.
    """
    text = TITLE_LINES * line_height(theme.font(TITLE_ROLE))
    if summary_lines > 0:
        text += theme.px(0.6) + summary_lines * line_height(theme.font("caption"))
    return theme.px(0.6) + 2 * theme.px(1.6) + round(text) + 1


def tile_shape(theme: Theme, width: int, room: int = 0) -> TileShape:
    """The shape of a ``width`` wide tile that is at most ``room`` tall (0: no limit).

    Without a limit: a 16:9 image and three summary lines. With one, the summary gives way first, then
    the image (down to :data:`FLATTEST_IMAGE`); the title's three lines always stay.
    """
    tallest, flattest = round(width * 9 / 16), round(width / FLATTEST_IMAGE)
    if room <= 0:
        return TileShape(tallest, SUMMARY_LINES)
    bare = text_height(theme, 0)
    image = max(flattest, min(tallest, room - bare))
    lines = SUMMARY_LINES
    while lines > 0 and image + text_height(theme, lines) > room:
        lines -= 1
    return TileShape(image, lines)


def tile_height(theme: Theme, width: int, shape: TileShape | None = None) -> int:
    shape = shape or tile_shape(theme, width)
    return shape.image_h + text_height(theme, shape.summary_lines)


class CaseTile(QWidget):
    """Emits :attr:`tapped` with its slug on a press-and-release that was not a scroll."""

    tapped = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.data: TileData | None = None
        self.shape: TileShape | None = None
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

    def set_shape(self, shape: TileShape) -> None:
        if shape != self.shape:
            self.shape, self._pix = shape, None
            self.update()

    @property
    def theme(self) -> Theme | None:
        return self._theme

    def title_lines(self) -> list[str]:
        """The title as this tile draws it: up to :data:`TITLE_LINES` lines, the last elided if it must."""
        if self.data is None or self._theme is None:
            return []
        width = self.width() - 2 * self._theme.px(1.6)
        return [line for line, _ in wrap(self.data.title, self._theme.font(TITLE_ROLE), width, TITLE_LINES)]

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
        shape = self.shape or tile_shape(t, w)
        img_h = shape.image_h
        p.drawPixmap(0, 0, cover_or_placeholder(d.hero, QSize(w, img_h), d.color, t.tint(d.color, 0.7)))
        self._theme_pill(p, d.theme_title.upper(), w)
        strip = t.px(0.6)
        p.fillRect(0, img_h, w, strip, QColor(d.color))
        pad = t.px(1.6)
        x, tw = pad, w - 2 * pad
        y: float = img_h + strip + pad
        y = self._text(p, t.font(TITLE_ROLE), t.palette.text, d.title, x, y, tw, TITLE_LINES)
        if shape.summary_lines > 0:
            small = t.font("caption")
            self._text(p, small, t.palette.muted, d.summary, x, y + t.px(0.6), tw, shape.summary_lines)
        p.setClipping(False)
        p.setPen(QColor(t.palette.outline))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(QRectF(0.5, 0.5, w - 1, h - 1), t.radius, t.radius)
        p.end()
        return pix

    def _theme_pill(self, p: QPainter, text: str, width: int) -> None:
        """The theme's name on a scrim in the image's leading top corner: white on it is AA on any image."""
        if not text or self._theme is None:
            return
        t = self._theme
        font = t.font("caption")
        font.setWeight(t.TYPE_WEIGHT["h2"])
        fm = QFontMetrics(font)
        inset, pad_x = t.px(1), t.px(1)
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, width - 2 * inset - 2 * pad_x)
        h = round(line_height(font)) + t.px(0.4)
        box_w = fm.horizontalAdvance(text) + 2 * pad_x
        left = self.layoutDirection() == Qt.LayoutDirection.LeftToRight and not is_rtl(text)
        box = QRectF(inset if left else width - inset - box_w, inset, box_w, h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(PILL_SCRIM)
        p.drawRoundedRect(box, h / 2, h / 2)
        p.setFont(font)
        p.setPen(QColor("#ffffff"))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

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
