"""A layout that wraps its items onto the next line instead of widening its parent (filter chips).

Right-to-left aware: in an RTL widget the first item sits at the right edge. Its minimum width is
its widest item, so a row of chips never pushes the window past the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = 8
        self._heights: dict[int, int] = {}
        """heightForWidth by width, until the layout is invalidated: a page's layout asks it many times."""

    def set_gap(self, px: int) -> None:
        self._spacing = px
        self.invalidate()

    # QLayout's contract -------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._do_layout(QRect(0, 0, width, 0), apply=False)
        return height

    def invalidate(self) -> None:
        self._heights.clear()  # an item changed (text, visibility, size) or the gap did
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._spacing * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    # Placement ------------------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        shown = []
        for item in self._items:
            widget = item.widget()
            if widget is None or not widget.isHidden():
                shown.append(item)
        return shown

    def _do_layout(self, rect: QRect, *, apply: bool) -> int:
        m: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(m)
        owner = self.parentWidget()
        rtl = owner is not None and owner.layoutDirection() == Qt.LayoutDirection.RightToLeft
        x, y, line_h = 0, 0, 0
        for item in self._shown():
            hint = item.sizeHint()
            if x > 0 and x + hint.width() > area.width():
                x, y, line_h = 0, y + line_h + self._spacing, 0
            if apply:
                left = area.right() + 1 - x - hint.width() if rtl else area.left() + x
                item.setGeometry(QRect(QPoint(left, area.top() + y), hint))
            x += hint.width() + self._spacing
            line_h = max(line_h, hint.height())
        return y + line_h + m.top() + m.bottom()
