"""What a visitor can touch, and how big it is: the accessibility tests' measuring tools."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget


def controls(root: QWidget) -> list[QWidget]:
    """Every visible control under ``root``: buttons, and widgets that show a pointing hand (tiles)."""
    found: list[QWidget] = []
    for w in root.findChildren(QWidget):
        own_cursor = w.testAttribute(Qt.WidgetAttribute.WA_SetCursor)
        hand = own_cursor and w.cursor().shape() == Qt.CursorShape.PointingHandCursor
        clickable = isinstance(w, QAbstractButton) or hand
        if clickable and w.isVisibleTo(root) and not w.visibleRegion().isEmpty():
            found.append(w)
    return found


def touch_target_mm(widget: QWidget, width: int, height: int, diagonal_inches: float) -> float:
    """The smaller side of ``widget`` in millimetres on a ``width``x``height`` screen of that diagonal."""
    return min(widget.width(), widget.height()) * diagonal_inches * 25.4 / math.hypot(width, height)
