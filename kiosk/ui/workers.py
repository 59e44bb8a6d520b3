"""The one way to run core work off the UI thread.

``Workers.submit(fn, on_done, on_error)`` runs ``fn`` on a thread pool; its result or exception comes
back by a queued signal on the main thread, where the callbacks run. Widgets are never touched from
a worker. Cancellation is cooperative: pass a :class:`threading.Event` into ``fn`` and set it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("kiosk.ui.workers")
_OnDone = Callable[[Any], None]
_OnError = Callable[[BaseException], None]


class _Relay(QObject):
    done = Signal(object, object)  # (job id, result)
    failed = Signal(object, object)  # (job id, exception)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._id, self._fn, self._relay = job_id, fn, relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # every failure must reach the main thread
            self._relay.failed.emit(self._id, exc)
        else:
            self._relay.done.emit(self._id, result)


class Workers(QObject):
    """A small thread pool whose results arrive on the main thread."""

    def __init__(self, max_threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._callbacks: dict[int, tuple[_OnDone | None, _OnError | None]] = {}
        self._next = 0
        self._lock = threading.Lock()
        self._closed = False

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> int:
        with self._lock:
            self._next += 1
            job_id = self._next
        self._callbacks[job_id] = (on_done, on_error)
        self._pool.start(_Job(job_id, fn, self._relay))
        return job_id

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job finished (tests and shutdown only)."""
        return self._pool.waitForDone(msecs)

    def close(self) -> None:
        """Drop every pending callback: a job still running at shutdown must not touch deleted widgets."""
        self._closed = True
        self._callbacks.clear()

    @Slot(object, object)
    def _on_done(self, job_id: int, result: Any) -> None:
        on_done, _ = self._callbacks.pop(job_id, (None, None))
        if on_done is not None:
            on_done(result)

    @Slot(object, object)
    def _on_failed(self, job_id: int, exc: BaseException) -> None:
        _, on_error = self._callbacks.pop(job_id, (None, None))
        if self._closed:
            log.debug("background job failed after shutdown: %s", exc)
        elif on_error is not None:
            on_error(exc)
        else:
            log.error("background job failed: %s", exc, exc_info=exc)
