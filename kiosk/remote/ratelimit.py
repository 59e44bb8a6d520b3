"""Token-bucket rate limits per client address (and one shared bucket for failed sign-ins)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

MAX_KEYS = 256
"""Buckets kept; the least recently used address is forgotten first (a flood of addresses cannot grow
memory)."""


class RateLimiter:
    """``burst`` requests at once, refilled at ``rate`` per second, per key."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate, self.burst = rate, burst
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, key: str = "") -> bool:
        """Take one token for ``key``; False when its bucket is empty (the caller answers 429)."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            allowed = tokens >= 1
            self._buckets[key] = (tokens - 1 if allowed else tokens, now)
            while len(self._buckets) > MAX_KEYS:
                self._buckets.popitem(last=False)
            return allowed

    def retry_after(self, key: str = "") -> int:
        """Whole seconds until ``key`` has a token again (for the Retry-After header)."""
        with self._lock:
            tokens, _ = self._buckets.get(key, (self.burst, 0.0))
        return max(1, round((1 - tokens) / self.rate + 0.5)) if tokens < 1 else 0
