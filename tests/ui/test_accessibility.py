"""Accessibility: the control in the bar, text size, high contrast, the reach layout (geometry),
accessible names and 9 mm touch targets on every screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, QSizeF, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.accessibility import A11yState, apply_state
from kiosk.ui.theme import HIGH_CONTRAST, Theme, palette_for
from kiosk.ui.window import KioskWindow
from tests.helpers.controls import controls, touch_target_mm
from tests.helpers.windows import open_window

ROUTES = [
    "home",
    "case:copenhagen-district-cooling",
    "tour",
    "tour:energy-transition:2",
    "tour:energy-transition:end",
]



def tap(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def y_in(widget: QWidget, window: QWidget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).y()


def test_the_control_sets_text_size_contrast_and_reach_and_idle_resets_them(qtbot, bundled) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, bundled, idle_ms=80, warning_ms=0)
    try:
        win.go("home")
        menu = win.a11y
        assert menu.button.isVisible() and menu.button.parentWidget() is win.navbar
        tap(menu.button)
        assert menu.isVisible()
        tap(menu.sizes[2])
        assert win.theme.text_scale == 1.5 and win.home.title.font().pixelSize() == win.theme.font_px("h1")
        tap(menu.contrast)
        assert win.theme.palette == HIGH_CONTRAST
        tap(menu.reach)
        assert win.theme.reach and menu.isVisible()
        assert y_in(menu, win) + menu.height() <= y_in(menu.button, win)  # opens upwards from the low bar
        with qtbot.waitSignal(win.idle.expired, timeout=10_000):
            pass
        assert win.a11y.state == A11yState() and not menu.isVisible()
        assert win.theme.text_scale == 1.0 and not win.theme.reach and win.theme.palette.name == "light"
    finally:
        win.allow_close()
        win.close()
        win.deleteLater()


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_reach_layout_puts_the_controls_in_the_lower_part(qtbot, bundled, size) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, bundled, size=size)
    try:
        win.go("home")
        assert y_in(win.navbar, win) < size[1] / 4  # normally the bar is on top
        win.set_accessibility(A11yState(reach=True))
        QApplication.processEvents()
        half = size[1] / 2
        assert y_in(win.navbar, win) > half and y_in(win.navbar.back, win) > half
        assert y_in(win.navbar.languages, win) > half and y_in(win.a11y.button, win) > half
        for chip in win.home.chips:
            if chip.isVisible():
                assert y_in(chip, win) > half, chip.objectName()
        assert y_in(win.home.tours_button, win) > half
        win.go("tour:energy-transition")
        QApplication.processEvents()
        tour = win.screens["tour"]
        for button in (tour.next_button, tour.previous_button, tour.end_button):  # type: ignore[attr-defined]
            assert y_in(button, win) > half
        image = win.grab().toImage()
        assert image.width() == size[0]
    finally:
        win.allow_close()
        win.close()
        win.deleteLater()


def visit(window: KioskWindow, route: str) -> QWidget:
    window.go("home")
    if route != "home":
        window.go(route)
    QApplication.processEvents()
    return window


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


@pytest.mark.parametrize("route", ROUTES)
def test_every_control_has_an_accessible_name(window: KioskWindow, route: str) -> None:
    visit(window, route)
    window.a11y.open()
    buttons = controls(window)
    assert len(buttons) > 5
    unnamed = [f"{type(b).__name__}#{b.objectName()}" for b in buttons if not accessible_name(b).strip()]
    assert unnamed == []


@pytest.mark.parametrize("diagonal", [55.0, 24.0])
@pytest.mark.parametrize("route", ROUTES)
def test_touch_targets_are_at_least_9_mm(window: KioskWindow, route: str, diagonal: float) -> None:
    visit(window, route)
    window.a11y.open()
    small = {
        f"{type(b).__name__}#{b.objectName() or b.text()}": round(touch_target_mm(b, 1920, 1080, diagonal), 1)
        for b in controls(window)
        if touch_target_mm(b, 1920, 1080, diagonal) < 9.0
    }
    assert small == {}


def test_apply_state_keeps_the_configured_palette_underneath() -> None:
    base = Theme(1920, 1080, palette_for("dark", "#0b6e4f"))
    high = apply_state(base, A11yState(text_scale=1.25, high_contrast=True))
    assert high.palette == HIGH_CONTRAST and high.text_scale == 1.25
    assert apply_state(base, A11yState()).palette == base.palette


def test_popover_closes_on_an_outside_tap_and_on_navigation(window: KioskWindow) -> None:
    window.go("home")
    tap(window.a11y.button)
    assert window.a11y.isVisible()
    tap(window.a11y.sizes[1])  # a tap inside keeps it open
    assert window.a11y.isVisible()
    QTest.mouseClick(window.home.title, Qt.MouseButton.LeftButton)  # somewhere else on the screen
    assert not window.a11y.isVisible()
    tap(window.a11y.button)
    assert window.a11y.isVisible()
    window.go("case:copenhagen-district-heating")
    assert not window.a11y.isVisible()


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 800)])
def test_popover_stays_inside_the_margins_and_follows_its_button(qtbot, bundled, size) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, bundled, size=size)
    try:
        win.go(f"tour:{bundled.tours()[0].id}:1")
        for scale in (1.0, 1.5):
            tap(win.a11y.button)
            if not win.a11y.isVisible():
                tap(win.a11y.button)
            win.a11y.set_state(A11yState(text_scale=scale), emit=True)
            panel, m = win.a11y.geometry(), win.theme.margin
            assert panel.left() >= m and panel.right() <= win.width() - m, (panel, m)
            button = QRectF(win.a11y.button.mapTo(win, QPoint(0, 0)), QSizeF(win.a11y.button.size()))
            assert panel.top() >= button.bottom() - 1  # anchored below the button it belongs to
        win.a11y.set_state(A11yState(), emit=True)
    finally:
        win.allow_close()
        win.close()
        win.deleteLater()
