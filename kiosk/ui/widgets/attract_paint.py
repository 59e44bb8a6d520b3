"""What the attract loop paints once into cached pixmaps: the scrim with its "Touch to explore" pill,
and the live figure: a pill (``● LIVE  94 g/kWh``) or, when the figure has parts, the big figure on a
scrim (``● LIVE`` over ``94 g/kWh`` over its caption)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QLinearGradient, QPainter, QPixmap

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.livefigure import FigureParts

LIVE_DOT = "#4fd1a1"
"""A calm green for the live marker (a non-text mark on the dark scrim)."""
LIVE_SCRIM = QColor(8, 12, 16, 200)
"""78 % near-black: the white figure and the green label keep >= 4.5:1 even over a white image."""


def paint_chrome(p: QPainter, t: Theme, w: int, h: int, pill: QRectF, touch: str) -> None:
    """The bottom scrim (the text above the pill stays readable over any hero) and the pill."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scrim = QLinearGradient(0, h * 0.25, 0, h)
    scrim.setColorAt(0.0, QColor(8, 12, 16, 0))
    scrim.setColorAt(0.55, QColor(8, 12, 16, 150))
    scrim.setColorAt(1.0, QColor(8, 12, 16, 215))
    p.fillRect(QRectF(0, 0, w, h), scrim)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(255, 255, 255, 235))
    p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
    p.setFont(t.font("button"))
    p.setPen(QColor("#15191e"))
    p.drawText(pill, Qt.AlignmentFlag.AlignCenter, touch)


def _label_font(t: Theme) -> QFont:
    font = t.font("caption")
    font.setWeight(t.TYPE_WEIGHT["h2"])
    font.setLetterSpacing(font.SpacingType.PercentageSpacing, 110)
    return font


def _painter(pix: QPixmap) -> QPainter:
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(LIVE_SCRIM)
    return p


def live_pill(t: Theme, label: str, is_live: bool, live_text: str, max_width: int) -> QPixmap:
    """Dot, ``label`` (LIVE, or empty when the source does not answer) and the text, elided to fit."""
    label_font, text_font = _label_font(t), t.font("caption")
    lm, tm = QFontMetrics(label_font), QFontMetrics(text_font)
    pad_x, pad_y, gap, dot = t.px(1.6), t.px(0.8), t.px(1.0), t.px(0.9)
    room = max(0, max_width - 2 * pad_x - dot - 2 * gap - lm.horizontalAdvance(label))
    text = tm.elidedText(live_text, Qt.TextElideMode.ElideRight, room)
    h = max(lm.height(), tm.height()) + 2 * pad_y
    label_w, text_w = lm.horizontalAdvance(label), tm.horizontalAdvance(text)
    w = 2 * pad_x + dot + gap + label_w + (round(gap * 1.4) if label else 0) + text_w
    pix = QPixmap(w, h)
    p = _painter(pix)
    p.drawRoundedRect(QRectF(0, 0, w, h), h / 2, h / 2)
    p.setBrush(QColor(LIVE_DOT if is_live else "#9aa3ab"))
    p.drawEllipse(QRectF(pad_x, (h - dot) / 2, dot, dot))
    x = pad_x + dot + gap
    base = (h + tm.ascent() - tm.descent()) / 2
    p.setFont(label_font)
    p.setPen(QColor(LIVE_DOT))
    p.drawText(QPointF(x, base), label)
    x += label_w + (round(gap * 1.4) if label else 0)
    p.setFont(text_font)
    p.setPen(QColor("#ffffff"))
    p.drawText(QPointF(x, base), text)
    p.end()
    return pix


def live_big(t: Theme, label: str, parts: FigureParts, max_width: int) -> QPixmap:
    """``● LIVE`` over ``94 g/kWh`` in display size over the caption (elided to ``max_width``)."""
    label_font = _label_font(t)
    value_font = t.font("display")
    value_font.setFeature(QFont.Tag.fromString("tnum"), 1)
    unit_font = t.font("h2")
    unit_font.setWeight(QFont.Weight.Light)
    caption_font = t.font("caption")
    lm, vm, um, cm = (QFontMetrics(f) for f in (label_font, value_font, unit_font, caption_font))
    pad_x, pad_y, gap, dot = t.px(2.4), t.px(1.4), t.px(1.0), t.px(0.9)
    caption = cm.elidedText(parts.caption, Qt.TextElideMode.ElideRight, max_width - 2 * pad_x)
    unit = f"\u2009{parts.unit}" if parts.unit else ""
    value_w, unit_w = vm.horizontalAdvance(parts.value), um.horizontalAdvance(unit)
    w = 2 * pad_x + max(value_w + unit_w, cm.horizontalAdvance(caption),
                        dot + gap + lm.horizontalAdvance(label))
    h = 2 * pad_y + (lm.height() if label else 0) + vm.ascent() + vm.descent() + cm.height()
    pix = QPixmap(w, h)
    p = _painter(pix)
    p.drawRoundedRect(QRectF(0, 0, w, h), t.radius, t.radius)
    y = pad_y
    if label:
        p.setBrush(QColor(LIVE_DOT))
        p.drawEllipse(QRectF(pad_x, y + (lm.height() - dot) / 2, dot, dot))
        p.setFont(label_font)
        p.setPen(QColor(LIVE_DOT))
        p.drawText(QPointF(pad_x + dot + gap, y + lm.ascent()), label)
        y += lm.height()
    base = y + vm.ascent()
    p.setPen(QColor("#ffffff" if not parts.stale else "#c9cfd4"))
    p.setFont(value_font)
    p.drawText(QPointF(pad_x, base), parts.value)
    p.setFont(unit_font)
    p.drawText(QPointF(pad_x + value_w, base), unit)
    p.setFont(caption_font)
    p.setPen(QColor("#e6e9ec"))
    p.drawText(QPointF(pad_x, base + vm.descent() + cm.ascent()), caption)
    p.end()
    return pix
