"""The rich-text view for sanitised case-study bodies (see :mod:`kiosk.content.markdown`).

A read-only :class:`QTextBrowser` that never follows a link and never loads a resource by itself:
:meth:`RichText.loadResource` serves only ``pack:`` images, through the reader's ``media_path`` and
the safe image loader; every other URL (file:, http:, qrc:, a bare path ...) gets the placeholder.
The view does not scroll on its own: it grows to its document's height inside the page's scroll area.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFontMetrics, QTextBlockFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from kiosk.content.markdown import CASE_SCHEME, PACK_SCHEME, QR_SCHEME, resolve_pack_path
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.images import ImageCache, placeholder

log = logging.getLogger("kiosk.ui.richtext")

MediaLookup = Callable[[str], Path | None]
BODY_CHARS = 68
"""Measure of running text, in average characters (DESIGN.md: lines <= 70 characters)."""
LINE_HEIGHT = 1.45


class RichText(QTextBrowser):
    """Sanitised HTML, safely: emits :attr:`qr_requested` for web links, :attr:`navigate` for ``case:``."""

    qr_requested = Signal(str)
    navigate = Signal(str)

    def __init__(self, cache: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self._media: MediaLookup | None = None
        self._theme: Theme | None = None
        self._color, self._tint = "#0b6e4f", "#dbe9e4"
        self.requested: list[str] = []
        """Every resource URL the document asked for since the last :meth:`set_body` (tests, audit)."""
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.anchorClicked.connect(self._on_anchor)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._soon_html: str | None = None
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)  # a zero timer fires after the posted events: after the next paint
        self._soon.timeout.connect(self.settle)

    def set_media(self, media: MediaLookup | None) -> None:
        self._media = media

    def apply(self, theme: Theme, color: str, tint: str) -> None:
        """Body size, line height 1.45, colours; the width holds about :data:`BODY_CHARS` characters.

        Re-lays out the document only when something it shows changed: the style sheet, or the
        placeholder colours of a body that has images. A new case-study colour alone costs nothing.
        """
        recolour = (color, tint) != (self._color, self._tint)
        self._theme, self._color, self._tint = theme, color, tint
        p = theme.palette
        body = theme.font_px("body")
        css = (
            f"body {{ color: {p.text}; }}"
            f"p {{ margin-top: 0px; margin-bottom: {round(body * 0.8)}px; }}"
            f"h1, h2 {{ font-size: {theme.font_px('h2')}px; font-weight: 600; margin-top: {body}px;"
            f" margin-bottom: {round(body * 0.5)}px; }}"
            f"h3, h4 {{ font-size: {round(body * 1.15)}px; font-weight: 600; margin-top: {body}px; }}"
            f"a {{ color: {p.accent}; text-decoration: underline; }}"
            f"blockquote {{ color: {p.muted}; margin-left: {theme.gutter}px; font-style: italic; }}"
            f"code, pre {{ font-family: monospace; }}"
            f"th {{ font-weight: 600; text-align: left; }}"
            f"th, td {{ padding: {theme.px(0.6)}px {theme.px(1.2)}px; }}"
        )
        font = theme.font("body")
        restyle = (css, font.toString()) != self._styled
        if restyle:
            self._styled = (css, font.toString())
            self.setFont(font)
            self.document().setDocumentMargin(0)
            self.document().setDefaultStyleSheet(css)
            self.setStyleSheet(f"QTextBrowser {{ background: transparent; color: {p.text}; border: none; }}")
        if self._html and (restyle or (recolour and "<img" in self._html)):
            self.setHtml(self._html)
            self._line_height()

    def measure(self) -> int:
        """The width of about :data:`BODY_CHARS` characters of body text."""
        if self._theme is None:
            return 16777215
        return QFontMetrics(self._theme.font("body")).averageCharWidth() * BODY_CHARS

    _html = ""
    _styled: tuple[str, str] | None = None

    def set_body_soon(self, html: str) -> None:
        """:meth:`set_body` once the event loop has painted what is pending.

        A case study's body lies below the fold: the tap's first frame (the page's top) need not wait
        for the body's layout. Until then the view is empty, never the previous body. The same body
        again costs nothing.
        """
        if html == self._html and self._soon_html is None:
            return
        if self._html:
            self.set_body("")
        self._soon_html = html
        self._soon.start()

    @property
    def pending(self) -> bool:
        """A body is waiting for :meth:`set_body_soon`'s timer."""
        return self._soon_html is not None

    def settle(self) -> None:
        """Show now the body :meth:`set_body_soon` left for later (screenshots, tests, the audit)."""
        if self._soon_html is not None:
            html, self._soon_html = self._soon_html, None
            self.set_body(html)

    def set_body(self, html: str) -> None:
        """Show sanitised HTML (from :func:`kiosk.content.markdown.render_markdown` only)."""
        self._soon.stop()
        self._soon_html = None
        self.requested = []
        self._html = html
        self.document().clear()
        self.setHtml(html)
        self._line_height()
        self._fit_height()

    def image_width(self) -> int:
        """Images are scaled to the measure (or the screen's content width, if narrower)."""
        if self._theme is None:
            return self._text_width()
        return min(self.measure(), self.maximumWidth(), self._theme.width - 2 * self._theme.margin)

    def _line_height(self) -> None:
        """Line height 1.45 for text blocks; image blocks keep their own height (no gap under them)."""
        block = self.document().begin()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # one relayout for the whole document, not one per block
        while block.isValid():
            it = block.begin()
            has_image = False
            while not it.atEnd():
                if it.fragment().charFormat().isImageFormat():
                    has_image = True
                    break
                it += 1
            if not has_image:
                fmt = block.blockFormat()
                fmt.setLineHeight(
                    LINE_HEIGHT * 100, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
                )
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
            block = block.next()
        cursor.endEditBlock()

    def _text_width(self) -> int:
        return max(32, self.viewport().width() or self.maximumWidth() or 600)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        url = QUrl(url)
        self.requested.append(url.toString())
        if int(getattr(kind, "value", kind)) != QTextDocument.ResourceType.ImageResource.value:
            return None
        width = self.image_width()
        name = unquote(url.path())
        if url.scheme() == PACK_SCHEME and self._media is not None and resolve_pack_path("", name) == name:
            path = self._media(name)
            pixmap = self._cache.pixmap(path, QSize(width, width * 2), crop=False) if path else None
            if pixmap is not None:
                return pixmap.toImage()
        side = self._theme.px(14) if self._theme is not None else 160
        return placeholder(QSize(round(side * 1.5), side), self._color, self._tint, 0).toImage()

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if url.scheme() == QR_SCHEME:
            self.qr_requested.emit(text[len(QR_SCHEME) + 1 :])
        elif url.scheme() == CASE_SCHEME:
            self.navigate.emit(f"{CASE_SCHEME}:{url.path()}")

    def _fit_height(self, *_: object) -> None:
        # QTextEdit keeps the document's text width in step with the viewport; setting it here as
        # well leaks a few KB per call inside Qt's layout (measured), so only the height is read.
        height = math.ceil(self.document().size().height()) + 2 * self.frameWidth()
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(max(1, height))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def wheelEvent(self, event) -> None:
        event.ignore()  # the page scrolls, not the text
