"""Touch that scrolls: a mouse drag (what a mouse-emulating touch frame sends) and a real QTouchEvent
sequence scroll every scrolling surface, with a kinetic flick; a drag never taps what it started on,
a tap still does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from kiosk.app import KioskApp

ROOT = Path(__file__).resolve().parents[2]
TOUR = "energy-transition"


@pytest.fixture(scope="module")
def kiosk(qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KioskApp]:
    from kiosk.app import build_app
    from kiosk.config import Config

    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path_factory.mktemp("kinetic"))
    cfg.data.enabled = False
    app = build_app(cfg, pack_path=ROOT / "content", windowed=False, size="1280x800", animate=False)
    app.window.show()
    yield app
    app.shutdown()
    QApplication.processEvents()


@pytest.fixture(scope="module")
def touchscreen() -> QPointingDevice:
    return QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen)


def drag(widget: QWidget, start: QPoint, delta: QPoint, steps: int = 12) -> None:
    """Press, move in steps (16 ms apart, like a touch frame's reports), release."""
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(widget, start + delta * i / steps, 16)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + delta, 16)


def touch_drag(window: QWidget, device: QPointingDevice, start: QPoint, delta: QPoint, steps: int = 12,
               ) -> None:
    QTest.touchEvent(window, device).press(0, start, window)
    for i in range(1, steps + 1):
        QTest.qWait(16)
        QTest.touchEvent(window, device).move(0, start + delta * i / steps, window)
    QTest.touchEvent(window, device).release(0, start + delta, window)


def surfaces(kiosk: KioskApp) -> dict[str, tuple[str, QAbstractScrollArea]]:
    win = kiosk.window
    case, tour = win.screens["case"], win.screens["tour"]
    return {
        "home grid": ("home", win.home.area),
        "case body": ("case:copenhagen-district-heating", case.scroll_area),
        "tour stop": (f"tour:{TOUR}:1", tour.case.scroll_area),
    }


@pytest.mark.parametrize("surface", ["home grid", "case body", "tour stop"])
@pytest.mark.parametrize("how", ["mouse", "touch"])
def test_a_drag_scrolls_every_surface(qtbot, kiosk: KioskApp, touchscreen, surface: str, how: str) -> None:
    win = kiosk.window
    route, area = surfaces(kiosk)[surface]
    win.go(route)
    win.a11y.set_state(win.a11y.state.__class__(text_scale=1.5), emit=True)  # long enough to scroll
    try:
        bar = area.verticalScrollBar()
        bar.setValue(0)
        qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)  # the layout has settled: room to scroll
        viewport = area.viewport()
        start = QPoint(viewport.width() // 2, viewport.height() * 3 // 4)
        route_before = str(win.current_route)
        if how == "mouse":
            drag(viewport, start, QPoint(0, -viewport.height() // 2))
        else:
            touch_drag(win, touchscreen, viewport.mapTo(win, start), QPoint(0, -viewport.height() // 2))
        qtbot.waitUntil(lambda: bar.value() > viewport.height() // 4, timeout=3000)
        assert str(win.current_route) == route_before  # the drag tapped nothing
    finally:
        win.a11y.set_state(win.a11y.state.__class__(), emit=True)


def test_a_flick_keeps_going_after_the_release(qtbot, kiosk: KioskApp) -> None:
    win = kiosk.window
    win.go("home")
    bar = win.home.area.verticalScrollBar()
    bar.setValue(0)
    viewport = win.home.area.viewport()
    start = QPoint(viewport.width() // 2, viewport.height() - 10)
    drag(viewport, start, QPoint(0, -viewport.height() // 3), steps=4)
    released_at = bar.value()
    qtbot.waitUntil(lambda: bar.value() > released_at + 20, timeout=3000)


def test_a_tap_on_a_tile_still_opens_it(qtbot, kiosk: KioskApp) -> None:
    win = kiosk.window
    win.go("home")
    win.home.reset()  # stops the flick of the test before: a touch on a moving list only stops it
    tile = win.home.grid.tiles[0]
    assert tile.data is not None
    QTest.mouseClick(tile, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, tile.rect().center())
    assert str(win.current_route) == f"case:{tile.data.slug}"


def test_a_drag_on_a_button_does_not_click_it(qtbot, kiosk: KioskApp) -> None:
    win = kiosk.window
    win.go("tour")
    card = win.screens["tour"].cards[0]
    with qtbot.assertNotEmitted(card.clicked, wait=50):
        drag(card, card.rect().center(), QPoint(0, -card.height()))
    assert str(win.current_route) == "tour"


def test_every_page_that_can_outgrow_the_screen_is_kinetic(kiosk: KioskApp) -> None:
    win = kiosk.window
    tour, case = win.screens["tour"], win.screens["case"]
    for area in (win.home.area, case.scroll_area, case.gallery, tour.chooser_page, tour.end_scroll,
                 tour.case.scroll_area):
        assert area.property("kinetic") is True, area.objectName()
