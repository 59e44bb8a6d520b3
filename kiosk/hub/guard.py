"""Who may talk to the hub's kiosk endpoints, how often and how much.

Heartbeats and events need a token: a kiosk listed in the per-kiosk token file must send *its*
token (so no other kiosk, not even one with the fleet token, can speak for it); any other kiosk id
needs the fleet token. With neither configured, both endpoints are refused. Each kiosk id has a
token bucket per endpoint; bodies are read with a byte cap before they are parsed.
"""

from __future__ import annotations

import hmac
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import HTTPException, Request

from kiosk.errors import ConfigError

MAX_HEARTBEAT_BYTES = 64 * 1024
MAX_EVENTS_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Rate:
    per_minute: float
    burst: int


HEARTBEAT_RATE = Rate(per_minute=6, burst=6)
"""A kiosk beats every 5 minutes and after each activation; 6 a minute is plenty."""
EVENTS_RATE = Rate(per_minute=12, burst=12)


def load_kiosk_tokens(path: Path) -> dict[str, str]:
    """``kiosk_id token`` per line (``#`` comments); raises ConfigError naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the kiosk tokens ({exc.strerror or exc})") from exc
    tokens: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2 or len(parts[1]) < 16:
            raise ConfigError(f"{path}:{number}: expected 'kiosk_id token' with a token of 16 or more "
                              "characters")
        tokens[parts[0]] = parts[1]
    return tokens


@dataclass
class KioskAuth:
    fleet_token: str = ""
    kiosk_tokens: dict[str, str] = field(default_factory=dict)

    @property
    def enabled(self) -> bool:
        return bool(self.fleet_token or self.kiosk_tokens)

    def check(self, request: Request, kiosk_id: str) -> None:
        """401/403 unless the bearer token is this kiosk's own, or the fleet token for an unlisted id."""
        if not self.enabled:
            raise HTTPException(403, "heartbeats and events are disabled: start the hub with "
                                     "--fleet-token-file or --kiosk-tokens")
        given = request.headers.get("authorization", "").encode()
        own = self.kiosk_tokens.get(kiosk_id)
        expected = own if own is not None else self.fleet_token
        if not expected or not hmac.compare_digest(given, f"Bearer {expected}".encode()):
            raise HTTPException(401, "missing or wrong bearer token for this kiosk (sync.token)",
                                headers={"WWW-Authenticate": "Bearer"})


class RateLimiter:
    """A token bucket per key; :meth:`take` raises 429 with Retry-After when the bucket is empty."""

    def __init__(self, rate: Rate, *, max_keys: int = 10_000) -> None:
        self.rate = rate
        self.max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> None:
        now = time.monotonic()
        refill = self.rate.per_minute / 60.0
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.rate.burst), now))
            tokens = min(float(self.rate.burst), tokens + (now - last) * refill)
            if tokens < 1.0:
                wait = (1.0 - tokens) / refill
                self._buckets[key] = (tokens, now)
                raise HTTPException(429, f"too many requests for kiosk {key[:64]!r}; slow down",
                                    headers={"Retry-After": str(max(1, round(wait)))})
            if len(self._buckets) >= self.max_keys and key not in self._buckets:
                self._buckets.pop(next(iter(self._buckets)))
            self._buckets[key] = (tokens - 1.0, now)


async def read_capped(request: Request, limit: int) -> bytes:
    """The request body, refusing (413) more than ``limit`` bytes, declared or sent."""
    declared = request.headers.get("content-length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body larger than {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"body larger than {limit} bytes")
    return bytes(body)
