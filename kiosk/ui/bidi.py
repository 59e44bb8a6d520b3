"""Text direction from the text itself: a paragraph reads the way its first strong character does.

An Arabic screen can show English fallback text (a case study not translated yet); that text must still
read left to right ("400 million DKK", not "million DKK 400"), and Arabic must read right to left on an
English screen's attract loop. Widgets and painters take their direction from here, not the UI language.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt


def is_rtl(text: str) -> bool:
    """True when the first strong character is right-to-left (Arabic, Hebrew ...)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def has_strong(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("L", "R", "AL") for ch in text)


def direction_of(
    *texts: str, default: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight
) -> Qt.LayoutDirection:
    """The direction of the first of ``texts`` with a strong character (digits and "%" have none)."""
    for text in texts:
        if has_strong(text):
            return Qt.LayoutDirection.RightToLeft if is_rtl(text) else Qt.LayoutDirection.LeftToRight
    return default
