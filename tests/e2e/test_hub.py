"""The hub over real HTTP: static tree with ETag and Range, uploads, heartbeats, events, OpenAPI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

pytest.importorskip("uvicorn")

from kiosk.content.build import build_zip
from kiosk.content.manifest import sha256_bytes
from kiosk.hub import fleetdb
from kiosk.hub.app import HubSettings
from kiosk.sync.publish import publish_path
from tests.helpers.packs import make_pack
from tests.helpers.servers import running_hub

BLOB = os.urandom(100_000)  # served as media/b.txt: a file type packs keep, so the pack loads cleanly
AUTH = {"Authorization": "Bearer tok"}


FLEET = "fleet-token-0123456789"
FLEET_AUTH = {"Authorization": f"Bearer {FLEET}"}


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "root"
    publish_path(make_pack(tmp_path / "p1", 1, {"media/b.txt": BLOB}), root, "main")
    with running_hub(HubSettings(root, token="tok", fleet_token=FLEET)) as url:
        yield url, root


def test_blobs_have_etag_and_ranges(hub: tuple[str, Path]) -> None:
    url, _ = hub
    blob = f"{url}/v1/blobs/{sha256_bytes(BLOB)}"
    full = requests.get(blob, timeout=5)
    assert full.content == BLOB and full.headers["ETag"] == f'"{sha256_bytes(BLOB)}"'
    part = requests.get(blob, headers={"Range": "bytes=1000-", "If-Range": full.headers["ETag"]}, timeout=5)
    assert part.status_code == 206 and part.content == BLOB[1000:]
    assert part.headers["Content-Range"] == f"bytes 1000-{len(BLOB) - 1}/{len(BLOB)}"
    stale = requests.get(blob, headers={"Range": "bytes=1000-", "If-Range": '"other"'}, timeout=5)
    assert stale.status_code == 200 and stale.content == BLOB
    assert requests.get(blob, headers={"Range": f"bytes={len(BLOB)}-"}, timeout=5).status_code == 416


def test_channel_etag_gives_304_until_the_next_publish(hub: tuple[str, Path], tmp_path: Path) -> None:
    url, root = hub
    first = requests.get(f"{url}/v1/channels/main.json", timeout=5)
    assert first.headers["Content-Type"].startswith("application/json")
    etag = first.headers["ETag"]
    assert requests.get(f"{url}/v1/channels/main.json", headers={"If-None-Match": etag},
                        timeout=5).status_code == 304
    publish_path(make_pack(tmp_path / "p2", 2, {"media/b.txt": BLOB}), root, "main")
    assert requests.get(f"{url}/v1/channels/main.json", headers={"If-None-Match": etag},
                        timeout=5).status_code == 200


def test_nothing_outside_v1_is_served(hub: tuple[str, Path]) -> None:
    url, _ = hub
    for path in ("/v1/../hub.db", "/v1/%2e%2e/hub.db", "/v1/.publish.lock", "/hub.db"):
        assert requests.get(url + path, timeout=5).status_code == 404, path


def test_upload_needs_the_token_and_a_valid_pack(hub: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = hub
    build_zip(make_pack(tmp_path / "p3", 3, {"media/c.txt": b"c"}), tmp_path / "p3.zip")
    data = (tmp_path / "p3.zip").read_bytes()
    api = f"{url}/api/v1/packs"
    assert requests.post(api, params={"channel": "main"}, data=data, timeout=5).status_code == 401
    bad = requests.post(api, params={"channel": "main"}, data=b"not a zip", headers=AUTH, timeout=5)
    assert bad.status_code == 422 and "zip" in bad.text
    ok = requests.post(api, params={"channel": "main"}, data=data, headers=AUTH, timeout=10)
    assert ok.status_code == 200 and ok.json()["version"] == 3
    older = requests.post(api, params={"channel": "main"}, data=data, headers=AUTH, timeout=10)
    assert older.status_code == 200 and older.json()["blobs_written"] == 0  # same content: no-op
    channel = requests.get(f"{url}/v1/channels/main.json", timeout=5).json()
    assert channel["packs"][0]["version"] == 3


def test_heartbeat_and_events_are_stored_without_personal_fields(hub: tuple[str, Path]) -> None:
    url, root = hub
    beat = {"kiosk_id": "lab-1", "channel": "main", "packs": [{"id": "demo", "version": 1,
            "manifest_sha256": "a" * 64}], "uptime_seconds": 12, "memory_mb": 80, "poll_seconds": 60}
    beat_url, events_url = f"{url}/api/v1/heartbeat", f"{url}/api/v1/events"
    assert requests.post(beat_url, json=beat, headers=FLEET_AUTH, timeout=5).status_code == 200
    events = {"kiosk_id": "lab-1", "events": [
        {"ts": "2026-01-01T10:00:00Z", "kind": "screen_view", "screen": "case:x", "lang": "en"},
        {"ts": "2026-01-01T10:00:30Z", "kind": "dwell", "screen": "case:x", "seconds": 30}]}
    assert requests.post(events_url, json=events, headers=FLEET_AUTH, timeout=5).json()["stored"] == 2
    personal = {"kiosk_id": "lab-1", "events": [{"ts": "t", "kind": "dwell", "email": "a@b.c"}]}
    assert requests.post(events_url, json=personal, headers=FLEET_AUTH, timeout=5).status_code == 422
    db = fleetdb.open_hub_db(root)
    assert [k["id"] for k in fleetdb.kiosks(db)] == ["lab-1"]
    assert db.execute("select count(*) from events").fetchone()[0] == 2
    db.conn.close()
    assert "/api/v1/heartbeat" in requests.get(f"{url}/openapi.json", timeout=5).json()["paths"]


@pytest.mark.expect_log("kiosk.sync.heartbeat")  # the hub refuses the bad event
def test_kiosk_heartbeat_and_event_sender(hub: tuple[str, Path], tmp_path: Path) -> None:
    from types import SimpleNamespace

    from kiosk.config import Config
    from kiosk.sync.heartbeat import send_events, send_heartbeat

    url, root = hub
    cfg = Config()
    cfg.kiosk.id, cfg.kiosk.data_dir, cfg.sync.hub_url = "lab-7", str(tmp_path / "k"), url
    cfg.sync.token = FLEET  # the kiosk sends its sync.token with heartbeats and events
    packs = [SimpleNamespace(id="demo", version=1, manifest_sha256="c" * 64)]
    assert send_heartbeat(cfg, packs)
    assert send_events(cfg, [{"ts": "2026-01-01T10:00:00Z", "kind": "language", "lang": "da"}])
    assert not send_events(cfg, [{"ts": "t", "kind": "screen_view", "name": "Alice"}])
    db = fleetdb.open_hub_db(root)
    (kiosk,) = fleetdb.kiosks(db)
    db.conn.close()
    assert kiosk["id"] == "lab-7" and kiosk["packs"][0]["manifest_sha256"] == "c" * 64
    assert kiosk["memory_mb"] > 0
    cfg.sync.hub_url = "http://127.0.0.1:9"  # nothing listens: best effort, no exception
    assert not send_heartbeat(cfg, packs)
