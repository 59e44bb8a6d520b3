"""One application-wide event filter for the kiosk's input watchers.

Lockdown, the idle monitor, the admin panel's five-tap gesture, the accessibility popover and kinetic
scrolling each watch every event in the application. Installed one by one on the QApplication, each costs
a call into Python for *every* event Qt delivers (paints, layouts, timers, polish: about 1,100 per tap on
a case study), although each needs a few input types only. The :class:`EventRouter` is installed once; it
looks the event's type up in a table and calls only the watchers that asked for that type, so a paint or
a layout request costs one dictionary look-up and nothing else.

Order: watchers are called in ``order`` (then registration) order, and the first one that returns True
consumes the event, as an application filter does. Observers that never consume (idle, admin) come first,
so that they see a press or a drag whatever happens to it afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject

log = logging.getLogger(__name__)

OBSERVE = 0
"""Order of watchers that never consume an event (idle, admin gesture, popover closing)."""
CONSUME = 10
"""Order of watchers that may consume one (lockdown's blocked keys, kinetic drags)."""

Route = tuple[int, int, QObject, QObject | None]  # order, sequence, watcher, only this object (or any)


class EventRouter(QObject):
    """Install with :meth:`ensure`; register watchers with :meth:`add`. Their ``eventFilter`` is called."""

    NAME = "kiosk-event-router"

    def __init__(self, app: QObject) -> None:
        super().__init__(app)
        self.setObjectName(self.NAME)
        self._routes: dict[QEvent.Type, list[Route]] = {}
        self._table: dict[QEvent.Type, tuple[tuple[QObject, QObject | None], ...]] = {}
        self._sequence = 0

    @classmethod
    def ensure(cls) -> EventRouter | None:
        """The application's router (made and installed on first use); None without an application."""
        app = QCoreApplication.instance()
        if app is None:
            return None
        router = app.findChild(EventRouter, cls.NAME)
        if router is None:
            router = cls(app)
            app.installEventFilter(router)
        return router

    def add(
        self,
        watcher: QObject,
        kinds: Iterable[QEvent.Type],
        *,
        order: int = OBSERVE,
        only: QObject | None = None,
    ) -> None:
        """Call ``watcher.eventFilter`` for events of ``kinds`` (delivered to ``only``, when given)."""
        if self.watching(watcher, only):
            return  # already routed (a popover opened twice)
        if not any(w is watcher for routes in self._routes.values() for _, _, w, _ in routes):
            watcher.destroyed.connect(lambda *_args, w=watcher: self.remove(w))
        self._sequence += 1
        for kind in kinds:
            self._routes.setdefault(kind, []).append((order, self._sequence, watcher, only))
        self._rebuild()

    def remove(self, watcher: QObject) -> None:
        for kind, routes in list(self._routes.items()):
            routes[:] = [r for r in routes if r[2] is not watcher]
            if not routes:
                del self._routes[kind]
        self._rebuild()

    def watching(self, watcher: QObject, only: QObject | None = None) -> bool:
        return any(w is watcher and o is only for routes in self._routes.values() for _, _, w, o in routes)

    def _rebuild(self) -> None:
        self._table = {
            kind: tuple((w, o) for _, _, w, o in sorted(routes, key=lambda r: (r[0], r[1])))
            for kind, routes in self._routes.items()
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        routes = self._table.get(event.type())
        if routes is None:
            return False  # paint, layout, timer, polish...: no Python work
        for watcher, only in routes:
            if only is not None and watched is not only:
                continue
            try:
                if watcher.eventFilter(watched, event):
                    return True
            except RuntimeError:
                if shiboken6.isValid(watcher):
                    raise  # a real error in the watcher
                log.debug("dropping a deleted event watcher")  # gone before ``destroyed`` reached us
                self.remove(watcher)
        return False


def route_app_events(
    watcher: QObject, kinds: Iterable[QEvent.Type], *, order: int = OBSERVE, only: QObject | None = None
) -> bool:
    """Register ``watcher`` with the application's router; False when there is no application."""
    router = EventRouter.ensure()
    if router is None:
        return False
    router.add(watcher, kinds, order=order, only=only)
    return True


def unroute_app_events(watcher: QObject) -> None:
    router = EventRouter.ensure()
    if router is not None:
        router.remove(watcher)
