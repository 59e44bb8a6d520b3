"""The tests' window helper: the kiosk's own window factory, shown offscreen and exposed."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from kiosk.content.reader import ContentReader
from kiosk.ui.factory import make_theme, make_window
from kiosk.ui.window import KioskWindow


def open_window(qtbot: QtBot, reader: ContentReader, size: tuple[int, int] = (1920, 1080),
                **kwargs: Any) -> KioskWindow:
    """A kiosk-mode window with every screen, no animations, shown at ``size``; kwargs override."""
    theme = make_theme("light", reader, *size)
    options: dict[str, Any] = {"kiosk_mode": True, "animate": False, "attract_animated": False, **kwargs}
    window = make_window(theme, reader, **options)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def close_window(window: KioskWindow) -> None:
    window.allow_close()
    window.close()
    window.deleteLater()
