"""Token-bucket rate limits (no Qt, no server)."""

from __future__ import annotations

import pytest

from kiosk.remote.ratelimit import MAX_KEYS, RateLimiter
from tests.helpers.clock import ManualClock


def test_a_burst_then_refusal_then_refill() -> None:
    clock = ManualClock()
    limit = RateLimiter(rate=2, burst=5, clock=clock)
    assert [limit.allow("a") for _ in range(6)] == [True] * 5 + [False]
    assert limit.retry_after("a") >= 1
    assert limit.allow("b")  # another address has its own bucket
    clock.now += 0.5
    assert limit.allow("a") and not limit.allow("a")
    clock.now += 100
    assert sum(limit.allow("a") for _ in range(10)) == 5  # never more than the burst


def test_many_addresses_do_not_grow_memory() -> None:
    clock = ManualClock()
    limit = RateLimiter(rate=1, burst=1, clock=clock)
    for i in range(MAX_KEYS * 3):
        limit.allow(f"10.0.{i // 256}.{i % 256}")
    assert len(limit._buckets) == MAX_KEYS


def test_nonsense_limits_are_refused() -> None:
    with pytest.raises(ValueError):
        RateLimiter(rate=0, burst=1)
