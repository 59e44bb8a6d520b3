"""The store's single writer lock: one thread in this process and one process on this data dir.

SQLite serialises the transactions, but an install is more than one transaction (media copy,
staged rows, activation, garbage collection), and a ``kiosk pack install`` on the command line may
run while the kiosk itself syncs. A thread lock plus an advisory ``flock`` on ``store.lock`` keeps
those steps from interleaving; the kernel drops the flock when a process dies.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the thread lock only
    fcntl = None  # type: ignore[assignment]


class WriterLock:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._thread_lock = threading.Lock()
        self._fd: int | None = None

    def acquire(self, blocking: bool = True) -> bool:
        if not self._thread_lock.acquire(blocking):
            return False
        try:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
        except BaseException:
            self._thread_lock.release()
            raise
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BaseException as exc:
                os.close(fd)
                self._thread_lock.release()
                if isinstance(exc, BlockingIOError):
                    return False
                raise
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor drops the flock
        self._thread_lock.release()

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
