"""Every chip state reaches WCAG AA (4.5:1), whatever colour a pack gives its themes."""

from __future__ import annotations

import itertools
import re

import pytest

from kiosk.ui.colors import contrast_ratio, to_hex
from kiosk.ui.theme import Theme, palette_for
from kiosk.ui.widgets.buttons import chip_colors, chip_qss

STEPS = (0, 0x33, 0x55, 0x77, 0x88, 0x99, 0xBB, 0xDD, 0xFF)
SWEEP = [to_hex(rgb) for rgb in itertools.product(STEPS, repeat=3)]
GREYS = [to_hex((v, v, v)) for v in range(0, 256, 3)]


@pytest.mark.parametrize("palette", ["light", "dark", "high-contrast"])
def test_checked_chip_text_reaches_aa_over_a_colour_sweep(palette: str) -> None:
    theme = Theme(1920, 1080, palette_for(palette, "#0b6e4f"))
    bad = {}
    for color in SWEEP + GREYS:
        fill, on = chip_colors(theme, color)
        if contrast_ratio(on, fill) < 4.5:
            bad[color] = round(contrast_ratio(on, fill), 2)
    assert bad == {}


def test_mid_grey_is_adjusted_only_as_much_as_needed() -> None:
    theme = Theme(1920, 1080)
    fill, on = chip_colors(theme, "#777777")
    assert fill != "#777777" and contrast_ratio(on, fill) >= 4.5
    assert contrast_ratio(fill, "#777777") < 1.15  # still recognisably the pack's grey
    assert chip_colors(theme, "#0b6e4f") == ("#0b6e4f", "#ffffff")  # good colours stay as given


@pytest.mark.parametrize("color", ["#777777", "#808080", "#ff7f50", "#3fa9f5", "#e0b000"])
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_every_state_in_the_style_sheet_reaches_aa(color: str, palette: str) -> None:
    theme = Theme(1920, 1080, palette_for(palette, "#0b6e4f"))
    qss = chip_qss(theme, color)
    for rule in re.findall(r"QPushButton(?::\w+)? \{[^}]*\}", qss):
        bg = re.search(r"background: (#[0-9a-f]{6})", rule)
        base = re.search(r"^QPushButton \{.*?color: (#\w+)", qss)
        fg = re.search(r"[^-]color: (#[0-9a-f]{6})", rule) or base
        assert bg and fg, rule
        assert contrast_ratio(fg.group(1), bg.group(1)) >= 4.5, rule
