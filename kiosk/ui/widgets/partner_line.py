"""A case study's partner line: each partner a tappable pill in its type colour, wrapping as needed.

Partners listed in ``partners.yaml`` (named by id) open the Partners screen; plain names are shown as
text. Pills come from a pool that only grows, so refilling on every navigation allocates nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QSizePolicy, QWidget

from kiosk.content.model import CaseStudyDoc, PackMeta, PartnerRef
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.qss import restyle

TYPE_COLORS = {"public": "#1f5fa8", "private": "#a8431a", "knowledge": "#6b3fa0", "civic": "#2e7d32"}
"""One hue per partner type; chips make them readable on every palette (:func:`chip_colors`)."""


def type_color(kind: str) -> str:
    return TYPE_COLORS.get(kind, "#5f6b76")


def typed_refs(doc: CaseStudyDoc, main: CaseStudyDoc, meta: PackMeta) -> list[tuple[PartnerRef, str]]:
    """The document's partners with each one's type ("" for a plain name not in partners.yaml)."""
    refs = doc.refs() or main.refs()
    out: list[tuple[PartnerRef, str]] = []
    for ref in refs:
        partner = meta.partner(ref.id) if ref.id else None
        out.append((ref, partner.type if partner else ""))
    return out


class FlowLayout(QLayout):
    """Left-to-right rows that wrap (mirrored in right-to-left); every row as high as its tallest item."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self._heights: dict[int, int] = {}  # heightForWidth by width, until invalidated

    def set_gap(self, gap: int) -> None:
        self._gap = gap
        self.invalidate()

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
            height = self._heights[width] = self._place(QRect(0, 0, width, 0), move=False)
        return height

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        # Never wider than nothing: items wrap and, if need be, shrink to the width they are given.
        height = max((i.sizeHint().height() for i in self._items if not i.isEmpty()), default=0)
        return QSize(0, height)

    def _place(self, rect: QRect, *, move: bool) -> int:
        x, y, row_h = 0, 0, 0
        parent = self.parentWidget()
        rtl = parent is not None and parent.isRightToLeft()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            w = min(hint.width(), rect.width())
            if x > 0 and x + w > rect.width():
                x, y, row_h = 0, y + row_h + self._gap, 0
            if move:
                left = rect.right() - x - w + 1 if rtl else rect.x() + x
                item.setGeometry(QRect(QPoint(left, rect.y() + y), QSize(w, hint.height())))
            x += w + self._gap
            row_h = max(row_h, hint.height())
        return y + row_h


class _Pill(TouchButton):
    """A partner pill: its full name, elided to the width the flow gives it (at most ``room``); the
    partner's page, a tap away, has the whole name."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("", parent)
        self._full, self._room, self._pad = "", 0, 0
        self._advance = 0  # the full name's width in the pill's font, measured once per fit()
        self.styled_for: tuple[Theme, str] | None = None
        """The theme and partner type this pill was last styled for (restyling costs ~3 ms a pill)."""

    def fit(self, full: str, room: int, pad: int) -> None:
        self._full, self._room, self._pad = full, room, pad
        self._advance = self.fontMetrics().horizontalAdvance(full)
        # apply() fixed the width to the old text; the flow sets it now, between one touch and ``room``
        self.setMinimumWidth(min(self.height(), room))
        self.setMaximumWidth(room)
        self._elide()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._full:
            hint.setWidth(min(self._room, self._advance + self._pad))
        return hint

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = max(0, min(self.width() if self.isVisible() else self._room, self._room) - self._pad)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        self.setText(shown.replace("&", "&&"))


class PartnerLine(QWidget):
    """"Partners:" followed by one pill per partner; :attr:`chosen` carries the tapped partner's id."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partner-line")
        self.flow = FlowLayout(self)
        self.flow.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("partner-line-label")
        self.flow.addWidget(self.label)
        self.pills: list[_Pill] = []
        self.ids: list[str] = []
        self.kinds: list[str] = []
        self._theme: Theme | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def apply(self, theme: Theme) -> None:
        self._theme = theme
        self.flow.set_gap(theme.px(1))
        self.label.setFont(theme.font("caption"))
        restyle(self.label, f"color: {theme.palette.muted};")
        self.label.setMinimumHeight(theme.touch)
        for pill, kind in zip(self.pills, self.kinds, strict=False):
            self._style(pill, kind)

    def _style(self, pill: _Pill, kind: str) -> None:
        if self._theme is None:
            return
        if pill.styled_for is None or pill.styled_for[0] is not self._theme or pill.styled_for[1] != kind:
            pill.apply(self._theme, color=type_color(kind) if kind else None, role="caption")
            pill.styled_for = (self._theme, kind)
        if not kind:  # a plain name: not a control, just text in a quiet pill
            pill.setEnabled(False)
        # the same side padding TouchButton.apply() gives a chip, and its 2 px borders
        pill.fit(pill.accessibleName(), self._theme.px(42), 2 * self._theme.px(2.6) + 4)

    def set_partners(self, label: str, refs: list[tuple[PartnerRef, str]]) -> None:
        """``(ref, type)`` pairs; type is "" for plain names that are not in partners.yaml."""
        self.label.setText(label)
        self.ids = [r.id or "" for r, _ in refs]
        self.kinds = [kind for _, kind in refs]
        while len(self.pills) < len(refs):
            pill = _Pill(self)
            index = len(self.pills)
            pill.setObjectName("partner-pill")
            pill.clicked.connect(lambda _=False, i=index: self._tapped(i))
            self.flow.addWidget(pill)
            self.pills.append(pill)
        for i, pill in enumerate(self.pills):
            if i < len(refs):
                ref, kind = refs[i]
                text = f"{ref.name} · {ref.role}" if ref.role else ref.name
                pill.setAccessibleName(text)
                pill.setEnabled(True)
                self._style(pill, kind)
                pill.show()
            else:
                pill.hide()
        self.setVisible(bool(refs))
        self.updateGeometry()

    def _tapped(self, index: int) -> None:
        if index < len(self.ids) and self.ids[index]:
            self.chosen.emit(self.ids[index])
