"""The attract loop: full-bleed hero, slow drift, theme, title, one key figure, "Touch to explore".

Painting is a few blits: the hero (scaled once per slide and size, a few % larger than the screen so
it can drift), the scrim and "Touch to explore" pill (one cached layer for all slides) and the slide's
cached text. A cross-fade blends the two heroes over its whole length, but the texts take turns: the
outgoing text fades out in the first half, the incoming one fades in over the second, so two titles
never show over each other. Nothing is allocated per frame, so the loop can run for months.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, QSize, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from kiosk.content.model import Poll, pick
from kiosk.content.reader import ContentReader
from kiosk.ui.bidi import direction_of
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import CROSSFADE_MS, Theme
from kiosk.ui.widgets.ask_slide import AskSlides, interleave
from kiosk.ui.widgets.attract_paint import live_big, live_pill, paint_chrome
from kiosk.ui.widgets.cover import cover_or_placeholder
from kiosk.ui.widgets.images import placeholder
from kiosk.ui.widgets.livefigure import FigureParts
from kiosk.ui.widgets.strings import tr

log = logging.getLogger("kiosk.ui.attract")

DRIFT = 0.05
"""How far (fraction of the width) the hero drifts over one slide."""
FRAME_MS = 33


@dataclass(frozen=True)
class Slide:
    slug: str
    title: str
    theme_title: str
    color: str
    figure_value: str
    figure_unit: str
    figure_label: str
    hero: Path | None
    poll: Poll | None = None
    """The lab-wide question: this slide asks it (see :mod:`kiosk.ui.widgets.ask_slide`)."""


class AttractScreen(AskSlides, Screen):
    route_prefix = "attract"
    asked = Signal(str, int, str)
    """(poll id, choice, outcome) after a tap on a choice of the question slide (then: home)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None, *, animated: bool = True) -> None:
        super().__init__(theme, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.animated = animated
        self.slides: list[Slide] = []
        self.index = 0
        self._lang = "en"
        self._seconds = 12
        self._fade = 0.0
        self._drift = 0.0
        self._cache: dict[tuple[int, str], QPixmap] = {}
        self._frame = QTimer(self)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._tick)
        self._slide_timer = QTimer(self)
        self._slide_timer.timeout.connect(self.advance)
        self._fader = QVariantAnimation(self)
        self._fader.setDuration(CROSSFADE_MS)
        self._fader.setStartValue(0.0)
        self._fader.setEndValue(1.0)
        self._fader.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._fader.valueChanged.connect(self._on_fade)
        self._fader.finished.connect(self._fade_done)
        self._elapsed = 0
        self._painted = False
        self.live_text = ""
        self.live_is_live = True
        self.live_parts: FigureParts | None = None
        self._live_pix: QPixmap | None = None
        self.booth = None

    # Screen contract --------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        self._cache.clear()
        self._live_pix = None
        self.update()

    def set_live_figure(self, text: str | None, live: bool = True, parts: FigureParts | None = None) -> None:
        """The live figure in the top corner: with ``parts`` the number in display size, its unit and a
        caption ("CO₂ intensity · updated 3 min ago"); else one line of ``text``. None/"" hides it.

        ``live`` False (recorded, stale or offline data) drops the LIVE marker: the caption says what it is.
        A tap on the figure opens its data screen (anywhere else: home).
        """
        text = text or ""
        if text != self.live_text or live != self.live_is_live or parts != self.live_parts:
            self.live_text, self.live_is_live, self.live_parts, self._live_pix = text, live, parts, None
            self.update()

    def live_rect(self) -> QRectF:
        """Where the live figure is painted (empty when hidden)."""
        if not self.live_text:
            return QRectF()
        pix = self._live()
        m = self.theme.margin
        return QRectF(self.width() - m - pix.width(), round(m * 0.6), pix.width(), pix.height())

    def set_content(self, reader: ContentReader, lang: str) -> None:
        meta = reader.meta
        self._lang = meta.default_language if lang not in meta.languages else lang
        self._seconds = max(3, meta.attract.seconds)
        slides = []
        for cs in reader.featured():
            doc = cs.doc(self._lang)
            theme = meta.theme(cs.main.theme)
            fig = (
                doc.key_figures[0]
                if doc.key_figures
                else cs.main.key_figures[0]
                if cs.main.key_figures
                else None
            )
            hero = cs.main.hero
            slides.append(
                Slide(
                    slug=cs.slug,
                    title=doc.title,
                    theme_title=pick(theme.title, self._lang, meta.default_language)[0] if theme else "",
                    color=theme.color if theme else meta.branding.accent_color,
                    figure_value=fig.value if fig else "",
                    figure_unit=fig.unit if fig else "",
                    figure_label=fig.label if fig else "",
                    hero=reader.media_path(hero) if hero else None,
                )
            )
        self.slides = self._with_ask(reader, slides)
        self.index = 0
        self._cache.clear()
        self._live_pix = None
        self.update()

    def show_route(self, argument: str) -> None:
        self.index, self._fade, self._drift, self._elapsed = 0, 0.0, 0.0, 0
        self.update()

    def reset(self) -> None:
        self.show_route("")

    # Loop ---------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.animated:
            self._frame.start()
            self._slide_timer.start(self._seconds * 1000)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._frame.stop()
        self._slide_timer.stop()
        self._fader.stop()
        self._fade = 0.0

    def advance(self) -> None:
        """Cross-fade to the next slide (immediately when not animated)."""
        if len(self.slides) < 2:
            return
        if not self.animated:
            self.index = (self.index + 1) % len(self.slides)
            self._drift = 0.0
            self.update()
            return
        self._fader.start()

    def _on_fade(self, value: object) -> None:
        self._fade = float(value)  # type: ignore[arg-type]
        self.update()

    def _fade_done(self) -> None:
        self.index = (self.index + 1) % len(self.slides)
        self._fade = 0.0
        self._elapsed = 0
        self.update()

    def _tick(self) -> None:
        total = self._seconds * 1000 + CROSSFADE_MS
        self._elapsed = min(total, self._elapsed + FRAME_MS)
        self._drift = self._elapsed / total
        self.update()

    # Input --------------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        event.accept()
        self._ask_tap(event.position().x(), event.position().y())
        parts = self.live_parts
        if parts is not None and self.live_rect().contains(event.position()):
            self.navigate.emit(f"data:{parts.dataset_id}")
            return
        self.navigate.emit("home")

    # Painting -----------------------------------------------------------------------------------
    def _hero(self, i: int) -> QPixmap:
        key = (i, f"{self.width()}x{self.height()}")
        pix = self._cache.get(key)
        if pix is None:
            slide = self.slides[i]
            size = QSize(round(self.width() * (1 + DRIFT)), round(self.height() * (1 + DRIFT)))
            if slide.poll is not None:  # the lab's question: the accent colour, no picture to miss
                pix = placeholder(size, slide.color, slide.color, glyph=False)
            else:
                pix = cover_or_placeholder(slide.hero, size, slide.color, self.theme.tint(slide.color, 0.6))
            self._cache[key] = pix
        return pix

    def _foreground(self, i: int) -> QPixmap:
        """Slide ``i``'s text (theme, title, key figure), transparent elsewhere."""
        key = (i, f"fg{self.width()}x{self.height()}")
        pix = self._cache.get(key)
        if pix is None:
            pix = QPixmap(self.size())
            pix.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pix)
            self._paint_text(painter, self.slides[i])
            painter.end()
            self._cache[key] = pix
        return pix

    def _chrome(self) -> QPixmap:
        """The scrim and the "Touch to explore" pill: the same for every slide, never faded."""
        key = (-1, f"chrome{self.width()}x{self.height()}")
        pix = self._cache.get(key)
        if pix is None:
            pix = QPixmap(self.size())
            pix.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pix)
            self._paint_chrome(painter)
            painter.end()
            self._cache[key] = pix
        return pix

    def _pill(self) -> QRectF:
        t = self.theme
        fm = QFontMetrics(t.font("button"))
        pill_h = t.button_height
        pill_w = fm.horizontalAdvance(tr("touch", self._lang)) + 2 * t.px(4)
        return QRectF((self.width() - pill_w) / 2, self.height() - t.margin - pill_h, pill_w, pill_h)

    def _paint_chrome(self, p: QPainter) -> None:
        paint_chrome(p, self.theme, self.width(), self.height(), self._pill(), tr("touch", self._lang))

    def _paint_text(self, p: QPainter, slide: Slide) -> None:
        if slide.poll is not None:
            self._paint_ask(p, slide.poll)
            return
        self._paint_case_text(p, slide)

    def _paint_case_text(self, p: QPainter, slide: Slide) -> None:
        """Theme, title and key figure, bottom-up above the pill, read the way the slide's own text does:
        an Arabic slide is mirrored (aligned right, figure value first from the right), an English one on
        an Arabic screen reads left to right."""
        t = self.theme
        w = self.width()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        reading = direction_of(slide.title, slide.figure_unit, slide.figure_label)
        rtl = reading == Qt.LayoutDirection.RightToLeft
        p.setLayoutDirection(reading)
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        m = t.margin
        text_w = w - 2 * m if t.portrait else w * 0.62

        def at(offset: float, width: float) -> float:
            """The left x of a ``width`` wide piece ``offset`` from the leading margin."""
            return w - m - offset - width if rtl else m + offset

        pill = self._pill()
        y = pill.top() - t.px(5)
        white = QColor("#ffffff")
        if slide.figure_value:
            vf, uf, lf = t.font("h1"), t.font("body"), t.font("body")
            vf.setBold(True)
            vm, um = QFontMetrics(vf), QFontMetrics(uf)
            base = y - vm.descent()
            p.setFont(vf)
            p.setPen(white)
            value_w = vm.horizontalAdvance(slide.figure_value)
            p.drawText(QPointF(at(0, value_w), base), slide.figure_value)
            x = value_w + t.px(1)
            if slide.figure_unit:
                p.setFont(uf)
                unit_w = um.horizontalAdvance(slide.figure_unit)
                p.drawText(QPointF(at(x, unit_w), base), slide.figure_unit)
                x += unit_w + t.px(2)
            p.setFont(lf)
            p.setPen(QColor(255, 255, 255, 210))
            room = max(0.0, w - 2 * m - x)
            p.drawText(
                QRectF(at(x, room), base - um.ascent(), room, um.height() * 1.6),  # Arabic descenders
                int(Qt.TextFlag.TextSingleLine) | int(side) | int(Qt.AlignmentFlag.AlignAbsolute),
                slide.figure_label,
            )
            y -= vm.height() + t.px(2)
        title_font = t.font("display")
        tm = QFontMetrics(title_font)
        flags = (
            int(Qt.TextFlag.TextWordWrap)
            | int(side)
            | int(Qt.AlignmentFlag.AlignAbsolute)
            | int(Qt.AlignmentFlag.AlignBottom)
        )
        box = tm.boundingRect(0, 0, round(text_w), 10_000, flags, slide.title)
        p.setFont(title_font)
        p.setPen(white)
        p.drawText(QRectF(at(0, text_w), y - box.height(), text_w, box.height()), flags, slide.title)
        y -= box.height() + t.px(1.5)
        if slide.theme_title:
            cf = t.font("body")
            cf.setWeight(t.TYPE_WEIGHT["h2"])
            cf.setCapitalization(cf.Capitalization.AllUppercase)
            cf.setLetterSpacing(cf.SpacingType.PercentageSpacing, 108)
            cm = QFontMetrics(cf)
            dot = t.px(1.6)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(slide.color))
            p.drawRoundedRect(
                QRectF(at(0, dot * 2.2), y - cm.height() / 2 - dot / 2 - cm.descent() / 2, dot * 2.2, dot),
                dot / 2,
                dot / 2,
            )
            p.setFont(cf)
            p.setPen(white)
            label_w = cm.horizontalAdvance(slide.theme_title)
            p.drawText(QPointF(at(dot * 3, label_w), y - cm.descent()), slide.theme_title)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#10161c"))
        if not self.slides:
            p.end()
            self._first_paint()
            return
        following = (self.index + 1) % len(self.slides)
        self._draw_hero(p, self.index, 1.0, self._drift)
        if self._fade > 0.0:
            self._draw_hero(p, following, self._fade, 0.0)
        p.drawPixmap(0, 0, self._chrome())
        outgoing, incoming = text_opacities(self._fade)
        for i, opacity in ((self.index, outgoing), (following, incoming)):
            if opacity > 0.0:
                p.setOpacity(opacity)
                p.drawPixmap(0, 0, self._foreground(i))
        p.setOpacity(1.0)
        if self.live_text:
            p.drawPixmap(self.live_rect().topLeft(), self._live())
        p.end()
        self._first_paint()

    def _first_paint(self) -> None:
        """One log line that start-up checks wait for (PyInstaller smoke test, operators)."""
        if not self._painted:
            self._painted = True
            log.info("attract painted (%dx%d, %d slides)", self.width(), self.height(), len(self.slides))

    def _live(self) -> QPixmap:
        """The live figure, rendered once per text/theme/language/size (see :mod:`attract_live`)."""
        if self._live_pix is None:
            label = tr("live", self._lang).upper() if self.live_is_live else ""
            if self.live_parts is not None:
                self._live_pix = live_big(self.theme, label, self.live_parts, round(self.width() * 0.45))
            else:
                self._live_pix = live_pill(self.theme, label, self.live_is_live, self.live_text,
                                           round(self.width() * 0.5))
        return self._live_pix

    # Citizen voice: the lab-wide question as a slide of its own (kiosk/ui/widgets/ask_slide.py) ----
    def _with_ask(self, reader: ContentReader, slides: list[Slide]) -> list[Slide]:
        ask = reader.ask(self._lang) if self.booth is not None else None
        every = reader.meta.ask.every if reader.meta.ask is not None else 0
        if ask is None or every <= 0:
            return slides
        slide = Slide("", ask.question, "", reader.meta.branding.accent_color, "", "", "", None, poll=ask)
        return interleave(slides, slide, every)

    def _draw_hero(self, p: QPainter, i: int, opacity: float, drift: float) -> None:
        hero = self._hero(i)
        p.setOpacity(opacity)
        dx = (hero.width() - self.width()) * drift
        dy = (hero.height() - self.height()) * 0.5
        p.drawPixmap(QPointF(-dx, -dy), hero)
        p.setOpacity(1.0)


def text_opacities(fade: float) -> tuple[float, float]:
    """(outgoing, incoming) text opacity at ``fade`` (0..1) of a cross-fade: they take turns."""
    return max(0.0, 1.0 - 2.0 * fade), max(0.0, 2.0 * fade - 1.0)
