"""What UI services need from the composition root (``kiosk.app.KioskApp`` implements it).

Typed here so nothing in ``kiosk.ui`` imports ``kiosk.app`` (which imports the UI): no cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from kiosk.config import Config
from kiosk.ui.window import KioskWindow
from kiosk.ui.workers import Workers

if TYPE_CHECKING:
    from kiosk.store.store import Store


class KioskHost(Protocol):
    cfg: Config
    window: KioskWindow
    workers: Workers
    store: Store | None
    services: list[object]

    def attach(self, service: object) -> None: ...

    def content_activated(self) -> None: ...
