"""The one window factory: theme, window and screens, used by ``kiosk run`` (through ``kiosk.app``),
``kiosk preview``, ``kiosk screenshot`` and the tests' window helper."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.content.reader import ContentReader
from kiosk.runtime.swap import ContentSwap
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import Theme, palette_for
from kiosk.ui.window import KioskWindow
from kiosk.ui.workers import Workers

if TYPE_CHECKING:
    from kiosk.data.cache import ObservationCache
    from kiosk.voice.booth import Booth


def make_theme(theme_name: str, reader: ContentReader, width: int, height: int) -> Theme:
    return Theme(width, height, palette_for(theme_name, reader.meta.branding.accent_color))


def build_screens(
    theme: Theme, workers: Workers | None, *, data_cache: ObservationCache | None = None, tz: str = "",
    voice: Booth | None = None,
) -> list[Screen]:
    """The screens besides attract and home: case study, tour, partners, network, and data when there
    is an observation cache."""
    from kiosk.ui.screens.case_study import CaseStudyScreen
    from kiosk.ui.screens.data import DataScreen
    from kiosk.ui.screens.partners import PartnersScreen
    from kiosk.ui.screens.partners_network import NetworkScreen
    from kiosk.ui.screens.tour import TourScreen

    screens: list[Screen] = [CaseStudyScreen(theme, workers=workers, voice=voice),
                             TourScreen(theme, workers=workers, voice=voice), PartnersScreen(theme),
                             NetworkScreen(theme)]
    if data_cache is not None:
        screens.append(DataScreen(theme, data_cache, workers, tz=tz or "Europe/Copenhagen"))
    return screens


def make_window(
    theme: Theme,
    reader: ContentReader,
    *,
    workers: Workers | None = None,
    data_cache: ObservationCache | None = None,
    tz: str = "",
    screens: bool | Callable[[], list[Screen]] = True,
    kiosk_mode: bool = True,
    animate: bool = True,
    attract_animated: bool = True,
    idle_ms: int = 60_000,
    warning_ms: int = 10_000,
    swap: ContentSwap[ContentReader] | None = None,
    parent: QWidget | None = None,
    voice: Booth | None = None,
) -> KioskWindow:
    """A kiosk window with attract and home, plus the other screens: built now (``screens=True``),
    not at all (``False``), or from a factory after the first attract frame (a callable)."""
    window = KioskWindow(theme, reader, kiosk_mode=kiosk_mode, animate=animate,
                         attract_animated=attract_animated, idle_ms=idle_ms, warning_ms=warning_ms,
                         swap=swap, parent=parent, home=not callable(screens))
    if callable(screens):
        window.defer_screens(screens)
    elif screens:
        for screen in build_screens(theme, workers, data_cache=data_cache, tz=tz, voice=voice):
            window.register_screen(screen)
    return window
