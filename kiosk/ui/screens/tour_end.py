"""The tour's closing page: thanks, the stops seen (visited ones ticked), one next step ("Explore on
your own"), the tour's one QR address with its hint, and the partners behind the stops. A mixin of
:class:`kiosk.ui.screens.tour.TourScreen`, which calls :meth:`_build_end_page` once, themes it with
:meth:`_theme_end_page` and fills it with :meth:`_fill_end`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.qr import QrView
from kiosk.ui.widgets.strings import tr
from kiosk.ui.widgets.tour_partners import TourPartners

if TYPE_CHECKING:
    from PySide6.QtWidgets import QScrollArea, QStackedWidget

    from kiosk.content.model import Tour
    from kiosk.content.reader import ContentReader


class TourEndPage:
    """The closing page's widgets and behaviour; the rest of the tour screen is TourScreen's."""

    navigate: Any
    theme: Theme
    lang: str
    tour: Tour | None
    reader: ContentReader | None
    visited: set[int]
    pages: QStackedWidget
    end_scroll: QScrollArea

    def _text(self, text: dict[str, str]) -> str:
        raise NotImplementedError  # TourScreen's

    def _build_end_page(self) -> None:
        self.end_page = QWidget()
        self.end_title = QLabel(self.end_page)
        self.end_list = QLabel(self.end_page)
        self.end_list.setWordWrap(True)
        self.end_qr = QrView(self.end_page)
        self.end_hint = QLabel(self.end_page)
        self.end_hint.setWordWrap(True)
        self.end_home = TouchButton("", self.end_page)
        self.end_home.setObjectName("tour-explore")
        self.end_home.clicked.connect(lambda: self.navigate.emit("home"))
        text_col = QVBoxLayout()
        text_col.addWidget(self.end_title)
        text_col.addWidget(self.end_list)
        self.end_partners = TourPartners(self.end_page)
        self.end_partners.chosen.connect(lambda pid: self.navigate.emit(f"partners:{pid}"))
        # The one next step comes before the partners: a long list of pills never pushes it out of view.
        # The QR code and its hint stand in their own column on the right, or (portrait) beside or
        # right under the next step, so neither is below the fold on a tall screen (set_theme).
        self._next_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._next_row.addWidget(self.end_home, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self._next_row.addStretch(1)
        text_col.addLayout(self._next_row)
        text_col.addWidget(self.end_partners)
        text_col.addStretch(1)
        self.end_qr_box = QWidget(self.end_page)
        qr_col = QVBoxLayout(self.end_qr_box)
        qr_col.setContentsMargins(0, 0, 0, 0)
        qr_col.addWidget(self.end_qr, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_col.addWidget(self.end_hint)
        qr_col.addStretch(1)
        self.end_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.end_page)
        self.end_layout.addLayout(text_col, 1)
        self.end_layout.addWidget(self.end_qr_box, 0, Qt.AlignmentFlag.AlignTop)
        self._qr_col = qr_col

    def _theme_end_page(self, theme: Theme, m: int) -> None:
        self.end_layout.setContentsMargins(m, theme.px(4), m, m)
        self.end_layout.setSpacing(theme.px(5))
        self.end_title.setFont(theme.font("h1"))
        self.end_title.setWordWrap(True)
        self.end_list.setFont(theme.font("body"))
        self.end_hint.setFont(theme.font("body"))
        self.end_partners.apply(theme)
        side = theme.px(38)
        self.end_qr.setFixedSize(side, side)
        self.end_qr.set_style("#000000", "#ffffff", 0)
        self.end_hint.setFixedWidth(side)
        self._qr_col.setSpacing(theme.px(2))
        self._place_qr(theme)

    def _fill_end(self, titles: list[str]) -> None:
        """Thanks, the stops seen, one next step (explore on your own), the tour's one QR address and the
        partners behind the stops as pills a tap away (no second QR code)."""
        assert self.tour is not None and self.reader is not None
        t, p = self.theme, self.theme.palette
        self.end_title.setText(f"{tr('tour_done', self.lang)}\n{self._text(dict(self.tour.title))}")
        lines = [f"{'✓' if i in self.visited else '·'}  {i + 1}.  {title}" for i, title in enumerate(titles)]
        self.end_list.setText("\n".join(lines))
        self.end_home.setText(tr("explore", self.lang) + "  ›")
        self.end_home.apply(t)
        self.end_home.setFixedHeight(t.button_height)
        self.end_home.setStyleSheet(
            f"QPushButton {{ background: {p.accent}; color: {p.on_accent}; border: none;"
            f" border-radius: {t.button_height // 2}px; padding: 0 {t.px(3)}px; }}"
        )
        self.end_home.set_label(self.end_home.text())
        self._place_qr(t)
        link = self.tour.link or ""
        self.end_qr.set_text(link)
        self.end_qr.setVisible(bool(link))
        self.end_hint.setText(tr("tour_qr", self.lang))
        self.end_hint.setVisible(bool(link))
        self.end_partners.set_tour(self.tour, self.reader, self.lang)
        self.end_scroll.verticalScrollBar().setValue(0)
        self.pages.setCurrentWidget(self.end_scroll)
        self._fit_end_text()

    def _place_qr(self, theme: Theme) -> None:
        """Landscape: the QR column beside the text. Portrait: in the next-step row, beside the button
        when both fit the width (else right under it), so the page fits the screen without scrolling."""
        self.end_layout.removeWidget(self.end_qr_box)
        self._next_row.removeWidget(self.end_qr_box)
        top = Qt.AlignmentFlag.AlignTop
        if not theme.portrait:
            self.end_layout.addWidget(self.end_qr_box, 0, top)
            return
        self._next_row.setSpacing(theme.px(5))
        # the button's width comes from its label (set_label in _fill_end, which places the QR again)
        need = self.end_home.maximumWidth() + self._next_row.spacing() + self.end_qr.width()
        beside = need <= theme.width - 2 * theme.margin
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        self._next_row.setDirection(direction)
        side = Qt.AlignmentFlag.AlignTrailing if beside else Qt.AlignmentFlag.AlignLeading
        self._next_row.addWidget(self.end_qr_box, 0, top | side)

    def _fit_end_text(self) -> None:
        """Wrapped labels and the partner pills beside the QR column: reserve the height they need at
        their width (a horizontal box in a scroll area does not ask its children's height-for-width)."""
        parts = (self.end_title, self.end_list, self.end_hint, self.end_partners)
        for part in parts:  # measure at the widths this layout gives now, not at stale ones
            part.setMinimumHeight(0)
        width = self.end_scroll.viewport().width()
        if width > 0 and self.end_page.width() != width:  # a page just brought forward can lag behind
            self.end_page.resize(width, self.end_page.height())
        self.end_layout.activate()
        for label in (self.end_title, self.end_list, self.end_hint):
            if label.width() > 0:  # the text's own height (QLabel's height-for-width here was 3-4x it)
                room = QRect(0, 0, label.contentsRect().width(), 1 << 20)
                flags = int(Qt.TextFlag.TextWordWrap)
                label.setMinimumHeight(label.fontMetrics().boundingRect(room, flags, label.text()).height()
                                       + label.height() - label.contentsRect().height())
        if self.end_partners.isVisibleTo(self.pages) and self.end_partners.width() > 0:
            self.end_partners.setMinimumHeight(self.end_partners.heightForWidth(self.end_partners.width()))

