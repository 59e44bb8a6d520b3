"""The visual language in one place (see DESIGN.md): scale, type, colour and motion tokens.

Everything is sized in ``u`` = the screen's short side / 100, never in fixed pixels, so the same
layout works from 1280x800 to 4K and in portrait. Build one :class:`Theme` per screen size / palette
change and hand it to the screens; they never compute sizes themselves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from PySide6.QtGui import QFont, QFontDatabase

from kiosk.paths import assets_dir
from kiosk.ui.colors import best_text_on, mix, readable_on

FONT_FAMILY = "Inter"
"""The bundled family; Noto fonts are the fallback for scripts Inter lacks (Arabic, CJK). The UI cut of
Noto Sans Arabic comes first: its line height fits a UI (the text cut's is twice the font size)."""
FALLBACK_FAMILIES = [
    "Noto Sans", "Noto Sans Arabic UI", "Noto Sans Arabic", "Noto Sans CJK SC", "Noto Sans CJK JP",
    "DejaVu Sans",
]


@dataclass(frozen=True)
class Palette:
    name: str
    background: str
    surface: str
    """Cards, tiles and panels."""
    text: str
    muted: str
    """Secondary text; still AA on background and surface."""
    accent: str
    """The pack's accent, adjusted to be readable as text on ``background``."""
    on_accent: str
    """Text on an accent-filled button."""
    outline: str
    overlay: str
    """Scrim behind text on images, as ``rgba(...)``."""


LIGHT = Palette("light", "#f6f7f5", "#ffffff", "#15191e", "#4a525c", "#0b6e4f", "#ffffff", "#d5d9dd",
                "rgba(8, 12, 16, 0.62)")
DARK = Palette("dark", "#101418", "#1b2127", "#f1f3f5", "#b4bcc4", "#4fd1a1", "#0b0f12", "#39424b",
               "rgba(0, 0, 0, 0.66)")
HIGH_CONTRAST = Palette("high-contrast", "#000000", "#000000", "#ffffff", "#ffffff", "#ffd400",
                        "#000000", "#ffffff", "rgba(0, 0, 0, 0.85)")
PALETTES = {p.name: p for p in (LIGHT, DARK, HIGH_CONTRAST)}


def palette_for(name: str, accent: str | None = None) -> Palette:
    """The named palette with the pack's accent made readable on it (WCAG AA)."""
    base = PALETTES.get(name, LIGHT)
    if accent is None or base.name == "high-contrast":
        return base
    acc = readable_on(accent, base.background, 4.5)
    acc = readable_on(acc, base.surface, 4.5)
    return replace(base, accent=acc, on_accent=best_text_on(acc))


@dataclass(frozen=True)
class Theme:
    width: int
    height: int
    palette: Palette = LIGHT
    text_scale: float = 1.0
    """1.0 normally; the accessibility control raises it (1.25, 1.5)."""
    family: str = FONT_FAMILY
    reach: bool = False
    """Accessibility "reach" layout: controls in the lower part of the screen."""
    extra: dict[str, str] = field(default_factory=dict)
    min_touch_px: int = 0
    """Physical floor for touch targets (9 mm on this screen, see :meth:`with_touch_floor`); 0 = none."""

    @property
    def u(self) -> float:
        return min(self.width, self.height) / 100.0

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    def px(self, units: float) -> int:
        """``units`` of ``u`` in whole pixels."""
        return max(1, round(units * self.u))

    # Layout tokens (DESIGN.md "Scale")
    @property
    def margin(self) -> int:
        return self.px(6 if not self.portrait else 5)

    @property
    def gutter(self) -> int:
        return self.px(2)

    @property
    def touch(self) -> int:
        return max(self.px(5.5), self.min_touch_px)

    @property
    def button_height(self) -> int:
        return max(self.px(8), self.min_touch_px)

    @property
    def radius(self) -> int:
        return self.px(1.5)

    # Type tokens (DESIGN.md "Type")
    TYPE_SCALE = {
        "display": 8.0, "h1": 5.0, "h2": 3.5, "tile": 2.8, "body": 2.4, "caption": 1.8, "button": 2.6,
    }
    """``tile``: home tile titles, a step under h2 so three lines of a long title fit a 4-column tile."""
    TYPE_WEIGHT = {
        "display": QFont.Weight.Bold,
        "h1": QFont.Weight.DemiBold,
        "h2": QFont.Weight.DemiBold,
        "tile": QFont.Weight.DemiBold,
        "body": QFont.Weight.Normal,
        "caption": QFont.Weight.Normal,
        "button": QFont.Weight.DemiBold,
    }

    def font_px(self, role: str) -> int:
        return max(12, round(self.TYPE_SCALE[role] * self.u * self.text_scale))

    def font(self, role: str) -> QFont:
        f = QFont(self.family)
        f.setFamilies([self.family, *FALLBACK_FAMILIES])
        f.setPixelSize(self.font_px(role))
        f.setWeight(self.TYPE_WEIGHT[role])
        f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return f

    def tint(self, color: str, amount: float = 0.85) -> str:
        """A light (or, in dark palettes, deep) tint of a theme colour, for placeholders and chips."""
        target = "#ffffff" if self.palette.name == "light" else "#000000"
        return mix(color, target, amount)

    def with_size(self, width: int, height: int) -> Theme:
        return replace(self, width=width, height=height)

    def with_touch_floor(self, diagonal_inches: float = 0.0, dpi: float | None = None) -> Theme:
        """This theme with touch targets of at least :data:`MIN_TOUCH_MM` on the real screen.

        The physical size comes from ``kiosk.screen_diagonal_inches`` when set (the theme's size is the
        screen's), else from ``dpi`` (None: the primary screen's physical DPI, when Qt knows it).
        """
        if dpi is None:
            dpi = 0.0 if diagonal_inches > 0 else screen_dpi()
        return replace(self, min_touch_px=touch_floor_px(self.width, self.height, diagonal_inches, dpi))


MIN_TOUCH_MM = 9.0
"""The smallest touch target a finger hits reliably (DESIGN.md "Scale")."""


def touch_floor_px(width: int, height: int, diagonal_inches: float = 0.0, dpi: float = 0.0,
                   mm: float = MIN_TOUCH_MM) -> int:
    """Pixels that make ``mm`` on a ``width`` x ``height`` screen of that diagonal, or at that DPI.

    0 when neither is known or the DPI is implausible (a driver without the monitor's size reports
    a guess; 96 dpi gives a floor below the ``u``-based sizes on any kiosk-sized screen, so it is harmless).
    """
    if diagonal_inches > 0:
        return math.ceil(mm * math.hypot(width, height) / (diagonal_inches * 25.4))
    if 20 <= dpi <= 600:
        return math.ceil(mm * dpi / 25.4)
    return 0


def screen_dpi() -> float:
    """The primary screen's physical DPI; 0 without a real display (offscreen, no application)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None or QGuiApplication.platformName() in {"offscreen", "minimal", "vnc"}:
        return 0.0
    screen = QGuiApplication.primaryScreen()
    if screen is None or screen.physicalSize().width() <= 0:
        return 0.0
    return float(screen.physicalDotsPerInch())


# Motion tokens (DESIGN.md "Motion"), in milliseconds.
PUSH_MS = 250
CROSSFADE_MS = 800
PRESS_MS = 80


def load_fonts() -> list[str]:
    """Register the fonts bundled in ``assets/fonts``; returns the families found."""
    families: list[str] = []
    font_dir = assets_dir() / "fonts"
    for path in sorted(font_dir.glob("**/*")):
        if path.suffix.lower() in {".ttf", ".otf"}:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))
