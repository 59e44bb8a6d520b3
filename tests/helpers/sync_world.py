"""A small pack tree served by a FaultServer, an in-memory store and an engine with short limits
(the sync engine's tests)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from kiosk.config import SyncSection
from kiosk.content.manifest import sha256_bytes
from kiosk.paths import DataPaths
from kiosk.sync.engine import SyncEngine
from kiosk.sync.http import Limits

FAST = Limits(connect_timeout=2, read_timeout=0.5, deadline_seconds=20, min_speed_bytes=0, speed_window=0.3,
              retries=3, backoff_factor=0.01, backoff_max=0.05, backoff_jitter=0.0, retry_after_cap=2.0,
              resume_attempts=2)
BIG = os.urandom(200_000)
FILES = {"pack.yaml": b"id: demo\nversion: 1\n", "media/big.bin": BIG, "media/small.txt": b"hello"}


class MemoryStore:
    """Implements kiosk.sync.engine.SyncStore: checks every file against the manifest, keeps media."""

    def __init__(self, media: Path) -> None:
        self.media = media
        media.mkdir(parents=True, exist_ok=True)
        self.active: list[SimpleNamespace] = []
        self.installed: list[tuple[str, int]] = []

    def has_media(self, sha256: str) -> bool:
        return (self.media / sha256).exists()

    def media_file(self, sha256: str) -> Path:
        return self.media / sha256

    def install(self, source: Any, *, activate: bool = True) -> Any:
        for entry in source.manifest.files:
            data = source.read_bytes(entry.path)
            assert sha256_bytes(data) == entry.sha256
            (self.media / entry.sha256).write_bytes(data)
        self.installed.append((source.manifest.id, source.manifest.version))
        sha = sha256_bytes(source.manifest_data)
        if activate:
            self.activate(source.manifest.id, source.manifest.version, sha)
        m = source.manifest
        return SimpleNamespace(pack_id=m.id, version=m.version, manifest_sha256=sha)

    def activate(self, pack_id: str, version: int, sha: str) -> None:
        self.active = [p for p in self.active if p.id != pack_id]
        self.active.append(SimpleNamespace(id=pack_id, version=version, manifest_sha256=sha))

    def active_packs(self) -> list[SimpleNamespace]:
        return list(self.active)


def engine(tmp_path: Path, url: str, store: MemoryStore | None = None, limits: Limits = FAST,
           **section: Any) -> SyncEngine:
    paths = DataPaths(tmp_path / "data").ensure()
    return SyncEngine(SyncSection(hub_url=url, channel="main", **section), paths,
                      store or MemoryStore(tmp_path / "media"), limits=limits)


def blob_url(data: bytes) -> str:
    return f"/v1/blobs/{sha256_bytes(data)}"
