"""``kiosk run`` builds the screens behind attract after the first attract frame (a faster cold start)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp, build_app
from kiosk.config import Config
from tests.helpers.packs import fresh_csv, local_sources
from tests.helpers.servers import FaultServer


def lazy_app(tmp_path: Path, pack: Path) -> KioskApp:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "kiosk")
    return build_app(cfg, pack_path=pack, windowed=True, size="1280x800", animate=False, lazy_screens=True)


def test_screens_and_services_come_after_the_first_attract_frame(
    qtbot: QtBot, tmp_path: Path, bundled_pack: Path
) -> None:
    served = tmp_path / "www"
    served.mkdir()
    fresh_csv(served / "live.csv")
    with FaultServer(served) as srv:  # the data services fetch from here, not from the internet
        kiosk = lazy_app(tmp_path, local_sources(bundled_pack, tmp_path / "pack", f"{srv.url}/live.csv"))
        try:
            win = kiosk.window
            assert "case" not in win.screens and "tour" not in win.screens
            assert win.findChild(QWidget, "nav-remote") is None  # the phone remote comes after, too
            services_before = len(kiosk.services)
            kiosk.start()
            with qtbot.waitSignal(win.screens_ready, timeout=10_000):
                win.show()  # the first attract paint schedules the rest
            assert {"case", "data", "tour"} <= set(win.screens)
            assert win.findChild(QWidget, "nav-remote") is not None
            assert len(kiosk.services) > services_before  # data scheduler and admin attached, and started
            win.go("case:copenhagen-district-cooling")
            assert str(win.current_route) == "case:copenhagen-district-cooling"
        finally:
            kiosk.shutdown()


def test_a_navigation_before_the_first_frame_builds_the_screens_at_once(
    tmp_path: Path, bundled_pack: Path
) -> None:
    kiosk = lazy_app(tmp_path, bundled_pack)
    try:
        kiosk.window.go("home")
        kiosk.window.go("case:samso-energy-island")
        assert str(kiosk.window.current_route) == "case:samso-energy-island"
    finally:
        kiosk.shutdown()
