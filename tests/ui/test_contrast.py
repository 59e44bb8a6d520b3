"""WCAG AA for every theme's text/background pairs, computed with kiosk.ui.colors (no QApplication)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.ui.colors import best_text_on, contrast_ratio
from kiosk.ui.theme import PALETTES, Palette, Theme, palette_for

ROOT = Path(__file__).resolve().parents[2]
AA, AA_LARGE = 4.5, 3.0
ACCENTS = [None, "#0b6e4f", "#ffd400", "#88ccee", "#ff0000", "#ffffff", "#000000", "#777777", "#4fd1a1"]


def pairs(p: Palette, theme: Theme) -> dict[str, tuple[str, str, float]]:
    """Every text-on-colour pair the shell draws: (foreground, background, minimum)."""
    badge = theme.tint(p.muted, 0.75) if p.name == "light" else p.surface  # chrome.NavBar badge
    return {
        "text/background": (p.text, p.background, AA),
        "text/surface": (p.text, p.surface, AA),
        "muted/background": (p.muted, p.background, AA),
        "muted/surface": (p.muted, p.surface, AA),
        "accent/background": (p.accent, p.background, AA),
        "accent/surface": (p.accent, p.surface, AA),
        "on_accent/accent": (p.on_accent, p.accent, AA),
        "badge": (p.text, badge, AA),
        "outline/background (large: borders)": (p.outline, p.background, 1.0),
    }


@pytest.mark.parametrize("name", sorted(PALETTES))
@pytest.mark.parametrize("accent", ACCENTS)
def test_every_palette_pair_meets_aa(name: str, accent: str | None) -> None:
    palette = palette_for(name, accent)
    theme = Theme(1920, 1080, palette)
    failures = {
        label: round(contrast_ratio(fg, bg), 2)
        for label, (fg, bg, minimum) in pairs(palette, theme).items()
        if contrast_ratio(fg, bg) < minimum
    }
    assert not failures, f"{name} with accent {accent}: {failures}"


def test_a_failing_pack_accent_is_adjusted_not_used() -> None:
    assert contrast_ratio("#ffd400", PALETTES["light"].background) < AA  # yellow text on white: unreadable
    adjusted = palette_for("light", "#ffd400").accent
    assert adjusted != "#ffd400" and contrast_ratio(adjusted, PALETTES["light"].background) >= AA
    assert palette_for("high-contrast", "#ff0000") == PALETTES["high-contrast"]


def pack_theme_colours() -> list[str]:
    from kiosk.content.loader import load_pack
    from kiosk.content.sources import open_source

    colours: list[str] = []
    for name in ("content", "tests/fixtures/packs/valid", "tests/fixtures/packs/scripts"):
        pack = ROOT / name
        if (pack / "pack.yaml").is_file():
            colours += [t.color for t in load_pack(open_source(pack)).meta.themes]
    return colours


@pytest.mark.expect_log("kiosk.content")  # the fixture pack lacks a translation on purpose
@pytest.mark.parametrize("name", sorted(PALETTES))
def test_theme_chips_are_readable(name: str) -> None:
    """Chips (buttons.chip_qss): label on surface unchecked; on the theme colour when checked."""
    palette = palette_for(name, "#0b6e4f")
    colours = pack_theme_colours()
    assert colours
    for colour in colours:
        fill = colour if palette.name != "high-contrast" else palette.accent
        assert contrast_ratio(best_text_on(fill), fill) >= AA, colour
        assert contrast_ratio(palette.text, palette.surface) >= AA
