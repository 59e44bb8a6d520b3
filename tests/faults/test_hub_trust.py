"""Row 5: the hub trusts only kiosks it knows, validates bodies, limits rates and sizes, cleans up.

A real ``kiosk hub serve`` process on 127.0.0.1, real HTTP requests."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from kiosk.content.build import build_zip
from tests.faults.common import ROOT
from tests.helpers.packs import make_pack

pytest.importorskip("uvicorn")

FLEET = "fleet-token-0123456789"
OWN = "lab-1-own-token-9876543210"
UPLOAD = "upload-token-5555555555"


@dataclass
class Hub:
    url: str
    root: Path

    def post(self, path: str, token: str | None, **kw: object) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.post(f"{self.url}{path}", headers=headers, timeout=10, **kw)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    root = tmp_path / "hub"
    (root / ".uploads").mkdir(parents=True)
    (root / ".uploads" / "tmpkilled.zip").write_bytes(b"half an upload")  # a hub killed mid-upload
    (tmp_path / "upload.token").write_text(UPLOAD)
    (tmp_path / "fleet.token").write_text(FLEET)
    (tmp_path / "kiosks.txt").write_text(f"# kiosk id and its own token\nlab-1 {OWN}\n")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "hub", "serve", "--root", str(root), "--port", str(port),
         "--token-file", str(tmp_path / "upload.token"), "--fleet-token-file", str(tmp_path / "fleet.token"),
         "--kiosk-tokens", str(tmp_path / "kiosks.txt")],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                if requests.get(f"{url}/fleet", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the hub did not start"
            time.sleep(0.05)
        yield Hub(url, root)
    finally:
        proc.terminate()
        proc.wait(30)
        if proc.stderr:
            proc.stderr.close()


def beat(kiosk_id: str = "lab-1", **extra: object) -> dict[str, object]:
    return {"kiosk_id": kiosk_id, "channel": "main", "packs": [], "poll_seconds": 60, **extra}


def test_heartbeats_need_the_right_token(hub: Hub) -> None:
    assert hub.post("/api/v1/heartbeat", None, json=beat()).status_code == 401
    assert hub.post("/api/v1/heartbeat", "guess", json=beat()).status_code == 401
    # lab-1 has its own token: the fleet token cannot overwrite its status
    assert hub.post("/api/v1/heartbeat", FLEET, json=beat(last_error="fake")).status_code == 401
    assert hub.post("/api/v1/heartbeat", OWN, json=beat()).status_code == 200
    assert hub.post("/api/v1/heartbeat", FLEET, json=beat("lab-2")).status_code == 200
    assert hub.post("/api/v1/events", None, json={"kiosk_id": "lab-2", "events": []}).status_code == 401
    page = requests.get(f"{hub.url}/fleet", timeout=10).text
    assert "fake" not in page and 'data-id="lab-1"' in page and 'data-id="lab-2"' in page


def test_bad_date_is_422_and_fleet_survives_a_bad_row(hub: Hub) -> None:
    bad = hub.post("/api/v1/heartbeat", FLEET, json=beat("lab-2", last_sync="not-a-date"))
    assert bad.status_code == 422 and "last_sync" in bad.text
    events = {"kiosk_id": "lab-2", "events": [{"ts": "yesterday", "kind": "dwell"}]}
    assert hub.post("/api/v1/events", FLEET, json=events).status_code == 422
    assert hub.post("/api/v1/heartbeat", FLEET, json=beat("lab-2")).status_code == 200
    # A row written by an older hub (no validation then) must not take the page down for everyone.
    with sqlite3.connect(hub.root / "hub.db") as db:
        db.execute("UPDATE kiosks SET last_sync = 'not-a-date', last_seen = 'garbage' WHERE id = 'lab-2'")
    assert hub.post("/api/v1/heartbeat", OWN, json=beat()).status_code == 200
    page = requests.get(f"{hub.url}/fleet", timeout=10)
    assert page.status_code == 200
    assert 'data-id="lab-1" data-status' in page.text and "unreadable report" in page.text


def test_rate_and_size_limits(hub: Hub) -> None:
    codes = [hub.post("/api/v1/heartbeat", FLEET, json=beat("lab-9")).status_code for _ in range(20)]
    assert codes[0] == 200 and codes.count(429) >= 10
    limited = hub.post("/api/v1/heartbeat", FLEET, json=beat("lab-9"))
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert hub.post("/api/v1/heartbeat", OWN, json=beat()).status_code == 200  # others are not limited
    huge = beat("lab-8", last_error="x" * (200 * 1024))
    assert hub.post("/api/v1/heartbeat", FLEET, json=huge).status_code == 413
    many = {"kiosk_id": "lab-8", "events": [{"ts": "2026-01-01T10:00:00Z", "kind": "dwell"}] * 2001}
    assert hub.post("/api/v1/events", FLEET, json=many).status_code in (413, 422)
    with sqlite3.connect(hub.root / "hub.db") as db:
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_refused_upload_leaves_nothing_and_shows_no_server_paths(hub: Hub, tmp_path: Path) -> None:
    assert not list((hub.root / ".uploads").iterdir()), "temp files of a killed hub are cleaned at start"
    build_zip(make_pack(tmp_path / "a", 1, {"media/a.bin": os.urandom(5000)}), tmp_path / "a.zip")
    build_zip(make_pack(tmp_path / "b", 1, {"media/b.bin": os.urandom(5000)}), tmp_path / "b.zip")
    ok = hub.post("/api/v1/packs", UPLOAD, params={"channel": "main"}, data=(tmp_path / "a.zip").read_bytes())
    assert ok.status_code == 200
    blobs = sorted(p.name for p in (hub.root / "v1" / "blobs").iterdir())
    refused = hub.post("/api/v1/packs", UPLOAD, params={"channel": "main"},
                       data=(tmp_path / "b.zip").read_bytes())
    assert refused.status_code == 409
    assert sorted(p.name for p in (hub.root / "v1" / "blobs").iterdir()) == blobs
    assert not list((hub.root / ".uploads").iterdir())
    invalid = hub.post("/api/v1/packs", UPLOAD, params={"channel": "main"}, data=b"PK\x03\x04 broken")
    assert invalid.status_code == 422
    for answer in (refused, invalid):
        for path in (str(hub.root), "/tmp", ".uploads"):
            assert path not in answer.text


def test_event_retention_and_caps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.hub import fleetdb

    monkeypatch.setattr(fleetdb, "MAX_EVENTS_PER_KIOSK", 50)
    monkeypatch.setattr(fleetdb, "MAX_EVENTS", 80)
    db = fleetdb.open_hub_db(tmp_path)
    try:
        old = [{"ts": "2020-01-01T00:00:00Z", "kind": "dwell"}] * 10
        fleetdb.record_events(db, "a", old, "2020-01-01T00:00:00+00:00")
        now = "2026-01-01T00:00:00+00:00"
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 10
        fleetdb.record_events(db, "a", [{"ts": now, "kind": "dwell"}] * 70, now)
        assert db.execute("SELECT count(*) FROM events WHERE kiosk_id = 'a'").fetchone()[0] == 50
        assert db.execute("SELECT min(received) FROM events").fetchone()[0] == now  # retention
        fleetdb.record_events(db, "b", [{"ts": now, "kind": "dwell"}] * 45, now)
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 80
        assert db.execute("SELECT count(*) FROM events WHERE kiosk_id = 'b'").fetchone()[0] == 45
    finally:
        db.conn.close()
