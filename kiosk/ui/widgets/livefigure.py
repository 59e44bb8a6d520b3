"""The live key figure on home: a big number with its unit, what it is and how fresh, tappable.

``94 g/kWh`` in display size (DESIGN.md: "the big live number") over a caption line
``CO₂ intensity, DK1 · updated 3 min ago``. A tap emits :attr:`LiveFigureView.tapped` with the
dataset id, so the screen can open ``data:<id>``. Stale or offline figures grey a step.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from kiosk.ui.colors import mix
from kiosk.ui.theme import Theme


@dataclass(frozen=True)
class FigureParts:
    value: str
    """``4,218``: formatted, tabular figures."""
    unit: str
    caption: str
    """``CO₂ intensity, DK1 · updated 3 min ago``."""
    dataset_id: str
    stale: bool
    live: bool
    """Live data from a source that answers (the attract's LIVE marker)."""


class LiveFigureView(QFrame):
    tapped = Signal(str)
    """The dataset id of the figure that was tapped."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("live-figure")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.dataset_id = ""
        self.stale = False
        self.value_label = QLabel("", self)
        self.value_label.setObjectName("live-figure-value")
        self.unit_label = QLabel("", self)
        self.caption = QLabel("", self)
        self.caption.setObjectName("live-figure-caption")
        self.caption.setWordWrap(True)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignBaseline)
        row.addWidget(self.unit_label, 0, Qt.AlignmentFlag.AlignBaseline)
        row.addStretch(1)
        self._row = row
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(row)
        self._layout.addWidget(self.caption)
        self._gap: QSpacerItem | None = None
        self.side = False
        """The caption beside the number instead of under it (a landscape header: one line tall)."""
        self.setVisible(False)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        p = theme.palette
        self.setStyleSheet(
            f"#live-figure {{ background: {p.surface}; border-radius: {theme.radius}px; }}"
            f"#live-figure QLabel {{ background: transparent; color: {p.text}; }}"
            f"#live-figure #live-figure-caption {{ color: {p.muted}; }}")
        value_font = theme.font("display")
        value_font.setFeature(QFont.Tag.fromString("tnum"), 1)  # tabular figures: the number does not jiggle
        self.value_label.setFont(value_font)
        unit_font = theme.font("h2")
        unit_font.setWeight(QFont.Weight.Light)
        self.unit_label.setFont(unit_font)
        self.caption.setFont(theme.font("caption"))
        self._layout.setSpacing(0)
        self.set_side(self.side)
        self._tint()

    def set_side(self, side: bool) -> None:
        """Caption beside the number (``side``) or under it; call after :meth:`set_theme`."""
        t = self.theme
        self._row.removeWidget(self.caption)
        self._layout.removeWidget(self.caption)
        if self._gap is not None:
            self._row.removeItem(self._gap)
            self._gap = None
        self.side = side
        if side:
            self._gap = QSpacerItem(t.px(1.6), 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
            self._row.insertItem(2, self._gap)
            self._row.insertWidget(3, self.caption, 0, Qt.AlignmentFlag.AlignVCenter)
            self._layout.setContentsMargins(t.px(2), t.px(0.4), t.px(2), t.px(0.4))
            self.setFixedHeight(self.side_height())
            self._fit_side_caption()
        else:
            self._layout.addWidget(self.caption)
            self.setMinimumHeight(0)
            self.setMaximumHeight(16_777_215)  # QWIDGETSIZE_MAX: as tall as the caption needs
            self.caption.setMinimumWidth(0)
            self.caption.setMaximumWidth(round(t.width * 0.45))
            self._layout.setContentsMargins(t.px(2.4), t.px(1.0), t.px(2.4), t.px(1.4))

    def side_height(self) -> int:
        """The height beside a header (caption at the side): the number's line and the margins. Fixed,
        so a header keeps its height whether or not a figure is shown (taps land where they did)."""
        m = self._layout.contentsMargins()
        line = max(self.value_label.sizeHint().height(), QFontMetrics(self.value_label.font()).height())
        return line + m.top() + m.bottom()

    def _fit_side_caption(self) -> None:
        """Beside the number the caption gets the width it needs for at most three lines."""
        t = self.theme
        fm = QFontMetrics(self.caption.font())
        room = self.side_height() - self._layout.contentsMargins().top() * 2
        lines = max(1, room // max(1, fm.lineSpacing()))
        natural = fm.horizontalAdvance(self.caption.text())
        width = min(t.px(48), max(t.px(16), natural // lines + t.px(3)))
        self.caption.setFixedWidth(width)

    def show_figure(self, value: str, unit: str, caption: str, dataset_id: str, stale: bool = False) -> None:
        """Nothing to say hides the figure."""
        self.dataset_id, self.stale = dataset_id, stale
        self.value_label.setText(value)
        self.unit_label.setText(f"\u2009{unit}" if unit else "")  # a thin space between number and unit
        self.caption.setText(caption)
        if self.side:
            self._fit_side_caption()
        self.setAccessibleName(self.text())
        self._tint()
        self.setVisible(bool(value or caption))

    def text(self) -> str:
        """Everything the figure says, as one line: ``94 g/kWh · CO₂ intensity · updated 3 min ago``."""
        head = f"{self.value_label.text()}{self.unit_label.text().replace(chr(0x2009), ' ')}".strip()
        return " · ".join(part for part in (head, self.caption.text()) if part)

    def _tint(self) -> None:
        p = self.theme.palette
        color = mix(p.text, p.muted, 0.7) if self.stale else p.text
        self.value_label.setStyleSheet(f"color: {color};")

    def mouseReleaseEvent(self, event) -> None:  # Qt API
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()) \
                and self.dataset_id:
            event.accept()
            self.tapped.emit(self.dataset_id)
            return
        super().mouseReleaseEvent(event)
