"""Start-up checks, run before the store is opened: a corrupt database is set aside, not trusted.

``PRAGMA quick_check`` on ``kiosk.db``. A database that fails (garbage, truncated, malformed
pages) is renamed to ``kiosk.db.corrupt-<UTC timestamp>`` (with its ``-wal``/``-shm``), the sync
state's ETag is forgotten so the next sync fetches the channel again, and the event is recorded
for ``kiosk status`` and the heartbeat. The caller then opens a fresh store, which installs the
bundled pack (``kiosk.app.open_store_content``); :meth:`kiosk.store.Store.open` removes the
leftovers of interrupted installs. A database that cannot be checked because the disk is full,
busy or read-only is left alone: that says nothing about the file.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.health import state
from kiosk.paths import DataPaths

log = logging.getLogger("kiosk.health.startup")


@dataclass(frozen=True)
class StoreCheck:
    ok: bool
    detail: str
    moved_to: Path | None = None


def quick_check(database: Path) -> tuple[bool, str]:
    """``(ok, detail)`` of ``PRAGMA quick_check``; a missing file is ok (a new store is created)."""
    if not database.exists():
        return True, "no database yet"
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)
    except sqlite3.OperationalError as exc:  # locked, full or read-only disk: not a verdict on the file
        return True, f"not checked ({exc})"
    except sqlite3.Error as exc:
        return False, f"cannot open: {exc}"
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as exc:
        if _damaged(exc):
            return False, str(exc)
        log.warning("%s could not be checked (%s); leaving it in place", database, exc)
        return True, f"not checked ({exc})"
    except sqlite3.DatabaseError as exc:
        return False, str(exc)
    finally:
        conn.close()
    findings = [str(r[0]) for r in rows]
    if findings == ["ok"]:
        return True, "ok"
    return False, "; ".join(findings[:5]) + (f" (+{len(findings) - 5} more)" if len(findings) > 5 else "")


def _damaged(exc: sqlite3.Error) -> bool:
    """Errors that are about the file's content, as opposed to a full, busy or read-only disk."""
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def set_aside(database: Path, *, now: datetime | None = None) -> Path:
    """Rename the database (and its WAL/SHM) to ``<name>.corrupt-<timestamp>``; returns the new path."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = database.with_name(f"{database.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = database.with_name(f"{database.name}.corrupt-{stamp}-{n}")
        n += 1
    for suffix in ("-wal", "-shm"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    database.replace(target)
    return target


def check_store(paths: DataPaths) -> StoreCheck:
    """Quick-check the store; a corrupt one is set aside and reported (the caller rebuilds).

    :func:`kiosk.runtime.startup.check_store` also makes the next sync fetch the channel again.
    """
    ok, detail = quick_check(paths.database)
    if ok:
        return StoreCheck(True, detail)
    moved = set_aside(paths.database)
    message = f"{paths.database} failed quick_check ({detail}); set aside as {moved.name}, rebuilding"
    log.error("%s", message)
    state.record_event(paths, "corrupt_store", message)
    return StoreCheck(False, detail, moved)
