"""The kiosk's life without Qt: the one pending swap, activation at attract, badge text, heartbeat facts."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.config import Config
from kiosk.errors import SyncError, SyncNetworkError, SyncStaleError
from kiosk.health.crashloop import quarantine
from kiosk.runtime.status import OFFLINE, failure_badge, status_text
from kiosk.runtime.swap import ContentSwap
from kiosk.runtime.sync import PackFacts, SyncRuntime, on_screen_packs
from kiosk.store import Store
from kiosk.sync.engine import PackUpdate, SyncResult
from kiosk.sync.state import SyncState
from tests.bench.gen_pack import make_pack

UTC = ZoneInfo("UTC")


def config(tmp_path: Path) -> Config:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "kiosk")
    cfg.kiosk.timezone = "UTC"
    cfg.sync.hub_url = "http://127.0.0.1:9/"  # never contacted: these tests run no sync
    return cfg


def test_staged_versions_are_activated_only_on_attract_one_activation_at_a_time() -> None:
    swap: ContentSwap[str] = ContentSwap()
    swap.stage({"demo": 2})
    assert swap.due(on_attract=False) == {} and swap.staged == {"demo": 2}
    assert swap.due(on_attract=True) == {"demo": 2} and swap.activating
    swap.stage({"other": 5})  # a sync finished meanwhile: it waits for the running activation
    assert swap.due(on_attract=True) == {}
    swap.finished()
    assert swap.due(on_attract=True) == {"other": 5}


def test_skipped_versions_are_dropped_and_nothing_runs() -> None:
    swap: ContentSwap[str] = ContentSwap()
    swap.stage({"demo": 2})
    assert swap.due(True, skip=lambda pack, version: version == 2) == {}
    assert not swap.activating and not swap.staged


def test_content_activated_mid_visit_waits_for_attract() -> None:
    swap: ContentSwap[str] = ContentSwap()
    assert swap.offer("v2", on_attract=False) is None
    assert swap.ready == "v2"
    assert swap.take_ready() == "v2" and swap.take_ready() is None
    assert swap.offer("v3", on_attract=True) == "v3" and swap.ready is None


def test_badge_only_for_network_failures() -> None:
    since = "2024-05-01T10:42:00+00:00"
    offline = SyncState(last_error="x", error_kind="network", offline_since=since)
    assert status_text(offline, UTC) == "Offline since 10:42 — showing saved content"
    assert failure_badge(SyncNetworkError("no route"), offline, UTC) == status_text(offline, UTC)
    assert failure_badge(SyncNetworkError("no route"), SyncState(), UTC) == OFFLINE
    assert failure_badge(SyncError("bad signature"), offline, UTC) is None
    assert failure_badge(SyncStaleError("expired"), offline, UTC) is None


def test_sync_cycle_stages_then_activates_on_attract(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    with Store.open(cfg.data_paths()) as store:
        store.install_loaded(*make_pack(2, version=1))
        store.install_loaded(*make_pack(2, version=2, changed=[0]), activate=False)
        runtime = SyncRuntime(cfg, store)
        assert runtime.start() is None
        job = runtime.begin_sync()
        assert job is not None and runtime.begin_sync() is None  # one sync at a time
        update = PackUpdate("demo", 2, "x" * 64, 1, 10)
        assert runtime.synced(SyncResult("applied", [update])) is None and not runtime.running
        assert runtime.due(on_attract=False) == {}
        todo = runtime.due(on_attract=True)
        assert todo == {"demo": 2}
        done = runtime.activate_job(todo)()
        runtime.activated(done)
        assert done == [("demo", 2)] and [p.version for p in store.active_packs()] == [2]
        assert not runtime.swap.activating


@pytest.mark.expect_log("kiosk.runtime.sync")
def test_quarantined_version_is_not_activated(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    with Store.open(cfg.data_paths()) as store:
        store.install_loaded(*make_pack(2, version=1))
        runtime = SyncRuntime(cfg, store)
        quarantine(cfg.data_paths(), "demo", 2)
        runtime.swap.stage({"demo": 2})
        assert runtime.due(on_attract=True) == {} and not runtime.swap.activating


def test_stopped_runtime_starts_nothing(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    with Store.open(cfg.data_paths()) as store:
        runtime = SyncRuntime(cfg, store)
        runtime.stop()
        runtime.swap.stage({"demo": 2})
        assert runtime.begin_sync() is None and runtime.due(on_attract=True) == {}


def test_heartbeat_reports_the_version_on_screen_not_the_one_activated(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    with Store.open(cfg.data_paths()) as store:
        store.install_loaded(*make_pack(2, version=1))
        shown = store.reader()
        v1 = store.manifest_of("demo", 1)
        store.install_loaded(*make_pack(2, version=2, changed=[0]))
        assert on_screen_packs(store, shown) == [PackFacts("demo", 1, str(v1))]
        v2 = store.manifest_of("demo", 2)
        assert v2 is not None and v2 != v1
        assert on_screen_packs(store, store.reader()) == [PackFacts("demo", 2, v2)]
