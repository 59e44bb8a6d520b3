"""The steps behind ``Store.install`` / ``activate`` / ``cleanup``; callers hold the writer lock."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from typing import Any

import sqlite_utils

from kiosk.content.model import Pack
from kiosk.content.source import PackSource
from kiosk.errors import StoreError
from kiosk.store import serial
from kiosk.store.media import MediaStore
from kiosk.store.records import ActivePack, InstallResult, manifest_sha256, now

log = logging.getLogger("kiosk.store")
_CONTENT_TABLES = ("files", "tours", "datasets", "case_studies")


def install_pack(
    db: sqlite_utils.Database, media: MediaStore, pack: Pack, source: PackSource, *, activate: bool,
    allow_downgrade: bool,
) -> InstallResult:
    pack_id, version = pack.meta.id, pack.meta.version
    sha = manifest_sha256(pack)
    existing = db.execute(
        "SELECT state, manifest_sha256 FROM packs WHERE id = ? AND version = ?", [pack_id, version]
    ).fetchone()
    if existing is not None:
        state, old_sha = existing
        if old_sha == sha:
            if activate and state != "active":
                activate_version(db, pack_id, version, allow_downgrade=allow_downgrade)
                retire_and_collect(db, media)
            log.info("%s version %s is already installed (%s)", pack_id, version, state)
            return InstallResult(pack_id, version, sha, 0, 0, activate or state == "active", unchanged=True)
        if state in ("active", "previous"):
            raise StoreError(
                f"pack {pack_id!r} version {version} is already installed with different content "
                f"(manifest {old_sha[:12]}…); give the new content a higher version in pack.yaml"
            )
        delete_version(db, pack_id, version)  # a stale staged/retired copy of this version
    _check_downgrade(db, pack_id, version, allow_downgrade)

    files_copied = bytes_copied = 0
    wrote = False
    try:
        for entry in pack.files.values():
            copied = media.put(source, entry)
            if copied is not None:
                files_copied += 1
                bytes_copied += copied
        media.flush()  # media durable before any row refers to it
        write_staged(db, pack, sha)
        wrote = True
        if activate:
            activate_version(db, pack_id, version, allow_downgrade=allow_downgrade)
    except BaseException:
        # Whatever failed, the active version was never touched; drop what this attempt added.
        try:
            if wrote:
                delete_version(db, pack_id, version)
            retire_and_collect(db, media)
        except Exception:
            log.exception("cleanup after a failed install of %s failed", pack_id)
        raise
    retire_and_collect(db, media)
    log.info(
        "installed %s version %s (%d files, %d bytes copied)%s",
        pack_id, version, files_copied, bytes_copied, "" if activate else ", staged",
    )
    return InstallResult(pack_id, version, sha, files_copied, bytes_copied, activate)


def _check_downgrade(db: sqlite_utils.Database, pack_id: str, version: int, allow: bool) -> None:
    row = db.execute("SELECT version FROM packs WHERE id = ? AND state = 'active'", [pack_id]).fetchone()
    if row is not None and version < row[0] and not allow:
        raise StoreError(
            f"pack {pack_id!r}: version {version} is older than the active version {row[0]}; "
            "refusing to downgrade (use `kiosk pack rollback` to go back a version)"
        )


def write_staged(db: sqlite_utils.Database, pack: Pack, sha: str) -> None:
    """Every row of one version, state ``staged``, in one transaction."""
    pack_id, version = pack.meta.id, pack.meta.version
    with db.atomic():
        db.execute(
            "INSERT INTO packs (id, version, manifest_sha256, meta, state, installed_at) "
            "VALUES (?, ?, ?, ?, 'staged', ?)",
            [pack_id, version, sha, serial.dumps(pack.meta), now()],
        )
        db.conn.executemany(
            "INSERT INTO case_studies (pack, version, slug, lang, title, summary, body, theme, tags, year,"
            " doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (pack_id, version, slug, lang, d.title, d.summary, d.body, d.theme,
                 json.dumps(list(d.tags), ensure_ascii=False), d.year, serial.dumps(d))
                for slug, cs in pack.case_studies.items()
                for lang, d in cs.docs.items()
            ),
        )
        for table, items in (("tours", pack.tours), ("datasets", pack.datasets)):
            db.conn.executemany(
                f"INSERT INTO {table} (pack, version, id, position, doc) VALUES (?, ?, ?, ?, ?)",
                ((pack_id, version, key, i, serial.dumps(item))
                 for i, (key, item) in enumerate(items.items())),
            )
        db.conn.executemany(
            "INSERT INTO files (pack, version, path, sha256, size) VALUES (?, ?, ?, ?, ?)",
            ((pack_id, version, f.path, f.sha256, f.size) for f in pack.files.values()),
        )


def activate_version(db: sqlite_utils.Database, pack_id: str, version: int, *, allow_downgrade: bool) -> None:
    """One transaction: ``version`` active, old active previous, older previous retired."""
    row = db.execute("SELECT state FROM packs WHERE id = ? AND version = ?", [pack_id, version]).fetchone()
    if row is None:
        raise StoreError(f"pack {pack_id!r} version {version} is not installed (see `kiosk status`)")
    if row[0] == "active":
        return
    _check_downgrade(db, pack_id, version, allow_downgrade)
    with db.atomic():
        # The target leaves 'previous' first: at most one active and one previous per pack (indexes).
        db.execute("UPDATE packs SET state = 'staged' WHERE id = ? AND version = ?", [pack_id, version])
        db.execute("UPDATE packs SET state = 'retired' WHERE id = ? AND state = 'previous'", [pack_id])
        db.execute("UPDATE packs SET state = 'previous' WHERE id = ? AND state = 'active'", [pack_id])
        db.execute("UPDATE packs SET state = 'active', activated_at = ? WHERE id = ? AND version = ?",
                   [now(), pack_id, version])


def delete_version(db: sqlite_utils.Database, pack_id: str, version: int) -> None:
    with db.atomic():
        for table in _CONTENT_TABLES:
            db.execute(f"DELETE FROM {table} WHERE pack = ? AND version = ?", [pack_id, version])
        db.execute("DELETE FROM packs WHERE id = ? AND version = ?", [pack_id, version])


def retire_and_collect(db: sqlite_utils.Database, media: MediaStore) -> tuple[int, int]:
    """Delete retired versions and media no kept version references."""
    for pack_id, version in db.execute("SELECT id, version FROM packs WHERE state = 'retired'").fetchall():
        delete_version(db, pack_id, version)
    keep = {sha for (sha,) in db.execute("SELECT DISTINCT sha256 FROM files")}
    return media.collect_garbage(keep)


def cleanup_leftovers(db: sqlite_utils.Database, media: MediaStore) -> dict[str, int]:
    """Staged versions that will never be shown, retired ones, temp files, unreferenced media.

    A staged version newer than the active one whose media are all present is kept: sync stages
    with ``activate=False`` and the UI activates it at the next attract loop, even after a restart.
    Only the newest such version per pack is kept.
    """
    dropped = 0
    active = dict(db.execute("SELECT id, version FROM packs WHERE state = 'active'").fetchall())
    kept: set[str] = set()
    staged = db.execute("SELECT id, version FROM packs WHERE state = 'staged' ORDER BY id, version DESC")
    for pack_id, version in staged.fetchall():
        fresh = pack_id not in kept and version > active.get(pack_id, -1 << 62)
        if fresh and media_complete(db, media, pack_id, version):
            kept.add(pack_id)
            continue
        delete_version(db, pack_id, version)
        dropped += 1
    temp_files = media.clean_staging()
    files, size = retire_and_collect(db, media)
    if dropped or temp_files or files:
        log.info("store cleanup: %d staged versions, %d temp files, %d media files (%d bytes) removed",
                 dropped, temp_files, files, size)
    return {"staged_versions": dropped, "temp_files": temp_files, "media_files": files, "media_bytes": size}


def media_complete(db: sqlite_utils.Database, media: MediaStore, pack_id: str, version: int) -> bool:
    rows = db.execute("SELECT sha256 FROM files WHERE pack = ? AND version = ?", [pack_id, version])
    return all(media.has(sha) for (sha,) in rows.fetchall())


def store_status(db: sqlite_utils.Database, active: Sequence[ActivePack],
                 pinned: Callable[[str], tuple[int, int] | None]) -> list[dict[str, Any]]:
    """Per active pack: counts, pin, and the previous and staged versions (``kiosk status``)."""
    packs: list[dict[str, Any]] = []
    for p in active:
        def count(table: str, column: str = "id", pack_id: str = p.id, version: int = p.version) -> int:
            return int(db.execute(
                f"SELECT count(DISTINCT {column}) FROM {table} WHERE pack = ? AND version = ?",
                [pack_id, version],
            ).fetchone()[0])

        others = db.execute(
            "SELECT version, state, manifest_sha256, installed_at FROM packs "
            "WHERE id = ? AND state IN ('previous', 'staged') ORDER BY version DESC", [p.id]
        ).fetchall()
        packs.append({
            "id": p.id, "version": p.version, "manifest_sha256": p.manifest_sha256,
            "installed_at": p.installed_at, "activated_at": p.activated_at,
            "pinned": pinned(p.id),
            "case_studies": count("case_studies", "slug"), "tours": count("tours"),
            "datasets": count("datasets"), "files": count("files", "path"),
            "previous": [{"version": v, "manifest_sha256": s, "installed_at": t}
                         for v, state, s, t in others if state == "previous"],
            "staged": [{"version": v, "manifest_sha256": s, "installed_at": t}
                       for v, state, s, t in others if state == "staged"],
        })
    return packs
