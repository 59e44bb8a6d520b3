"""One style sheet for every admin page: a calm service screen in the kiosk's own palette."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from kiosk.ui.colors import mix
from kiosk.ui.theme import Theme

DANGER = "#b3261e"


def admin_qss(theme: Theme) -> str:
    p = theme.palette
    dark = p.name != "light"
    pressed = mix(p.surface, "#ffffff" if dark else "#000000", 0.12)
    accent_pressed = mix(p.accent, "#000000", 0.18)
    danger = DANGER if not dark else "#ff8a80"
    on_danger = "#ffffff" if not dark else "#1b0000"
    border = max(1, theme.px(0.15))
    r = theme.radius
    return f"""
#admin-overlay {{ background: {p.background}; }}
#admin-overlay QLabel {{ color: {p.text}; background: transparent; }}
#admin-overlay QLabel[role="muted"] {{ color: {p.muted}; }}
#admin-overlay QLabel[role="message"] {{ color: {p.text}; }}
#admin-card {{ background: {p.surface}; border: {border}px solid {p.outline}; border-radius: {r * 2}px; }}
#admin-overlay QPushButton {{
    background: {p.surface}; color: {p.text}; border: {border}px solid {p.outline};
    border-radius: {r}px; padding: 0 {theme.px(2)}px; }}
#admin-overlay QPushButton:pressed {{ background: {pressed}; }}
#admin-overlay QPushButton:disabled {{ color: {p.outline}; }}
#admin-overlay QPushButton:checked,
#admin-overlay QPushButton[role="primary"] {{
    background: {p.accent}; color: {p.on_accent}; border-color: {p.accent}; }}
#admin-overlay QPushButton[role="primary"]:pressed {{ background: {accent_pressed}; }}
#admin-overlay QPushButton[role="danger"] {{ color: {danger}; border-color: {danger}; }}
#admin-overlay QPushButton[role="danger"][armed="true"] {{ background: {danger}; color: {on_danger}; }}
"""


def admin_button(text: str, parent: QWidget | None = None, *, role: str = "") -> QPushButton:
    """A touch button: no keyboard focus, expands sideways; its height comes from :func:`size_button`."""
    button = QPushButton(text, parent)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    if role:
        button.setProperty("role", role)
    return button


def size_button(button: QPushButton, theme: Theme, height: int | None = None) -> None:
    button.setFont(theme.font("button"))
    button.setFixedHeight(max(theme.touch, height or theme.touch))
    button.setMinimumWidth(max(theme.touch, height or theme.touch))


def restyle(widget: QWidget) -> None:
    """Re-apply the sheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
