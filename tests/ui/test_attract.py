"""The attract loop: featured slides in order, cross-fade, a touch goes home, bounded caches."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.theme import Theme
from tests.helpers.shell_pack import make_reader


def test_slides_follow_the_featured_order(qtbot, tmp_path: Path) -> None:
    screen = AttractScreen(Theme(1280, 800), animated=False)
    qtbot.addWidget(screen)
    screen.set_content(make_reader(tmp_path / "p"), "da")
    assert [s.slug for s in screen.slides] == ["cooling", "rain-beds", "bike-lanes"]
    assert screen.slides[0].theme_title == "Energi"
    assert screen.slides[0].figure_value == "4,218"
    assert screen.slides[0].hero is not None
    screen.advance()
    assert screen.index == 1


def test_touch_goes_home(qtbot, tmp_path: Path) -> None:
    screen = AttractScreen(Theme(1280, 800), animated=False)
    qtbot.addWidget(screen)
    screen.set_content(make_reader(tmp_path / "p"), "en")
    screen.resize(1280, 800)
    with qtbot.waitSignal(screen.navigate) as blocker:
        QTest.mouseClick(screen, Qt.MouseButton.LeftButton)
    assert blocker.args == ["home"]


def test_crossfade_runs_and_caches_stay_bounded(qtbot, tmp_path: Path) -> None:
    screen = AttractScreen(Theme(640, 400), animated=True)
    qtbot.addWidget(screen)
    screen.set_content(make_reader(tmp_path / "p"), "en")
    screen.resize(640, 400)
    screen.show()
    qtbot.waitExposed(screen)
    for _ in range(7):
        screen.advance()
        qtbot.waitUntil(
            lambda: screen._fade == 0.0 and screen._fader.state() != screen._fader.State.Running,
            timeout=10_000,
        )
        screen.repaint()
    assert screen.index == 7 % 3
    assert len(screen._cache) <= 2 * len(screen.slides)
    screen.hide()
    assert not screen._frame.isActive()
