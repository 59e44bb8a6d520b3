"""Chinese, Japanese and Arabic text has a glyph in the fonts the kiosk actually resolves (no boxes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QRawFont

from kiosk.content.model import pick
from kiosk.content.reader import ContentReader, load_pack_content
from kiosk.ui.theme import FALLBACK_FAMILIES, FONT_FAMILY, load_fonts
from kiosk.ui.widgets.strings import SOURCE, language_name, tr

ROOT = Path(__file__).resolve().parents[2]


def resolved_fonts() -> dict[str, QRawFont]:
    """The theme's family chain, only the families this machine really has (not silent substitutes)."""
    load_fonts()
    have = set(QFontDatabase.families())
    fonts: dict[str, QRawFont] = {}
    for family in [FONT_FAMILY, *FALLBACK_FAMILIES]:
        font = QFont(family)
        font.setPixelSize(32)
        if family in have and QFontInfo(font).family() == family:
            fonts[family] = QRawFont.fromFont(font)
    return fonts


def pack_text(reader: ContentReader, lang: str) -> str:
    meta, parts = reader.meta, []
    default = meta.default_language
    parts.append(pick(meta.title, lang, default)[0])
    parts += [pick(t.title, lang, default)[0] for t in meta.themes]
    for cs in reader.case_studies():
        doc = cs.doc(lang)
        parts += [doc.title, doc.summary, doc.body]
        parts += [f"{k.value} {k.unit} {k.label}" for k in doc.key_figures]
    for tour in reader.tours():
        parts.append(pick(tour.title, lang, default)[0])
        parts += [pick(s.notes, lang, default)[0] for s in tour.stops]
    parts += [tr(key, lang) for key in SOURCE]
    parts += [language_name(code) for code in meta.languages]
    return "".join(parts)


def missing(text: str, fonts: dict[str, QRawFont]) -> list[str]:
    def covered(ch: str) -> bool:
        return ch.isspace() or any(f.supportsCharacter(ord(ch)) for f in fonts.values())

    return sorted({ch for ch in text if not covered(ch)})


@pytest.fixture(scope="module")
def scripts() -> ContentReader:
    return load_pack_content(ROOT / "tests/fixtures/packs/scripts")


@pytest.mark.parametrize("lang", ["zh", "ja", "ar", "en"])
def test_every_character_has_a_glyph(qapp, scripts: ContentReader, lang: str) -> None:  # type: ignore[no-untyped-def]
    fonts = resolved_fonts()
    assert FONT_FAMILY in fonts, "the bundled Inter font did not load"
    text = pack_text(scripts, lang)
    assert len(text) > 100
    assert missing(text, fonts) == []


def test_scripts_come_from_proper_fonts_not_inter(qapp) -> None:  # type: ignore[no-untyped-def]
    fonts = resolved_fonts()
    assert {"Noto Sans Arabic", "Noto Sans CJK SC", "Noto Sans CJK JP"} <= set(fonts)
    inter = fonts[FONT_FAMILY]
    for ch in "港口泳げるきれいなميناء":
        assert not inter.supportsCharacter(ord(ch))  # so the fallback chain is what renders them
    assert fonts["Noto Sans Arabic"].supportsCharacter(ord("م"))
    assert fonts["Noto Sans CJK JP"].supportsCharacter(ord("げ"))


def test_the_check_finds_a_missing_glyph(qapp) -> None:  # type: ignore[no-untyped-def]
    assert missing("ok \U0010fffd", resolved_fonts()) == ["\U0010fffd"]  # private use, plane 16: no font
