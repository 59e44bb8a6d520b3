"""The lab-wide question (``pack.yaml``'s ``ask:``) wired into a window: on home and in the attract loop.

:func:`attach_ask` gives home and attract the kiosk's :class:`~kiosk.voice.booth.Booth`: home shows
the question under its tiles, the attract loop asks it every few slides. A tap on a choice of the
attract slide records the vote and, as any tap there, starts a visit at home, which scrolls to the
question so the visitor sees the answer taken and, per ``results``, the shares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from kiosk.ui.window import KioskWindow
    from kiosk.voice.booth import Booth


def attach_ask(window: KioskWindow, booth: Booth | None) -> None:
    """Show (with a booth) or hide (None: a preview records no votes) the lab-wide question."""
    window.home.set_voice(booth)
    window.attract.set_voice(booth)
    window.attract.set_content(window.reader, window.lang)
    if booth is not None:
        window.attract.asked.connect(lambda *_: reveal(window))


def reveal(window: KioskWindow) -> None:
    """Home at its question: now (before the switch is painted), and again once home's layout settled."""
    window.home.reveal_ask()
    QTimer.singleShot(0, window.home.reveal_ask)
