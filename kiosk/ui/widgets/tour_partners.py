"""The tour's closing page card "Partners on this tour": who is behind the stops, each a tappable pill
in its type colour that opens the partner's page (with its website as a QR code there).

The closing page has one next step and one QR code (the tour's own link, DESIGN.md's "one clear next
step"); the partners are the secondary path, reached by a tap rather than a second code to scan.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.content.model import PartnerRef, Tour, pick
from kiosk.content.network import tour_partners
from kiosk.content.reader import ContentReader
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.partner_line import PartnerLine
from kiosk.ui.widgets.strings import tr


class TourPartners(QWidget):
    """:attr:`chosen` carries the tapped partner's id (the screen opens ``partners:<id>``)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tour-partners")
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("tour-partners-hint")
        self.hint.setWordWrap(True)
        self.line = PartnerLine(self)
        self.line.setObjectName("tour-partner-line")
        self.line.label.hide()  # the heading names the card; the pills follow it directly
        self.line.chosen.connect(self.chosen)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.heading)
        col.addWidget(self.hint)
        col.addWidget(self.line)
        col.addStretch(1)  # any height to spare goes below the pills, not between the lines
        self._col = col

    def apply(self, theme: Theme) -> None:
        self.heading.setFont(theme.font("h2"))
        self.heading.setStyleSheet(f"color: {theme.palette.text};")
        self.hint.setFont(theme.font("caption"))
        self.hint.setStyleSheet(f"color: {theme.palette.muted};")
        self._col.setSpacing(theme.px(1))
        self.line.apply(theme)

    def set_tour(self, tour: Tour, reader: ContentReader, lang: str) -> None:
        default = reader.meta.default_language
        partners = tour_partners(reader, [s.case_study for s in tour.stops])
        self.heading.setText(tr("partners_on_tour", lang))
        self.hint.setText(tr("partners_tap", lang))
        refs: list[tuple[PartnerRef, str]] = [
            (PartnerRef(id=p.id, name=pick(p.name, lang, default)[0] or p.id), p.type) for p in partners]
        self.line.set_partners("", refs)
        self.line.label.hide()
        self.setVisible(bool(partners))
