"""Plain records the store returns, and the two small helpers its steps share (no store import)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.content.manifest import encode_manifest, sha256_bytes
from kiosk.content.model import Pack


@dataclass(frozen=True)
class InstallResult:
    pack_id: str
    version: int
    manifest_sha256: str
    files_copied: int
    bytes_copied: int
    activated: bool
    unchanged: bool = False
    """True when exactly this version was already installed: nothing was written."""


@dataclass(frozen=True)
class ActivePack:
    id: str
    version: int
    manifest_sha256: str
    installed_at: str
    activated_at: str


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def manifest_sha256(pack: Pack) -> str:
    return sha256_bytes(encode_manifest(pack.meta.id, pack.meta.version, pack.files.values()))
