"""Touch controls styled from theme tokens: primary/quiet buttons and filter chips."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from kiosk.ui.colors import best_text_on, contrast_ratio, mix, readable_on
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.qss import restyle

AA = 4.5
"""WCAG AA for body-size text: every chip state reaches it."""


def _pressed(color: str, theme: Theme) -> str:
    return mix(color, "#000000" if theme.palette.name == "light" else "#ffffff", 0.14)


def quiet_qss(theme: Theme) -> str:
    """A surface-coloured pill with an outline: chrome that stays quiet until touched."""
    p = theme.palette
    return (
        f"QPushButton {{ background: {p.surface}; color: {p.text}; border: {max(1, theme.px(0.15))}px solid "
        f"{p.outline}; border-radius: {theme.touch // 2}px; padding: 0 {theme.px(2.2)}px; }}"
        f"QPushButton:pressed {{ background: {_pressed(p.surface, theme)}; }}"
        f"QPushButton:checked {{ background: {p.accent}; color: {p.on_accent}; border-color: {p.accent}; }}"
        f"QPushButton:disabled {{ background: {p.background}; color: {disabled_text(theme)};"
        f" border-style: dashed; }}"
    )


def disabled_text(theme: Theme) -> str:
    """Text of a control that does nothing now: clearly fainter than the muted text, still legible."""
    p = theme.palette
    return mix(p.muted, p.background, 0.45)


def chip_colors(theme: Theme, color: str) -> tuple[str, str]:
    """(fill, text) of a checked chip: the theme colour, darkened or lightened just enough that the
    better of near-black and white reaches 4.5:1 on it (a mid-grey #777777 alone gives 4.48:1)."""
    p = theme.palette
    fill = color if p.name != "high-contrast" else p.accent
    on = best_text_on(fill)
    if contrast_ratio(on, fill) < AA:
        fill = readable_on(fill, on, AA + 0.02)  # a hair over, so rounding to #rrggbb cannot undo it
        on = best_text_on(fill)
    return fill, on


def chip_qss(theme: Theme, color: str) -> str:
    p = theme.palette
    fill, on = chip_colors(theme, color)
    bw = max(2, theme.px(0.25))
    return (
        f"QPushButton {{ background: {p.surface}; color: {p.text}; border: {bw}px solid {fill}; "
        f"border-radius: {theme.touch // 2}px; padding: 0 {theme.px(2.4)}px; }}"
        f"QPushButton:pressed {{ background: {theme.tint(fill, 0.7)}; }}"
        f"QPushButton:checked {{ background: {fill}; color: {on}; }}"
    )


class TouchButton(QPushButton):
    """A button at least ``theme.touch`` high, sized by text; no focus rectangle, no keyboard focus."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, checkable: bool = False) -> None:
        super().__init__(text, parent)
        self.setCheckable(checkable)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._color: str | None = None

    def apply(self, theme: Theme, *, color: str | None = None, role: str = "button") -> None:
        """Restyle for ``theme``: ``color`` makes it a theme-coloured chip."""
        self._color = color
        self.setFont(theme.font(role))
        restyle(self, chip_qss(theme, color) if color else quiet_qss(theme))
        self.setFixedHeight(theme.touch)
        fm = self.fontMetrics()
        self.setFixedWidth(max(theme.touch, fm.horizontalAdvance(self.text()) + 2 * theme.px(2.6)))

    def set_label(self, text: str) -> None:
        self.setText(text)
        fm = self.fontMetrics()
        self.setFixedWidth(max(self.height(), fm.horizontalAdvance(text) + 2 * round(self.height() * 0.47)))
