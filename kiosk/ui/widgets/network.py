"""The "who works with whom" view: partners and case studies as tappable nodes on a QGraphicsView.

Case studies form the middle column, partners the two outer columns (see
:func:`kiosk.content.network.layout_rows`). Every node is at least ``theme.touch`` high, so each tap
target keeps the 9 mm floor; the scene scrolls vertically when it is taller than the screen. Tapping
a partner lights up its projects and co-partners and dims the rest; tapping a case study emits
:attr:`NetworkView.case_tapped`. Right-to-left languages mirror the columns.

Without touch: the view takes keyboard focus and a presenter remote's keys (see
:meth:`NetworkView.key_step`): next/previous node in reading order, Enter or Space acts like a tap. The
focused node has a ring, is scrolled into view, and its name and description become the view's
accessible name and description (announced to screen readers with a focus event), since the nodes
are graphics items that assistive technology cannot see on their own.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QScroller,
    QStyleOptionGraphicsItem,
    QWidget,
)

from kiosk.content.model import pick
from kiosk.content.network import Network, layout_rows
from kiosk.ui.colors import best_text_on, mix
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.partner_line import type_color
from kiosk.ui.widgets.strings import tr, trf

DIM = 0.18
"""Opacity of nodes and lines that are not part of the selection."""


class Node(QGraphicsItem):
    """A rounded box with one line of elided text; ``kind`` is ``partner`` or ``case``."""

    def __init__(self, kind: str, ident: str, text: str, rect: QRectF, fill: str, ink: str, outline: str,
                 font: QFont, radius: float, metrics: QFontMetrics | None = None) -> None:
        super().__init__()
        self.kind, self.ident, self.full_text = kind, ident, text
        self.rect, self.fill, self.ink, self.outline = rect, fill, ink, outline
        self.font, self.radius = font, radius
        self.selected_node = False
        self.focused = False
        self.description = ""
        """What a screen reader says after the name (type, projects, partners), set by the view."""
        pad = rect.height() * 0.3
        room = int(rect.width() - 2 * pad)
        self.text = (metrics or QFontMetrics(font)).elidedText(text, Qt.TextElideMode.ElideRight, room)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Text is the expensive part of a frame: draw each box once, then blit it (opacity changes too).
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-4, -4, 4, 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = 4.0 if self.selected_node else 1.5
        painter.setPen(QPen(QColor(self.outline), width))
        painter.setBrush(QBrush(QColor(self.fill)))
        painter.drawRoundedRect(self.rect, self.radius, self.radius)
        if self.focused:  # the keyboard / remote focus: a ring just outside the box
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(self.ink), 3.0, Qt.PenStyle.DotLine))
            painter.drawRoundedRect(self.rect.adjusted(-2, -2, 2, 2), self.radius + 2, self.radius + 2)
        painter.setPen(QColor(self.ink))
        painter.setFont(self.font)
        pad = self.rect.height() * 0.3
        painter.drawText(self.rect.adjusted(pad, 0, -pad, 0),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading), self.text)


class NetworkView(QGraphicsView):
    case_tapped = Signal(str)
    partner_tapped = Signal(str)
    NEXT_KEYS = frozenset({Qt.Key.Key_PageDown, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Tab})
    PREVIOUS_KEYS = frozenset({Qt.Key.Key_PageUp, Qt.Key.Key_Up, Qt.Key.Key_Left, Qt.Key.Key_Backtab})
    ACTIVATE_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Select})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("network-view")
        self.setScene(QGraphicsScene(self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        # Fingers scroll kinetically; a mouse drags the scene. Either way a short press-release is a tap
        # (a mouse-button scroller gesture would hold the press back and swallow quick taps).
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nodes: dict[tuple[str, str], Node] = {}
        self.order: list[tuple[str, str]] = []
        """Nodes in reading order (rows top to bottom, each row in the language's direction)."""
        self.focus_key: tuple[str, str] | None = None
        self.edges: list[tuple[str, str, QGraphicsPathItem]] = []
        self.network: Network | None = None
        self.selected: str | None = None
        self._press: QPointF | None = None
        self._theme: Theme | None = None
        self._args: tuple[str, str, bool] = ("en", "en", False)

    # Building ----------------------------------------------------------------------------------
    def set_network(self, net: Network, theme: Theme, lang: str, default_language: str, *,
                    rtl: bool = False) -> None:
        self.network, self._theme, self._args = net, theme, (lang, default_language, rtl)
        self.rebuild()

    def rebuild(self) -> None:
        net, t = self.network, self._theme
        scene = self.scene()
        scene.clear()
        self.nodes, self.edges = {}, []
        if net is None or t is None:
            return
        lang, default, rtl = self._args
        p = t.palette
        hc = p.name == "high-contrast"
        self.setBackgroundBrush(QColor(p.background))
        font = t.font("body")
        metrics = QFontMetrics(font)  # one for every node: building 90 of them was a third of a rebuild
        row_h = max(t.touch, round(metrics.height() * 1.6))
        step = row_h + t.px(1.2)
        width = max(self.viewport().width(), t.px(60))
        gap = max(t.px(4), width * 0.06)
        col = (width - 2 * gap - 2 * t.px(1)) / 3
        x_start, x_mid, x_end = t.px(1), t.px(1) + col + gap, t.px(1) + 2 * (col + gap)
        sides = 2
        if col < metrics.averageCharWidth() * 24:
            # Too narrow for three readable columns (portrait, large text): case studies | partners.
            # (Below ~24 characters a column cut most case-study titles to their first words.)
            gap = max(t.px(6), width * 0.12)  # one gap carries every line: give it room
            sides, col = 1, (width - gap - 2 * t.px(1)) / 2
            x_start = x_mid = t.px(1)
            x_end = t.px(1) + col + gap
            if rtl:
                x_mid = x_end
        rows = layout_rows(net, sides)
        radius = t.radius
        for cs in net.cases:
            y = rows.case_row[cs.slug] * step
            fill = p.surface if not hc else "#000000"
            node = Node("case", cs.slug, cs.doc(lang).title, QRectF(x_mid, y, col, row_h), fill, p.text,
                        p.accent if not hc else "#ffffff", font, radius, metrics)
            self._add(node)
        for partner in net.partners:
            side = rows.partner_side[partner.id] * (-1 if rtl else 1)
            x = x_start if side < 0 else x_end
            y = rows.partner_row[partner.id] * step
            color = type_color(partner.type)
            fill = mix(color, p.surface, 0.82) if not hc else "#000000"
            outline = color if not hc else "#ffffff"
            ink = best_text_on(fill) if not hc else "#ffffff"
            name = pick(partner.name, lang, default)[0] or partner.id
            rect = QRectF(x, y, col, row_h)
            self._add(Node("partner", partner.id, name, rect, fill, ink, outline, font, radius, metrics))
        thin = self._thin_pen(p.muted if not hc else "#ffffff")
        for pid, slug in net.edges:
            a, b = self.nodes[("partner", pid)].rect, self.nodes[("case", slug)].rect
            start = QPointF(a.right() if a.center().x() < b.center().x() else a.left(), a.center().y())
            end = QPointF(b.left() if a.center().x() < b.center().x() else b.right(), b.center().y())
            mid = (start.x() + end.x()) / 2
            path = QPainterPath(start)
            path.cubicTo(QPointF(mid, start.y()), QPointF(mid, end.y()), end)
            item = QGraphicsPathItem(path)
            item.setPen(thin)
            item.setZValue(-1)
            scene.addItem(item)
            self.edges.append((pid, slug, item))
        scene.setSceneRect(QRectF(0, 0, width, rows.height * step))
        self._describe(net, lang)
        self.select(self.selected if self.selected and ("partner", self.selected) in self.nodes else None)
        self.set_focus_node(self.focus_key if self.focus_key in self.nodes else None)

    @staticmethod
    def _thin_pen(color: str) -> QPen:
        """A cosmetic 1 px line: Qt's raster engine strokes it on its fast path. A wider antialiased
        pen cost four times as much to paint (188 curves: 25 of 32 ms of a portrait frame)."""
        pen = QPen(QColor(color), 1.0)
        pen.setCosmetic(True)
        return pen

    def _describe(self, net: Network, lang: str) -> None:
        for (kind, ident), node in self.nodes.items():
            if kind == "partner":
                partner = next(p for p in net.partners if p.id == ident)
                node.description = trf("net_partner_a11y", lang, tr(f"type_{partner.type}", lang),
                                       len(net.projects(ident)), len(net.co_partners(ident)))
            else:
                node.description = trf("net_case_a11y", lang, sum(1 for _, s in net.edges if s == ident))
        rtl = self._args[2]
        self.order = sorted(self.nodes, key=lambda k: (round(self.nodes[k].rect.top()),
                                                       -self.nodes[k].rect.left() if rtl
                                                       else self.nodes[k].rect.left()))

    def _add(self, node: Node) -> None:
        self.scene().addItem(node)
        self.nodes[(node.kind, node.ident)] = node

    # Selection ---------------------------------------------------------------------------------
    def select(self, partner_id: str | None) -> None:
        """Light up ``partner_id``, its projects and co-partners; None shows everything evenly."""
        net, t = self.network, self._theme
        self.selected = partner_id
        if net is None or t is None:
            return
        lit_cases = net.projects(partner_id) if partner_id else frozenset()
        lit_partners = (net.co_partners(partner_id) | {partner_id}) if partner_id else frozenset()
        for (kind, ident), node in self.nodes.items():
            on = partner_id is None or ident in (lit_partners if kind == "partner" else lit_cases)
            node.setOpacity(1.0 if on else DIM)
            chosen = kind == "partner" and ident == partner_id
            if chosen != node.selected_node:
                node.selected_node = chosen
                node.update()  # only the outline changes: the other cached boxes stay as they are
        wide = QPen(QColor(t.palette.accent), max(1.5, t.px(0.5)))
        thin = self._thin_pen(t.palette.muted if t.palette.name != "high-contrast" else "#ffffff")
        for pid, slug, item in self.edges:
            mine = partner_id is not None and (
                pid == partner_id or (slug in lit_cases and pid in lit_partners))
            own = pid == partner_id
            item.setOpacity(1.0 if partner_id is None or mine else DIM * 0.6)
            # The chosen partner's own lines are wide and in the accent; the rest stay hairlines.
            item.setPen(wide if own else thin)
        if partner_id:
            self.ensureVisible(self.nodes[("partner", partner_id)], 0, t.touch)

    # Keyboard, presenter remote, screen readers --------------------------------------------------
    def set_focus_node(self, key: tuple[str, str] | None) -> None:
        """Move the focus ring to ``key`` (None: no ring) and tell assistive technology about it."""
        old = self.nodes.get(self.focus_key) if self.focus_key else None
        if old is not None and old.focused:
            old.focused = False
            old.update()
        self.focus_key = key if key in self.nodes else None
        node = self.nodes.get(self.focus_key) if self.focus_key else None
        if node is None:
            self.setAccessibleName(tr("network", self._args[0]))
            self.setAccessibleDescription(tr("network_hint", self._args[0]))
            return
        node.focused = True
        node.update()
        self.ensureVisible(node, 0, self._theme.touch if self._theme else 48)
        self.setAccessibleName(node.full_text)
        self.setAccessibleDescription(node.description)
        if QAccessible.isActive():
            for event in (QAccessible.Event.NameChanged, QAccessible.Event.DescriptionChanged,
                          QAccessible.Event.Focus):
                QAccessible.updateAccessibility(QAccessibleEvent(self, event))

    def key_step(self, key: int) -> bool:
        """A key from the keyboard or a presenter remote: True when the view used it."""
        if not self.order:
            return False
        rtl = self._args[2]
        forward, back = set(self.NEXT_KEYS), set(self.PREVIOUS_KEYS)
        if rtl:  # the arrows follow the mirrored layout
            forward ^= {Qt.Key.Key_Right, Qt.Key.Key_Left}
            back ^= {Qt.Key.Key_Right, Qt.Key.Key_Left}
        here = self.order.index(self.focus_key) if self.focus_key in self.order else -1
        if key in self.ACTIVATE_KEYS:
            if self.focus_key is None:
                return False
            self.tap(self.nodes[self.focus_key])
            return True
        if key in forward:
            self.set_focus_node(self.order[min(here + 1, len(self.order) - 1)])
        elif key in back:
            self.set_focus_node(self.order[max(here - 1, 0)])
        elif key == Qt.Key.Key_Home:
            self.set_focus_node(self.order[0])
        elif key == Qt.Key.Key_End:
            self.set_focus_node(self.order[-1])
        else:
            return False
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier or not self.key_step(event.key()):
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab moves between nodes (keyPressEvent), not out of the view

    # Taps --------------------------------------------------------------------------------------
    def node_at(self, pos: QPointF) -> Node | None:
        for item in self.items(pos.toPoint()):
            if isinstance(item, Node):
                return item
        return None

    def tap(self, node: Node) -> None:
        if node.kind == "case":
            self.case_tapped.emit(node.ident)
            return
        self.select(None if self.selected == node.ident else node.ident)
        self.partner_tapped.emit(node.ident)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        super().mouseReleaseEvent(event)
        slop = (self._theme.touch if self._theme else 48) / 3
        if press is not None and (event.position() - press).manhattanLength() <= slop:
            node = self.node_at(event.position())
            if node is not None:
                self.tap(node)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.network is not None and abs(self.scene().width() - self.viewport().width()) > 1:
            self.rebuild()
