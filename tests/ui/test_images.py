"""Safe image loading: header checked before decoding, placeholders, bounded cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImageReader

from kiosk.ui.widgets.images import (
    ALLOCATION_LIMIT_MB,
    ImageCache,
    ImageView,
    load_image,
    placeholder,
    probe,
)
from tests.fixtures.hostile import huge_png

SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
<rect width="200" height="100" fill="#ff0000"/></svg>"""


def png(path: Path, size: tuple[int, int] = (400, 200), color: str = "#3366cc") -> Path:
    Image.new("RGB", size, color).save(path)
    return path


@pytest.mark.expect_log("kiosk.ui.images")
def test_huge_header_is_refused_without_decoding(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(huge_png())
    assert probe(bomb) == QSize(65535, 65535)
    assert load_image(bomb, QSize(200, 200)) is None
    assert ImageCache().pixmap(bomb, QSize(200, 200)) is None


@pytest.mark.expect_log("kiosk.ui.images")
def test_just_over_the_pixel_budget_is_refused(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    wide = tmp_path / "wide.png"
    wide.write_bytes(huge_png(8192, 5000))  # 41 MP, each side within 8192
    assert load_image(wide, QSize(100, 100)) is None
    side = tmp_path / "side.png"
    side.write_bytes(huge_png(8193, 10))
    assert load_image(side, QSize(100, 100)) is None


def test_allocation_limit_is_on(qapp) -> None:  # type: ignore[no-untyped-def]
    assert QImageReader.allocationLimit() == ALLOCATION_LIMIT_MB


@pytest.mark.qt_log_ignore("^JPEG datastream contains no image$")  # Qt's JPEG reader on the broken file
@pytest.mark.expect_log("kiosk.ui.images")
def test_broken_and_missing_files_give_none(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    assert load_image(broken, QSize(100, 100)) is None
    assert load_image(tmp_path / "nope.png", QSize(100, 100)) is None
    assert load_image(None, QSize(100, 100)) is None
    assert load_image(tmp_path, QSize(100, 100)) is None  # a directory


def test_raster_fit_and_cover(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    path = png(tmp_path / "a.png", (400, 200))
    fit = load_image(path, QSize(100, 100))
    assert fit is not None and fit.size() == QSize(100, 50)
    cover = load_image(path, QSize(100, 100), crop=True)
    assert cover is not None and cover.size() == QSize(100, 100)
    assert cover.pixelColor(50, 50) == QColor("#3366cc")


def test_svg_is_sniffed_from_bytes_and_rendered_at_target_size(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    blob = tmp_path / "ab" / "abcdef0123"  # content-addressed store file: no extension
    blob.parent.mkdir()
    blob.write_bytes(SVG)
    image = load_image(blob, QSize(400, 400))
    assert image is not None and image.size() == QSize(400, 200)
    assert image.pixelColor(200, 100) == QColor("#ff0000")


def test_cache_is_bounded_in_bytes(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    cache = ImageCache(max_bytes=100 * 100 * 4 * 3)
    paths = [png(tmp_path / f"{i}.png", (100, 100)) for i in range(6)]
    for p in paths:
        assert cache.pixmap(p, QSize(100, 100)) is not None
    assert cache.bytes_used <= cache.max_bytes
    assert len(cache) == 3
    # the most recent ones survive
    assert cache.pixmap(paths[-1], QSize(100, 100)) is not None and len(cache) == 3


def test_placeholder_is_tinted(qapp) -> None:  # type: ignore[no-untyped-def]
    image = placeholder(QSize(300, 200), "#0b6e4f", "#dbe9e4").toImage()
    assert image.pixelColor(5, 5) == QColor("#dbe9e4")
    centre = image.pixelColor(150, 112)
    assert centre != QColor("#dbe9e4")  # the quiet picture glyph


@pytest.mark.expect_log("kiosk.ui.images")
def test_image_view_paints_placeholder_for_bomb(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(huge_png())
    view = ImageView(ImageCache())
    qtbot.addWidget(view)
    view.set_style("#0b6e4f", "#dbe9e4", 0)
    view.resize(300, 200)
    view.set_source(bomb)
    assert view.current_pixmap() is None
    assert view.grab().toImage().pixelColor(3, 3) == QColor("#dbe9e4")
    good = png(tmp_path / "good.png", (600, 400), "#aa2200")
    view.set_source(good)
    assert view.grab().toImage().pixelColor(150, 100) == QColor("#aa2200")
