"""What the admin panel shows: gathered from a real store, the sync state file and a bounded error log."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.admin.info import ErrorLog, gather, human_bytes, human_duration, summary_lines
from kiosk.config import Config
from kiosk.store import Store
from kiosk.sync.state import SyncState, save_state
from tests.bench.gen_pack import make_pack


def test_error_log_is_bounded_newest_first_and_ignores_info() -> None:
    logger = logging.getLogger("test.admin.errors")
    logger.propagate = False
    errors = ErrorLog(capacity=3).install(logger)
    try:
        logger.info("not shown")
        for i in range(5):
            logger.error("failure %d\nwith a traceback line", i)
    finally:
        errors.uninstall(logger)
    recent = errors.recent()
    assert len(recent) == 3 and recent[0].endswith("failure 4") and recent[2].endswith("failure 2")
    assert all("ERROR test.admin.errors" in line for line in recent)


def test_gather_reports_packs_sync_disk_and_memory(tmp_path: Path) -> None:
    cfg = Config()
    cfg.kiosk.id = "aarhus-1"
    cfg.kiosk.data_dir = str(tmp_path / "data")
    cfg.sync.hub_url = "https://hub.example.org"
    save_state(cfg.data_paths(), SyncState(
        last_success="2024-05-01T10:00:00+00:00", last_error="hub unreachable",
        offline_since="2024-05-01T10:42:00+00:00",
    ))
    errors = ErrorLog()
    errors.handle(logging.makeLogRecord({"msg": "disk nearly full", "levelno": 40, "levelname": "ERROR"}))
    with Store.open(cfg.data_paths()) as store:
        result = store.install_loaded(*make_pack(1, version=4))
        info = gather(cfg, store, errors)
    assert info.kiosk_id == "aarhus-1" and info.version
    assert [(p.id, p.version, p.sha_short) for p in info.packs] == [
        ("demo", 4, result.manifest_sha256[:12])
    ]
    assert info.sync_state == "error" and info.offline_since
    assert 0 < info.disk_free <= info.disk_total
    assert info.rss_bytes > 10 * 2**20
    assert info.errors and "disk nearly full" in info.errors[0]
    rows = dict(summary_lines(info))
    assert rows["Sync"].startswith("error · last 2024-05-01") and "hub unreachable" in rows["Sync"]
    assert rows["Network"].startswith("offline since 2024-05-01")
    assert f"demo v4 ({result.manifest_sha256[:12]})" in rows["Content"]


def test_humanised_figures() -> None:
    assert human_bytes(512) == "512 B" and human_bytes(3 * 2**30) == "3.0 GB"
    assert human_duration(59) == "0 min 59 s" and human_duration(3 * 86400 + 7200) == "3 d 2 h"


def test_network_is_not_online_while_every_live_source_fails(tmp_path: Path) -> None:
    from kiosk.data.cache import ObservationCache

    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "data")
    cfg.kiosk.timezone = "Europe/Copenhagen"
    cache = ObservationCache(cfg.data_paths().ensure().database)
    try:
        for series in ("a/co2", "a/wind"):
            cache.update_state(series, failures=3, offline_since=1_714_557_720.0)  # 2024-05-01 10:02 UTC
        info = gather(cfg)
        assert (info.sources, info.sources_failing) == (2, 2)
        network = dict(summary_lines(info))["Network"]
        assert network.startswith("offline") and "online" not in network
        assert "2024-05-01 12:02" in network  # Copenhagen summer time, as the visitor screens show it
        cache.update_state("a/wind", failures=0, offline_since=None)
        network = dict(summary_lines(gather(cfg)))["Network"]
        assert network.startswith("online (live sources reached)")
        assert "1 of 2 live sources failing" in network
    finally:
        cache.close()


def test_nothing_reached_is_not_called_online(tmp_path: Path) -> None:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "data")
    assert dict(summary_lines(gather(cfg)))["Network"].startswith("unknown")


def test_times_are_in_the_kiosk_timezone() -> None:
    from kiosk.admin.info import short_time

    assert short_time("2024-01-15T10:00:00+00:00", "Europe/Copenhagen") == "2024-01-15 11:00"
    assert short_time("2024-07-15T10:00:00+00:00", "America/New_York") == "2024-07-15 06:00"
