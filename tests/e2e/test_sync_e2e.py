"""End to end: publish, serve (plain static server and the hub), sync into a real Store, CLI exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import SyncSection
from kiosk.content.manifest import sha256_bytes
from kiosk.paths import DataPaths
from kiosk.store import Store
from kiosk.sync.engine import SyncEngine
from kiosk.sync.publish import publish_path
from tests.helpers.packs import make_pack
from tests.helpers.servers import CountingStaticServer, running_hub

pytest.importorskip("uvicorn")
from kiosk.hub.app import HubSettings

FILES = {f"media/f{i}.txt": os.urandom(300_000) for i in range(3)}  # opaque bytes, as a kept file type


def sync_into(store: Store, paths: DataPaths, url: str) -> SyncEngine:
    engine = SyncEngine(SyncSection(hub_url=url, channel="main", read_timeout=5), paths, store)
    return engine


def test_static_server_second_publish_transfers_only_the_changed_file(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    publish_path(make_pack(tmp_path / "v1", 1, FILES), root, "main")
    paths = DataPaths(tmp_path / "kiosk").ensure()
    with CountingStaticServer(root) as srv, Store.open(paths) as store:
        engine = sync_into(store, paths, srv.url)
        first = engine.sync_once()
        assert [(u.id, u.version) for u in first.updates] == [("demo", 1)]
        assert store.active_packs() == []  # staged, not shown: the UI activates it later
        store.activate("demo", 1)
        assert store.active_packs()[0].manifest_sha256 == first.updates[0].manifest_sha256
        changed = os.urandom(50_000)
        publish_path(make_pack(tmp_path / "v2", 2, {**FILES, "media/f1.txt": changed}), root, "main")
        before = srv.bytes_sent
        second = engine.sync_once()
        served = srv.bytes_sent - before
        assert second.updates[0].blobs_downloaded == 2  # f1.txt and the new pack.yaml
        assert len(changed) < served < len(changed) + 5_000  # + channel, manifest, pack.yaml
        store.activate("demo", 2)
        assert store.has_media(sha256_bytes(changed))
        assert store.active_packs()[0].version == 2


@pytest.mark.slow
def test_hub_upload_then_cli_sync_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.content.build import build_zip

    root = tmp_path / "hubroot"
    build_zip(make_pack(tmp_path / "v1", 1, FILES), tmp_path / "v1.zip")
    with running_hub(HubSettings(root, token="s3cret")) as url:
        assert main(["pack", "publish", str(tmp_path / "v1.zip"), "--hub", url, "--token", "wrong",
                     "--channel", "main"]) == 1
        assert "401" in capsys.readouterr().err
        assert main(["pack", "publish", str(tmp_path / "v1.zip"), "--hub", url, "--token", "s3cret",
                     "--channel", "main"]) == 0
        cfg = tmp_path / "kiosk.toml"
        cfg.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "kiosk"}"\n'
                       f'[sync]\nhub_url = "{url}"\nchannel = "main"\nread_timeout = 5.0\n')
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        run = [sys.executable, "-m", "kiosk", "sync", "--once", "--config", str(cfg)]
        done = subprocess.run(run, capture_output=True, text=True, timeout=60, env=env)
        assert done.returncode == 0, done.stderr
        assert "demo version 1" in done.stdout and "now showing" in done.stdout
        again = subprocess.run(run, capture_output=True, text=True, timeout=60, env=env)
        assert again.returncode == 0 and "up to date" in again.stdout
    with Store.open(DataPaths(tmp_path / "kiosk")) as store:
        assert [(p.id, p.version) for p in store.active_packs()] == [("demo", 1)]
    # The hub is gone: a clear non-zero exit, the content still shown.
    failed = subprocess.run(run, capture_output=True, text=True, timeout=60, env=env)
    assert failed.returncode == 1
    assert "main.json" in failed.stderr and "connect" in failed.stderr
