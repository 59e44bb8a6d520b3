"""The hub's own SQLite file (``hub.db`` in the root): kiosk heartbeats and interaction events."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk.db import open_database

MAX_KIOSKS = 1000
"""Distinct kiosk ids the hub keeps; heartbeats from new ids beyond this are refused."""
MAX_EVENTS_PER_KIOSK = 50_000
MAX_EVENTS = 300_000
"""Events kept in total (about 100 MB); the oldest go first."""
EVENT_RETENTION_DAYS = 180


class FleetFull(Exception):
    """The hub already tracks :data:`MAX_KIOSKS` kiosks."""


def open_hub_db(root: Path) -> sqlite_utils.Database:
    db = open_database(root / "hub.db")
    if "kiosks" not in db.table_names():
        db.table("kiosks").create({
            "id": str, "channel": str, "packs": str, "last_sync": str, "last_error": str,
            "uptime_seconds": float, "memory_mb": float, "poll_seconds": int, "app_version": str,
            "last_seen": str,
        }, pk="id", if_not_exists=True)
    if "events" not in db.table_names():
        db.table("events").create({
            "kiosk_id": str, "ts": str, "kind": str, "screen": str, "seconds": float, "lang": str,
            "received": str,
        }, if_not_exists=True)
        db.table("events").create_index(["kiosk_id", "ts"], if_not_exists=True)
    return db


def record_heartbeat(db: sqlite_utils.Database, beat: dict[str, Any], received: str) -> None:
    known = db.execute("SELECT 1 FROM kiosks WHERE id = ?", [beat["id"]]).fetchone()
    if known is None and db.execute("SELECT count(*) FROM kiosks").fetchone()[0] >= MAX_KIOSKS:
        raise FleetFull(f"the hub already tracks {MAX_KIOSKS} kiosks")
    row = dict(beat)
    row["packs"] = json.dumps(row.get("packs") or [])
    row["recent_errors"] = json.dumps(row.get("recent_errors") or [])
    row["last_seen"] = received
    db.table("kiosks").upsert(row, pk="id", alter=True)  # alter: hub.db files from before route/errors


def record_events(db: sqlite_utils.Database, kiosk_id: str, events: list[dict[str, Any]],
                  received: str) -> int:
    rows = [{"kiosk_id": kiosk_id, "received": received, **e} for e in events]
    with db.conn:
        db.table("events").insert_all(rows)
        prune_events(db, kiosk_id, received)
    return len(rows)


def prune_events(db: sqlite_utils.Database, kiosk_id: str, now: str) -> None:
    """Retention and size caps: older than the retention, over the per-kiosk cap, over the total cap."""
    from datetime import timedelta

    from kiosk.sync import protocol

    cutoff = (protocol.parse_time(now) - timedelta(days=EVENT_RETENTION_DAYS)).isoformat()
    db.execute("DELETE FROM events WHERE received < ?", [cutoff])
    db.execute("DELETE FROM events WHERE rowid IN (SELECT rowid FROM events WHERE kiosk_id = ? "
               "ORDER BY rowid DESC LIMIT -1 OFFSET ?)", [kiosk_id, MAX_EVENTS_PER_KIOSK])
    total = db.execute("SELECT count(*) FROM events").fetchone()[0]
    if total > MAX_EVENTS:
        db.execute("DELETE FROM events WHERE rowid IN (SELECT rowid FROM events ORDER BY rowid LIMIT ?)",
                   [total - MAX_EVENTS])


def kiosks(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    out = []
    for row in db.table("kiosks").rows_where(order_by="id"):
        row["packs"] = json.loads(row["packs"] or "[]")
        row["recent_errors"] = json.loads(row.get("recent_errors") or "[]")
        out.append(row)
    return out


def most_viewed(
    db: sqlite_utils.Database, *, limit: int = 5, since: str = ""
) -> dict[str, list[tuple[str, int]]]:
    """Kiosk id -> the case studies viewed most (``[(slug, views)]``, most first), from screen_view events."""
    out: dict[str, list[tuple[str, int]]] = {}
    rows = db.execute(
        "SELECT kiosk_id, substr(screen, 6) AS slug, count(*) AS n FROM events "
        "WHERE kind = 'screen_view' AND screen LIKE 'case:%' AND ts >= ? "
        "GROUP BY kiosk_id, slug ORDER BY kiosk_id, n DESC, slug", [since]).fetchall()
    for kiosk_id, slug, n in rows:
        top = out.setdefault(kiosk_id, [])
        if len(top) < limit:
            top.append((slug, n))
    return out
