"""The kiosk's record of hub commands, in its own tables of the kiosk database.

Every command the kiosk accepted is remembered by id until well after it expires, so the same
command delivered again (a lost acknowledgement, a replay) never runs twice: it is acknowledged
again with the outcome it had. A command is refused when its signature does not verify (keys
configured), when it is addressed to another kiosk or channel, or when it has expired; refusals are
acknowledged too, but do not block a genuine command with the same id. Each call opens its own
connection: the inbox is used from worker threads.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from kiosk.db import open_database
from kiosk.fleetctl.envelope import Command, CommandRefused, addressed_to, open_delivered

log = logging.getLogger("kiosk.fleetctl")

MAX_PER_REPLY = 50
"""Commands read from one heartbeat reply; more wait for the next."""
KEEP_AFTER_EXPIRY = timedelta(days=1)
FINAL = ("ok", "failed", "refused", "expired")

migrations = Migrations("kiosk-fleetctl")


@migrations(name="0001_commands")
def _commands(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE fleet_commands (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        verified INTEGER NOT NULL,
        status TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        acked INTEGER NOT NULL DEFAULT 0
    )""")
    db.execute("""CREATE TABLE fleet_staff_messages (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        received_at TEXT NOT NULL
    )""")


@dataclass(frozen=True)
class Ack:
    id: str
    status: str
    detail: str

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "status": self.status, "detail": self.detail[:500]}


def _iso(now: datetime) -> str:
    return now.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Inbox:
    """Commands for one kiosk (``kiosk_id`` in ``channel``) checked against ``trusted_keys``."""

    def __init__(self, database: Path, kiosk_id: str, channel: str, trusted_keys: Sequence[str]) -> None:
        self.database = database
        self.kiosk_id, self.channel = kiosk_id, channel
        self.trusted_keys = list(trusted_keys)
        db = self._db()
        try:
            with db.conn:  # a command still running when the kiosk stopped will not finish now
                db.execute("UPDATE fleet_commands SET status = 'failed', acked = 0, "
                           "detail = 'the kiosk stopped before it finished' WHERE status = 'running'")
        finally:
            db.conn.close()

    def _db(self) -> sqlite_utils.Database:
        db = open_database(self.database)
        migrations.apply(db)
        return db

    def receive(self, items: Any, now: datetime | None = None) -> list[Command]:
        """Check the commands of a heartbeat reply; return those to run now (each recorded as running)."""
        if not isinstance(items, list):
            return []
        now = now or datetime.now(UTC)
        accepted: list[Command] = []
        db = self._db()
        try:
            for item in items[:MAX_PER_REPLY]:
                try:
                    command = self._check(db, item, now)
                except CommandRefused as exc:
                    log.warning("refused a hub command%s: %s",
                                f" {exc.command_id}" if exc.command_id else "", exc.reason)
                    if exc.command_id:
                        self._refused(db, exc.command_id, exc.reason, now)
                    continue
                if command is not None:
                    accepted.append(command)
            self._prune(db, now)
        finally:
            db.conn.close()
        return accepted

    def _check(self, db: sqlite_utils.Database, item: Any, now: datetime) -> Command | None:
        command = open_delivered(item, self.trusted_keys)
        if not addressed_to(command, self.kiosk_id, self.channel):
            raise CommandRefused(f"addressed to {command.target}, not to kiosk:{self.kiosk_id} or "
                                 f"channel:{self.channel}", command.id)
        with db.conn:  # one write transaction: two replies carrying the same command run it once
            db.execute("BEGIN IMMEDIATE")
            row = db.execute("SELECT status, verified FROM fleet_commands WHERE id = ?",
                             [command.id]).fetchone()
            if row is not None and row[1]:
                log.log(logging.DEBUG if row[0] == "running" else logging.INFO,
                        "hub command %s (%s) was already received (%s); not running it again",
                        command.id, command.kind, row[0])
                # the hub may have missed the acknowledgement: send the outcome again
                db.execute("UPDATE fleet_commands SET acked = 0 WHERE id = ? AND status != 'running'",
                           [command.id])
                return None
            status, detail = "running", ""
            if command.expired(now):
                status, detail = "expired", f"expired at {command.expires_at} before the kiosk received it"
                log.info("hub command %s (%s) %s", command.id, command.kind, detail)
            db.execute("INSERT OR REPLACE INTO fleet_commands (id, kind, target, expires_at, received_at, "
                       "verified, status, detail, acked) VALUES (?, ?, ?, ?, ?, 1, ?, ?, 0)",
                       [command.id, command.kind, command.target, command.expires_at, _iso(now), status,
                        detail])
            if command.kind == "staff_message" and status == "running":
                db.execute("INSERT OR REPLACE INTO fleet_staff_messages (id, text, received_at) "
                           "VALUES (?, ?, ?)", [command.id, command.text, _iso(now)])
        return command if status == "running" else None

    def _refused(self, db: sqlite_utils.Database, command_id: str, reason: str, now: datetime) -> None:
        with db.conn:  # not verified: a genuine command with this id may still come and run
            db.execute("INSERT INTO fleet_commands (id, kind, target, expires_at, received_at, verified, "
                       "status, detail, acked) VALUES (?, '', '', ?, ?, 0, 'refused', ?, 0) "
                       "ON CONFLICT (id) DO UPDATE SET detail = excluded.detail, acked = 0 "
                       "WHERE verified = 0",
                       [command_id, _iso(now + KEEP_AFTER_EXPIRY), _iso(now), reason[:500]])

    def _prune(self, db: sqlite_utils.Database, now: datetime) -> None:
        with db.conn:
            db.execute("DELETE FROM fleet_commands WHERE acked = 1 AND expires_at < ?",
                       [_iso(now - KEEP_AFTER_EXPIRY)])

    def finish(self, command_id: str, status: str, detail: str = "") -> None:
        """Record a command's outcome (``ok`` or ``failed``); it is acknowledged with the next flush."""
        if status not in FINAL:
            raise ValueError(f"status must be one of {FINAL}")
        db = self._db()
        try:
            with db.conn:
                db.execute("UPDATE fleet_commands SET status = ?, detail = ?, acked = 0 WHERE id = ?",
                           [status, detail[:500], command_id])
        finally:
            db.conn.close()

    def unacked(self) -> list[Ack]:
        db = self._db()
        try:
            rows = db.execute("SELECT id, status, detail FROM fleet_commands WHERE acked = 0 AND status "
                              "!= 'running' ORDER BY received_at LIMIT 200").fetchall()
        finally:
            db.conn.close()
        return [Ack(*row) for row in rows]

    def mark_acked(self, acks: Sequence[Ack]) -> None:
        db = self._db()
        try:
            with db.conn:
                for ack in acks:  # only if the outcome is still the one that was sent
                    db.execute("UPDATE fleet_commands SET acked = 1 WHERE id = ? AND status = ? "
                               "AND detail = ?", [ack.id, ack.status, ack.detail[:500]])
        finally:
            db.conn.close()

    def status(self, command_id: str) -> tuple[str, str] | None:
        db = self._db()
        try:
            row = db.execute("SELECT status, detail FROM fleet_commands WHERE id = ?",
                             [command_id]).fetchone()
        finally:
            db.conn.close()
        return (str(row[0]), str(row[1])) if row else None


def latest_staff_message(database: Path) -> tuple[str, str] | None:
    """``(text, received_at)`` of the newest staff message from the hub, or None."""
    if not database.exists():
        return None
    db = open_database(database, read_only=True)
    try:
        if "fleet_staff_messages" not in db.table_names():
            return None
        row = db.execute("SELECT text, received_at FROM fleet_staff_messages ORDER BY received_at DESC, "
                         "rowid DESC LIMIT 1").fetchone()
    finally:
        db.conn.close()
    return (str(row[0]), str(row[1])) if row else None
