"""Citizen voice in the accessibility "reach" layout (controls low, for visitors in a wheelchair): the
answers of a case study's poll and of the lab-wide question come to rest in the lower half of the
screen, above the bar (which the reach layout moves to the bottom), and stay put when the shares appear.

The bundled pack (a poll on copenhagen-district-cooling, the ask on home), every screen shape, default
and largest text; a real SQLite ballot.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.content.reader import ContentReader
from kiosk.ui.accessibility import A11yState
from kiosk.ui.factory import build_screens
from kiosk.ui.voice_ask import attach_ask
from kiosk.ui.widgets.voice import VoicePanel
from kiosk.ui.window import KioskWindow
from kiosk.voice.ballot import Ballot
from kiosk.voice.booth import Booth
from tests.helpers.windows import close_window, open_window

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]


@pytest.fixture(params=[(s, t) for s in SIZES for t in (1.0, 1.5)],
                ids=lambda p: f"{p[0][0]}x{p[0][1]}-text{p[1]:g}")
def window(request, qtbot, bundled: ContentReader, tmp_path: Path) -> Iterator[KioskWindow]:  # type: ignore[no-untyped-def]
    size, scale = request.param
    win = open_window(qtbot, bundled, size=size, screens=False)
    booth = Booth(Ballot(tmp_path / "kiosk.db", min_interval=0), "main")
    for screen in build_screens(win.theme, None, voice=booth):
        win.register_screen(screen)
    attach_ask(win, booth)
    state = A11yState(text_scale=scale, reach=True)
    win.a11y.set_state(state)
    win.set_accessibility(state)
    yield win
    close_window(win)
    booth.ballot.close()


def rect_in(w: QWidget, top: QWidget) -> QRect:
    return QRect(w.mapTo(top, QPoint(0, 0)), w.size())


def answers(panel: VoicePanel) -> list[QWidget]:
    return [b for b in panel.buttons if not b.isHidden()]


def settle(panel: VoicePanel, top: QWidget) -> None:
    """Let the page's layouts finish (a word-wrapped column takes a few passes to find its height)."""
    last = None
    for _ in range(20):
        QApplication.processEvents()
        now = [rect_in(b, top) for b in answers(panel)]
        if now == last:
            return
        last = now
    raise AssertionError("the layout never settled")


def check_low(win: KioskWindow, panel: VoicePanel, viewport: QWidget) -> list[QRect]:
    """Every answer inside the scrolled view and above the bar at the bottom; returns where they are."""
    bar = rect_in(win.navbar, win)
    view = rect_in(viewport, win)
    assert bar.top() > win.height() / 2  # the reach layout: the bar is low
    places = [rect_in(b, win) for b in answers(panel)]
    for r in places:
        assert view.contains(r) and r.bottom() < bar.top(), (r, view, bar)
    return places


def test_a_case_poll_answers_come_to_rest_low(window: KioskWindow) -> None:
    win = window
    win.go("home")
    win.go("case:copenhagen-district-cooling")
    case = win.screens["case"]
    panel: VoicePanel = case.voice_panel  # type: ignore[attr-defined]
    assert panel.isVisible() and panel.theme is not None and panel.theme.reach
    settle(panel, win)
    case.scroll_area.ensureWidgetVisible(panel.answers)  # type: ignore[attr-defined]  # the visitor scrolls to it
    settle(panel, win)
    places = check_low(win, panel, case.scroll_area.viewport())  # type: ignore[attr-defined]
    for r in places:
        assert r.top() > win.height() / 2, f"answer at y={r.top()} is in the upper half"
    panel.buttons[0].click()
    settle(panel, win)
    assert panel.results.isVisible()
    assert [rect_in(b, win) for b in answers(panel)] == places  # the shares open below: answers stay put


def test_the_home_question_is_revealed_with_its_answers_low(window: KioskWindow) -> None:
    win = window
    win.go("home")
    home = win.home
    panel = home.ask_panel
    assert panel is not None
    home.reveal_ask()
    settle(panel, win)
    as_low_as_can_be(win, check_low(win, panel, home.area.viewport()), home.area.viewport())
    panel.buttons[1].click()  # the shares open under the answers; revealed again (as after a vote on attract)
    settle(panel, win)
    home.reveal_ask()
    settle(panel, win)
    assert panel.results.isVisible()
    as_low_as_can_be(win, check_low(win, panel, home.area.viewport()), home.area.viewport())


def as_low_as_can_be(win: KioskWindow, places: list[QRect], viewport: QWidget) -> None:
    """The answers in the lower half; or, when there are more rows than it holds, at the view's bottom."""
    view = rect_in(viewport, win)
    block = places[0].united(places[-1])
    if block.height() <= view.bottom() - win.height() / 2:
        for r in places:
            assert r.top() > win.height() / 2, f"answer at y={r.top()} is in the upper half"
    else:
        assert view.bottom() - block.bottom() <= win.theme.px(2.4) + 2
