"""The sd_notify protocol: datagrams like ``READY=1`` to the unix socket named by ``$NOTIFY_SOCKET``.

Written out rather than depending on libsystemd: a path socket or an abstract one (``@name``, a
leading NUL byte on the wire). Without ``$NOTIFY_SOCKET`` (not under systemd) every call is a no-op.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger("kiosk.health.sdnotify")


def _address(name: str) -> str | bytes:
    if name.startswith("@"):
        return b"\0" + name[1:].encode()
    return name


class Notifier:
    """One datagram socket to systemd; ``enabled`` is False when there is nothing to talk to."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.socket_name = env.get("NOTIFY_SOCKET", "")
        self.watchdog_usec = _int(env.get("WATCHDOG_USEC"))
        pid = _int(env.get("WATCHDOG_PID"))
        if pid and pid != os.getpid():  # the watchdog is meant for another process (a parent)
            self.watchdog_usec = 0
        self._sock: socket.socket | None = None
        self.errors = 0

    @property
    def enabled(self) -> bool:
        return bool(self.socket_name)

    @property
    def watchdog_interval_ms(self) -> int:
        """Half of ``WATCHDOG_USEC`` (as systemd advises), or 0 when no watchdog is configured."""
        return self.watchdog_usec // 2000 if self.watchdog_usec else 0

    def notify(self, *lines: str) -> bool:
        """Send ``KEY=value`` lines in one datagram; False (logged once per failure) if not delivered."""
        if not self.socket_name:
            return False
        if self._sock is None:
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        try:
            self._sock.sendto("\n".join(lines).encode(), _address(self.socket_name))
        except OSError as exc:
            self.errors += 1
            log.warning("sd_notify to %s failed: %s", self.socket_name, exc)
            return False
        return True

    def ready(self, status: str = "") -> bool:
        return self.notify("READY=1", *([f"STATUS={status}"] if status else []))

    def watchdog(self) -> bool:
        return self.notify("WATCHDOG=1")

    def status(self, text: str) -> bool:
        return self.notify(f"STATUS={text}")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def _int(text: str | None) -> int:
    try:
        return int(text) if text else 0
    except ValueError:
        return 0
