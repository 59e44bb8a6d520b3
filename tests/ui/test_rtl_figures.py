"""Direction from the text itself, with the scripts pack's Arabic: the Arabic attract slide is mirrored
(aligned right, its key figure's value rightmost), an English slide on the same screen is not; English
fallback key figures on an Arabic case study read "400 million DKK" (value left of unit), Arabic ones
stay mirrored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from kiosk.app import load_pack_content
from kiosk.ui.bidi import direction_of
from kiosk.ui.factory import build_screens
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.case_study import CaseStudyScreen
from kiosk.ui.theme import Theme, load_fonts
from kiosk.ui.window import KioskWindow

SCRIPTS = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "scripts"
SIZE = (1280, 800)


def ink_columns(image: QImage, top: int, bottom: int) -> tuple[int, int]:
    """Leftmost and rightmost x with any painted pixel in rows ``top``..``bottom``."""
    xs = [
        x for y in range(top, bottom, 2) for x in range(image.width()) if image.pixelColor(x, y).alpha() > 128
    ]
    return min(xs), max(xs)


def test_direction_comes_from_the_first_strong_character() -> None:
    rtl, ltr = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
    assert direction_of("million DKK", "saved a year") == ltr
    assert direction_of("%", "من أيام السباحة") == rtl  # "%" has no direction: the label decides
    assert direction_of("99", "%", default=rtl) == rtl


@pytest.mark.expect_log("kiosk.content")  # the fixture pack lacks a translation on purpose
def test_the_arabic_attract_slide_is_mirrored_and_an_english_one_is_not(qtbot, tmp_path: Path) -> None:
    load_fonts()
    pack = tmp_path / "scripts"
    shutil.copytree(SCRIPTS, pack)
    (pack / "case-studies" / "harbour-bath" / "index.ar.md").unlink()  # English fallback in Arabic
    screen = AttractScreen(Theme(*SIZE), animated=False)
    qtbot.addWidget(screen)
    screen.resize(*SIZE)
    screen.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the Arabic UI
    screen.set_content(load_pack_content(pack), "ar")
    by_slug = {s.slug: i for i, s in enumerate(screen.slides)}
    m, w = screen.theme.margin, SIZE[0]
    arabic = screen._foreground(by_slug["solar-market"]).toImage()
    english = screen._foreground(by_slug["harbour-bath"]).toImage()
    pill_top = round(screen._pill().top())
    left, right = ink_columns(arabic, SIZE[1] // 3, pill_top - 2)
    assert right >= w - m - 4 and left > m + 20, (left, right)  # flush with the right margin
    left, right = ink_columns(english, SIZE[1] // 3, pill_top - 2)
    assert left <= m + 4 and right < w - m - 20, (left, right)  # flush with the left margin


@pytest.mark.expect_log("kiosk.content")  # the fixture pack lacks a translation on purpose
def test_english_fallback_figures_read_left_to_right_on_an_arabic_screen(qtbot, tmp_path: Path) -> None:
    pack = tmp_path / "scripts"
    shutil.copytree(SCRIPTS, pack)
    (pack / "case-studies" / "harbour-bath" / "index.ar.md").unlink()
    reader = load_pack_content(pack)
    theme = Theme(*SIZE)
    win = KioskWindow(theme, reader, animate=False, attract_animated=False)
    for screen in build_screens(theme, None):
        win.register_screen(screen)
    win.resize(*SIZE)
    win.show()
    qtbot.waitExposed(win)
    try:
        case = win.screens["case"]
        assert isinstance(case, CaseStudyScreen)
        win.set_language("ar")
        assert win.layoutDirection() == Qt.LayoutDirection.RightToLeft

        def value_left_of_unit() -> bool:
            view = case.figures.views[0]
            value = view.value.mapTo(win, QPoint(0, 0)).x()
            unit = view.unit.mapTo(win, QPoint(0, 0)).x()
            return value < unit

        win.go("case:harbour-bath")  # English text: "4 baths"
        assert case.figures.views[0].unit.text() == "baths"
        qtbot.waitUntil(value_left_of_unit, timeout=2000)  # the layout settles on the next event loop pass
        win.go("case:solar-market")  # Arabic: "420 كيلوواط", the value rightmost
        assert case.figures.views[0].unit.text() == "كيلوواط"
        qtbot.waitUntil(lambda: not value_left_of_unit(), timeout=2000)
    finally:
        win.allow_close()
        win.close()
