"""The offline store: installed pack versions in SQLite plus the content-addressed media dir.

Life of a pack version: ``staged`` (rows written, not shown) -> ``active`` (shown) -> ``previous``
(kept for rollback) -> ``retired`` (deleted with its unshared media). Staged rows are written in
one transaction and activation is one more, so a crash at any point leaves either the old or the
new version active, never a mix; :meth:`Store.open` removes what an interrupted install left.
"""

from __future__ import annotations

import json
import logging
import threading
import weakref
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk.content.model import Pack
from kiosk.content.reader import ContentReader
from kiosk.content.source import PackSource
from kiosk.db import open_database
from kiosk.errors import StoreError
from kiosk.paths import DataPaths
from kiosk.store import schema
from kiosk.store.install import (
    activate_version,
    cleanup_leftovers,
    install_pack,
    media_complete,
    retire_and_collect,
    store_status,
)
from kiosk.store.lock import WriterLock
from kiosk.store.media import MediaStore
from kiosk.store.reader import StoreReader
from kiosk.store.records import ActivePack, InstallResult, now

log = logging.getLogger("kiosk.store")


class Store:
    """Open with :meth:`open`; safe to share between threads (one connection per thread)."""

    def __init__(self, paths: DataPaths, preferred_pack: str = "") -> None:
        self.paths = paths.ensure()
        self.preferred_pack = preferred_pack
        self.media = MediaStore(paths.media, paths.staging)
        self._local = threading.local()
        # Weak: a connection lives as long as its thread-local slot. Qt pool threads (kiosk.ui.workers)
        # get a fresh threading.local for every job, so strong references here leaked one connection
        # (two file descriptors) per background job until the process ran out of descriptors.
        self._conns: weakref.WeakSet[sqlite_utils.Database] = weakref.WeakSet()
        self._conns_lock = threading.Lock()
        self._writer = WriterLock(paths.root / "store.lock")
        self._readers: dict[str, StoreReader] = {}
        self._readers_lock = threading.Lock()
        self._closed = False

    @classmethod
    def open(cls, paths: DataPaths, *, preferred_pack: str = "") -> Store:
        """Open (creating or migrating) the store and clean up after interrupted installs.

        ``preferred_pack`` is config ``kiosk.pack``: the pack :meth:`reader` shows by default.
        """
        store = cls(paths, preferred_pack)
        try:
            with store._writer:
                schema.migrate(store.db())
            store.cleanup(blocking=False)
        except BaseException:
            store.close()
            raise
        return store

    # -- connections ---------------------------------------------------------------------------

    def db(self) -> sqlite_utils.Database:
        """This thread's connection."""
        if self._closed:
            raise StoreError(f"the store at {self.paths.database} is closed")
        conn: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if conn is None:
            conn = open_database(self.paths.database)
            self._local.db = conn
            with self._conns_lock:
                self._conns.add(conn)
        return conn

    def close(self) -> None:
        """Close every connection (those of other threads close when their thread ends)."""
        self._closed = True
        with self._conns_lock:
            conns, self._conns = list(self._conns), weakref.WeakSet()
        for conn in conns:
            try:
                conn.close()
            except Exception:  # another thread's connection: sqlite3 refuses; it goes with its thread
                log.debug("left a connection of another thread open")
        self._local = threading.local()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- install / activate / rollback ---------------------------------------------------------

    def install(
        self, source: PackSource, *, activate: bool = True, allow_downgrade: bool = False
    ) -> InstallResult:
        """Load and validate ``source`` (``PackError`` changes nothing), then :meth:`install_loaded`."""
        from kiosk.content.loader import load_pack

        pack = load_pack(source)
        return self.install_loaded(pack, source, activate=activate, allow_downgrade=allow_downgrade)

    def install_loaded(
        self, pack: Pack, source: PackSource, *, activate: bool = True, allow_downgrade: bool = False
    ) -> InstallResult:
        """Install an already loaded pack; its file bytes come from ``source``."""
        with self._writer:
            result = install_pack(self.db(), self.media, pack, source, activate=activate,
                                  allow_downgrade=allow_downgrade)
        self._forget_readers(pack.meta.id)
        return result

    def activate(self, pack_id: str, version: int, *, allow_downgrade: bool = False) -> None:
        """Show a staged (or the previous) version; the active one becomes previous."""
        with self._writer:
            activate_version(self.db(), pack_id, version, allow_downgrade=allow_downgrade)
            retire_and_collect(self.db(), self.media)
        self._forget_readers(pack_id)

    def rollback(self, pack_id: str) -> tuple[int, int]:
        """Swap the active and the previous version; returns ``(from_version, to_version)``.

        The version rolled back from stays as *previous*, so a second rollback undoes the first.
        """
        db = self.db()
        with self._writer:
            rows = dict(
                db.execute(
                    "SELECT state, version FROM packs WHERE id = ? AND state IN ('active', 'previous')",
                    [pack_id],
                ).fetchall()
            )
            if "active" not in rows:
                raise StoreError(f"pack {pack_id!r} is not installed (see `kiosk status`)")
            if "previous" not in rows:
                raise StoreError(f"pack {pack_id!r} has no previous version to roll back to")
            with db.atomic():
                db.execute("UPDATE packs SET state = 'staged' WHERE id = ? AND state = 'previous'", [pack_id])
                db.execute("UPDATE packs SET state = 'previous' WHERE id = ? AND state = 'active'", [pack_id])
                db.execute(
                    "UPDATE packs SET state = 'active', activated_at = ? WHERE id = ? AND version = ?",
                    [now(), pack_id, rows["previous"]],
                )
        self._forget_readers(pack_id)
        log.info("rolled back %s from version %s to %s", pack_id, rows["active"], rows["previous"])
        self._pin(pack_id, rows["previous"], rows["active"])
        return rows["active"], rows["previous"]

    # -- rollback pins -------------------------------------------------------------------------

    PINS_NAME = "pins.json"

    def pinned(self, pack_id: str) -> tuple[int, int] | None:
        """``(version, rolled_back_from)`` while a rollback pins ``pack_id``, else None.

        Sync leaves a pinned pack alone until the channel offers a version above the one rolled
        back from; then it unpins (:meth:`unpin`) and installs that version as usual.
        """
        pin = _read_json(self.paths.root / self.PINS_NAME).get(pack_id)
        if isinstance(pin, dict) and isinstance(pin.get("version"), int) and isinstance(pin.get("from"), int):
            return pin["version"], pin["from"]
        return None

    def unpin(self, pack_id: str) -> None:
        pins = _read_json(self.paths.root / self.PINS_NAME)
        if pins.pop(pack_id, None) is not None:
            _write_json(self.paths.root / self.PINS_NAME, pins)
            log.info("%s: rollback pin lifted", pack_id)

    def _pin(self, pack_id: str, version: int, rolled_back_from: int) -> None:
        pins = _read_json(self.paths.root / self.PINS_NAME)
        if version > rolled_back_from:  # a second rollback undid the first: back to normal
            pins.pop(pack_id, None)
        else:
            pins[pack_id] = {"version": version, "from": rolled_back_from, "at": now()}
        _write_json(self.paths.root / self.PINS_NAME, pins)

    def cleanup(self, *, blocking: bool = True) -> dict[str, int]:
        """Remove leftovers of interrupted installs; skipped (empty dict) if another writer is busy."""
        if not self._writer.acquire(blocking):
            log.info("another process is writing the store; cleanup skipped")
            return {}
        try:
            return cleanup_leftovers(self.db(), self.media)
        finally:
            self._writer.release()

    # -- queries -------------------------------------------------------------------------------

    def active_packs(self) -> list[ActivePack]:
        """Active packs, most recently activated first."""
        rows = self.db().execute(
            "SELECT id, version, manifest_sha256, installed_at, activated_at FROM packs "
            "WHERE state = 'active' ORDER BY activated_at DESC, id"
        ).fetchall()
        return [ActivePack(*row) for row in rows]

    def default_pack_id(self) -> str | None:
        """Config ``kiosk.pack`` if that pack is active, else the most recently activated pack."""
        active = self.active_packs()
        if self.preferred_pack and any(p.id == self.preferred_pack for p in active):
            return self.preferred_pack
        return active[0].id if active else None

    def reader(self, pack_id: str | None = None) -> ContentReader | None:
        """The active version of ``pack_id`` (default: :meth:`default_pack_id`), or None.

        The same cached reader comes back while that version stays active; after an activation or
        rollback the next call returns a fresh one. Call it again to notice new content.
        """
        pack_id = pack_id or self.default_pack_id()
        if pack_id is None:
            return None
        row = self.db().execute(
            "SELECT version, activated_at FROM packs WHERE id = ? AND state = 'active'", [pack_id]
        ).fetchone()
        if row is None:
            return None
        version, activated_at = row
        with self._readers_lock:
            cached = self._readers.get(pack_id)
            if cached and (cached.version, cached.activated_at) == (version, activated_at):
                return cached
        fresh = StoreReader(self.db, self.media, pack_id, version, activated_at)
        with self._readers_lock:
            self._readers[pack_id] = fresh
        return fresh

    def has_version(self, pack_id: str, version: int, manifest_sha256: str,
                    states: tuple[str, ...] = ("staged", "active", "previous")) -> bool:
        """True if this exact version is in the store in one of ``states``, with all its media."""
        row = self.db().execute(
            "SELECT manifest_sha256, state FROM packs WHERE id = ? AND version = ?", [pack_id, version],
        ).fetchone()
        return (row is not None and row[0] == manifest_sha256 and row[1] in states
                and media_complete(self.db(), self.media, pack_id, version))

    def manifest_of(self, pack_id: str, version: int) -> str | None:
        """The manifest sha256 of that installed version (any state), or None."""
        row = self.db().execute("SELECT manifest_sha256 FROM packs WHERE id = ? AND version = ?",
                                [pack_id, int(version)]).fetchone()
        return str(row[0]) if row else None

    def has_media(self, sha256: str) -> bool:
        return self.media.has(sha256)

    def media_file(self, sha256: str) -> Path:
        """Where the blob with this sha256 lives (or would live) in the media dir."""
        return self.media.path(sha256)

    def status(self) -> dict[str, Any]:
        return {
            "store": str(self.paths.database),
            "media": str(self.paths.media),
            "default_pack": self.default_pack_id(),
            "packs": store_status(self.db(), self.active_packs(), self.pinned),
        }

    def _forget_readers(self, pack_id: str) -> None:
        with self._readers_lock:
            self._readers.pop(pack_id, None)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("%s unreadable; ignoring it", path)
        return {}
    return doc if isinstance(doc, dict) else {}


def _write_json(path: Path, doc: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(doc, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)
