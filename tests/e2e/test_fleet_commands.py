"""Fleet commands end to end: a real ``kiosk hub serve`` process and real ``kiosk run`` processes.

The hub signs commands with its key and the kiosk trusts it; each command goes from the hub's API
through a heartbeat reply to the kiosk and back as an acknowledgement. Also: a replay runs nothing,
an offline kiosk catches up, an expired command is reported expired, and unsigned or wrongly signed
commands are refused.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
import requests

from kiosk.content import signing
from kiosk.sync.publish import publish_path
from tests.helpers.fleet import ADMIN, CuttingProxy, KioskProcess, free_port, hub_process, wait_for

pytest.importorskip("uvicorn")

pytestmark = pytest.mark.slow


def pack_version(bundled: Path, tmp: Path, version: int) -> Path:
    copy = tmp / f"pack-v{version}"
    shutil.copytree(bundled, copy)
    meta = copy / "pack.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("version: 1", f"version: {version}", 1),
                    encoding="utf-8")
    return copy


def shown_version(hub, kiosk_id: str) -> int | None:  # type: ignore[no-untyped-def]
    import json

    row = hub.kiosk(kiosk_id)
    packs = json.loads(row["packs"]) if row and row.get("packs") else []
    return int(packs[0]["version"]) if packs else None


def test_each_command_end_to_end_with_replay_catch_up_and_expiry(tmp_path: Path, bundled_pack: Path) -> None:
    key_path, pub_path = signing.generate_keypair(tmp_path / "hub-key")
    root = tmp_path / "hub"
    publish_path(bundled_pack, root, "main", sign_key=key_path)
    with hub_process(root, tmp_path, sign_key=key_path) as hub:
        # Heartbeat delivery only (no push), as behind a proxy that cuts long requests.
        kiosk = KioskProcess("lab-1", tmp_path, hub.url, [pub_path.read_text().strip()], push=False)
        proc = kiosk.start()
        try:
            wait_for(lambda: shown_version(hub, "lab-1") == 1, 90, "the first heartbeat", proc)
            wait_for(lambda: (kiosk.data / "sync-state.json").exists() and
                     '"last_success": "' in (kiosk.data / "sync-state.json").read_text(), 60,
                     "the first sync", proc)

            # Staff message: acknowledged, and the admin panel's facts carry it.
            msg = hub.send("kiosk:lab-1", "staff_message", "Leaflets are out: restock from the cupboard")
            assert msg["signed"]
            assert hub.outcome(msg["id"], "lab-1")["status"] == "ok"
            assert "Leaflets are out: restock from the cupboard" in kiosk.cli("admin", "info")

            # Screenshot: the window's picture lands on the hub.
            shot = hub.send("kiosk:lab-1", "screenshot")
            done = hub.outcome(shot["id"], "lab-1")
            assert done["status"] == "ok", done
            png = requests.get(f"{hub.url}/fleet/screenshots/lab-1.png", timeout=10,
                               headers={"Authorization": f"Bearer {ADMIN}"})
            assert png.status_code == 200 and png.headers["content-type"] == "image/png"
            from PIL import Image

            image = Image.open(io.BytesIO(png.content))
            assert image.size == (1280, 800)
            assert len(image.getcolors(1_000_000) or []) > 20  # the attract screen, not a blank grab
            assert requests.get(f"{hub.url}/fleet/screenshots/lab-1.png", timeout=10).status_code == 401
            taken = png.headers["x-taken-at"]

            # Replay: the hub (or someone in between) sends the same signed command again.
            with sqlite3.connect(root / "hub.db") as db:
                db.execute("DELETE FROM command_outcomes WHERE command_id = ?", [shot["id"]])
            assert hub.outcome(shot["id"], "lab-1")["status"] == "ok"  # acknowledged again ...
            again = requests.get(f"{hub.url}/fleet/screenshots/lab-1.png", timeout=10,
                                 headers={"Authorization": f"Bearer {ADMIN}"})
            assert again.headers["x-taken-at"] == taken  # ... but not run again
            assert f"hub command {shot['id']} (screenshot) was already received" in kiosk.log()

            # Sync now, for the whole channel: the new version shows without waiting for poll_seconds.
            publish_path(pack_version(bundled_pack, tmp_path, 2), root, "main", sign_key=key_path)
            sync = hub.send("channel:main", "sync_now")
            result = hub.outcome(sync["id"], "lab-1")
            assert result["status"] == "ok" and "v2" in result["detail"], result
            wait_for(lambda: shown_version(hub, "lab-1") == 2, 60, "version 2 on screen", proc)

            # Restart at the attract loop: a clean exit (code 0) after the acknowledgement.
            restart = hub.send("kiosk:lab-1", "restart_at_attract")
            assert proc.wait(60) == 0
            assert hub.outcome(restart["id"], "lab-1")["status"] == "ok"

            # Offline: a message waits; a screenshot that expires first is reported expired.
            late = hub.send("kiosk:lab-1", "staff_message", "Welcome back")
            stale = hub.send("kiosk:lab-1", "screenshot", expires_in=10)
            expired = hub.outcome(stale["id"], "lab-1", timeout=30)
            assert expired["status"] == "expired" and "not acknowledged before" in expired["detail"]
            proc = kiosk.start()
            assert hub.outcome(late["id"], "lab-1", timeout=90)["status"] == "ok"
            assert "Welcome back" in kiosk.cli("admin", "info")
            assert hub.command(stale["id"])["outcomes"]["lab-1"]["status"] == "expired"
            assert hub.command(restart["id"])["outcomes"]["lab-1"]["status"] == "ok"
            assert proc.poll() is None  # the restart command did not run a second time
            with sqlite3.connect(kiosk.data / "kiosk.db") as db:
                known = {r[0] for r in db.execute("SELECT id FROM fleet_commands")}
            assert stale["id"] not in known and late["id"] in known
        finally:
            kiosk.stop()


def test_unsigned_and_wrongly_signed_commands_are_refused(tmp_path: Path, bundled_pack: Path) -> None:
    trusted_key, trusted_pub = signing.generate_keypair(tmp_path / "trusted")
    other_key, _ = signing.generate_keypair(tmp_path / "other")
    root = tmp_path / "hub"
    publish_path(bundled_pack, root, "main", sign_key=trusted_key)
    port = free_port()
    kiosk = KioskProcess("lab-2", tmp_path, f"http://127.0.0.1:{port}", [trusted_pub.read_text().strip()])
    try:
        with hub_process(root, tmp_path, port=port) as hub:  # no signing key: commands go unsigned
            proc = kiosk.start()
            wait_for(lambda: hub.kiosk("lab-2"), 90, "the first heartbeat", proc)
            unsigned = hub.send("kiosk:lab-2", "staff_message", "unsigned hello")
            assert not unsigned["signed"]
            refused = hub.outcome(unsigned["id"], "lab-2")
            assert refused["status"] == "refused" and "not signed" in refused["detail"], refused
        # The same hub restarted with a key the kiosk does not trust.
        with hub_process(root, tmp_path, port=port, sign_key=other_key) as hub:
            forged = hub.send("channel:main", "staff_message", "forged hello")
            refused = hub.outcome(forged["id"], "lab-2", timeout=90)
            assert refused["status"] == "refused" and "does not match any trusted key" in refused["detail"]
        assert "none from the hub" in kiosk.cli("admin", "info")
        assert proc.poll() is None
    finally:
        kiosk.stop()


def test_push_brings_a_command_within_seconds_and_degrades_to_heartbeats(tmp_path: Path,
                                                                         bundled_pack: Path) -> None:
    root = tmp_path / "hub"
    publish_path(bundled_pack, root, "main")
    with hub_process(root, tmp_path) as hub:
        # Heartbeats every 10 minutes: only the push channel can bring a command within seconds.
        fast = KioskProcess("lab-push", tmp_path, hub.url, heartbeat_seconds=600)
        # Behind a proxy that cuts every connection after 2 s: the long poll fails, heartbeats deliver.
        with CuttingProxy(int(hub.url.rsplit(":", 1)[1])) as proxy:
            cut = KioskProcess("lab-cut", tmp_path, proxy.url)
            try:
                for kiosk in (fast, cut):
                    kiosk.start()
                for kiosk in (fast, cut):
                    wait_for(lambda k=kiosk: hub.kiosk(k.kiosk_id), 90, f"{kiosk.kiosk_id} reporting",
                             kiosk.proc)
                wait_for(lambda: "GET /api/v1/commands/wait" in hub_log(tmp_path), 30, "a long poll")
                sent = time.monotonic()
                msg = hub.send("kiosk:lab-push", "staff_message", "pushed")
                assert hub.outcome(msg["id"], "lab-push", timeout=20)["status"] == "ok"
                print(f"push: command to acknowledgement in {time.monotonic() - sent:.1f} s")

                msg = hub.send("kiosk:lab-cut", "staff_message", "via heartbeat")
                assert hub.outcome(msg["id"], "lab-cut", timeout=60)["status"] == "ok"
                assert "push channel to the hub failed" in cut.log() and proxy.cuts > 0
                assert "via heartbeat" in cut.cli("admin", "info")
            finally:
                for kiosk in (fast, cut):
                    kiosk.stop()


def hub_log(tmp: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in tmp.glob("hub-*.log"))
