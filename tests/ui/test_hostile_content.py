"""Hostile case-study content renders as calm placeholders; nothing outside the pack is read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument

from kiosk.content.markdown import PLACEHOLDER_SRC
from kiosk.ui.screens.case_study import CaseStudyScreen
from kiosk.ui.theme import Theme
from tests.fixtures.hostile.pack import RecordingContent, build_hostile_pack

IMAGE = QTextDocument.ResourceType.ImageResource.value
# The hostile pack's bomb PNG is refused, with a WARNING, by every test that shows its page.
pytestmark = pytest.mark.expect_log("kiosk.ui.images")


@pytest.fixture
def pack_root(tmp_path: Path) -> Path:
    return tmp_path / "pack"


@pytest.fixture
def reader(pack_root: Path) -> RecordingContent:
    return build_hostile_pack(pack_root)


@pytest.fixture
def screen(qtbot, reader: RecordingContent) -> Iterator[CaseStudyScreen]:  # type: ignore[no-untyped-def]
    s = CaseStudyScreen(Theme(1920, 1080))
    qtbot.addWidget(s)
    s.resize(1920, 1080)
    s.set_content(reader, "en")
    s.show_route("cooling")
    s.show()
    qtbot.waitExposed(s)
    s.grab()  # lay out and paint everything once
    yield s


def test_nothing_outside_the_pack_is_asked_for_or_read(
    screen: CaseStudyScreen, reader: RecordingContent, pack_root: Path
) -> None:
    assert reader.asked, "the screen asked for no media at all"
    for name in reader.asked:
        assert not name.startswith("/") and ".." not in name.split("/"), name
        assert "etc/" not in name and ":" not in name, name
    for path in reader.served:
        assert path.resolve().is_relative_to(pack_root.resolve()), path


def test_document_asks_only_for_pack_and_placeholder_urls(screen: CaseStudyScreen) -> None:
    requested = screen.body.requested
    assert PLACEHOLDER_SRC in requested
    assert "pack:case-studies/cooling/bomb.png" in requested
    for url in requested:
        assert url.startswith(("pack:case-studies/cooling/", PLACEHOLDER_SRC)), url


def test_no_script_handlers_or_dangerous_urls_survive(screen: CaseStudyScreen) -> None:
    html = screen.body.toHtml()
    text = screen.body.toPlainText()
    for bad in ("javascript:", "file:", "/etc/passwd", "onerror", "<script", "http://example.org/track.png"):
        assert bad not in html, bad
    assert "alert(1)" not in text
    assert "javascript link" in text  # the link text stays, as plain text
    assert 'href="qr:https://example.org/lab"' in html
    assert 'href="case:other"' in html


def test_bomb_png_gets_the_placeholder(screen: CaseStudyScreen) -> None:
    result = screen.body.loadResource(IMAGE, QUrl("pack:case-studies/cooling/bomb.png"))
    placeholder = screen.body.loadResource(IMAGE, QUrl(PLACEHOLDER_SRC))
    assert isinstance(result, QImage) and isinstance(placeholder, QImage)
    assert result == placeholder


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "/etc/passwd.png",
        "https://example.org/x.png",
        "qrc:/icon.png",
        "pack:../../x.png",
    ],
)
def test_load_resource_never_reads_other_urls(
    screen: CaseStudyScreen, reader: RecordingContent, url: str
) -> None:
    before = list(reader.asked)
    result = screen.body.loadResource(IMAGE, QUrl(url))
    assert isinstance(result, QImage) and not result.isNull()
    assert all(".." not in a and not a.startswith("/") for a in reader.asked[len(before) :])
    assert screen.body.loadResource(QTextDocument.ResourceType.StyleSheetResource.value, QUrl(url)) is None


def test_dropped_links_do_nothing(screen: CaseStudyScreen, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.assertNotEmitted(screen.navigate), qtbot.assertNotEmitted(screen.body.qr_requested):
        for url in ("javascript:alert(1)", "file:///etc/passwd", "https://example.org", "mailto:x@y"):
            screen.body.anchorClicked.emit(QUrl(url))
    assert not screen.qr_overlay.isVisible()


def test_hostile_gallery_and_hero_files_show_placeholders(
    screen: CaseStudyScreen, reader: RecordingContent, pack_root: Path
) -> None:
    bomb = pack_root / "case-studies/cooling/bomb.png"
    broken = pack_root / "case-studies/cooling/broken.png"
    screen.hero.set_source(bomb)
    assert screen.hero.current_pixmap() is None
    assert isinstance(screen.hero.grab(), QPixmap)
    screen.hero.set_source(broken)
    assert screen.hero.current_pixmap() is None
    assert screen.cache.pixmap(bomb, QSize(800, 600)) is None


def test_kiosk_stays_up_after_hostile_page(screen: CaseStudyScreen) -> None:
    for slug in ("district-heat", "cooling", "bike-lanes", "cooling"):
        screen.show_route(slug)
        screen.grab()
    assert screen.isVisible()
    assert screen.title.text() == "Cooling the city with waste water"
