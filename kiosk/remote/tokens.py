"""Pairing tokens (in the QR code) and the one session token they are swapped for.

* A pairing token has 256 bits from :mod:`secrets`, is valid for :data:`PAIRING_TTL_S` seconds and
  works once. Only the newest pairing token is valid; closing the QR panel cancels it.
* Pairing swaps it for a session token (also 256 bits). There is one session at a time: a new
  pairing replaces the old phone's session, and a new pairing token is only issued from the screen
  (``takeover=True`` when a phone is already paired).
* :meth:`Pairing.end_session` ends the session (tour end, idle reset, End tour).

Thread-safe: the web server's threads check tokens while the kiosk's main thread issues and ends them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Literal

PAIRING_TTL_S = 120.0
TOKEN_BYTES = 32
"""256 bits of randomness per token (the brief asks for at least 128)."""

Refusal = Literal["expired", "used", "unknown", "paired"]

MESSAGES: dict[Refusal, str] = {
    "expired": "This pairing code has expired (codes last 2 minutes). Tap Remote on the kiosk for a new one.",
    "used": "This pairing code was already used. Tap Remote on the kiosk for a new one.",
    "unknown": "This pairing code is not valid. Scan the Remote QR code on the kiosk.",
    "paired": "Another phone is paired. Take over from the kiosk's screen (Remote, then Pair another phone).",
}


class PairingError(Exception):
    """A pairing or session was refused; :attr:`kind` says why, the message says what to do."""

    def __init__(self, kind: Refusal) -> None:
        self.kind: Refusal = kind
        super().__init__(MESSAGES[kind])


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "replace")).digest()


class Pairing:
    """The current pairing token and the current session (at most one of each)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, ttl_s: float = PAIRING_TTL_S) -> None:
        self._clock = clock
        self._ttl = ttl_s
        self._lock = threading.Lock()
        self._pairing: tuple[bytes, float] | None = None
        self._used: deque[bytes] = deque(maxlen=16)
        self._session: bytes | None = None
        self.generation = 0
        """Changes whenever the session is replaced or ended (event streams of an old session end)."""

    @property
    def paired(self) -> bool:
        with self._lock:
            return self._session is not None

    @property
    def pairing_open(self) -> bool:
        with self._lock:
            return self._pairing is not None and self._clock() < self._pairing[1]

    def issue(self, *, takeover: bool = False) -> str:
        """A new one-time pairing token (the previous one stops working).

        Raises :class:`PairingError` ("paired") while a phone is paired, unless the screen asked to
        take over.
        """
        with self._lock:
            if self._session is not None and not takeover:
                raise PairingError("paired")
            token = secrets.token_urlsafe(TOKEN_BYTES)
            self._pairing = (_digest(token), self._clock() + self._ttl)
            return token

    def cancel(self) -> None:
        """The QR code left the screen: its token no longer pairs."""
        with self._lock:
            self._pairing = None

    def pair(self, token: str) -> str:
        """Swap a pairing token for a new session token, replacing any earlier phone's session."""
        digest = _digest(token)
        with self._lock:
            current = self._pairing
            if current is not None and hmac.compare_digest(digest, current[0]):
                self._pairing = None
                self._used.append(digest)
                if self._clock() >= current[1]:
                    raise PairingError("expired")
                session = secrets.token_urlsafe(TOKEN_BYTES)
                self._session = _digest(session)
                self.generation += 1
                return session
            if any(hmac.compare_digest(digest, used) for used in self._used):
                raise PairingError("used")
            raise PairingError("unknown")

    def check(self, session: str) -> int | None:
        """The session's generation if ``session`` is the current session token, else None."""
        digest = _digest(session)
        with self._lock:
            if self._session is not None and hmac.compare_digest(digest, self._session):
                return self.generation
            return None

    def end_session(self) -> bool:
        """End the session and cancel any pairing token; True if a phone was paired."""
        with self._lock:
            had = self._session is not None
            self._session = None
            self._pairing = None
            if had:
                self.generation += 1
            return had
