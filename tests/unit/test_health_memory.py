"""RSS reading and the memory ceiling flag."""

from __future__ import annotations

import os

import pytest

from kiosk.health.memory import MemoryCeiling, rss_mb


def test_rss_of_this_process_is_plausible() -> None:
    assert 10 < rss_mb() < 4096
    assert abs(rss_mb(os.getpid()) - rss_mb()) < 50
    assert rss_mb(2**22 + 12345) == 0.0  # no such process


@pytest.mark.expect_log("kiosk.health.memory")
def test_ceiling_raises_the_flag_once_above_the_limit() -> None:
    readings = iter([100.0, 150.0, 90.0])
    ceiling = MemoryCeiling(120, lambda: next(readings))
    assert not ceiling.check()
    assert ceiling.check() and ceiling.last_rss_mb == 150.0
    assert ceiling.check()  # stays requested: the restart is still due


def test_zero_limit_disables_the_ceiling() -> None:
    ceiling = MemoryCeiling(0, lambda: 10_000.0)
    assert not ceiling.check()
    assert not ceiling.restart_requested
