"""The tour's closing page card "Partners on this tour": who is behind the stops (each with a dot in
its type colour, wrapping as text so a long list never pushes the page), and one QR code with the
websites of those that have one."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content.model import Tour, pick
from kiosk.content.network import partners_qr_text, tour_partners
from kiosk.content.reader import ContentReader
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.partner_line import type_color
from kiosk.ui.widgets.qr import QrView
from kiosk.ui.widgets.strings import tr


class TourPartners(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tour-partners")
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.names = QLabel(self)
        self.names.setObjectName("tour-partner-names")
        self.names.setWordWrap(True)
        self.names.setTextFormat(Qt.TextFormat.RichText)
        self.qr = QrView(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.heading)
        row = QHBoxLayout()
        row.addWidget(self.names, 1, Qt.AlignmentFlag.AlignTop)
        qr_col = QVBoxLayout()
        qr_col.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_col.addWidget(self.hint)
        row.addLayout(qr_col)
        col.addLayout(row)
        self._col = col
        self._contrast = False

    def apply(self, theme: Theme) -> None:
        self.heading.setFont(theme.font("h2"))
        self.heading.setStyleSheet(f"color: {theme.palette.text};")
        self.hint.setFont(theme.font("caption"))
        self.hint.setStyleSheet(f"color: {theme.palette.muted};")
        side = theme.px(14)
        self.qr.setFixedSize(side, side)
        self.hint.setFixedWidth(side)
        self._col.setSpacing(theme.px(1))
        self.names.setFont(theme.font("body"))
        self.names.setStyleSheet(f"color: {theme.palette.text};")
        self._contrast = theme.palette.name == "high-contrast"

    def set_tour(self, tour: Tour, reader: ContentReader, lang: str) -> None:
        default = reader.meta.default_language
        partners = tour_partners(reader, [s.case_study for s in tour.stops])
        names = [(p, pick(p.name, lang, default)[0] or p.id) for p in partners]
        self.heading.setText(tr("partners_on_tour", lang))
        dot = "●"
        self.names.setText("&nbsp;&nbsp; ".join(
            f'<span style="color: {"#ffffff" if self._contrast else type_color(p.type)}">{dot}</span>'
            f"&nbsp;{html.escape(name)}" for p, name in names))  # long names wrap (portrait, 1.5x text)
        title = pick(tour.title, lang, default)[0] or tour.id
        text = partners_qr_text(f"{tr('partners_on_tour', lang)}: {title}", [(n, p.link) for p, n in names])
        self.qr.set_text(text)
        self.hint.setText(tr("partners_qr", lang))
        # The hint sits under the QR code; a long word (Danish "hjemmesider" at 1.5x text) widens it.
        metrics = self.hint.fontMetrics()
        widest = max((metrics.horizontalAdvance(w) for w in self.hint.text().split()), default=0)
        self.hint.setFixedWidth(max(self.qr.width(), widest + 2))
        self.qr.setVisible(bool(text))
        self.hint.setVisible(bool(text))
        self.setVisible(bool(partners))
