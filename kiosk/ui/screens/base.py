"""The contract every screen keeps with the window (``kiosk.ui.window``).

Screens are built once at start-up and re-filled, never rebuilt per navigation: a kiosk navigates
millions of times and nothing may grow. Navigation is by *routes*, plain strings:

``attract``, ``home``, ``home:<theme-id>``, ``case:<slug>``, ``data:<dataset-id>``, ``tour:<id>[:<stop>]``,
``back``. A screen asks for one by emitting :attr:`Screen.navigate`; the window decides.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.content.reader import ContentReader
from kiosk.ui.theme import Theme


class Screen(QWidget):
    navigate = Signal(str)
    """Emitted with a route when the visitor asks to go somewhere."""

    route_prefix: str = ""
    """The route prefix this screen shows (``case``, ``home`` ...)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        # A screen takes the size the window gives it (the screen's): a hidden screen's content never
        # widens the window, and a shown one must fit (the layout audit checks it does).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_theme(self, theme: Theme) -> None:
        """New size, palette or text scale: restyle in place."""
        self.theme = theme

    def set_content(self, reader: ContentReader, lang: str) -> None:
        """New content (a pack was activated) or a new visitor language: refill in place."""

    def show_route(self, argument: str) -> None:
        """Show ``argument`` (the part after ``prefix:``; empty for plain routes)."""

    def reset(self) -> None:
        """Idle reset: scroll to the top, stop media, close overlays."""
