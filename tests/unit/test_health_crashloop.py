"""The crash-loop guard against a real store with two versions (time injected; real processes in e2e)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from kiosk.health import state
from kiosk.health.crashloop import CrashLoopGuard, is_quarantined
from kiosk.paths import DataPaths
from kiosk.store import Store
from tests.bench.gen_pack import make_pack


def two_versions(paths: DataPaths) -> Store:
    store = Store.open(paths)
    store.install_loaded(*make_pack(2, version=1))
    store.install_loaded(*make_pack(2, version=2, changed=[0]))
    return store


@pytest.mark.expect_log("kiosk.health.crashloop")
def test_three_crashes_after_an_activation_roll_back_on_the_fourth_start(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    with two_versions(paths) as store:
        t = time.time()
        for i in range(3):
            assert CrashLoopGuard(paths).on_start(store, now=t + i) is None  # no clean exit: a crash
        rolled = CrashLoopGuard(paths).on_start(store, now=t + 3)
        assert rolled is not None and (rolled.from_version, rolled.to_version, rolled.crashes) == (2, 1, 3)
        assert [p.version for p in store.active_packs()] == [1]
        assert is_quarantined(paths, "demo", 2) and not is_quarantined(paths, "demo", 1)
        events = state.recent_events(paths)
        assert events[-1]["kind"] == "crash_loop" and "rolled back to v1" in events[-1]["message"]
        assert state.as_status(paths)["state"] == "rolled back"
        # The old version now shows; its own starts are counted afresh, the old crashes never again.
        assert CrashLoopGuard(paths).on_start(store, now=t + 4) is None
        assert [p.version for p in store.active_packs()] == [1]


def test_clean_exits_are_not_crashes(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    with two_versions(paths) as store:
        t = time.time()
        for i in range(5):
            guard = CrashLoopGuard(paths)
            assert guard.on_start(store, now=t + i) is None
            guard.on_clean_exit()
        starts = json.loads((tmp_path / "crashloop.json").read_text())["starts"]
        assert len(starts) == 5 and all(s["clean"] is True for s in starts)
        assert [p.version for p in store.active_packs()] == [2]


def test_crashes_spread_beyond_the_window_do_not_roll_back(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    with two_versions(paths) as store:
        t = time.time()
        for i in range(3):
            CrashLoopGuard(paths, window_s=600).on_start(store, now=t + i * 400)
        assert CrashLoopGuard(paths, window_s=600).on_start(store, now=t + 1200) is None
        assert [p.version for p in store.active_packs()] == [2]


def test_a_long_running_version_is_not_blamed(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    with two_versions(paths) as store:
        later = time.time() + 7200  # activated two hours before these crashes
        for i in range(4):
            assert CrashLoopGuard(paths).on_start(store, now=later + i) is None
        assert [p.version for p in store.active_packs()] == [2]


@pytest.mark.expect_log("kiosk.health.crashloop")
def test_no_previous_version_is_reported_not_raised(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    with Store.open(paths) as store:
        store.install_loaded(*make_pack(2, version=1))
        t = time.time()
        for i in range(4):
            assert CrashLoopGuard(paths).on_start(store, now=t + i) is None
        assert "no rollback" in state.recent_events(paths)[-1]["message"]
