"""Case-study layout defects: the gallery comes before the sources, the "Take it home" QR opens large on
a tap, a wide pack logo keeps its height on home, Back and Previous read differently in every language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.app import KioskApp
from kiosk.ui.widgets.strings import tr
from tests.helpers.translations import available_languages

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kiosk(qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KioskApp]:
    from kiosk.app import build_app
    from kiosk.config import Config

    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path_factory.mktemp("case"))
    cfg.data.enabled = False
    app = build_app(cfg, pack_path=ROOT / "content", windowed=False, size="1920x1080", animate=False)
    app.window.show()
    yield app
    app.shutdown()


def test_gallery_comes_before_the_body_and_its_sources(kiosk: KioskApp) -> None:
    win = kiosk.window
    slug = max(win.reader.case_studies(), key=lambda cs: len(cs.main.gallery)).slug
    win.go(f"case:{slug}")
    case = win.screens["case"]
    gallery_y = case.gallery.mapTo(case.page, QPoint(0, 0)).y()
    body_y = case.body.mapTo(case.page, QPoint(0, 0)).y()
    assert case.gallery.isVisible() and gallery_y < body_y


def test_take_it_home_qr_opens_large_on_a_tap(qtbot, kiosk: KioskApp) -> None:
    win = kiosk.window
    slug = next(cs.slug for cs in win.reader.case_studies() if cs.main.link)
    win.go(f"case:{slug}")
    case = win.screens["case"]
    case.scroll_area.ensureWidgetVisible(case.qr)
    QTest.mouseClick(case.qr, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     case.qr.rect().center())
    assert case.qr_overlay.isVisible() and case.qr_overlay.code.text == case.qr.text
    case.qr_overlay.close_overlay()


def test_a_wide_logo_keeps_its_height(qtbot, tmp_path: Path) -> None:
    import shutil

    from kiosk.content.reader import load_pack_content
    from kiosk.ui.theme import Theme
    from kiosk.ui.window import KioskWindow

    pack = tmp_path / "scripts"
    shutil.copytree(ROOT / "tests" / "fixtures" / "packs" / "scripts", pack)
    (pack / "media" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">'
        '<rect width="400" height="100" fill="#0a5c7a"/></svg>', encoding="utf-8")
    theme = Theme(1920, 1080)
    win = KioskWindow(theme, load_pack_content(pack), animate=False, attract_animated=False)
    win.resize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    try:
        win.go("home")
        logo = win.home.logo
        from kiosk.ui.screens.home import logo_height

        tall = logo_height(theme)
        assert tall >= theme.touch and logo.height() == tall and logo.width() == 4 * tall  # whole wordmark
    finally:
        win.allow_close()
        win.close()
        win.deleteLater()


@pytest.mark.parametrize("lang", sorted(available_languages()))
def test_back_and_previous_read_differently(lang: str) -> None:
    assert tr("back", lang) != tr("previous", lang)
