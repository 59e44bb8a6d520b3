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
    assert len(screen._cache) <= 2 * len(screen.slides) + 1  # hero and text per slide, one scrim layer
    screen.hide()
    assert not screen._frame.isActive()


def lightness(image, mask: list[tuple[int, int]]) -> float:  # type: ignore[no-untyped-def]
    return sum(image.pixelColor(x, y).lightness() for x, y in mask) / max(1, len(mask))


def test_the_cross_fade_never_shows_two_titles(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Frames sampled through the cross-fade (the animation's currentTime set, no sleeps): the outgoing
    title is gone before the incoming one shows; the heroes blend throughout."""
    from kiosk.ui.screens.attract import Slide
    from kiosk.ui.theme import CROSSFADE_MS

    size = (640, 400)
    screen = AttractScreen(Theme(*size), animated=True)
    qtbot.addWidget(screen)
    screen.resize(*size)
    one = Slide("a", "Harbour baths", "Water", "#1f5f8b", "", "", "", None)
    two = Slide("b", "Seawater cooling", "Water", "#1f5f8b", "", "", "", None)
    screen.slides = [one, two]

    def frame(ms: int):  # type: ignore[no-untyped-def]
        screen._fader.setCurrentTime(ms)
        return screen.grab().toImage()

    screen.advance()
    screen._fader.pause()  # frames come from setCurrentTime only
    first, last = frame(0), frame(CROSSFADE_MS - 1)
    w, h = size
    bright = [(x, y) for y in range(0, h, 2) for x in range(0, w, 2)]
    in_first = {p for p in bright if first.pixelColor(*p).lightness() > 200}
    in_last = {p for p in bright if last.pixelColor(*p).lightness() > 200}
    only_first, only_last = sorted(in_first - in_last), sorted(in_last - in_first)
    assert len(only_first) > 50 and len(only_last) > 50  # each title has glyphs the other lacks
    shown = []
    for ms in range(0, CROSSFADE_MS, 40):
        image = frame(ms)
        old = lightness(image, only_first) - lightness(last, only_first) > 15
        new = lightness(image, only_last) - lightness(first, only_last) > 15
        assert not (old and new), f"both titles show at {ms} ms of {CROSSFADE_MS}"
        shown.append((old, new))
    assert shown[0] == (True, False) and shown[-1] == (False, True)
    screen._fader.stop()
