"""Home in landscape and portrait: columns, stacked header, no overlapping controls, touch-sized targets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QWidget

from kiosk.ui.widgets.tile import CaseTile
from tests.helpers.shell_pack import make_reader
from tests.helpers.shell_window import close_window, make_window


def controls(root: QWidget) -> list[QWidget]:
    found = [w for w in root.findChildren(QAbstractButton) if w.isVisible()]
    found += [w for w in root.findChildren(CaseTile) if w.isVisible()]
    return found


def window_rect(w: QWidget, top: QWidget) -> QRect:
    return QRect(w.mapTo(top, QPoint(0, 0)), w.size())


@pytest.mark.parametrize(
    ("size", "columns"), [((1920, 1080), 4), ((1280, 800), 3), ((1080, 1920), 2), ((3840, 2160), 4)]
)
def test_layout_is_designed_for_the_shape(qtbot, tmp_path: Path, size, columns) -> None:
    win = make_window(qtbot, make_reader(tmp_path / "p"), size=size)
    try:
        win.go("home")
        home, theme = win.home, win.theme
        assert (theme.width, theme.height) == size
        assert home.grid.columns == columns
        stacked = home.header.direction() == QBoxLayout.Direction.TopToBottom
        assert stacked == theme.portrait
        items = controls(win)
        assert len(items) >= 3 + 2 + 4 + 1  # languages, back/home, chips, tiles
        viewport = home.area.viewport()
        for w in items:
            assert w.height() >= theme.touch and w.width() >= theme.touch, w.objectName()
        view = window_rect(viewport, win)
        # Tiles are clipped by the scroll viewport: only their visible part can be touched.
        rects = [
            (w, window_rect(w, win) & view if isinstance(w, CaseTile) else window_rect(w, win)) for w in items
        ]
        rects = [(w, r) for w, r in rects if not r.isEmpty()]
        for i, (a, ra) in enumerate(rects):
            for b, rb in rects[i + 1 :]:
                if a.isAncestorOf(b) or b.isAncestorOf(a):
                    continue
                assert not ra.intersects(rb), f"{a.objectName()} overlaps {b.objectName()} at {size}"
        # The first row of tiles is fully on screen; the grid fits the viewport's width.
        first = home.grid.tiles[0]
        assert window_rect(first, viewport).bottom() <= viewport.height() or theme.portrait is False
        assert home.grid.width() <= viewport.width()
        assert window_rect(home.grid.tiles[columns - 1], win).right() <= size[0] - theme.margin + 1
    finally:
        close_window(win)


def test_touch_targets_scale_with_the_screen(qtbot, tmp_path: Path) -> None:
    small = make_window(qtbot, make_reader(tmp_path / "a"), size=(1280, 800))
    big = make_window(qtbot, make_reader(tmp_path / "b"), size=(3840, 2160))
    try:
        assert big.navbar.back.height() == big.theme.touch > small.navbar.back.height() == small.theme.touch
    finally:
        close_window(small)
        close_window(big)


def test_the_count_follows_the_theme_filter(qtbot, tmp_path: Path) -> None:
    win = make_window(qtbot, make_reader(tmp_path / "p"))
    try:
        win.go("home")
        total = len(win.reader.case_studies())
        assert win.home.subtitle.text().startswith(f"{total} ")
        theme = win.reader.meta.themes[0].id
        win.go(f"home:{theme}")
        shown = len(win.reader.case_studies(theme))
        assert shown < total and win.home.subtitle.text().startswith(f"{shown} ")
        assert win.home.grid.visible_count == shown
    finally:
        close_window(win)
