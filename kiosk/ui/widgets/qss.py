"""Style sheets set only when they change.

``QWidget.setStyleSheet`` re-polishes the widget and all its children every time, even for the very
same text (about 1 ms a widget at 1920×1080): on a navigation path that adds up to tens of ms per tap.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def restyle(widget: QWidget, qss: str) -> bool:
    """Give ``widget`` the style sheet ``qss`` unless it already has it; True when it changed."""
    if widget.styleSheet() == qss:
        return False
    widget.setStyleSheet(qss)
    return True
