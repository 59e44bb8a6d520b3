"""Parts of the tour screen: the progress strip with tappable dots (visited stops marked), the guide's
notes panel, the tour chooser cards."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.kinetic import scroll_page
from kiosk.ui.widgets.strings import tr, trf

DOCK_BELOW_PX = 1440
"""Narrower than this (or portrait), the talking points dock below the case instead of beside it."""


def notes_docked(theme: Theme) -> bool:
    return theme.portrait or theme.width < DOCK_BELOW_PX


def notes_height(theme: Theme) -> int:
    return round((theme.px(30) if theme.portrait else theme.px(22)) * theme.text_scale)


class DotButton(QAbstractButton):
    """A stop dot: small to look at, a full touch target to hit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.color = QColor("#0b6e4f")
        self.ring = QColor("#888888")
        self.visited = False
        """Shown earlier in this tour: a filled dot in the ring colour (current: larger, accent)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        d = min(self.width(), self.height()) * (0.42 if self.isChecked() else 0.3)
        r = QRectF((self.width() - d) / 2, (self.height() - d) / 2, d, d)
        if self.isChecked():
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.color)
        elif self.visited:
            p.setPen(QPen(self.color, max(2.0, d / 7)))
            p.setBrush(self.ring)
        else:
            p.setPen(QPen(self.ring, max(2.0, d / 7)))
            p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(r)
        p.end()


class ProgressStrip(QWidget):
    """ "Stop 3 of 7" and one tappable dot per stop (pooled)."""

    chosen = Signal(int)
    """0-based stop index."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName("tour-progress")
        self.dots: list[DotButton] = []
        self._row = QHBoxLayout()
        self._row.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(self._row)
        self._row.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.theme: Theme | None = None
        self.count = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        """"Stop 3 of 7" alone: the dots show only when the bar gives them room (resizeEvent)."""
        touch = self.theme.touch if self.theme is not None else 40
        label = self.label.minimumSizeHint()
        return QSize(label.width(), label.height() + touch)

    def sizeHint(self) -> QSize:
        touch = self.theme.touch if self.theme is not None else 40
        label = self.label.sizeHint()
        return QSize(max(label.width(), self.count * touch), label.height() + touch)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_dots()

    def _show_dots(self) -> None:
        """Every dot, or none: more stops than fit show only "Stop 3 of 17" (narrower dots would fall
        under the 9 mm touch target)."""
        touch = self.theme.touch if self.theme is not None else 40
        fits = self.count * touch <= self.width()
        for i, dot in enumerate(self.dots):
            dot.setVisible(i < self.count and fits)

    def apply(self, theme: Theme) -> None:
        self.theme = theme
        self.label.setFont(theme.font("caption"))
        self.label.setStyleSheet(f"color: {theme.palette.text};")
        for dot in self.dots:
            self._style(dot)

    def _style(self, dot: DotButton) -> None:
        if self.theme is not None:
            dot.setFixedSize(self.theme.touch, self.theme.touch)
            dot.color = QColor(self.theme.palette.accent)
            dot.ring = QColor(self.theme.palette.muted)

    def set_progress(self, index: int, titles: list[str], lang: str, visited: set[int] | None = None) -> None:
        n = len(titles)
        self.count = n
        self.label.setText(trf("stop_of", lang, index + 1, n) if index < n else tr("summary", lang))
        while len(self.dots) < n:
            dot = DotButton(self)
            i = len(self.dots)
            dot.clicked.connect(lambda _=False, i=i: self.chosen.emit(i))
            self._style(dot)
            self._row.addWidget(dot)
            self.dots.append(dot)
        for i, dot in enumerate(self.dots):
            dot.setChecked(i == index)
            dot.visited = visited is not None and i in visited and i != index
            if i < n:
                dot.setAccessibleName(f"{trf('stop_n', lang, i + 1)}: {titles[i]}")
            dot.update()
        self._show_dots()
        self.updateGeometry()


class NotesPanel(QWidget):
    """The guide's talking points for the current stop; folds away."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tour-notes")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.heading = QLabel(self)
        self.minutes = QLabel(self)
        self.minutes.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.text_area = scroll_page(self.text, "tour-notes-text")  # long notes scroll, never clip
        self.text_area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.upcoming = QLabel(self)
        self.upcoming.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        for w in (self.heading, self.minutes, self.text_area):
            self._layout.addWidget(w)
        self._layout.setStretchFactor(self.text_area, 1)
        self._layout.addWidget(self.upcoming)

    def apply(self, theme: Theme) -> None:
        p = theme.palette
        self.setStyleSheet(
            f"#tour-notes {{ background: {p.surface}; border: 1px solid {p.outline};"
            f" border-radius: {theme.radius}px; }}"
            f"#tour-notes QLabel {{ color: {p.text}; background: transparent; border: none; }}"
        )
        pad = theme.px(2.4)
        self._layout.setContentsMargins(pad, pad, pad, pad)
        self._layout.setSpacing(theme.px(1.2))
        self.heading.setFont(theme.font("h2"))
        self.minutes.setFont(theme.font("caption"))
        self.minutes.setStyleSheet(f"color: {p.muted};")
        self.text.setFont(theme.font("body"))
        self.text.setStyleSheet(f"color: {p.text}; background: transparent;")
        self.upcoming.setFont(theme.font("caption"))
        self.upcoming.setStyleSheet(f"color: {p.muted};")

    def set_notes(self, heading: str, minutes: str, notes: str, upcoming: str) -> None:
        self.heading.setText(heading)
        self.minutes.setText(minutes)
        self.minutes.setVisible(bool(minutes))
        self.text.setText(notes)
        self.upcoming.setText(upcoming)
        self.upcoming.setVisible(bool(upcoming))


class TourCard(QPushButton):
    """One tour in the chooser: title, stops and minutes, description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title = QLabel(self)
        self.facts = QLabel(self)
        self.description = QLabel(self)
        for label in (self.title, self.facts, self.description):
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        for w in (self.title, self.facts, self.description):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            layout.addWidget(w)
        self._layout = layout

    def apply(self, theme: Theme) -> None:
        p = theme.palette
        self.setStyleSheet(
            f"QPushButton {{ background: {p.surface}; border: {max(1, theme.px(0.15))}px solid {p.outline};"
            f" border-radius: {theme.radius}px; text-align: left; }}"
            f"QPushButton:pressed {{ border-color: {p.accent}; }}"
            f"QLabel {{ color: {p.text}; background: transparent; border: none; }}"
        )
        pad = theme.px(2.4)
        self._layout.setContentsMargins(pad, pad, pad, pad)
        self._layout.setSpacing(theme.px(0.8))
        self.title.setFont(theme.font("h2"))
        self.facts.setFont(theme.font("caption"))
        self.facts.setStyleSheet(f"color: {p.accent}; font-weight: 600;")
        self.description.setFont(theme.font("body"))

    def set_tour(self, title: str, facts: str, description: str, width: int) -> None:
        self.title.setText(title)
        self.facts.setText(facts)
        self.description.setText(description)
        self.description.setVisible(bool(description))
        self.setAccessibleName(title)
        height = self._layout.heightForWidth(width)
        self.setFixedSize(width, height if height > 0 else self._layout.sizeHint().height())
