"""The speed caches of the case-study path (issue #13): reused when nothing changed, fresh when it did.

A revisit must not re-encode the QR code, re-render the Markdown or re-lay out the body; a pack swap,
a language switch and a text-size change must show fresh content all the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QWidget

from kiosk.ui.screens.case_study import BODY_CACHE_SIZE, CaseStudyScreen, body_html
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.images import ImageCache
from kiosk.ui.widgets.qr import QR_CACHE_SIZE, QrView, qr_image
from kiosk.ui.window import KioskWindow
from tests.fixtures.hostile.pack import BODY, build_pack, photo


@pytest.fixture
def screen(qtbot, tmp_path: Path) -> Iterator[CaseStudyScreen]:  # type: ignore[no-untyped-def]
    s = CaseStudyScreen(Theme(1920, 1080))
    qtbot.addWidget(s)
    s.resize(1920, 1080)
    s.set_content(build_pack(tmp_path / "pack"), "en")
    s.show_route("cooling")
    s.show()
    qtbot.waitExposed(s)
    yield s
    s.reset()


def body_text(qtbot, screen: CaseStudyScreen) -> str:  # type: ignore[no-untyped-def]
    """The body as the visitor reads it: once the event loop has filled it in (after the first paint)."""
    qtbot.waitUntil(lambda: not screen.body.pending)
    return screen.body.document().toPlainText()


def test_a_link_is_encoded_once_and_the_cache_is_bounded(qtbot) -> None:  # type: ignore[no-untyped-def]
    qr_image.cache_clear()
    views = [QrView(), QrView()]
    for view in views:
        qtbot.addWidget(view)
        view.set_text("https://example.org/cooling")
    info = qr_image.cache_info()
    assert (info.misses, info.hits, info.maxsize) == (1, 1, QR_CACHE_SIZE)
    for i in range(QR_CACHE_SIZE + 8):
        views[0].set_text(f"https://example.org/{i}")
    assert qr_image.cache_info().currsize == QR_CACHE_SIZE


def test_revisit_reuses_the_rendered_body_and_leaves_the_document_alone(
    qtbot, screen: CaseStudyScreen  # type: ignore[no-untyped-def]
) -> None:
    body_html.cache_clear()
    screen.show_route("district-heat")
    screen.show_route("cooling")
    misses = body_html.cache_info().misses
    screen.show_route("district-heat")
    screen.show_route("cooling")
    assert body_html.cache_info().misses == misses  # Markdown + sanitiser ran once per body
    assert body_html.cache_info().maxsize == BODY_CACHE_SIZE
    assert "district cooling plant" in body_text(qtbot, screen)
    screen.show_route("cooling")  # the same body again: not cleared, not laid out again
    assert not screen.body.pending
    # A new case-study colour alone does not lay the text out again (no images in this body).
    screen.body.set_body("<p>Plain words only.</p>")
    revision = screen.body.document().revision()
    screen.body.apply(screen.theme, "#aa3300", "#ffeedd")
    assert screen.body.document().revision() == revision
    screen.body.apply(screen.theme, "#aa3300", "#ffeedd")
    assert screen.body.document().revision() == revision


def test_pack_swap_shows_the_new_body_under_the_same_slug(
    qtbot, screen: CaseStudyScreen, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    screen.show_route("cooling")
    assert "district cooling plant" in body_text(qtbot, screen)
    fresh = build_pack(tmp_path / "v2", body=BODY.replace("district cooling plant", "harbour cooling loop"))
    screen.set_content(fresh, "en")
    assert screen.slug == "cooling"
    assert "harbour cooling loop" in body_text(qtbot, screen)
    assert "district cooling plant" not in body_text(qtbot, screen)


def test_text_size_change_lays_the_body_out_at_the_new_size(
    qtbot, screen: CaseStudyScreen  # type: ignore[no-untyped-def]
) -> None:
    body_text(qtbot, screen)
    before = screen.body.font().pixelSize()
    height = screen.body.height()
    screen.set_theme(replace(screen.theme, text_scale=1.5))
    assert screen.body.font().pixelSize() > before
    assert "font-size" in screen.body.document().defaultStyleSheet()
    assert screen.body.height() > height  # the same words at a bigger size: a taller body
    assert "district cooling plant" in body_text(qtbot, screen)


def test_the_body_follows_the_first_paint_and_never_shows_the_last_one(
    qtbot, screen: CaseStudyScreen  # type: ignore[no-untyped-def]
) -> None:
    """The body lies below the fold: the tap's first frame does not wait for its layout (issue #13)."""
    assert "district cooling plant" in body_text(qtbot, screen)
    screen.show_route("district-heat")  # a case study without a body
    assert body_text_now(screen) == ""  # the last body is gone at once, not a frame later
    assert body_text(qtbot, screen) == ""
    paints = PaintLog(screen.scroll_area.viewport(), lambda: screen.body.pending)
    screen.show_route("cooling")
    assert screen.body.pending
    qtbot.waitUntil(lambda: not screen.body.pending)
    assert paints.seen and paints.seen[0], "the body was laid out before the page's first paint"
    assert "district cooling plant" in body_text_now(screen)


class PaintLog(QObject):
    """Records ``state()`` at every paint of ``widget``."""

    def __init__(self, widget: QWidget, state: Callable[[], bool]) -> None:
        super().__init__(widget)
        self.seen: list[bool] = []
        self.state = state
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen.append(self.state())
        return False


def body_text_now(screen: CaseStudyScreen) -> str:
    return screen.body.document().toPlainText()


def test_language_switch_shows_the_other_languages_body(qtbot, window: KioskWindow) -> None:  # type: ignore[no-untyped-def]
    slug = "copenhagen-district-cooling"
    window.go(f"case:{slug}")
    case = window.screens["case"]
    assert isinstance(case, CaseStudyScreen)
    english = body_text(qtbot, case)
    window.set_language("da")
    danish = body_text(qtbot, case)
    assert danish and danish != english
    expected = window.reader.case_study(slug)
    assert expected is not None and case.title.text() == expected.doc("da").title
    window.set_language("en")
    assert body_text(qtbot, case) == english


def test_rounded_copy_replaces_the_plain_one_and_has_clear_corners(tmp_path: Path) -> None:
    path = tmp_path / "p.jpg"
    photo(path, (800, 500), "#336699", "#113355")
    cache = ImageCache()
    target = QSize(400, 250)
    pixmap = cache.pixmap(path, target, crop=True, radius=20)
    assert pixmap is not None and pixmap.size() == target
    assert len(cache) == 1  # only the copy that is drawn is kept
    image = pixmap.toImage()
    assert image.pixelColor(0, 0).alpha() == 0 and image.pixelColor(399, 249).alpha() == 0
    assert image.pixelColor(200, 125).alpha() == 255
    assert cache.pixmap(path, target, crop=True, radius=20) is pixmap  # a hit, not a new copy
    assert cache.pixmap(path, target, crop=True) is not pixmap and len(cache) == 2


def test_hero_paints_the_photo_with_its_corners_cut(screen: CaseStudyScreen) -> None:
    screen.hero.set_style("#336699", "#ddeeff", 24)
    shot = screen.hero.grab().toImage()
    inside = shot.pixelColor(30, 30)  # the photo's top ("#9cc7d8" fading down), just inside the corner
    corner = shot.pixelColor(1, 1)
    assert abs(inside.blue() - 0xD8) < 24 and abs(inside.red() - 0x9C) < 24
    assert (corner.red(), corner.green(), corner.blue()) != (inside.red(), inside.green(), inside.blue())
