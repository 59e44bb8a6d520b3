"""The Partners screen: ``partners`` lists the organisations by type; ``partners:<id>`` shows one.

The list is a grid of cards (logo and name, in the type colour) under one heading per type, rebuilt
only when the content or the screen shape changes. One partner's page says who they are, offers their
link as a QR code and lists "what we did here": the case studies they took part in.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import PARTNER_TYPES, Partner, pick
from kiosk.content.reader import ContentReader
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.case_study_parts import ChipRow
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.buttons import TouchButton, chip_colors
from kiosk.ui.widgets.cover import load_fit
from kiosk.ui.widgets.gallery import kinetic
from kiosk.ui.widgets.partner_line import type_color
from kiosk.ui.widgets.qr import QrView
from kiosk.ui.widgets.strings import tr


def columns(theme: Theme) -> int:
    """Cards per row: fewer in portrait and at large text, never fewer than one."""
    base = 2 if theme.portrait else 4
    if theme.width < 1400 and not theme.portrait:
        base = 3
    return max(1, base - (1 if theme.text_scale >= 1.4 else 0))


def scrolled(page: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    kinetic(area)
    return area


class PartnersScreen(Screen):
    route_prefix = "partners"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.setObjectName("partners")
        self.reader: ContentReader | None = None
        self.lang = ""
        self.partner_id = ""
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        # The list
        self.list_page = QWidget()
        self.list_page.setObjectName("partners-page")
        self.list_col = QVBoxLayout(self.list_page)
        head = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.head = head
        self.title = QLabel(self.list_page)
        self.title.setObjectName("partners-title")
        self.title.setWordWrap(True)
        self.network_button = TouchButton("", self.list_page)
        self.network_button.setObjectName("partners-network")
        self.network_button.clicked.connect(lambda: self.navigate.emit("network"))
        head.addWidget(self.title, 1)
        head.addWidget(self.network_button, 0, Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.list_col.addLayout(head)
        self.groups = QWidget(self.list_page)
        self.grid = QGridLayout(self.groups)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.list_col.addWidget(self.groups)
        self.list_col.addStretch(1)
        self.cards: dict[str, TouchButton] = {}
        self.headings: list[QLabel] = []
        self.list_area = scrolled(self.list_page, self)
        self.stack.addWidget(self.list_area)

        # One partner
        self.detail_page = QWidget()
        self.detail_page.setObjectName("partners-page")
        col = QVBoxLayout(self.detail_page)
        top = QHBoxLayout()
        self.logo = QLabel(self.detail_page)
        names = QVBoxLayout()
        self.name = QLabel(self.detail_page)
        self.name.setObjectName("partners-title")
        self.kind = QLabel(self.detail_page)
        self.description = QLabel(self.detail_page)
        for label in (self.name, self.kind, self.description):
            label.setWordWrap(True)
        names.addWidget(self.name)
        names.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignLeading)
        names.addWidget(self.description)
        top.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(names, 1)
        self.qr_box = QWidget(self.detail_page)
        qr_col = QVBoxLayout(self.qr_box)
        qr_col.setContentsMargins(0, 0, 0, 0)
        self.qr = QrView(self.qr_box)
        self.qr_hint = QLabel(self.qr_box)
        self.qr_hint.setWordWrap(True)
        qr_col.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignLeft)
        qr_col.addWidget(self.qr_hint)
        top.addWidget(self.qr_box, 0, Qt.AlignmentFlag.AlignTop)
        col.addLayout(top)
        self.did_title = QLabel(self.detail_page)
        self.did_title.setObjectName("partners-heading")
        col.addWidget(self.did_title)
        self.projects = ChipRow(self.detail_page)
        self.projects.chosen.connect(lambda slug: self.navigate.emit(f"case:{slug}"))
        col.addWidget(self.projects)
        self.show_network = TouchButton("", self.detail_page)
        self.show_network.setObjectName("partners-show-network")
        self.show_network.clicked.connect(lambda: self.navigate.emit(f"network:{self.partner_id}"))
        col.addWidget(self.show_network)
        col.addStretch(1)
        self.detail_col = col
        self.detail_area = scrolled(self.detail_page, self)
        self.stack.addWidget(self.detail_area)
        self.set_theme(theme)

    # Screen contract ----------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        p = theme.palette
        self.setStyleSheet(
            f"#partners-page {{ background: {p.background}; }}"
            f"#partners-title {{ color: {p.text}; }} #partners-heading {{ color: {p.text}; }}"
            "QScrollArea, QScrollArea > QWidget > QWidget#partners-page { background: transparent; }"
        )
        m = theme.margin
        for c in (self.list_col, self.detail_col):
            c.setContentsMargins(m, theme.px(2), m, theme.px(3))
            c.setSpacing(theme.px(2))
        self.grid.setHorizontalSpacing(theme.gutter)
        self.grid.setVerticalSpacing(theme.px(1.2))
        self.title.setFont(theme.font("h1"))
        self.name.setFont(theme.font("h1"))
        self.kind.setFont(theme.font("caption"))
        self.description.setFont(theme.font("body"))
        self.qr_hint.setFont(theme.font("caption"))
        self.qr_hint.setStyleSheet(f"color: {p.muted};")
        self.did_title.setFont(theme.font("h2"))
        self.qr.setFixedSize(theme.px(18), theme.px(18))
        self.qr_box.setFixedWidth(theme.px(22))
        self.projects.apply(theme, self._text_width())
        if self.reader is not None:
            self._fill_list()
            self._fill_detail()

    def set_content(self, reader: ContentReader, lang: str) -> None:
        self.reader = reader
        self.lang = lang if lang in reader.meta.languages else reader.meta.default_language
        self._fill_list()
        self._fill_detail()

    def show_route(self, argument: str) -> None:
        self.partner_id = argument if self._partner(argument) is not None else ""
        self._fill_detail()
        self.stack.setCurrentWidget(self.detail_area if self.partner_id else self.list_area)
        area = self.detail_area if self.partner_id else self.list_area
        area.verticalScrollBar().setValue(0)

    def reset(self) -> None:
        self.partner_id = ""
        self.list_area.verticalScrollBar().setValue(0)
        self.stack.setCurrentWidget(self.list_area)

    # Filling -----------------------------------------------------------------------------------
    def _partner(self, partner_id: str) -> Partner | None:
        return self.reader.meta.partner(partner_id) if self.reader is not None and partner_id else None

    def _name(self, partner: Partner) -> str:
        default = self.reader.meta.default_language if self.reader is not None else self.lang
        return pick(partner.name, self.lang, default)[0] or partner.id

    def _text_width(self) -> int:
        t = self.theme
        return max(t.px(30), t.width - 2 * t.margin)

    def _fill_list(self) -> None:
        reader, t = self.reader, self.theme
        if reader is None:
            return
        self.title.setText(tr("partners_title", self.lang))
        self.network_button.setText(tr("network", self.lang))
        self.network_button.apply(t)
        # A long label ("Hvem arbejder sammen med hvem" at large text) goes under the title, not beside it.
        beside = self.network_button.sizeHint().width() <= self._text_width() // 2
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        self.head.setDirection(direction)
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.cards, self.headings = {}, []
        cols = columns(t)
        card_w = (self._text_width() - (cols - 1) * t.gutter) // cols
        icon = t.touch - t.px(1.2)
        row = 0
        for kind in PARTNER_TYPES:
            members = sorted((p for p in reader.partners() if p.type == kind),
                             key=lambda p: self._name(p).casefold())
            if not members:
                continue
            heading = QLabel(tr(f"type_{kind}", self.lang), self.groups)
            heading.setObjectName("partners-heading")
            heading.setFont(t.font("h2"))
            heading.setWordWrap(True)
            self.grid.addWidget(heading, row, 0, 1, cols)
            self.headings.append(heading)
            row += 1
            for i, partner in enumerate(members):
                card = TouchButton("", self.groups)
                card.setObjectName("partner-card")
                card.apply(t, color=type_color(partner.type), role="body")
                name = self._name(partner)
                elided = card.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight,
                                                       card_w - 2 * t.px(2.4) - icon)
                card.setText(elided.replace("&", "&&"))  # '&' would mark a keyboard shortcut
                card.setAccessibleName(name)
                card.setFixedSize(card_w, t.touch)
                logo = reader.media_path(partner.logo) if partner.logo else None
                pix = load_fit(logo, QSize(icon, icon)) if logo else None
                card.setIcon(QIcon(pix) if pix else QIcon())
                card.setIconSize(QSize(icon, icon))
                card.clicked.connect(lambda _=False, pid=partner.id: self.navigate.emit(f"partners:{pid}"))
                self.grid.addWidget(card, row + i // cols, i % cols)
                self.cards[partner.id] = card
            row += (len(members) + cols - 1) // cols

    def _fill_detail(self) -> None:
        partner, t = self._partner(self.partner_id), self.theme
        if partner is None or self.reader is None:
            return
        default = self.reader.meta.default_language
        self.name.setText(self._name(partner))
        self.kind.setText(tr(f"type_{partner.type}", self.lang))
        fill, ink = chip_colors(t, type_color(partner.type))  # the type colour, readable in every palette
        self.kind.setStyleSheet(f"background: {fill}; color: {ink}; border-radius: {t.px(1)}px;"
                                f" padding: {t.px(0.4)}px {t.px(1.2)}px;")
        self.description.setText(pick(partner.description, self.lang, default)[0])
        self.description.setStyleSheet(f"color: {t.palette.text};")
        size = t.px(12)
        logo = self.reader.media_path(partner.logo) if partner.logo else None
        pix = load_fit(logo, QSize(size, size)) if logo else None
        self.logo.setPixmap(pix if pix else QPixmap())
        self.logo.setVisible(pix is not None)
        self.qr.set_text(partner.link or "")
        self.qr_hint.setText(tr("partner_qr", self.lang))
        self.qr_box.setVisible(bool(partner.link))
        cases = self.reader.partner_case_studies(partner.id)
        self.did_title.setText(tr("what_we_did", self.lang))
        self.projects.apply(t, self._text_width())
        self.projects.set_chips([(cs.slug, cs.doc(self.lang).title) for cs in cases])
        self.show_network.setText(tr("show_network", self.lang))
        self.show_network.apply(t)

    def card(self, partner_id: str) -> TouchButton | None:
        return self.cards.get(partner_id)
