"""Start-up checks with real files: a garbage or truncated kiosk.db is set aside and rebuilt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.app import open_store_content
from kiosk.config import Config
from kiosk.health import state
from kiosk.health.startup import quick_check
from kiosk.paths import DataPaths
from kiosk.runtime.startup import check_store
from kiosk.store import Store
from kiosk.sync.state import SyncState, load_state, save_state
from tests.bench.gen_pack import make_pack


def config(tmp_path: Path) -> Config:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path)
    return cfg


def test_a_healthy_store_passes(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    assert quick_check(paths.database) == (True, "no database yet")
    with Store.open(paths) as store:
        store.install_loaded(*make_pack(2))
    result = check_store(paths)
    assert result.ok and result.moved_to is None
    assert paths.database.exists()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
@pytest.mark.expect_log("kiosk.health.startup")
def test_a_corrupt_store_is_set_aside_and_rebuilt_from_the_bundled_pack(tmp_path: Path, damage: str) -> None:
    paths = DataPaths(tmp_path)
    with Store.open(paths) as store:
        for v in (1, 2):
            store.install_loaded(*make_pack(40, version=v, changed=range(40)))
        store.db().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    save_state(paths, SyncState(etag='"abc"', last_success="2026-01-01T00:00:00Z"))
    data = paths.database.read_bytes()
    if damage == "garbage":
        paths.database.write_bytes(b"this is not SQLite at all " * 100)
    else:
        paths.database.write_bytes(data[: len(data) // 3])
    ok, detail = quick_check(paths.database)
    assert not ok and detail

    result = check_store(paths)
    assert not result.ok and result.moved_to is not None
    assert result.moved_to.name.startswith("kiosk.db.corrupt-") and result.moved_to.exists()
    assert not paths.database.exists()
    assert load_state(paths).etag is None  # the next sync fetches the channel again
    assert load_state(paths).last_success == "2026-01-01T00:00:00Z"
    assert state.recent_events(paths)[-1]["kind"] == "corrupt_store"

    store, reader = open_store_content(config(tmp_path))
    try:
        assert reader.meta.id != "demo"  # the bundled pack
        assert quick_check(paths.database) == (True, "ok")
    finally:
        store.close()


@pytest.mark.expect_log("kiosk.health.startup")
def test_status_json_names_the_event(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    paths.ensure()
    paths.database.write_bytes(b"\0" * 4096)
    check_store(paths)
    doc = json.loads((tmp_path / "health.json").read_text())
    assert "set aside as kiosk.db.corrupt-" in doc["events"][0]["message"]
    assert state.as_status(paths)["state"] == "recovered"
