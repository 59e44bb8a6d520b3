"""When the remote's port is open, and who may use it.

The port listens only while the pairing QR code is on the kiosk's screen, or while a paired phone
and the kiosk are in tour mode (the chooser or a tour's stops). Leaving tour mode (End tour, the idle
reset, Home) ends the session and closes the port. Called from the kiosk's UI thread.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.errors import KioskError
from kiosk.remote.commands import Command
from kiosk.remote.server import RemoteServer, StateHub
from kiosk.remote.tokens import Pairing

log = logging.getLogger("kiosk.remote")

DEFAULT_PORT = 8470


class RemoteError(KioskError):
    """The remote cannot listen (no LAN address, the port is taken ...)."""


@dataclass(frozen=True)
class RemoteSettings:
    enabled: bool = True
    bind: str = ""
    """An IP address of this kiosk; empty means the LAN interface's address (the default route's)."""
    port: int = DEFAULT_PORT
    """0 picks a free port (tests)."""


def lan_address() -> str:
    """The address of the interface the default route leaves by (no packet is sent).

    Raises :class:`RemoteError` when there is none: the remote never falls back to all interfaces.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routing decides the source address, nothing is sent
        address = str(probe.getsockname()[0])
    except OSError as exc:
        raise RemoteError(f"remote.bind: no network interface with a default route ({exc}); "
                          "set remote.bind to this kiosk's LAN address") from exc
    finally:
        probe.close()
    if address in {"0.0.0.0", ""} or ipaddress.ip_address(address).is_unspecified:
        raise RemoteError("remote.bind: no LAN address found; set remote.bind to this kiosk's LAN address")
    return address


class RemoteService:
    """Pairing, the session and the server's lifetime. ``on_command`` and ``on_paired`` run on a
    server thread."""

    def __init__(self, settings: RemoteSettings, on_command: Callable[[Command], None],
                 pairing: Pairing | None = None, on_paired: Callable[[], None] = lambda: None) -> None:
        self.settings = settings
        self.on_command = on_command
        self.on_paired = on_paired
        self.pairing = pairing or Pairing()
        self.hub = StateHub()
        self.server: RemoteServer | None = None
        self.panel_open = False
        self.tour_mode = False
        self.last_error = ""

    @property
    def listening(self) -> bool:
        return self.server is not None

    @property
    def paired(self) -> bool:
        return self.pairing.paired

    def open_pairing(self, *, takeover: bool = False) -> str:
        """The pairing URL for the QR code (opens the port). Raises RemoteError / PairingError."""
        if not self.settings.enabled:
            raise RemoteError("remote.enabled is false in the configuration")
        self.panel_open = True
        try:
            self._listen()
        except RemoteError:
            self.panel_open = False
            raise
        assert self.server is not None
        token = self.pairing.issue(takeover=takeover)
        return f"{self.server.origin}/#p={token}"

    def close_pairing(self) -> None:
        """The QR panel left the screen: its token stops working; the port closes unless a paired
        phone is following a tour."""
        self.panel_open = False
        self.pairing.cancel()
        self._settle()

    def set_tour_mode(self, on: bool) -> None:
        """The kiosk entered or left tour mode (chooser or stops). Leaving it ends the session."""
        if on == self.tour_mode:
            return
        self.tour_mode = on
        if not on:
            self.end_session()
        self._settle()

    def end_session(self) -> None:
        if self.pairing.end_session():
            log.info("remote: the session ended")
        self.hub.wake()
        self._settle()

    def publish(self, state: dict[str, Any] | None) -> None:
        self.hub.publish(state)

    def stop(self) -> None:
        """Shutdown: end the session and close the port."""
        self.panel_open = False
        self.tour_mode = False
        self.pairing.end_session()
        self._settle()

    # ------------------------------------------------------------------------------------------
    def _settle(self) -> None:
        wanted = self.panel_open or (self.tour_mode and self.pairing.paired)
        if not wanted and self.server is not None:
            server, self.server = self.server, None
            server.stop()

    def _listen(self) -> None:
        if self.server is not None:
            return
        host = self.settings.bind or lan_address()
        try:
            self.server = RemoteServer(host, self.settings.port, self.pairing, self.hub, self.on_command,
                                       self.on_paired)
        except OSError as exc:
            self.last_error = f"remote: cannot listen on {host}:{self.settings.port}: {exc.strerror or exc}"
            raise RemoteError(self.last_error) from exc
        self.server.start()
