"""A case-study tile: image, theme colour strip, theme, title, summary. Painted from a cached pixmap."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPixmap, QTextOption
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


def tile_height(theme: Theme, width: int) -> int:
    """Image (16:9) + strip + theme line + two title lines + two summary lines + padding."""
    h2 = QFontMetrics(theme.font("h2")).lineSpacing()
    body = QFontMetrics(theme.font("caption")).lineSpacing()
    return round(width * 9 / 16) + theme.px(0.8) + theme.px(2.2) * 2 + body + 2 * h2 + 2 * body + theme.px(2)


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
        x, y, tw = pad, img_h + strip + pad, w - 2 * pad
        cap = t.font("caption")
        cap.setWeight(t.TYPE_WEIGHT["h2"])
        cm = QFontMetrics(cap)
        p.setFont(cap)
        p.setPen(QColor(t.palette.muted))
        p.drawText(
            QRectF(x, y, tw, cm.lineSpacing()),
            Qt.TextFlag.TextSingleLine,
            cm.elidedText(d.theme_title.upper(), Qt.TextElideMode.ElideRight, tw),
        )
        y += cm.lineSpacing()
        yf = self._text(p, t.font("h2"), t.palette.text, d.title, x, y, tw, 2)
        self._text(p, t.font("caption"), t.palette.muted, d.summary, x, yf + t.px(0.6), tw, 2)
        p.setClipping(False)
        p.setPen(QColor(t.palette.outline))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(QRectF(0.5, 0.5, w - 1, h - 1), t.radius, t.radius)
        p.end()
        return pix

    @staticmethod
    def _text(
        p: QPainter, font, color: str, text: str, x: float, y: float, width: float, lines: int
    ) -> float:
        """Draw at most ``lines`` wrapped lines, eliding the last; returns the y below the text."""
        fm = QFontMetrics(font)
        p.setFont(font)
        p.setPen(QColor(color))
        words, out, line = text.split(), [], ""
        for word in words:
            candidate = f"{line} {word}".strip()
            if fm.horizontalAdvance(candidate) <= width or not line:
                line = candidate
            else:
                out.append(line)
                line = word
        if line:
            out.append(line)
        if len(out) > lines:
            out = [
                *out[: lines - 1],
                fm.elidedText(" ".join(out[lines - 1 :]), Qt.TextElideMode.ElideRight, round(width)),
            ]
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        for text_line in out:
            p.drawText(QRectF(x, y, width, fm.lineSpacing()), text_line, option)
            y += fm.lineSpacing()
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
