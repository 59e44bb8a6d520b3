"""The fleet page rendered by a real headless Chromium against a running hub."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

pytest.importorskip("uvicorn")

from kiosk.hub import fleetdb
from kiosk.hub.app import HubSettings
from kiosk.sync.publish import publish_path
from tests.helpers.chromium import CHROMIUM, chromium
from tests.helpers.packs import make_pack
from tests.helpers.servers import running_hub


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_fleet_page_in_headless_chromium(tmp_path: Path) -> None:
    root = tmp_path / "root"
    result = publish_path(make_pack(tmp_path / "p", 2, {"a.txt": b"x"}), root, "main")
    with running_hub(HubSettings(root, poll_seconds=60, fleet_token="fleet-token-0123456789")) as url:
        def beat(kiosk_id: str, sha: str, version: int, error: str | None = None) -> None:
            doc = {"kiosk_id": kiosk_id, "channel": "main", "poll_seconds": 60, "last_error": error,
                   "packs": [{"id": "demo", "version": version, "manifest_sha256": sha}],
                   "uptime_seconds": 7200, "memory_mb": 150}
            auth = {"Authorization": "Bearer fleet-token-0123456789"}
            done = requests.post(f"{url}/api/v1/heartbeat", json=doc, headers=auth, timeout=5)
            assert done.status_code == 200

        beat("lab-ok", result.manifest_sha256, 2)
        beat("lab-behind", "b" * 64, 1)
        beat("lab-failing", result.manifest_sha256, 2, error="main.json: cannot connect <b>x</b>")
        beat("lab-silent", result.manifest_sha256, 2)
        db = fleetdb.open_hub_db(root)
        db.execute("update kiosks set last_seen = '2020-01-01T00:00:00Z' where id = 'lab-silent'")
        db.conn.commit()
        db.conn.close()

        dom = chromium(f"{url}/fleet", tmp_path, "--dump-dom")
        statuses = dict(re.findall(r'data-id="([^"]+)" data-status="([^"]+)"', dom))
        assert statuses == {"lab-ok": "ok", "lab-behind": "stale", "lab-failing": "failing",
                            "lab-silent": "stale"}
        assert "shows demo 1, channel has version 2" in dom
        assert "&lt;b&gt;x&lt;/b&gt;" in dom and "<b>x</b>" not in dom  # kiosk text is escaped
        assert "4 kiosks: 1 ok, 2 stale, 1 failing" in dom
        shot = tmp_path / "fleet.png"
        chromium(f"{url}/fleet", tmp_path, f"--screenshot={shot}", "--window-size=1280,800")
        assert shot.stat().st_size > 5000
