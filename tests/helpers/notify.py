"""A fake systemd NOTIFY_SOCKET: a real AF_UNIX datagram socket read in a thread."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

WATCHDOG_USEC = 200_000  # pings every 100 ms
INTERVAL_S = WATCHDOG_USEC / 2e6


class Listener:
    """Collects (monotonic time, datagram) from a socket bound in tmp_path, in a thread."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.05)
        self.got: list[tuple[float, bytes]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                continue
            self.got.append((time.monotonic(), data))

    def pings(self, after: float = 0.0) -> list[float]:
        return [t for t, d in list(self.got) if d == b"WATCHDOG=1" and t >= after]

    def ready(self) -> bool:
        return any(d.startswith(b"READY=1") for _, d in list(self.got))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()
