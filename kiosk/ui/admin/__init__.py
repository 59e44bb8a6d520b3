"""The admin panel UI: hidden corner-tap entry, PIN keypad, service panel, screen test.

:func:`install_admin` wires it into a built kiosk (a :class:`kiosk.ui.host.KioskHost`). "Sync now" calls
``sync_now()`` of the attached service that has one (the sync scheduler), looked up at the moment
of the tap; without one the panel says sync is not configured.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

from kiosk.ui.admin.controller import AdminController
from kiosk.ui.admin.gesture import PRESSES
from kiosk.ui.events import route_app_events
from kiosk.ui.idle import ACTIVITY_EVENTS

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
    route_app_events(controller, ACTIVITY_EVENTS | PRESSES)
    route_app_events(controller, {QEvent.Type.Resize}, only=kiosk.window)
    kiosk.attach(controller)
    return controller
