"""Check installed pack versions now: manifest recomputed from the file rows, every media file present.

Read-only (its own read-only connection), so a heartbeat can ask without opening the store for writing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from kiosk.content.manifest import encode_manifest, sha256_bytes
from kiosk.content.model import FileEntry
from kiosk.db import open_database
from kiosk.paths import DataPaths
from kiosk.store.media import MediaStore


class PackVersion(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def version(self) -> int: ...

    @property
    def manifest_sha256(self) -> str: ...


def verify_packs(paths: DataPaths, packs: Sequence[PackVersion]) -> dict[tuple[str, int], bool]:
    """Recompute each pack version's manifest sha256 from the store's file rows and check every media
    file is present with its size: "verified" means checked now, not "installed once".
    """
    out: dict[tuple[str, int], bool] = {}
    if not paths.database.exists():
        return out
    media = MediaStore(paths.media, paths.staging)
    db = open_database(paths.database, read_only=True)
    try:
        for p in packs:
            rows = db.execute("SELECT path, sha256, size FROM files WHERE pack = ? AND version = ?",
                              [p.id, int(p.version)]).fetchall()
            entries = [FileEntry(path, sha, size) for path, sha, size in rows]
            ok = bool(entries) and sha256_bytes(encode_manifest(p.id, int(p.version), entries)) == str(
                p.manifest_sha256)
            for entry in entries if ok else ():
                try:
                    if media.path(entry.sha256).stat().st_size != entry.size:
                        ok = False
                        break
                except OSError:
                    ok = False
                    break
            out[(p.id, int(p.version))] = ok
    finally:
        db.conn.close()
    return out
