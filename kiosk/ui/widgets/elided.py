"""A one-line label that shortens with "…" instead of pushing its layout wider than the screen.

DESIGN.md "The window is the screen": a chip or pill shortens before it pushes. The full text stays
in :attr:`ElidedLabel.full_text` (and the tooltip / accessible description); the owner makes it a tap
away (the live figure opens its data screen, a tile its case study).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARS = 6
"""The narrowest an elided label gets: a few characters and the ellipsis."""


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:
        self.full_text = text
        self.setAccessibleDescription(text)
        super().setText(text)

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.full_text) > self.contentsRect().width()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        sample = self.fontMetrics().horizontalAdvance("x" * MIN_CHARS + "…")
        margins = self.contentsMargins()
        width = min(hint.width(), sample + margins.left() + margins.right())
        return QSize(width, hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        """The style sheet's background and border are drawn by Qt before this; only the text here."""
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), text)
        painter.end()
