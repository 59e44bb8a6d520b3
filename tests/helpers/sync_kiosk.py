"""A real kiosk (build_app over a real store) syncing from a local FaultServer (sync UI tests)."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

from kiosk.app import KioskApp, build_app
from kiosk.config import Config
from kiosk.sync.engine import SyncEngine
from kiosk.sync.http import Limits
from kiosk.ui.services import SyncScheduler

PACK_ID = "danish-smart-city"


def pack_version(src: Path, dest: Path, version: int) -> Path:
    """A copy of the bundled pack with another version number and a title that says so."""
    shutil.copytree(src, dest)
    meta = dest / "pack.yaml"
    text = meta.read_text(encoding="utf-8").replace("version: 1", f"version: {version}", 1)
    text = text.replace("en: Danish Smart City Solutions", f"en: Danish Smart City Solutions v{version}", 1)
    meta.write_text(text, encoding="utf-8")
    return dest


def config(tmp_path: Path, hub_url: str) -> Config:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "kiosk")
    cfg.sync.hub_url = hub_url
    cfg.sync.channel = "main"
    cfg.sync.read_timeout = 5.0
    cfg.data.enabled = False
    return cfg


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def scheduler(kiosk: KioskApp) -> SyncScheduler:
    found = [s for s in kiosk.services if isinstance(s, SyncScheduler)]
    assert len(found) == 1
    sched = found[0]
    sched.first_ms, sched.poll_ms = 10, 600_000  # first sync at once, no second one by itself
    sched.engine = SyncEngine(kiosk.cfg.sync, kiosk.cfg.data_paths(), sched.store,
                              limits=Limits(connect_timeout=2, read_timeout=5, retries=0))
    return sched


def make_app(cfg: Config) -> KioskApp:
    return build_app(cfg, windowed=True, size="1280x800", animate=False)
