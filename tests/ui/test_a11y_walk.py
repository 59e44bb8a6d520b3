"""Every control on every screen has an accessible name: case study (gallery, related, zoom, QR,
video), tours, the data screen and the admin panel, in a real kiosk over the bundled pack."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.admin.pin import hash_pin
from kiosk.app import KioskApp, build_app
from kiosk.config import Config
from kiosk.ui.screens.case_study import CaseStudyScreen
from kiosk.ui.widgets.gallery import GalleryTile
from tests.helpers.controls import controls

ROOT = Path(__file__).resolve().parents[2]
PIN = "2468"
CASE = "bornholm-ecogrid"


@pytest.fixture
def kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[KioskApp]:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "data")
    cfg.admin.pin_hash = hash_pin(PIN, n=1024)
    app = build_app(cfg, pack_path=ROOT / "content", windowed=True, size="1920x1080", animate=False)
    app.window.resize(1920, 1080)
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.shutdown()


def name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def unnamed(root: QWidget) -> list[str]:
    QApplication.processEvents()
    found = controls(root)
    assert found, "no controls found: the walk is not looking at a screen"
    return [f"{type(w).__name__}#{w.objectName() or '?'}" for w in found if not name(w)]


def case_screen(kiosk: KioskApp) -> CaseStudyScreen:
    screen = kiosk.window.screens["case"]
    assert isinstance(screen, CaseStudyScreen)
    return screen


def reveal(screen: CaseStudyScreen, widget: QWidget) -> None:
    """Scroll the page so that ``widget`` is on screen (controls() only counts what is visible)."""
    QApplication.processEvents()
    top = widget.mapTo(screen.scroll_area.widget(), QPoint(0, 0)).y()
    screen.scroll_area.verticalScrollBar().setValue(top)
    QApplication.processEvents()


def test_related_and_gallery_tiles_are_named_controls(kiosk: KioskApp) -> None:
    kiosk.window.go("home")
    kiosk.window.go(f"case:{CASE}")
    QApplication.processEvents()
    screen = case_screen(kiosk)
    related = [t for t in screen.related.tiles if t.isVisibleTo(screen)]
    assert related, "the walk needs a case study with related projects and a gallery"
    assert {name(t) for t in related} == {t.title.text() for t in related}
    reveal(screen, screen.gallery)
    gallery = [t for t in controls(screen) if isinstance(t, GalleryTile)]
    assert gallery and all(name(t) for t in gallery)
    reveal(screen, screen.related)
    assert set(related) <= set(controls(screen))  # they count as controls (9 mm, names) too


def test_gallery_tile_without_caption_is_named_in_the_visitor_language(kiosk: KioskApp) -> None:
    from kiosk.ui.widgets.gallery import Picture

    kiosk.window.go("home")
    kiosk.window.set_language("da")
    kiosk.window.go(f"case:{CASE}")
    screen = case_screen(kiosk)
    screen.gallery.set_pictures([Picture(None), Picture(None, "Havnen")])
    assert [name(t) for t in screen.gallery.tiles[:2]] == ["Billede 1 af 2", "Havnen"]
    assert name(screen.zoom.zoom_in_button) == "Zoom ind"


@pytest.mark.parametrize("route", ["home", f"case:{CASE}", "tour", "tour:energy-transition:2",
                                   "data:dk1-co2-sample", "partners", "partners:hofor", "network"])
def test_every_screen_names_its_controls(kiosk: KioskApp, route: str) -> None:
    kiosk.window.go("home")
    kiosk.window.go(route)
    assert unnamed(kiosk.window) == []


def test_case_study_overlays_name_their_controls(kiosk: KioskApp) -> None:
    kiosk.window.go("home")
    kiosk.window.go(f"case:{CASE}")
    screen = case_screen(kiosk)
    screen.zoom.open(screen.gallery.pictures, 0)
    assert unnamed(screen.zoom) == []
    screen.zoom.close_overlay()
    screen.show_qr("https://example.org/x")
    assert unnamed(screen.qr_overlay) == []
    assert name(screen.video.play_button)


def test_admin_panel_names_its_controls(qtbot: QtBot, kiosk: KioskApp) -> None:
    from kiosk.ui.admin.controller import AdminController

    (ctl,) = [s for s in kiosk.services if isinstance(s, AdminController)]
    target = kiosk.window.childAt(QPoint(4, 4)) or kiosk.window
    for _ in range(5):
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(kiosk.window, QPoint(4, 4)))
    assert unnamed(ctl.overlay) == []  # the keypad
    for digit in PIN:
        qtbot.mouseClick(ctl.overlay.keypad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(ctl.overlay.keypad.keys["OK"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.overlay.page == "panel")
    buttons = [b for b in ctl.overlay.findChildren(QAbstractButton) if b.isVisibleTo(ctl.overlay)]
    assert buttons and unnamed(ctl.overlay) == []
