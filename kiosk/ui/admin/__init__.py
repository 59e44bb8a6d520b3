"""The admin panel UI: hidden corner-tap entry, PIN keypad, service panel, screen test.

:func:`install_admin` wires it into a built kiosk (a :class:`kiosk.ui.host.KioskHost`). "Sync now" calls
``sync_now()`` of the attached service that has one (the sync scheduler), looked up at the moment
of the tap; without one the panel says sync is not configured.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from kiosk.ui.admin.controller import AdminController

if TYPE_CHECKING:
    from kiosk.ui.host import KioskHost


def _sync_hook(kiosk: KioskHost) -> Callable[[], object] | None:
    for service in kiosk.services:
        hook = getattr(service, "sync_now", None)
        if callable(hook) and not isinstance(service, AdminController):
            return hook
    return None


def install_admin(kiosk: KioskHost) -> AdminController:
    """Build the admin controller for ``kiosk`` (a KioskApp), watch the app's events, attach it."""
    controller = AdminController(
        kiosk.window,
        kiosk.cfg,
        store=kiosk.store,
        workers=kiosk.workers,
        content_activated=kiosk.content_activated,
        sync_hook=lambda: _sync_hook(kiosk),
    )
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(controller)
    kiosk.attach(controller)
    return controller
