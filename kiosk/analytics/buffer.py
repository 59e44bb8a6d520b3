"""The interaction-event buffer: rows in the kiosk database until the hub has them.

Bounded: past ``cap`` rows the oldest are dropped (a kiosk offline for months keeps the recent
picture). Sending takes the oldest ``batch`` rows, posts them with
:func:`kiosk.sync.heartbeat.send_events` and deletes them only when the hub answered 200, so a
failed send loses nothing. One connection per thread: the UI records, a worker flushes.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from kiosk.config import Config
from kiosk.db import open_database

log = logging.getLogger("kiosk.analytics")

KINDS = ("screen_view", "dwell", "language", "tour_start")
DEFAULT_CAP = 50_000
BATCH = 500
_ROUTE = re.compile(r"^(attract|home|case|data|tour)(:[\w.\-:]{0,100})?$")
_LANG = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})?$")

migrations = Migrations("kiosk-analytics")


@migrations(name="0001_events")
def _events(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE analytics_events (
        id INTEGER PRIMARY KEY,
        ts TEXT NOT NULL,
        kind TEXT NOT NULL,
        screen TEXT NOT NULL DEFAULT '',
        seconds REAL NOT NULL DEFAULT 0,
        lang TEXT NOT NULL DEFAULT ''
    )""")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class EventBuffer:
    def __init__(self, database: Path, *, cap: int = DEFAULT_CAP) -> None:
        self.database = database
        self.cap = cap
        self.dropped = 0
        self._local = threading.local()
        self._conns: list[sqlite_utils.Database] = []
        self._lock = threading.Lock()
        migrations.apply(self._db())

    def _db(self) -> sqlite_utils.Database:
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            db = open_database(self.database)
            self._local.db = db
            with self._lock:
                self._conns.append(db)
        return db

    def record(self, kind: str, *, screen: str = "", seconds: float = 0.0, lang: str = "",
               ts: str | None = None) -> bool:
        """Buffer one event; False (nothing stored) for an unknown kind or a value that is not an id."""
        if kind not in KINDS or (screen and not _ROUTE.match(screen)) or (lang and not _LANG.match(lang)):
            log.debug("analytics: refused %s %r %r", kind, screen, lang)
            return False
        db = self._db()
        with db.conn:
            db.execute(
                "INSERT INTO analytics_events (ts, kind, screen, seconds, lang) VALUES (?, ?, ?, ?, ?)",
                [ts or now_iso(), kind, screen, round(max(seconds, 0.0), 1), lang],
            )
            # Rows are only ever deleted oldest-first, so ids stay contiguous: an index lookup, no scan.
            gone = db.execute(
                "DELETE FROM analytics_events WHERE id <= (SELECT max(id) FROM analytics_events) - ?",
                [self.cap],
            ).rowcount
        if gone > 0:
            self.dropped += gone
            if self.dropped == gone or self.dropped % 1000 < gone:
                log.warning("analytics buffer full (%d events): dropped %d oldest so far",
                            self.cap, self.dropped)
        return True

    def count(self) -> int:
        return int(self._db().execute("SELECT count(*) FROM analytics_events").fetchone()[0])

    def oldest(self, limit: int = BATCH) -> list[tuple[int, dict[str, Any]]]:
        rows = self._db().execute(
            "SELECT id, ts, kind, screen, seconds, lang FROM analytics_events ORDER BY id LIMIT ?", [limit]
        ).fetchall()
        keys = ("ts", "kind", "screen", "seconds", "lang")
        return [(r[0], dict(zip(keys, r[1:], strict=True))) for r in rows]

    def forget(self, up_to_id: int) -> None:
        db = self._db()
        with db.conn:
            db.execute("DELETE FROM analytics_events WHERE id <= ?", [up_to_id])

    def flush(self, send: Callable[[Sequence[dict[str, Any]]], bool], *, batch: int = BATCH,
              max_batches: int = 20) -> int:
        """Send the oldest events batch by batch until empty or a send fails; returns how many were sent."""
        sent = 0
        for _ in range(max_batches):
            rows = self.oldest(batch)
            if not rows:
                break
            if not send([doc for _, doc in rows]):
                break
            self.forget(rows[-1][0])
            sent += len(rows)
        return sent

    def close(self) -> None:
        with self._lock:
            conns, self._conns = self._conns, []
        for db in conns:
            try:
                db.close()
            except Exception:  # another thread's connection goes with its thread
                log.debug("left an analytics connection of another thread open")
        self._local = threading.local()


def flush_to_hub(cfg: Config, buffer: EventBuffer) -> int:
    """Send buffered events to ``sync.hub_url`` (nothing without a hub); returns how many were sent."""
    from kiosk.sync.heartbeat import send_events

    if not cfg.sync.hub_url:
        return 0
    return buffer.flush(lambda events: send_events(cfg, events))
