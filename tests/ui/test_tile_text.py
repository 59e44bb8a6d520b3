"""Home tile text: wraps CJK, gives Arabic its line height, elides at the end, stays inside the tile."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QTextLayout
from PySide6.QtWidgets import QApplication

from kiosk.ui.theme import Theme, load_fonts
from kiosk.ui.widgets.tile import (
    FLATTEST_IMAGE,
    TITLE_LINES,
    TITLE_ROLE,
    CaseTile,
    TileData,
    line_height,
    text_height,
    tile_height,
    tile_shape,
    wrap,
)

JA = "市場ホールの屋上ソーラーが配達用の自転車と港の船を充電し、街の中心に静かな電力を届ける"
ZH = "市场大厅屋顶的太阳能电池板为送货自行车和港口船只充电，为市中心带来安静的电力"
AR = "ألواح شمسية على سطح سوق المدينة تشحن دراجات التوصيل وقوارب الميناء في قلب المدينة"
EN = "Cooling a capital with seawater from the harbour, pumped through four kilometres of pipes"
THEME = Theme(1920, 1080)
WIDTH = 390


@pytest.fixture(scope="module", autouse=True)
def fonts(qapp) -> None:  # type: ignore[no-untyped-def]
    load_fonts()


def natural_width(text: str, font) -> float:  # type: ignore[no-untyped-def]
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)
    layout.endLayout()
    return line.naturalTextWidth()


def resolved_height(text: str, font) -> float:  # type: ignore[no-untyped-def]
    """Ascent + descent of the font Qt really draws ``text`` with (a fallback for Arabic and CJK)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine().setLineWidth(1e6)
    layout.endLayout()
    raws = [run.rawFont() for run in layout.glyphRuns()]
    return max(r.ascent() + r.descent() for r in raws)


@pytest.mark.parametrize("title", [JA, ZH, AR, EN])
def test_long_titles_wrap_to_three_lines_and_elide_at_the_end(title: str) -> None:
    font = THEME.font(TITLE_ROLE)
    title = f"{title} {title}"
    lines = wrap(title, font, WIDTH, TITLE_LINES)
    assert len(lines) == 3
    assert lines[-1][0].endswith("…")
    assert all(natural_width(text, font) <= WIDTH + 1 for text, _ in lines)
    assert title.startswith(lines[0][0])  # the start is kept, the end is elided


def test_short_titles_are_not_elided() -> None:
    assert [t for t, _ in wrap("泳げるきれいな港", THEME.font("h2"), WIDTH, 2)] == ["泳げるきれいな港"]
    assert wrap("", THEME.font("h2"), WIDTH, 2) == [] and wrap(EN, THEME.font("h2"), WIDTH, 0) == []


@pytest.mark.parametrize("text", [AR, JA])
def test_lines_are_as_tall_as_the_font_really_used(text: str) -> None:
    font = THEME.font("h2")
    need = resolved_height(text, font)
    assert all(h >= need - 0.5 for _, h in wrap(text, font, WIDTH, 2))
    assert line_height(font) >= need - 0.5


def test_tile_height_leaves_room_for_arabic_and_cjk() -> None:
    title, cap = THEME.font(TITLE_ROLE), THEME.font("caption")
    cap_line = max(resolved_height(s, cap) for s in (AR, JA))
    need = 3 * cap_line + 3 * max(resolved_height(s, title) for s in (AR, JA))
    text_room = tile_height(THEME, WIDTH) - round(WIDTH * 9 / 16) - THEME.px(0.6) - 2 * THEME.px(1.6)
    assert text_room >= need


def test_a_height_limit_drops_the_summary_then_flattens_the_image_never_the_title() -> None:
    free = tile_shape(THEME, WIDTH)
    assert (free.image_h, free.summary_lines) == (round(WIDTH * 9 / 16), 3)
    snug = tile_shape(THEME, WIDTH, tile_height(THEME, WIDTH) - 10)
    assert snug.image_h == free.image_h and snug.summary_lines == 2
    tight = tile_shape(THEME, WIDTH, 345)
    assert tight.summary_lines == 0 and tile_height(THEME, WIDTH, tight) == 345
    assert tight.image_h == 345 - text_height(THEME, 0) > round(WIDTH / FLATTEST_IMAGE)
    floor = tile_shape(THEME, WIDTH, 100)  # no room: the image stops at 2.8:1 and the tile is taller
    assert FLATTEST_IMAGE == 2.8
    assert floor.image_h == round(WIDTH / FLATTEST_IMAGE) and floor.summary_lines == 0


def render(qtbot, title: str, summary: str) -> tuple[CaseTile, object]:  # type: ignore[no-untyped-def]
    tile = CaseTile()
    qtbot.addWidget(tile)
    tile.resize(WIDTH, tile_height(THEME, WIDTH))
    tile.set_data(TileData("x", title, summary, "Theme", "#0b6e4f", None), THEME)
    QApplication.processEvents()
    return tile, tile.grab().toImage()


@pytest.mark.parametrize("text", [JA, ZH, AR, EN])
def test_text_never_spills_into_the_bottom_padding(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    tile, image = render(qtbot, text * 2, text * 3)
    pad, h = THEME.px(1.6), tile.height()
    surface = QColor(THEME.palette.surface)
    ink = [
        (x, y)
        for y in range(h - pad + 2, h - 3)
        for x in range(pad, WIDTH - pad)
        if image.pixelColor(x, y) != surface  # type: ignore[attr-defined]
    ]
    assert ink == []


def test_arabic_titles_are_right_aligned(qtbot) -> None:  # type: ignore[no-untyped-def]
    _tile, image = render(qtbot, "ميناء", "")
    surface = QColor(THEME.palette.surface)
    top = round(WIDTH * 9 / 16) + THEME.px(0.6) + THEME.px(1.6)
    xs = [
        x
        for y in range(top, top + round(line_height(THEME.font(TITLE_ROLE))))
        for x in range(WIDTH)
        if image.pixelColor(x, y) != surface  # type: ignore[attr-defined]
        and image.pixelColor(x, y).lightness() < 128  # type: ignore[attr-defined]
    ]
    assert xs and min(xs) > WIDTH / 2


def test_the_theme_name_sits_on_a_scrim_readable_over_a_white_image(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from kiosk.ui.colors import contrast_ratio

    white = tmp_path / "white.png"
    blank = QImage(320, 180, QImage.Format.Format_RGB32)
    blank.fill(QColor("#ffffff"))
    blank.save(str(white))
    tile = CaseTile()
    qtbot.addWidget(tile)
    tile.resize(WIDTH, tile_height(THEME, WIDTH))
    tile.set_data(TileData("x", "Title", "", "Energy", "#0b6e4f", white), THEME)
    image = tile.grab().toImage()
    inset = THEME.px(1)
    # just inside the pill's leading end: the scrim, not the letters
    behind = image.pixelColor(inset + THEME.px(0.5), inset + round(line_height(THEME.font("caption")) / 2))
    assert contrast_ratio("#ffffff", behind.name()) >= 4.5
    letters = [
        image.pixelColor(x, y).lightness()
        for x in range(inset, inset + 120)
        for y in range(inset, inset + round(line_height(THEME.font("caption"))))
    ]
    assert max(letters) > 240  # white letters are drawn on it
