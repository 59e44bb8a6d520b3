"""The real ``kiosk run`` process syncs a new pack version from the hub and reports it on screen.

A hub (uvicorn, 127.0.0.1) serves a protocol v1 tree with version 2 of the bundled pack; the kiosk
starts on its bundled version 1, syncs in the background, switches on the attract loop (nobody is
touching it) and its heartbeat tells the hub what is on screen, verified from its store.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kiosk.hub import fleetdb
from kiosk.paths import DataPaths
from kiosk.store import Store
from kiosk.sync.publish import publish_path
from tests.helpers.servers import running_hub

pytest.importorskip("uvicorn")
from kiosk.hub.app import HubSettings

ROOT = Path(__file__).resolve().parent.parent.parent


def hub_row(root: Path, kiosk_id: str) -> dict[str, Any] | None:
    if not (root / "hub.db").exists():
        return None
    db = fleetdb.open_hub_db(root)
    try:
        return next((r for r in fleetdb.kiosks(db) if r["id"] == kiosk_id), None)
    finally:
        db.conn.close()


def wait_for(predicate, proc: subprocess.Popen[str], timeout: float):  # type: ignore[no-untyped-def]
    """Poll ``predicate`` (a file/database look-up across processes) until it returns a truthy value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the kiosk exited with {proc.returncode}")
        value = predicate()
        if value:
            return value
        time.sleep(0.1)  # polling another process's files; there is no signal to wait on
    raise AssertionError("timed out")


@pytest.mark.slow
def test_kiosk_process_syncs_switches_and_reports(tmp_path: Path, bundled_pack: Path) -> None:
    v2 = tmp_path / "v2"
    shutil.copytree(bundled_pack, v2)
    meta = v2 / "pack.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("version: 1", "version: 2", 1), encoding="utf-8")
    hub_root = tmp_path / "hub"
    publish_path(v2, hub_root, "main")
    data = tmp_path / "kiosk"
    with running_hub(HubSettings(hub_root, fleet_token="fleet-token-0123456789")) as url:
        cfg = tmp_path / "kiosk.toml"
        cfg.write_text(f'[kiosk]\nid = "e2e-kiosk"\ndata_dir = "{data}"\n[data]\nenabled = false\n'
                       f'[sync]\nhub_url = "{url}"\nchannel = "main"\npoll_seconds = 600\n'
                       'token = "fleet-token-0123456789"\n', encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
        log = (tmp_path / "kiosk.log").open("w")
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--config", str(cfg), "run", "--windowed", "--size", "1280x800"],
            stdout=log, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path)
        try:
            row = wait_for(lambda: (r := hub_row(hub_root, "e2e-kiosk")) and r["packs"] and
                           r["packs"][0]["version"] == 2 and r, proc, 60)
        finally:
            proc.terminate()
            proc.wait(20)
            log.close()
    output = (tmp_path / "kiosk.log").read_text()
    assert "Traceback" not in output, output
    pack = row["packs"][0]
    assert pack["id"] == "danish-smart-city" and pack["verified"] is True
    assert row["route"] == "attract" and row["last_error"] is None
    state = json.loads((data / "sync-state.json").read_text())
    assert state["last_success"] and not state["last_error"]
    with Store.open(DataPaths(data)) as store:
        assert [(p.id, p.version) for p in store.active_packs()] == [("danish-smart-city", 2)]
        reader = store.reader()
        assert reader is not None and reader.meta.version == 2
