"""The shell by simulated taps: attract -> home -> case -> back/home, <= 3 taps to every case study."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from kiosk.content.reader import ContentReader
from kiosk.ui.window import KioskWindow
from tests.helpers.shell_pack import STUDIES, make_reader
from tests.helpers.shell_window import StandInCaseScreen, make_window, tap
from tests.helpers.windows import close_window


@pytest.fixture
def reader(tmp_path: Path) -> ContentReader:
    return make_reader(tmp_path / "pack")


@pytest.fixture
def window(qtbot, reader: ContentReader) -> Iterator[KioskWindow]:
    win = make_window(qtbot, reader)
    yield win
    close_window(win)


def test_starts_on_attract_and_a_touch_goes_home(window: KioskWindow) -> None:
    assert str(window.current_route) == "attract"
    assert window.outer.currentWidget() is window.attract
    tap(window.attract)
    assert str(window.current_route) == "home"
    assert window.outer.currentWidget() is window.page
    assert window.navbar.isVisible()


def test_tile_back_and_home(window: KioskWindow) -> None:
    tap(window.attract)
    tile = window.home.tile("cooling")
    assert tile is not None
    tap(tile)
    assert str(window.current_route) == "case:cooling"
    case = window.screens["case"]
    assert isinstance(case, StandInCaseScreen) and case.shown[-1] == "cooling"
    assert window.inner.currentWidget() is case
    tap(window.navbar.back)
    assert str(window.current_route) == "home"
    tap(window.home.tile("rain-beds"))
    tap(window.navbar.home)
    assert window.stack.routes() == ["attract", "home"]
    tap(window.navbar.back)
    assert str(window.current_route) == "attract"


@pytest.mark.parametrize("slug", [s[0] for s in STUDIES])
def test_every_case_study_within_three_taps(window: KioskWindow, slug: str) -> None:
    theme_id = next(s[1] for s in STUDIES if s[0] == slug)
    taps = 0
    tap(window.attract)
    taps += 1
    chip = next(c for c in window.home.chips if c.objectName() == f"chip-{theme_id}")
    tap(chip)
    taps += 1
    assert str(window.current_route) == f"home:{theme_id}"
    tile = window.home.tile(slug)
    assert tile is not None and tile.isVisible()
    viewport = window.home.area.viewport()
    top_left = tile.mapTo(viewport, QPoint(0, 0))
    assert viewport.rect().contains(top_left + tile.rect().center()), (
        "tile must be on screen without scrolling"
    )
    tap(tile)
    taps += 1
    assert str(window.current_route) == f"case:{slug}"
    assert taps <= 3


def test_filter_chip_shows_only_that_theme(window: KioskWindow) -> None:
    window.go("home:water")
    shown = [t.data.slug for t in window.home.grid.tiles[: window.home.grid.visible_count] if t.data]
    assert sorted(shown) == ["rain-beds", "smart-meters"]
    tap(next(c for c in window.home.chips if c.objectName() == "chip-all"))
    assert window.home.grid.visible_count == len(STUDIES)


@pytest.mark.expect_log("kiosk.ui.window")
def test_tours_entry_emits_route_only_when_the_pack_has_tours(
    qtbot, window: KioskWindow, tmp_path: Path
) -> None:
    window.go("home")
    assert window.home.tours_button.isVisible()
    with qtbot.waitSignal(window.home.navigate) as blocker:
        tap(window.home.tours_button)
    assert blocker.args == ["tour:harbour"]
    assert str(window.current_route) == "home", "no tour screen yet: the window stays put"
    window.content_changed(make_reader(tmp_path / "no-tours", tours=False))
    window.go("attract")
    window.go("home")
    assert not window.home.tours_button.isVisible()


@pytest.mark.expect_log("kiosk.ui.window")
def test_unknown_case_is_ignored(window: KioskWindow) -> None:
    window.go("home")
    window.go("case:does-not-exist")
    assert str(window.current_route) == "home"


def test_language_switcher_names_each_language_in_itself(window: KioskWindow) -> None:
    window.go("home")
    names = [window.navbar.languages.button(c).text() for c in ("en", "da", "de")]
    assert names == ["English", "Dansk", "Deutsch"]
    tap(window.navbar.languages.button("da"))
    assert window.lang == "da"
    assert window.home.title.text() == "Havnens Living Lab"
    assert window.navbar.back.text().endswith("Tilbage")
    assert not window.attract.isVisible()


def test_status_badge_slot(window: KioskWindow) -> None:
    window.go("home")
    window.set_status_badge("offline since 10:42 — showing saved content")
    assert window.navbar.badge.isVisible()
    window.set_status_badge(None)
    assert not window.navbar.badge.isVisible()


def test_new_content_waits_for_the_next_attract_loop(window: KioskWindow, tmp_path: Path) -> None:
    window.go("home")
    window.go("case:cooling")
    newer = make_reader(tmp_path / "newer", tours=False)
    window.content_changed(newer)
    assert window.reader is not newer, "never swap content under a visitor"
    window.go("attract")
    assert window.reader is newer


def test_push_animation_runs_and_ends(qtbot, reader: ContentReader) -> None:
    win = make_window(qtbot, reader, animate=True)
    try:
        win.go("home")
        qtbot.waitUntil(lambda: not win.overlay.running, timeout=10_000)
        win.go("case:cooling")
        assert win.overlay.running or win.last_transition_ms > 0
        qtbot.waitUntil(lambda: not win.overlay.running, timeout=10_000)
        assert not win.overlay.isVisible()
        assert str(win.current_route) == "case:cooling"
    finally:
        close_window(win)
