"""The case-study screen, standalone, over a small real pack on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl
from PySide6.QtWidgets import QBoxLayout

from kiosk.ui.screens.case_study import CaseStudyScreen
from kiosk.ui.theme import Theme, palette_for
from tests.fixtures.hostile.pack import RecordingContent, build_pack


@pytest.fixture
def reader(tmp_path: Path) -> RecordingContent:
    return build_pack(tmp_path / "pack")


@pytest.fixture
def screen(qtbot, reader: RecordingContent) -> Iterator[CaseStudyScreen]:  # type: ignore[no-untyped-def]
    s = CaseStudyScreen(Theme(1920, 1080))
    qtbot.addWidget(s)
    s.resize(1920, 1080)
    s.set_content(reader, "en")
    s.show_route("cooling")
    s.show()
    qtbot.waitExposed(s)
    yield s
    s.reset()


def test_lead_shows_title_key_figures_and_facts(screen: CaseStudyScreen) -> None:
    assert screen.title.text() == "Cooling the city with waste water"
    shown = [v for v in screen.figures.views if v.isVisibleTo(screen)]
    assert [(v.value.text(), v.unit.text()) for v in shown] == [
        ("4,218", "m³/h"),
        ("−67", "%"),
        ("12", "GWh"),
    ]
    assert shown[0].label.text() == "cooling capacity"
    assert "2021" in screen.facts.text()
    pills = [p.accessibleName() for p in screen.partner_line.pills if p.isVisibleTo(screen)]
    assert "HOFOR" in pills
    assert screen.theme_label.text() == "Energy"
    assert screen.hero.current_pixmap() is not None


def test_qr_panel_encodes_the_link(screen: CaseStudyScreen) -> None:
    assert screen.qr_panel.isVisibleTo(screen)
    assert screen.qr.text == "https://example.org/cooling"
    image = screen.qr.grab().toImage()
    colours = {
        image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }
    assert {"#000000", "#ffffff"} <= colours


def test_related_tile_emits_case_route(screen: CaseStudyScreen, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert screen.related.slugs and "cooling" not in screen.related.slugs
    tile = screen.related.tiles[0]
    with qtbot.waitSignal(screen.navigate) as blocker:
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert blocker.args == [f"case:{screen.related.slugs[0]}"]
    assert not screen.related.tiles[2].isVisibleTo(screen)  # only two other case studies


def test_dataset_chip_emits_data_route(screen: CaseStudyScreen, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert "Harbour water" in screen.chips.chips[1].text()
    with qtbot.waitSignal(screen.navigate) as blocker:
        qtbot.mouseClick(screen.chips.chips[1], Qt.MouseButton.LeftButton)
    assert blocker.args == ["data:harbour-temp"]


def test_body_links_navigate_or_show_qr(screen: CaseStudyScreen, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(screen.navigate) as blocker:
        screen.body.anchorClicked.emit(QUrl("case:district-heat"))
    assert blocker.args == ["case:district-heat"]
    screen.body.anchorClicked.emit(QUrl("qr:https://example.org/cooling/report"))
    assert screen.qr_overlay.isVisible()
    assert screen.qr_overlay.code.text == "https://example.org/cooling/report"
    with qtbot.waitSignal(screen.qr_overlay.closed):
        qtbot.mouseClick(screen.qr_overlay.close_button, Qt.MouseButton.LeftButton)
    assert not screen.qr_overlay.isVisible()


def test_body_is_rendered_with_pack_image(screen: CaseStudyScreen, reader: RecordingContent) -> None:
    assert "How it works" in screen.body.toPlainText()
    assert "pack:case-studies/cooling/photos/exchangers.jpg" in screen.body.requested
    assert "case-studies/cooling/photos/exchangers.jpg" in reader.asked
    assert screen.body.height() > 300  # grows to its document, the page scrolls


def test_reset_scrolls_to_top_and_closes_overlays(screen: CaseStudyScreen, qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = screen.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    screen.gallery.opened.emit(0)
    screen.show_qr("https://example.org")
    assert screen.zoom.isVisible() or screen.qr_overlay.isVisible()
    screen.reset()
    assert bar.value() == 0
    assert not screen.zoom.isVisible() and not screen.qr_overlay.isVisible()
    assert screen.video.state == "idle"


@pytest.mark.expect_log("kiosk.ui.video")
def test_missing_video_file_shows_calm_placeholder(screen: CaseStudyScreen, tmp_path: Path) -> None:
    screen.video.set_source(tmp_path / "gone.mp4")
    screen.video.play()
    assert screen.video.state == "unavailable"
    assert screen.video.message.text()
    screen.reset()


@pytest.mark.expect_log("kiosk.ui.case_study")
def test_unknown_slug_shows_a_calm_message(screen: CaseStudyScreen) -> None:
    screen.show_route("no-such-case")
    assert screen.title.text() == "This story is not available"
    assert not screen.qr_panel.isVisibleTo(screen)
    assert not screen.related.isVisibleTo(screen)
    screen.show_route("cooling")
    assert screen.qr_panel.isVisibleTo(screen)


def test_portrait_stacks_the_blocks(screen: CaseStudyScreen, qtbot) -> None:  # type: ignore[no-untyped-def]
    theme = Theme(1080, 1920, palette=palette_for("dark", "#0b6e4f"))
    screen.resize(1080, 1920)
    screen.set_theme(theme)
    assert screen.lead.direction() == QBoxLayout.Direction.TopToBottom
    assert screen.detail.direction() == QBoxLayout.Direction.TopToBottom
    assert screen.hero.width() == 1080 - 2 * theme.margin
    qtbot.waitUntil(lambda: screen.lead_text.geometry().top() > screen.hero.geometry().bottom())


def test_gallery_tap_opens_zoom_and_swipe_turns(screen: CaseStudyScreen, qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = screen.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    tile = screen.gallery.tiles[1]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    zoom = screen.zoom
    assert zoom.isVisible() and zoom.index == 1
    assert zoom.close_button.width() >= screen.theme.touch
    qtbot.mouseClick(zoom.zoom_in_button, Qt.MouseButton.LeftButton)
    assert zoom.zoom > 1.0
    qtbot.mouseClick(zoom.zoom_out_button, Qt.MouseButton.LeftButton)
    assert zoom.zoom == 1.0
    with qtbot.waitSignal(zoom.index_changed) as blocker:
        qtbot.mousePress(zoom, Qt.MouseButton.LeftButton, pos=QPoint(1400, 500))
        qtbot.mouseMove(zoom, QPoint(800, 500))
        qtbot.mouseRelease(zoom, Qt.MouseButton.LeftButton, pos=QPoint(800, 500))
    assert blocker.args == [2]
    zoom.grab()  # paints the missing fourth picture's neighbour without error
    zoom.turn(1)
    assert zoom.grab().toImage().pixelColor(960, 540).isValid()  # placeholder for the missing photo
    with qtbot.waitSignal(zoom.closed):
        qtbot.mouseClick(zoom.close_button, Qt.MouseButton.LeftButton)
    assert not zoom.isVisible()


def _rss_kb() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4


@pytest.mark.expect_log("kiosk.ui.case_study")  # the unknown slug in the walk
@pytest.mark.slow
def test_navigation_creates_nothing(screen: CaseStudyScreen, qtbot) -> None:  # type: ignore[no-untyped-def]
    slugs = ["cooling", "district-heat", "bike-lanes", "no-such-case"]
    for slug in slugs * 3:  # warm up every pool and cache
        screen.show_route(slug)
    qtbot.wait(1)
    children = len(screen.findChildren(QObject))
    rss = _rss_kb()
    for i in range(500):
        screen.show_route(slugs[i % len(slugs)])
        if i % 50 == 0:
            screen.grab()
    qtbot.wait(1)
    assert len(screen.findChildren(QObject)) == children
    # Measured ~3 KB per navigation still retained inside Qt (see report); a widget leak is far larger.
    assert _rss_kb() - rss < 10_000
