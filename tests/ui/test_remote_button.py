"""The Remote button and its panel on the kiosk (no phone, no browser: see tests/ui/test_remote_phone.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.app import KioskApp, build_app
from kiosk.config import Config
from kiosk.ui.accessibility import A11yState
from kiosk.ui.remote import RemoteControl

ROOT = Path(__file__).resolve().parents[2]
TOUR = "energy-transition"


def make(tmp_path: Path, *, enabled: bool = True, size: str = "1280x800", bind: str = "127.0.0.1",
         ) -> KioskApp:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "data")
    cfg.data.enabled = False
    cfg.remote.enabled = enabled
    cfg.remote.bind = bind
    cfg.remote.port = 0
    kiosk = build_app(cfg, pack_path=ROOT / "content", windowed=False, size=size, animate=False)
    kiosk.window.show()
    return kiosk


@pytest.fixture
def kiosk(qtbot, tmp_path: Path) -> Iterator[KioskApp]:  # type: ignore[no-untyped-def]
    app = make(tmp_path)
    qtbot.waitExposed(app.window)
    yield app
    app.shutdown()
    QApplication.processEvents()


def control_of(kiosk: KioskApp) -> RemoteControl:
    return next(s for s in kiosk.services if isinstance(s, RemoteControl))


def test_the_button_shows_on_tour_routes_only_and_the_bar_keeps_its_words(kiosk: KioskApp) -> None:
    window, control = kiosk.window, control_of(kiosk)
    window.go("home")
    assert not control.button.isVisible()
    home_labels = (window.navbar.back.text(), window.navbar.home.text())
    window.go("tour")
    assert control.button.isVisible() and control.button.accessibleName() == "Remote"
    window.go(f"tour:{TOUR}:3")
    assert control.button.isVisible()
    window.go("home")
    assert not control.button.isVisible()
    assert (window.navbar.back.text(), window.navbar.home.text()) == home_labels  # words came back
    assert not control.service.listening


def test_the_panel_fits_at_the_largest_text_and_closes_when_the_tour_is_left(kiosk: KioskApp) -> None:
    window, control = kiosk.window, control_of(kiosk)
    window.go("home")
    window.go(f"tour:{TOUR}")
    window.a11y.set_state(A11yState(text_scale=1.5), emit=True)
    QTest.mouseClick(control.button, Qt.MouseButton.LeftButton)
    panel = control.panel
    assert panel.isVisible() and panel.code.isVisible() and control.service.listening
    assert window.rect().contains(panel.card.geometry())  # the whole card is on the screen
    parts = [panel.title, panel.code, panel.hint, panel.close_button]
    for upper, lower in itertools.pairwise(parts):  # stacked, never over each other
        assert upper.geometry().bottom() < lower.geometry().top(), (upper, lower)
        assert lower.geometry().bottom() < panel.card.height()
    assert panel.hint.height() >= panel.hint.heightForWidth(panel.hint.width())  # no clipped line
    assert panel.code.width() >= 160  # still scannable from a phone at arm's length
    window.go("home")
    assert not panel.isVisible() and not control.service.listening


def test_turned_off_there_is_no_button(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kiosk = make(tmp_path, enabled=False)
    try:
        kiosk.window.go("home")
        kiosk.window.go(f"tour:{TOUR}")
        assert not any(isinstance(s, RemoteControl) for s in kiosk.services)
        assert all(b.objectName() != "nav-remote" for b in kiosk.window.navbar.extra)
    finally:
        kiosk.shutdown()
        QApplication.processEvents()


def test_an_address_it_cannot_listen_on_is_said_on_the_panel(qtbot, tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    kiosk = make(tmp_path, bind="192.0.2.254")  # TEST-NET: not an address of this machine
    try:
        control = control_of(kiosk)
        kiosk.window.go("home")
        kiosk.window.go(f"tour:{TOUR}")
        QTest.mouseClick(control.button, Qt.MouseButton.LeftButton)
        panel = control.panel
        assert panel.isVisible() and not panel.code.isVisible() and not panel.takeover_button.isVisible()
        assert "cannot listen on 192.0.2.254" in panel.hint.text()
        assert not control.service.listening
        assert any("cannot listen" in r.getMessage() for r in caplog.records)  # and in the log
    finally:
        kiosk.shutdown()
        QApplication.processEvents()
