"""A window over the stand-in pack with a stand-in case screen, and a tap (the shell's tests)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.content.reader import ContentReader
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import Theme
from kiosk.ui.window import KioskWindow
from tests.helpers.windows import close_window, open_window

__all__ = ["StandInCaseScreen", "close_window", "make_window", "tap"]


class StandInCaseScreen(Screen):
    """Stands in for the case-study screen (another issue): records what it was asked to show."""

    route_prefix = "case"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.shown: list[str] = []
        self.resets = 0

    def show_route(self, argument: str) -> None:
        self.shown.append(argument)

    def reset(self) -> None:
        self.resets += 1


def make_window(qtbot, reader: ContentReader, size: tuple[int, int] = (1920, 1080), **kwargs) -> KioskWindow:
    window = open_window(qtbot, reader, size, screens=False, **kwargs)
    window.register_screen(StandInCaseScreen(window.theme))
    return window


def tap(widget: QWidget, pos: QPoint | None = None) -> None:
    QTest.mouseClick(
        widget,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        pos if pos is not None else widget.rect().center(),
    )
