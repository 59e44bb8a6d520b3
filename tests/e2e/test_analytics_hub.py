"""Events buffered while the hub is unreachable reach the real hub in batches once it is back;
the fleet page shows the most-viewed case studies and the enriched heartbeat."""

from __future__ import annotations

import socket
from pathlib import Path

import requests

from kiosk.analytics import EventBuffer, flush_to_hub
from kiosk.config import Config
from kiosk.health import state
from kiosk.hub import fleetdb
from kiosk.hub.app import HubSettings
from kiosk.store import Store
from kiosk.sync.heartbeat import send_events, send_heartbeat
from tests.bench.gen_pack import make_pack
from tests.helpers.servers import running_hub

FLEET = "fleet-token-0123456789"

def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_offline_then_online(tmp_path: Path) -> None:
    cfg = Config()
    cfg.kiosk.id, cfg.kiosk.data_dir = "lab-3", str(tmp_path / "kiosk")
    cfg.sync.connect_timeout = cfg.sync.read_timeout = 5
    buf = EventBuffer(cfg.data_paths().ensure().database)
    cfg.sync.hub_url = closed_port_url()  # offline
    for slug, n in (("harbour", 5), ("bikes", 3), ("solar", 1)):
        for _ in range(n):
            buf.record("screen_view", screen=f"case:{slug}")
            buf.record("dwell", screen=f"case:{slug}", seconds=20)
    buf.record("tour_start", screen="tour:intro")
    buf.record("language", lang="da")
    assert flush_to_hub(cfg, buf) == 0 and buf.count() == 20

    with running_hub(HubSettings(root=tmp_path / "hub", fleet_token=FLEET)) as url:
        cfg.sync.hub_url, cfg.sync.token = url, FLEET  # online
        sent = buf.flush(lambda ev: send_events(cfg, ev), batch=8)
        assert sent == 20 and buf.count() == 0
        page = requests.get(f"{url}/fleet", timeout=10).text
    db = fleetdb.open_hub_db(tmp_path / "hub")
    try:
        assert db.execute("SELECT count(*) FROM events WHERE kiosk_id = 'lab-3'").fetchone()[0] == 20
        assert fleetdb.most_viewed(db)["lab-3"] == [("harbour", 5), ("bikes", 3), ("solar", 1)]
    finally:
        db.conn.close()
    assert "No kiosk has reported yet" in page  # events alone do not make a kiosk row
    buf.close()


def test_heartbeat_reports_route_verified_hashes_and_recent_errors(tmp_path: Path) -> None:
    cfg = Config()
    cfg.kiosk.id, cfg.kiosk.data_dir = "lab-4", str(tmp_path / "kiosk")
    paths = cfg.data_paths()
    with Store.open(paths) as store:
        store.install_loaded(*make_pack(3, version=1))
        packs = store.active_packs()
    state.record_event(paths, "crash_loop", "demo v2 crashed the kiosk 3 times; rolled back to v1")
    buf = EventBuffer(paths.database)
    for _ in range(2):
        buf.record("screen_view", screen="case:case-000")
    with running_hub(HubSettings(root=tmp_path / "hub", fleet_token=FLEET)) as url:
        cfg.sync.hub_url, cfg.sync.token = url, FLEET
        assert send_heartbeat(cfg, packs, route="case:case-000")
        assert flush_to_hub(cfg, buf) == 2
        # Damage one media file: the next heartbeat says the content is no longer verified.
        with Store.open(paths) as store:
            sha = store.db().execute("SELECT sha256 FROM files LIMIT 1").fetchone()[0]
            store.media_file(sha).write_bytes(b"short")
        page_ok = requests.get(f"{url}/fleet", timeout=10).text
        db = fleetdb.open_hub_db(tmp_path / "hub")
        (row,) = fleetdb.kiosks(db)
        db.conn.close()
        assert send_heartbeat(cfg, packs, route="attract")
        page_bad = requests.get(f"{url}/fleet", timeout=10).text
    assert row["route"] == "case:case-000" and row["packs"][0]["verified"] is True
    assert "crash_loop: demo v2" in row["recent_errors"][0]
    assert 'data-status="failing"' not in page_ok and "on screen: case:case-000" in page_ok
    assert 'data-slug="case-000"' in page_ok and "rolled back to v1" in page_ok
    assert 'data-status="failing"' in page_bad and "does not match its manifest" in page_bad
    buf.close()
