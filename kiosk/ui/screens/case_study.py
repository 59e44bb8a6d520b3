"""The case-study screen: one image, one sentence, three numbers; the detail a scroll away.

Built once, refilled by :meth:`CaseStudyScreen.show_route`. Variable-length parts (key figures,
gallery, dataset chips, related tiles) come from pools that only grow to the largest case study seen,
so thousands of navigations allocate nothing. The body is untrusted Markdown rendered through
:func:`kiosk.content.markdown.render_markdown` into a :class:`RichText`.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.content.markdown import render_markdown
from kiosk.content.model import CaseStudy, pick
from kiosk.content.reader import ContentReader
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.case_study_parts import (
    ChipRow,
    FigureRow,
    RelatedRow,
    facts_line,
    section_label,
    strings,
)
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.gallery import GalleryStrip, Picture, ZoomOverlay, kinetic
from kiosk.ui.widgets.images import ImageCache, ImageView
from kiosk.ui.widgets.partner_line import PartnerLine, typed_refs
from kiosk.ui.widgets.qr import QrOverlay, QrView
from kiosk.ui.widgets.qss import restyle
from kiosk.ui.widgets.richtext import RichText
from kiosk.ui.widgets.strings import language_name, tr, trf
from kiosk.ui.widgets.video import VideoPanel
from kiosk.ui.widgets.voice import VoicePanel
from kiosk.voice.booth import Booth

log = logging.getLogger("kiosk.ui.case_study")

BODY_CACHE_SIZE = 64
body_html = lru_cache(maxsize=BODY_CACHE_SIZE)(render_markdown)
"""Sanitised HTML by (Markdown text, file): a revisit skips Markdown and nh3. Keyed by the text itself,
so a pack swap or another language can never be served a stale body."""


class CaseStudyScreen(Screen):
    route_prefix = "case"

    def __init__(self, theme: Theme, workers: object | None = None, parent: QWidget | None = None, *,
                 voice: Booth | None = None) -> None:
        super().__init__(theme, parent)
        self.workers = workers
        self.booth = voice
        """Where the visitor's answers to the case study's poll go; None shows no poll (a preview)."""
        self.cache = ImageCache()
        self.reader: ContentReader | None = None
        self.lang = ""
        self.slug = ""
        self._styled: tuple[Theme, str] | None = None
        self._sized: tuple[Theme, int, bool, int] | None = None
        self.setObjectName("case-study")

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.viewport().setObjectName("case-viewport")
        kinetic(self.scroll_area)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

        self.page = QWidget()
        self.page.setObjectName("case-page")
        self.scroll_area.setWidget(self.page)
        self.scroll_area.viewport().setAutoFillBackground(False)  # the window alone paints the page colour
        self.page.setAutoFillBackground(False)
        page = QVBoxLayout(self.page)
        self._page_layout = page

        # Lead: hero | title, summary, figures, facts
        self.lead = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.hero = ImageView(self.cache, self.page)
        self.lead_text = QWidget(self.page)
        lead_col = QVBoxLayout(self.lead_text)
        lead_col.setContentsMargins(0, 0, 0, 0)
        self.theme_label = QLabel(self.lead_text)
        self.fallback_note = QLabel(self.lead_text)
        self.fallback_note.setObjectName("fallback-note")
        self.fallback_note.setWordWrap(True)
        self.fallback_note.hide()
        self.title = QLabel(self.lead_text)
        self.summary = QLabel(self.lead_text)
        self.figures = FigureRow(self.lead_text)
        self.facts = QLabel(self.lead_text)
        for label in (self.title, self.summary, self.facts):
            label.setWordWrap(True)
        lead_col.addWidget(self.theme_label)
        lead_col.addWidget(self.fallback_note)
        lead_col.addWidget(self.title)
        lead_col.addWidget(self.summary)
        lead_col.addSpacing(8)
        lead_col.addWidget(self.figures)
        self.voice_panel = VoicePanel(self.lead_text)  # the question right under the key figures
        lead_col.addWidget(self.voice_panel)
        lead_col.addWidget(self.facts)
        self.partner_line = PartnerLine(self.lead_text)
        self.partner_line.chosen.connect(lambda pid: self.navigate.emit(f"partners:{pid}"))
        lead_col.addWidget(self.partner_line)
        lead_col.addStretch(1)
        self._lead_col = lead_col
        self.lead.addWidget(self.hero)
        self.lead.addWidget(self.lead_text, 1)
        page.addLayout(self.lead)

        # Detail: body | side panel (QR "take it home", data chips)
        self.detail = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body = RichText(self.cache, self.page)
        self.side = QWidget(self.page)
        self._side_col = side_col = QVBoxLayout(self.side)
        side_col.setContentsMargins(0, 0, 0, 0)
        self.qr_panel = QWidget(self.side)
        self.qr_panel.setObjectName("qr-panel")
        self.qr_panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._qr_col = qr_col = QVBoxLayout(self.qr_panel)
        self.qr_title = QLabel(self.qr_panel)
        self.qr = QrView(self.qr_panel)
        self.qr_hint = QLabel(self.qr_panel)
        self.qr_hint.setWordWrap(True)
        self.qr_title.setWordWrap(True)
        qr_col.addWidget(self.qr_title)
        qr_col.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignLeft)
        qr_col.addWidget(self.qr_hint)
        self.data_title = section_label(self.side)
        self.chips = ChipRow(self.side)
        self.chips.chosen.connect(lambda ds: self.navigate.emit(f"data:{ds}"))
        side_col.addWidget(self.qr_panel)
        side_col.addWidget(self.data_title)
        side_col.addWidget(self.chips)
        side_col.addStretch(1)
        self.detail.addWidget(self.body, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.addWidget(self.side, 0, Qt.AlignmentFlag.AlignTop)
        page.addLayout(self.detail)

        self.gallery_title = section_label(self.page)
        self.gallery = GalleryStrip(self.cache, self.page)
        self.video = VideoPanel(self.cache, self.page)
        self.related_title = section_label(self.page)
        self.related = RelatedRow(self.cache, self.page)
        self.related.chosen.connect(lambda slug: self.navigate.emit(f"case:{slug}"))
        # The pictures come before the text and its sources list (which ends the body), not after them.
        for i, w in enumerate((self.gallery_title, self.gallery, self.video)):
            page.insertWidget(1 + i, w)
        for w in (self.related_title, self.related):
            page.addWidget(w)
        page.addStretch(1)

        self.zoom = ZoomOverlay(self.cache, self)
        self.qr_overlay = QrOverlay(self)
        self.gallery.opened.connect(lambda i: self.zoom.open(self.gallery.pictures, i))
        self.body.qr_requested.connect(self.show_qr)
        self.qr.clicked.connect(lambda: self.show_qr(self.qr.text))  # "Take it home": a tap shows it large
        self.qr.setCursor(Qt.CursorShape.PointingHandCursor)
        self.body.navigate.connect(self.navigate)
        self.set_theme(theme)

    # -- the Screen contract -------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        p, m, g = theme.palette, theme.margin, theme.gutter
        self.setStyleSheet(
            f"#case-page QLabel {{ color: {p.text}; background: transparent; }}"
            f"#qr-panel {{ background: {p.surface}; border: 1px solid {p.outline};"
            f" border-radius: {theme.radius}px; }}"
        )
        self._page_layout.setContentsMargins(m, theme.px(3), m, m)
        self._page_layout.setSpacing(theme.px(4))
        self._sized = None
        self._lead_col.setSpacing(theme.px(1.6))
        self.theme_label.setFont(theme.font("caption"))
        self.title.setFont(theme.font("h1"))
        summary_font = theme.font("body")
        summary_font.setPixelSize(round(theme.font_px("body") * 1.2))
        self.summary.setFont(summary_font)
        self.facts.setFont(theme.font("caption"))
        restyle(self.facts, f"color: {p.muted};")
        self.partner_line.apply(theme)
        self.fallback_note.setFont(theme.font("caption"))
        restyle(self.fallback_note, f"color: {p.muted};")
        self.qr_title.setFont(theme.font("h2"))
        self.qr_hint.setFont(theme.font("caption"))
        restyle(self.qr_hint, f"color: {p.muted};")
        qr_side = theme.px(20)
        self.qr.setFixedSize(qr_side, qr_side)
        self.qr.set_style("#000000", "#ffffff", 0)
        pad = theme.px(2)
        self._qr_col.setContentsMargins(pad, pad, pad, pad)
        self._qr_col.setSpacing(theme.px(1))
        self._side_col.setSpacing(g)
        for label in (self.data_title, self.gallery_title, self.related_title):
            label.setFont(theme.font("h2"))
        self.figures.apply(theme)
        self.voice_panel.apply(theme)
        self._size_parts(theme.width)
        self.cache.clear()
        self._apply_colours(force=True)
        self.zoom.setGeometry(self.rect())
        self.qr_overlay.setGeometry(self.rect())

    def _size_parts(self, width: int) -> None:
        """Fixed sizes from the width this screen really has (the tour hosts it beside its notes).

        Side by side (hero | text, body | side panel) only when the text column keeps room for a long
        word of the title at this text size; otherwise the blocks stack, as in portrait.
        """
        theme = self.theme
        m = theme.margin
        content_w = width - 2 * m
        if content_w < 2 * theme.touch:
            return  # not laid out yet
        text_w = content_w * 0.45 - theme.px(4)
        title_fm = QFontMetrics(theme.font("h1"))
        word = max((title_fm.horizontalAdvance(w) for w in self.title.text().split()), default=0)
        stacked = theme.portrait or text_w < max(theme.px(40) * theme.text_scale, word + theme.px(1))
        if (theme, content_w, stacked, word) == self._sized:
            return
        self._sized = (theme, content_w, stacked, word)
        direction = QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        self.lead.setDirection(direction)
        self.detail.setDirection(direction)
        self.lead.setSpacing(theme.px(4))
        self.detail.setSpacing(theme.px(5))
        if stacked:
            self.hero.setFixedSize(content_w, round(content_w * 9 / 16))
        else:
            self.hero.setFixedSize(round(content_w * 0.55), round(content_w * 0.55 * 9 / 16))
        side_w = content_w if stacked else min(theme.px(44), content_w // 3)
        self.side.setFixedWidth(side_w)
        self.chips.apply(theme, side_w)
        self.related.apply(theme, content_w)
        video_w = min(content_w, theme.px(110))
        self.video.setFixedSize(video_w, round(video_w * 9 / 16))
        room = content_w if stacked else content_w - side_w - self.detail.spacing()
        self.body.setFixedWidth(min(self.body.measure(), room))

    def _apply_colours(self, force: bool = False) -> None:
        """Restyle for the case study's theme colour; skipped when nothing changed (restyling is costly)."""
        theme = self.theme
        color = self._theme_colour()
        if not force and self._styled == (theme, color):
            return
        self._styled = (theme, color)
        tint = theme.tint(color, 0.82)
        self.hero.set_style(color, tint, theme.radius)
        self.body.apply(theme, color, tint)
        self._sized = None
        self._size_parts(self.width() if self.width() > 0 else theme.width)
        self.gallery.apply(theme, color, tint)
        self.video.apply(theme, color, tint)
        self.zoom.apply(theme, color, tint)
        self.related.set_colours(color, tint)
        restyle(self.theme_label, f"color: {theme.palette.accent}; font-weight: 600;")

    def _theme_colour(self) -> str:
        if self.reader is not None and self.slug:
            cs = self.reader.case_study(self.slug)
            if cs is not None:
                t = self.reader.meta.theme(cs.main.theme)
                if t is not None:
                    return t.color
        return self.theme.palette.accent

    def set_content(self, reader: ContentReader, lang: str) -> None:
        self.reader, self.lang = reader, lang
        self.body.set_media(reader.media_path)
        self.cache.clear()
        if self.slug:
            self.show_route(self.slug)

    def show_route(self, argument: str) -> None:
        self.stop_media()
        self.slug = argument
        cs = self.reader.case_study(argument) if self.reader is not None else None
        if cs is None:
            log.warning("case study not found: %r", argument)
            self._fill_missing()
        else:
            self._fill(cs)
        self._apply_colours()
        self._size_parts(self.width() if self.width() > 0 else self.theme.width)  # this title's words
        self.scroll_area.verticalScrollBar().setValue(0)

    def reset(self) -> None:
        self.stop_media()
        self.zoom.close_overlay()
        self.qr_overlay.close_overlay()
        QScroller.scroller(self.scroll_area.viewport()).stop()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.gallery.horizontalScrollBar().setValue(0)

    # -- filling ----------------------------------------------------------------------------------

    def stop_media(self) -> None:
        self.video.stop()
        self.zoom.close_overlay()
        self.qr_overlay.close_overlay()

    def show_qr(self, url: str) -> None:
        self.qr_overlay.apply(self.theme, strings(self.lang)["scan"])
        self.qr_overlay.show_url(url)

    def _media(self, path: str | None) -> Path | None:
        return self.reader.media_path(path) if (self.reader is not None and path) else None

    def _fill(self, cs: CaseStudy) -> None:
        assert self.reader is not None
        doc, main = cs.doc(self.lang), cs.main
        meta = self.reader.meta
        shown = next((code for code, d in cs.docs.items() if d is doc), self.lang)
        if shown != self.lang:  # not translated yet: say so, in the visitor's language
            self.fallback_note.setText("ⓘ  " + trf("fallback_note", self.lang, language_name(shown)))
        self.fallback_note.setVisible(shown != self.lang)
        s = strings(self.lang)
        theme = meta.theme(main.theme)
        self.theme_label.setText(pick(theme.title, self.lang, meta.default_language)[0] if theme else "")
        self.theme_label.setVisible(theme is not None)
        self.title.setText(doc.title)
        self.summary.setText(doc.summary)
        self.summary.setVisible(bool(doc.summary))
        self.hero.set_source(self._media(doc.hero or main.hero))
        self.figures.set_figures(list(doc.key_figures or main.key_figures)[:4])
        self.voice_panel.set_poll(self.reader.poll(cs.slug, self.lang), self.booth, self.lang)
        self.facts.setText(facts_line(doc, main))
        self.partner_line.set_partners(tr("partners_title", self.lang), typed_refs(doc, main, meta))
        self.body.set_body_soon(body_html(doc.body, doc.source_file or f"case-studies/{cs.slug}/index.md"))
        link = doc.link or main.link
        self.qr.set_text(link or "")
        self.qr_title.setText(s["take_home"])
        self.qr_hint.setText(s["take_home_hint"])
        self.qr_panel.setVisible(bool(link))
        datasets = [(ds, self._dataset_title(ds)) for ds in (doc.datasets or main.datasets)]
        self.data_title.setText(s["data"])
        self.data_title.setVisible(bool(datasets))
        self.chips.set_chips(datasets)
        pictures = [Picture(self._media(g.image), g.caption) for g in (doc.gallery or main.gallery)]
        self._name_controls()
        self.gallery_title.setText(s["gallery"])
        self.gallery_title.setVisible(bool(pictures))
        self.gallery.set_pictures(pictures)
        self.gallery.setVisible(bool(pictures))
        self.video.set_source(self._media(doc.video or main.video))
        self.video.set_poster(self._media(doc.hero or main.hero))
        related = [
            (r.slug, r.doc(self.lang).title, self._media(r.main.hero)) for r in self.reader.related(cs.slug)
        ]
        self.related_title.setText(s["related"])
        self.related_title.setVisible(bool(related))
        self.related.set_items(related)

    def _name_controls(self) -> None:
        """Accessible names, in the visitor's language, for the controls that show only a symbol."""
        self.gallery.lang = self.lang
        self.zoom.set_language(self.lang)
        self.video.play_button.setAccessibleName(tr("play", self.lang))
        self.qr_overlay.close_button.setAccessibleName(tr("close", self.lang))

    def _dataset_title(self, dataset_id: str) -> str:
        ds = self.reader.dataset(dataset_id) if self.reader is not None else None
        if ds is None:
            return dataset_id
        default = self.reader.meta.default_language if self.reader is not None else self.lang
        return pick(ds.title, self.lang, default)[0] or dataset_id

    def _fill_missing(self) -> None:
        s = strings(self.lang)
        self.theme_label.hide()
        self.fallback_note.hide()
        self.title.setText(s["missing"])
        self.summary.setText(s["missing_hint"])
        self.summary.show()
        self.hero.set_source(None)
        self.figures.set_figures([])
        self.voice_panel.set_poll(None, None, self.lang)
        self.facts.setText("")
        self.partner_line.set_partners("", [])
        self.body.set_body("")
        self.qr.set_text("")
        self.qr_panel.hide()
        self.data_title.hide()
        self.chips.set_chips([])
        self.gallery_title.hide()
        self.gallery.set_pictures([])
        self.gallery.hide()
        self.video.set_source(None)
        self.related_title.hide()
        self.related.set_items([])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() > 0:
            self._size_parts(event.size().width())
        for overlay in (self.zoom, self.qr_overlay):
            overlay.setGeometry(self.rect())
