"""The attract screen's live figure: a calm line in the top corner, readable on any image."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace

from kiosk.ui.colors import contrast_ratio
from kiosk.ui.screens.attract import AttractScreen, Slide
from kiosk.ui.services import DataScheduler
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.attract_paint import LIVE_DOT
from tests.helpers.shell_pack import make_reader

TEXT = "94 g/kWh · DK1 · updated 3 min ago"


def screen_for(qtbot, tmp_path: Path, lang: str = "en") -> AttractScreen:  # type: ignore[no-untyped-def]
    screen = AttractScreen(Theme(1920, 1080), animated=False)
    qtbot.addWidget(screen)
    screen.set_content(make_reader(tmp_path / "p"), lang)
    screen.resize(1920, 1080)
    return screen


def test_shown_in_the_top_corner_and_hidden_when_none(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = screen_for(qtbot, tmp_path)
    before = screen.grab().toImage()
    screen.set_live_figure(TEXT)
    rect = screen.live_rect()
    assert rect.right() <= screen.width() - screen.theme.margin + 1 and rect.top() < screen.height() * 0.1
    assert screen.theme.font_px("caption") <= rect.height() <= screen.theme.px(6)  # a line, not a headline
    shown = screen.grab().toImage()
    assert shown != before
    screen.set_live_figure(None)
    assert screen.live_rect().isEmpty() and screen.grab().toImage() == before
    screen.set_live_figure("")
    assert screen.grab().toImage() == before


def test_readable_over_a_white_image(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = screen_for(qtbot, tmp_path)
    screen.slides = [Slide("white", "", "", "#ffffff", "", "", "", None)]
    screen.set_live_figure(TEXT)
    image = screen.grab().toImage()
    r = screen.live_rect().toRect()
    pixels = Counter(
        image.pixelColor(x, y).name()
        for x in range(r.left() + r.height(), r.right() - r.height())
        for y in range(r.top() + 2, r.bottom() - 2)
    )
    scrim = pixels.most_common(1)[0][0]
    assert contrast_ratio("#ffffff", scrim) >= 4.5
    assert contrast_ratio(LIVE_DOT, scrim) >= 4.5
    assert any(contrast_ratio(c, scrim) > 8 for c in pixels)  # white text was painted on it


def test_new_content_keeps_the_figure(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = screen_for(qtbot, tmp_path, "da")
    screen.set_live_figure(TEXT)
    screen.set_content(make_reader(tmp_path / "q"), "en")
    assert screen.live_text == TEXT and screen.live_rect().width() > 0


def test_the_data_scheduler_feeds_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = screen_for(qtbot, tmp_path)
    home = SimpleNamespace(text=None)
    home.set_live_figure = lambda text, parts=None: setattr(home, "text", text)
    scheduler = SimpleNamespace(window=SimpleNamespace(home=home, attract=screen))
    DataScheduler._show_figure(scheduler, TEXT)  # type: ignore[arg-type]
    assert screen.live_text == TEXT and home.text == TEXT


def test_sample_data_has_no_live_marker(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = screen_for(qtbot, tmp_path)
    screen.set_live_figure(TEXT)
    live_width = screen.live_rect().width()
    screen.set_live_figure(TEXT, live=False)  # recorded sample data: the text says so, no LIVE marker
    assert not screen.live_is_live and 0 < screen.live_rect().width() < live_width


def test_a_data_figure_is_big_and_a_tap_on_it_opens_its_data_screen(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QPoint, Qt

    from kiosk.ui.widgets.livefigure import FigureParts

    screen = screen_for(qtbot, tmp_path)
    parts = FigureParts("94", "g/kWh", "CO₂ intensity, DK1 · updated 3 min ago", "dk1-co2", False, True)
    screen.set_live_figure(TEXT, parts=parts)
    rect = screen.live_rect()
    assert rect.height() >= screen.theme.font_px("display") + screen.theme.font_px("caption")
    assert rect.right() <= screen.width() - screen.theme.margin + 1
    with qtbot.waitSignal(screen.navigate) as blocker:
        qtbot.mouseClick(screen, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == ["data:dk1-co2"]
    with qtbot.waitSignal(screen.navigate) as blocker:
        qtbot.mouseClick(screen, Qt.MouseButton.LeftButton, pos=QPoint(40, screen.height() - 40))
    assert blocker.args == ["home"]
