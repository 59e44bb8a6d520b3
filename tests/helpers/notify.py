"""A fake systemd NOTIFY_SOCKET (a real AF_UNIX datagram socket read in a thread), and a supervisor
that restarts a process whose watchdog pings stop, as systemd does."""

from __future__ import annotations

import signal
import socket
import subprocess
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


class Supervisor:
    """What systemd does for a ``Type=notify`` unit with ``WatchdogSec`` and ``Restart=always``, for one
    test: starts ``cmd`` with ``NOTIFY_SOCKET`` and ``WATCHDOG_USEC``; once the process has sent
    ``READY=1``, silence (no datagram) for ``watchdog_sec`` gets it killed (SIGKILL, which also ends
    a stopped process) and started again. ``restarts`` counts those; ``process`` is the current one.
    """

    def __init__(self, cmd: list[str], env: dict[str, str], sock: Path, watchdog_sec: float) -> None:
        self.cmd, self.watchdog_sec = cmd, watchdog_sec
        self.env = {**env, "NOTIFY_SOCKET": str(sock), "WATCHDOG_USEC": str(int(watchdog_sec * 1e6))}
        self.listener = Listener(sock)
        self.killed: list[subprocess.Popen[bytes]] = []
        self.restarts = 0
        self._stop = threading.Event()
        self._start()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _start(self) -> None:
        self._first = len(self.listener.got)  # datagrams from here on are this process's
        self.process = subprocess.Popen(self.cmd, env=self.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)

    def since_start(self) -> list[tuple[float, bytes]]:
        return list(self.listener.got)[self._first:]

    def ready(self) -> bool:
        return any(d.startswith(b"READY=1") for _, d in self.since_start())

    def pings(self) -> int:
        return sum(d == b"WATCHDOG=1" for _, d in self.since_start())

    def _watch(self) -> None:
        while not self._stop.wait(0.05):
            got = self.since_start()
            if not any(d.startswith(b"READY=1") for _, d in got):
                continue  # still starting: systemd's start timeout, not the watchdog
            if time.monotonic() - got[-1][0] > self.watchdog_sec:
                self.process.send_signal(signal.SIGKILL)
                self.process.wait(30)
                self.killed.append(self.process)
                self.restarts += 1
                self._start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(10)
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(30)
        self.listener.close()
