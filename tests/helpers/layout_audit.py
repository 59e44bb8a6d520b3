"""Layout audit: what a person would see wrong on a screen, as a list of problems (empty = clean).

- the window is exactly the screen, and its layout asks for no more;
- every visible widget lies inside the window and inside its parent (scrolled content may extend
  along its scroll direction, never across it);
- visible controls do not overlap, and none is covered by another control;
- no text is clipped: a label fits, wraps, or is an :class:`ElidedLabel` (elided on purpose, its full
  text a tap away); a button's text fits the button;
- a graph drawn on a ``QGraphicsView`` (the partner network): the scene is no wider than the view
  (it scrolls only vertically), its nodes lie inside it, do not overlap, keep the touch height and
  show enough of their text to be read (an elided name keeps at least a few characters).
- a home tile's title gets all its three lines before it is elided, and at the default text size it is
  not elided at all.
- the attract loop's question slide (painted): hint, question and choices inside the margins, above
  "Touch to explore", clear of the live figure; the choices touch-sized and apart.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QGraphicsView,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from kiosk.ui.widgets.elided import ElidedLabel
from kiosk.ui.widgets.tile import TITLE_LINES, CaseTile

TOLERANCE = 1
"""Pixels of rounding allowed."""
OVERLAYS = {"a11y-panel", "admin-overlay", "zoom-overlay", "qr-overlay", "idle-overlay", "tour-blank"}
"""Object names of layers that cover the screen on purpose (their own controls are audited)."""


def name(w: QWidget) -> str:
    text = ""
    if isinstance(w, QLabel | QAbstractButton):
        text = " ".join(w.text().split())[:30]
    return f"{type(w).__name__}#{w.objectName() or '?'}" + (f" {text!r}" if text else "")


def path(w: QWidget, top: QWidget) -> str:
    parts = []
    node: QWidget | None = w
    while node is not None and node is not top:
        if node.objectName():
            parts.append(node.objectName())
        node = node.parentWidget()
    return "/".join(reversed(parts[:4]))


def in_window(w: QWidget, top: QWidget) -> QRect:
    return QRect(w.mapTo(top, QPoint(0, 0)), w.size())


def scroll_context(w: QWidget) -> QScrollArea | None:
    """The scroll area whose content ``w`` is (directly), if any."""
    parent = w.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    if isinstance(area, QScrollArea) and area.widget() is w:
        return area
    return None


def inside_scroll(w: QWidget, top: QWidget) -> bool:
    node = w.parentWidget()
    while node is not None and node is not top:
        if isinstance(node, QAbstractScrollArea):
            return True
        node = node.parentWidget()
    return False


def visible_widgets(top: QWidget) -> list[QWidget]:
    return [w for w in top.findChildren(QWidget) if w.isVisibleTo(top) and w.isWindow() is False]


def clipped(w: QWidget, top: QWidget) -> QRect:
    """The part of ``w`` its ancestors let show, in ``top``'s coordinates."""
    rect = in_window(w, top)
    node = w.parentWidget()
    while node is not None and node is not top:
        rect &= in_window(node, top)
        node = node.parentWidget()
    return rect & top.rect()


def overlay_of(w: QWidget, top: QWidget) -> QWidget | None:
    node: QWidget | None = w
    while node is not None and node is not top:
        if node.objectName() in OVERLAYS:
            return node
        node = node.parentWidget()
    return None


def is_control(w: QWidget) -> bool:
    hand = w.testAttribute(Qt.WidgetAttribute.WA_SetCursor) and (
        w.cursor().shape() == Qt.CursorShape.PointingHandCursor
    )
    return isinstance(w, QAbstractButton) or hand


def _geometry(top: QWidget, screen: tuple[int, int]) -> list[str]:
    problems = []
    if (top.width(), top.height()) != screen:
        problems.append(f"window {top.width()}x{top.height()} is not the screen {screen[0]}x{screen[1]}")
    hint = top.layout().totalMinimumSize() if top.layout() is not None else top.minimumSizeHint()
    if hint.width() > screen[0] + TOLERANCE or hint.height() > screen[1] + TOLERANCE:
        problems.append(f"the layout asks for {hint.width()}x{hint.height()}, more than the screen")
    return problems


def _containment(top: QWidget, widgets: list[QWidget]) -> list[str]:
    problems = []
    for w in widgets:
        if w.width() <= 0 or w.height() <= 0:
            continue
        area = scroll_context(w)
        if area is not None:
            viewport = area.viewport()
            wide = w.width() > viewport.width() + TOLERANCE
            tall = w.height() > viewport.height() + TOLERANCE
            if wide and tall:
                problems.append(f"{name(w)} ({path(w, top)}) is {w.width()}x{w.height()} in a "
                                f"{viewport.width()}x{viewport.height()} scroller: it overflows across "
                                "its scroll direction")
            continue
        parent = w.parentWidget()
        if parent is None:
            continue
        if not inside_scroll(w, top):
            r = in_window(w, top)
            if not top.rect().adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE).contains(r):
                problems.append(f"{name(w)} ({path(w, top)}) at {r.getRect()} runs off the window")
                continue
        if parent is top or isinstance(parent, QAbstractScrollArea):
            continue
        bounds = parent.rect().adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE)
        if not bounds.contains(w.geometry()):
            problems.append(f"{name(w)} ({path(w, top)}) at {w.geometry().getRect()} sticks out of its "
                            f"parent {name(parent)} {parent.width()}x{parent.height()}")
    return problems


def _controls(top: QWidget, widgets: list[QWidget]) -> list[str]:
    problems = []
    found = [(w, clipped(w, top)) for w in widgets if is_control(w)]
    found = [(w, r) for w, r in found if r.width() > 2 and r.height() > 2]
    for i, (a, ra) in enumerate(found):
        for b, rb in found[i + 1 :]:
            if a.isAncestorOf(b) or b.isAncestorOf(a) or overlay_of(a, top) is not overlay_of(b, top):
                continue
            inter = ra & rb
            if inter.width() > TOLERANCE and inter.height() > TOLERANCE:
                problems.append(f"{name(a)} and {name(b)} overlap at {inter.getRect()}")
    return problems


def _text(top: QWidget, widgets: list[QWidget]) -> list[str]:
    problems = []
    for w in widgets:
        if isinstance(w, ElidedLabel) or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
            problems += _label(w, top)
        elif isinstance(w, QPushButton) and w.text() and type(w).__name__ != "TourCard":
            need = QFontMetrics(w.font()).horizontalAdvance(w.text().replace("&&", "&"))
            if need > w.width():
                problems.append(f"{name(w)} ({path(w, top)}): text needs {need} px, has {w.width()}")
    return problems


def _label(w: QLabel, top: QWidget) -> list[str]:
    rect = w.contentsRect()
    fm = QFontMetrics(w.font())
    text = w.text()
    rich = w.textFormat() == Qt.TextFormat.RichText or (
        w.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text
    )
    if rich:
        return []  # rich labels are measured by their own layout (QTextDocument) below
    lines = text.split("\n")
    if not w.wordWrap():
        need = max(fm.horizontalAdvance(line) for line in lines)
        if need > rect.width() + TOLERANCE:
            return [f"{name(w)} ({path(w, top)}): one line needs {need} px, has {rect.width()}"]
        if fm.height() * len(lines) > rect.height() + 2 * TOLERANCE + fm.leading() * len(lines):
            return [f"{name(w)} ({path(w, top)}): {len(lines)} line(s) need {fm.height() * len(lines)} px "
                    f"height, has {rect.height()}"]
        return []
    words = text.replace("\u200b", " ").split()  # a zero-width space is a break opportunity
    longest = max((fm.horizontalAdvance(word) for word in words), default=0)
    if longest > rect.width() + TOLERANCE and not _breaks_anywhere(text):
        return [f"{name(w)} ({path(w, top)}): a word needs {longest} px, the label is {rect.width()}"]
    need_h = w.heightForWidth(w.width())
    if need_h > w.height() + 2 * TOLERANCE:
        return [f"{name(w)} ({path(w, top)}): wrapped text needs {need_h} px height, has {w.height()}"]
    return []


def _tiles(top: QWidget, widgets: list[QWidget]) -> list[str]:
    problems = []
    for w in widgets:
        if not isinstance(w, CaseTile) or w.data is None or w.theme is None:
            continue
        lines = w.title_lines()
        if not lines or not lines[-1].endswith("…"):
            continue
        if len(lines) < TITLE_LINES:
            problems.append(f"{name(w)}: title elided after {len(lines)} line(s), not {TITLE_LINES}")
        elif w.theme.text_scale == 1.0:
            problems.append(f"{name(w)}: title {w.data.title!r} elided at the default text size")
    return problems


def _breaks_anywhere(text: str) -> bool:
    """CJK text breaks between characters: a "word" can be a whole sentence."""
    return any("\u3000" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in text)


MIN_SHOWN = 3
"""Characters an elided graph node must still show before its ellipsis (or its whole text)."""


def _graph(top: QWidget, widgets: list[QWidget]) -> list[str]:
    problems = []
    for view in (w for w in widgets if isinstance(w, QGraphicsView)):
        nodes = [i for i in view.scene().items() if hasattr(i, "full_text") and i.isVisible()]
        if not nodes:
            continue
        where = path(view, top)
        scene = view.scene().sceneRect()
        if scene.width() > view.viewport().width() + TOLERANCE:
            problems.append(f"{where}: the scene is {scene.width():.0f} px wide in a "
                            f"{view.viewport().width()} px view (it would scroll sideways)")
        touch = min(n.rect.height() for n in nodes)
        rects = []
        for n in nodes:
            r = n.mapRectToScene(n.rect)
            label = f"node {n.full_text[:30]!r}"
            if r.left() < scene.left() - TOLERANCE or r.right() > scene.right() + TOLERANCE:
                problems.append(f"{where}: {label} at x {r.left():.0f}..{r.right():.0f} leaves the "
                                f"{scene.width():.0f} px scene")
            shown = n.text.rstrip("\u2026") if n.text != n.full_text else n.full_text
            if n.text != n.full_text and len(shown) < min(MIN_SHOWN, len(n.full_text)):
                problems.append(f"{where}: {label} is elided to {n.text!r}")
            rects.append((label, r))
        theme = getattr(view, "_theme", None)
        if theme is not None and touch < theme.touch - TOLERANCE:
            problems.append(f"{where}: a node is {touch:.0f} px high, under the touch target")
        for i, (la, ra) in enumerate(rects):
            for lb, rb in rects[i + 1 :]:
                inter = ra & rb
                if inter.width() > TOLERANCE and inter.height() > TOLERANCE:
                    problems.append(f"{where}: {la} and {lb} overlap")
    return problems


def _ask_slide(top: QWidget, widgets: list[QWidget]) -> list[str]:
    """The attract loop's question slide is painted, not built of widgets: its hint, question and choice
    pills lie inside the screen's margins, above "Touch to explore" and clear of the live figure; the
    pills keep the touch size and do not overlap."""
    from kiosk.ui.screens.attract import AttractScreen

    problems: list[str] = []
    for attract in [w for w in [top, *widgets] if isinstance(w, AttractScreen) and w.isVisible()]:
        geo = attract.ask_layout()
        if geo is None:
            continue
        t = attract.theme
        room = QRectF(t.margin - TOLERANCE, -TOLERANCE, attract.width() - 2 * t.margin + 2 * TOLERANCE,
                      attract._pill().top() + TOLERANCE)
        live = attract.live_rect()
        parts = [("hint", geo.hint), ("question", geo.question)]
        parts += [(f"choice {i} {label!r}", r) for i, (label, r) in enumerate(zip(geo.labels, geo.choices,
                                                                                   strict=True))]
        for what, rect in parts:
            if not room.contains(rect):
                problems.append(f"ask slide: {what} at {rect.getRect()} leaves {room.getRect()}")
            if not live.isEmpty() and live.intersects(rect):
                problems.append(f"ask slide: {what} lies under the live figure")
        for i, (label, rect) in enumerate(zip(geo.labels, geo.choices, strict=True)):
            if rect.height() < t.touch - TOLERANCE or rect.width() < t.touch - TOLERANCE:
                problems.append(f"ask slide: choice {i} {label!r} is {rect.width():.0f}x{rect.height():.0f},"
                                f" under the {t.touch} px touch size")
            problems += [f"ask slide: choices {i} and {j} overlap" for j, other in
                         enumerate(geo.choices[i + 1:], i + 1) if rect.intersects(other)]
        if geo.question.bottom() > min(r.top() for r in geo.choices):
            problems.append("ask slide: the question runs into its choices")
    return problems


def audit(top: QWidget, screen: tuple[int, int]) -> list[str]:
    widgets = visible_widgets(top)
    return (
        _geometry(top, screen) + _containment(top, widgets) + _controls(top, widgets) + _text(top, widgets)
        + _graph(top, widgets)
        + _tiles(top, widgets)
        + _ask_slide(top, widgets)
    )
