"""Screen test: colour bars and a grey ramp (colours, gamma, edges) above a touch grid whose cells
light up where they are touched (dead zones and calibration errors show as dark cells)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.admin.style import admin_button, size_button
from kiosk.ui.theme import Theme

BARS = ["#ffffff", "#ffff00", "#00ffff", "#00ff00", "#ff00ff", "#ff0000", "#0000ff", "#000000"]
RAMP_STEPS = 16
BARS_SHARE = 0.3


class ScreenTest(QWidget):
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admin-screentest")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.theme: Theme | None = None
        self.lit: set[tuple[int, int]] = set()
        self.exit = admin_button("Done", self, role="primary")
        self.exit.setObjectName("screentest-done")
        self.exit.clicked.connect(self.done)

    def apply(self, theme: Theme) -> None:
        self.theme = theme
        size_button(self.exit, theme, theme.button_height)
        self.exit.setFixedWidth(theme.px(18))
        self._place_exit()

    def reset(self) -> None:
        self.lit.clear()
        self.update()

    # Geometry ------------------------------------------------------------------------------------
    def cell_size(self) -> int:
        return self.theme.px(8) if self.theme else 80

    def grid_rect(self) -> QRect:
        top = round(self.height() * BARS_SHARE)
        return QRect(0, top, self.width(), self.height() - top)

    def grid_shape(self) -> tuple[int, int]:
        """(columns, rows): whole cells of about 8u filling the grid area."""
        g, c = self.grid_rect(), self.cell_size()
        return max(1, g.width() // c), max(1, g.height() // c)

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        g = self.grid_rect()
        if not g.contains(pos.toPoint()):
            return None
        cols, rows = self.grid_shape()
        col = min(cols - 1, int((pos.x() - g.left()) * cols / g.width()))
        row = min(rows - 1, int((pos.y() - g.top()) * rows / g.height()))
        return col, row

    def _place_exit(self) -> None:
        if self.theme is not None:
            m = self.theme.gutter
            self.exit.move(self.width() - self.exit.width() - m, self.grid_rect().top() + m)
            self.exit.raise_()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_exit()

    # Touch ---------------------------------------------------------------------------------------
    def _light(self, pos: QPointF) -> None:
        cell = self.cell_at(pos)
        if cell is not None and cell not in self.lit:
            self.lit.add(cell)
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._light(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._light(event.position())

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent) and event.type() in {
            QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd
        }:
            for point in event.points():
                self._light(point.position())
            event.accept()
            return True
        return super().event(event)

    # Painting ------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        w, h = self.width(), self.height()
        bars_h = round(h * BARS_SHARE)
        ramp_h = bars_h // 4
        for i, colour in enumerate(BARS):
            x0, x1 = w * i // len(BARS), w * (i + 1) // len(BARS)
            p.fillRect(QRect(x0, 0, x1 - x0, bars_h - ramp_h), QColor(colour))
        for i in range(RAMP_STEPS):
            x0, x1 = w * i // RAMP_STEPS, w * (i + 1) // RAMP_STEPS
            grey = round(255 * i / (RAMP_STEPS - 1))
            p.fillRect(QRect(x0, bars_h - ramp_h, x1 - x0, ramp_h), QColor(grey, grey, grey))
        g = self.grid_rect()
        p.fillRect(g, QColor("#101418"))
        cols, rows = self.grid_shape()
        lit = QColor(self.theme.palette.accent if self.theme else "#4fd1a1")
        for col, row in self.lit:
            x0, x1 = g.left() + g.width() * col // cols, g.left() + g.width() * (col + 1) // cols
            y0, y1 = g.top() + g.height() * row // rows, g.top() + g.height() * (row + 1) // rows
            p.fillRect(QRect(x0, y0, x1 - x0, y1 - y0), lit)
        p.setPen(QPen(QColor("#5a646e"), 1))
        for c in range(cols + 1):
            x = min(w - 1, g.left() + g.width() * c // cols)
            p.drawLine(x, g.top(), x, g.bottom())
        for r in range(rows + 1):
            y = min(h - 1, g.top() + g.height() * r // rows)
            p.drawLine(0, y, w, y)
        p.setPen(QPen(QColor("#ff0000"), 2))
        p.drawRect(self.rect().adjusted(1, 1, -1, -1))  # all four edges visible = no overscan
        p.end()
