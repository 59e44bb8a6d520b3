"""Tour mode on the bundled pack: chooser, stops, remote keys, idle suspension, the closing QR code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.ui.lockdown import Lockdown
from kiosk.ui.screens.tour import TourScreen
from kiosk.ui.window import KioskWindow
from tests.helpers.windows import open_window

TOUR = "energy-transition"
K = Qt.Key



def tour_screen(window: KioskWindow) -> TourScreen:
    screen = window.screens["tour"]
    assert isinstance(screen, TourScreen)
    return screen


def test_home_tours_button_opens_the_chooser_and_a_card_starts_the_tour(window: KioskWindow) -> None:
    window.go("home")
    QTest.mouseClick(window.home.tours_button, Qt.MouseButton.LeftButton)
    assert str(window.current_route) == "tour"
    screen = tour_screen(window)
    assert screen.pages.currentWidget() is screen.chooser_page
    assert not window.tour_active
    card = next(c for c in screen.cards if c.objectName() == f"tour-{TOUR}")
    QTest.mouseClick(card, Qt.MouseButton.LeftButton)
    assert str(window.current_route) == f"tour:{TOUR}"
    assert window.tour_active and screen.index == 0
    first = window.reader.tour(TOUR).stops[0]  # type: ignore[union-attr]
    assert screen.case.slug == first.case_study
    assert "Ask visitors who they think owns" in screen.notes.text.text()


def test_next_previous_dots_and_progress(window: KioskWindow) -> None:
    window.go("home")
    window.go(f"tour:{TOUR}")
    screen = tour_screen(window)
    stops = window.reader.tour(TOUR).stops  # type: ignore[union-attr]
    QTest.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    assert (str(window.current_route), screen.index) == (f"tour:{TOUR}:2", 1)
    assert screen.strip.label.text() == f"Stop 2 of {len(stops)}"
    assert screen.case.slug == stops[1].case_study
    QTest.mouseClick(screen.strip.dots[3], Qt.MouseButton.LeftButton)
    assert screen.index == 3 and screen.strip.dots[3].isChecked()
    QTest.mouseClick(screen.previous_button, Qt.MouseButton.LeftButton)
    assert screen.index == 2
    depth = window.stack.depth
    for _ in range(20):  # stepping back and forth never grows the route stack
        screen.next()
        screen.previous()
    assert window.stack.depth <= depth + 1


def test_remote_keys_step_through_stops_only_during_a_tour(qtbot, window: KioskWindow) -> None:  # type: ignore[no-untyped-def]
    lock = Lockdown(kiosk_mode=True, cursor_hide_ms=60_000, parent=window)
    lock.presenter = window
    QApplication.instance().installEventFilter(lock)  # type: ignore[union-attr]
    try:
        window.go("home")
        QTest.keyClick(window, K.Key_PageDown)
        QTest.keyClick(window, K.Key_Right)
        assert str(window.current_route) == "home" and lock.blocked_count == 2  # locked outside a tour
        window.go(f"tour:{TOUR}")
        screen = tour_screen(window)
        n = len(screen.tour.stops)  # type: ignore[union-attr]
        for key, expected in [(K.Key_PageDown, 1), (K.Key_Right, 2), (K.Key_Down, 3), (K.Key_PageUp, 2),
                              (K.Key_Left, 1), (K.Key_Up, 0), (K.Key_Up, 0)]:
            QTest.keyClick(window, key)
            assert screen.index == expected, key
        QTest.keyClick(window, K.Key_B)
        assert screen.blank.isVisible()
        QTest.keyClick(window, K.Key_PageDown)  # the first key after a blank only brings the picture back
        assert not screen.blank.isVisible() and screen.index == 0
        QTest.keyClick(window, K.Key_Escape)
        assert screen.blank.isVisible()
        QTest.keyClick(window, K.Key_F5)
        assert not screen.blank.isVisible()
        for _ in range(n + 2):
            QTest.keyClick(window, K.Key_PageDown)
        assert str(window.current_route) == f"tour:{TOUR}:end"
        assert screen.pages.currentWidget() is screen.end_scroll
        QTest.keyClick(window, K.Key_Q, Qt.KeyboardModifier.ControlModifier)  # still locked during a tour
        assert window.isVisible()
        QTest.mouseClick(screen.end_button, Qt.MouseButton.LeftButton)
        assert str(window.current_route) == "home" and not window.tour_active
        blocked = lock.blocked_count
        QTest.keyClick(window, K.Key_PageDown)
        assert lock.blocked_count == blocked + 1 and str(window.current_route) == "home"
    finally:
        QApplication.instance().removeEventFilter(lock)  # type: ignore[union-attr]
        lock.release()


def test_idle_reset_is_suspended_during_a_tour_with_a_safety_timeout(qtbot, bundled) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, bundled, idle_ms=60, warning_ms=0)
    try:
        win.idle.safety_ms = 4000  # far above the 250 ms checked below, even on a loaded CI machine
        win.go("home")
        win.go(f"tour:{TOUR}:2")
        assert win.idle.suspended
        with qtbot.assertNotEmitted(win.idle.expired, wait=250):
            pass  # well past the 60 ms idle time: the tour keeps running
        assert str(win.current_route) == f"tour:{TOUR}:2"
        win.go("case:samso-energy-island")  # a guide steps into a related case: still in the tour
        assert win.idle.suspended
        with qtbot.waitSignal(win.idle.expired, timeout=20_000):
            pass  # the safety timeout still ends a forgotten tour
        assert str(win.current_route) == "attract" and not win.tour_active and not win.idle.suspended
        assert tour_screen(win).tour is None
        win.go("home")
        with qtbot.waitSignal(win.idle.expired, timeout=10_000):
            pass  # the normal idle time is back
    finally:
        win.allow_close()
        win.close()
        win.deleteLater()


def test_end_tour_goes_home_and_keeps_the_guides_language(window: KioskWindow) -> None:
    window.go("home")
    window.set_language("da")
    window.go(f"tour:{TOUR}:3")
    screen = tour_screen(window)
    assert screen.next_button.text().startswith("Næste")
    assert "Vind svinger" in screen.notes.text.text()  # the stop's notes in the visitor's language
    screen.end_tour()
    assert str(window.current_route) == "home" and window.lang == "da"
    assert not window.tour_active and not window.idle.suspended  # the idle reset is back


def test_previous_is_disabled_and_looks_it_on_the_first_stop(window: KioskWindow) -> None:
    window.go(f"tour:{TOUR}:1")
    screen = tour_screen(window)
    assert not screen.previous_button.isEnabled()
    off = screen.previous_button.grab().toImage()
    screen.next()
    assert screen.previous_button.isEnabled()
    on = screen.previous_button.grab().toImage()
    assert off != on  # a control that does nothing does not look like one that does
    QTest.mouseClick(screen.previous_button, Qt.MouseButton.LeftButton)
    assert screen.index == 0


def test_visited_stops_are_marked(window: KioskWindow) -> None:
    window.go(f"tour:{TOUR}:1")
    screen = tour_screen(window)
    screen.next()
    screen.next()
    dots = screen.strip.dots
    assert [d.visited for d in dots[:4]] == [True, True, False, False] and dots[2].isChecked()
    screen._go_stop(len(screen.tour.stops))  # type: ignore[union-attr]
    assert screen.end_list.text().count("✓") == 3
    window.go("home")
    window.go(f"tour:{TOUR}:1")
    assert not any(d.visited for d in tour_screen(window).strip.dots)  # a new run starts unvisited


def test_end_page_has_one_next_step_and_a_qr_with_one_url(window: KioskWindow) -> None:
    window.go(f"tour:{TOUR}:end")
    screen = tour_screen(window)
    tour = window.reader.tour(TOUR)
    assert tour is not None and tour.link
    assert screen.end_qr.text == tour.link and screen.end_qr.isVisible()
    assert "\n" not in screen.end_qr.text and screen.end_qr.text.startswith("https://")
    assert screen.end_hint.text() == "Scan to read on at home"
    QTest.mouseClick(screen.end_home, Qt.MouseButton.LeftButton)
    assert str(window.current_route) == "home"


def test_notes_fold_away_and_give_the_case_the_room(window: KioskWindow) -> None:
    window.go("home")
    window.go(f"tour:{TOUR}")
    screen = tour_screen(window)
    narrow = screen.case.width()
    QTest.mouseClick(screen.notes_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert not screen.notes.isVisible() and screen.case.width() > narrow
    assert screen.case.theme.width > narrow - 10


def test_portrait_puts_notes_below(qtbot, bundled) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, bundled, size=(1080, 1920))
    try:
        win.go("home")
        win.go(f"tour:{TOUR}")
        screen = tour_screen(win)
        QApplication.processEvents()
        assert screen.notes.geometry().top() > screen.case.geometry().top() + screen.case.height() // 2
        assert screen.notes.width() > win.width() * 0.8
    finally:
        win.allow_close()
        win.close()
        win.deleteLater()


def test_end_page_text_fits_its_width_and_the_next_step_precedes_the_partners(window: KioskWindow) -> None:
    window.go(f"tour:{TOUR}:end")
    screen = tour_screen(window)
    QApplication.processEvents()
    title = screen.end_title
    lines = title.text().count("\n") + 1
    # The title reserves its own lines' height at the width it has (it once reserved 4x, measured
    # while the page was still 640 px wide and never refitted), and Explore sits above the partners.
    assert title.minimumHeight() <= lines * title.fontMetrics().lineSpacing() + title.fontMetrics().height()
    assert screen.end_home.geometry().bottom() < screen.end_partners.geometry().top()
