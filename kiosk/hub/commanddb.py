"""The hub's command queue in ``hub.db``: commands per kiosk or channel, their outcomes, screenshots.

A command is stored once with its signed envelope. Each kiosk it reaches gets an outcome row:
``delivered`` when a heartbeat reply carried it, then ``ok``, ``failed`` or ``refused`` (final) when
the kiosk acknowledges it, or ``expired``. A kiosk that has not acknowledged a command gets it again
with every heartbeat until it expires (it runs each id once and acknowledges again).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from kiosk.fleetctl.envelope import Command
from kiosk.hub import fleetdb
from kiosk.sync import protocol

FINAL = ("ok", "failed", "refused", "expired")
MAX_QUEUED_PER_TARGET = 200
"""Unexpired commands one kiosk or channel may have waiting; more are refused (429)."""
MAX_DELIVERED = 20
"""Commands carried by one heartbeat reply; the rest come with the next."""
KEEP_DAYS = 30
"""Commands (and their outcomes) are kept this long after they expire, for the page and the API."""

migrations = Migrations("hub-commands")


@migrations(name="0001_commands")
def _commands(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE commands (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        target TEXT NOT NULL,
        kind TEXT NOT NULL,
        args TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        envelope TEXT NOT NULL,
        signature TEXT
    )""")
    db.execute("CREATE INDEX commands_target ON commands(target, expires_at)")
    db.execute("""CREATE TABLE command_outcomes (
        command_id TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        status TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        delivered_at TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (command_id, kiosk_id)
    ) WITHOUT ROWID""")
    db.execute("""CREATE TABLE screenshots (
        kiosk_id TEXT PRIMARY KEY,
        command_id TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        png BLOB NOT NULL
    )""")


class QueueFull(Exception):
    pass


def iso(moment: datetime) -> str:
    """The one time format of this table (text comparison orders it): ``2026-11-29T13:00:00Z``."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def open_db(root: Path) -> sqlite_utils.Database:
    """``hub.db`` with the fleet tables and these."""
    db = fleetdb.open_hub_db(root)
    migrations.apply(db)
    return db


def enqueue(db: sqlite_utils.Database, command: Command, delivery: dict[str, Any]) -> None:
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        waiting = db.execute("SELECT count(*) FROM commands WHERE target = ? AND expires_at > ?",
                             [command.target, command.created_at]).fetchone()[0]
        if waiting >= MAX_QUEUED_PER_TARGET:
            raise QueueFull(f"{command.target} already has {waiting} commands waiting; wait for them "
                            "to be acknowledged or expire")
        db.execute("INSERT INTO commands (id, target, kind, args, created_at, expires_at, envelope, "
                   "signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [command.id, command.target, command.kind, json.dumps(command.args), command.created_at,
                    command.expires_at, delivery["envelope"], delivery["signature"]])
        cutoff = iso(protocol.parse_time(command.created_at) - timedelta(days=KEEP_DAYS))
        old = "SELECT id FROM commands WHERE expires_at < ?"
        db.execute(f"DELETE FROM command_outcomes WHERE command_id IN ({old})", [cutoff])
        db.execute("DELETE FROM commands WHERE expires_at < ?", [cutoff])


def deliver(db: sqlite_utils.Database, kiosk_id: str, channel: str, now: str, *,
            new_only: bool = False) -> list[dict[str, Any]]:
    """The commands this kiosk should get in its heartbeat reply (marked delivered), oldest first.

    ``new_only`` (the long poll): only commands never delivered to it, so a command the kiosk is
    still running (a restart waiting for the attract loop) does not answer every wait at once;
    heartbeats deliver unacknowledged ones again.
    """
    targets = [f"kiosk:{kiosk_id}"] + ([f"channel:{channel}"] if channel else [])
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        rows = db.execute(
            "SELECT c.id, c.envelope, c.signature FROM commands c LEFT JOIN command_outcomes o "
            "ON o.command_id = c.id AND o.kiosk_id = ? WHERE c.target IN (?, ?) AND c.expires_at > ? "
            "AND (o.status IS NULL OR (o.status = 'delivered' AND ? = 0)) ORDER BY c.seq LIMIT ?",
            [kiosk_id, targets[0], targets[-1], now, int(new_only), MAX_DELIVERED]).fetchall()
        for cid, _, _ in rows:
            db.execute("INSERT INTO command_outcomes (command_id, kiosk_id, status, delivered_at, "
                       "updated_at) VALUES (?, ?, 'delivered', ?, ?) "
                       "ON CONFLICT (command_id, kiosk_id) DO UPDATE SET "
                       "delivered_at = excluded.delivered_at", [cid, kiosk_id, now, now])
    return [{"envelope": env, "signature": sig} for _, env, sig in rows]


def _addressed(db: sqlite_utils.Database, command_id: str, kiosk_id: str) -> str | None:
    """The command's kind when it was meant for this kiosk (by id, or its channel), else None."""
    row = db.execute("SELECT c.kind, c.target, k.channel FROM commands c LEFT JOIN kiosks k ON k.id = ? "
                     "WHERE c.id = ?", [kiosk_id, command_id]).fetchone()
    if row is None:
        return None
    kind, target, channel = row
    return kind if target in (f"kiosk:{kiosk_id}", f"channel:{channel or ''}") else None


def acknowledge(db: sqlite_utils.Database, kiosk_id: str, acks: list[dict[str, str]], now: str) -> int:
    """Record outcomes; the first final outcome per command and kiosk stands. Returns how many changed."""
    changed = 0
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        for ack in acks:
            if _addressed(db, ack["id"], kiosk_id) is None:
                continue
            cur = db.execute(
                "INSERT INTO command_outcomes (command_id, kiosk_id, status, detail, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (command_id, kiosk_id) DO UPDATE SET "
                "status = excluded.status, detail = excluded.detail, updated_at = excluded.updated_at "
                "WHERE command_outcomes.status NOT IN ('ok', 'failed', 'refused', 'expired')",
                [ack["id"], kiosk_id, ack["status"], ack.get("detail", "")[:500], now])
            changed += cur.rowcount
    return changed


def save_screenshot(db: sqlite_utils.Database, kiosk_id: str, command_id: str, png: bytes, now: str) -> bool:
    """Keep the kiosk's latest screenshot; False when no screenshot command asked this kiosk for it."""
    if _addressed(db, command_id, kiosk_id) != "screenshot":
        return False
    with db.conn:
        db.execute("INSERT OR REPLACE INTO screenshots (kiosk_id, command_id, taken_at, png) "
                   "VALUES (?, ?, ?, ?)",
                   [kiosk_id, command_id, now, png])
    return True


def screenshot(db: sqlite_utils.Database, kiosk_id: str) -> tuple[bytes, str] | None:
    row = db.execute("SELECT png, taken_at FROM screenshots WHERE kiosk_id = ?", [kiosk_id]).fetchone()
    return (bytes(row[0]), str(row[1])) if row else None


def screenshot_times(db: sqlite_utils.Database) -> dict[str, str]:
    return {k: t for k, t in db.execute("SELECT kiosk_id, taken_at FROM screenshots")}


def recent(db: sqlite_utils.Database, now: datetime, *, limit: int = 50, target: str = "",
           kiosk_id: str = "") -> list[dict[str, Any]]:
    """Newest commands first, each with ``outcomes``: kiosk id -> {status, detail, updated_at}.

    A channel command lists every kiosk last seen in that channel; one that never acknowledged it is
    ``pending`` (or ``delivered``) until the command expires, then ``expired``.
    """
    where, params = [], []
    if target:
        where.append("c.target = ?")
        params.append(target)
    if kiosk_id:
        where.append("(c.target = ? OR c.target = 'channel:' || (SELECT channel FROM kiosks WHERE id = ?))")
        params += [f"kiosk:{kiosk_id}", kiosk_id]
    sql = ("SELECT id, target, kind, args, created_at, expires_at, signature IS NOT NULL FROM commands c"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY seq DESC LIMIT ?")
    out = []
    for cid, target_, kind, args, created, expires, signed in db.execute(sql, [*params, limit]).fetchall():
        outcomes: dict[str, dict[str, Any]] = {}
        scope, _, name = target_.partition(":")
        members = ([name] if scope == "kiosk" else
                   [k for (k,) in db.execute("SELECT id FROM kiosks WHERE channel = ? ORDER BY id", [name])])
        for k in members:
            outcomes[k] = {"status": "pending", "detail": "", "updated_at": None}
        for k, status, detail, updated in db.execute(
                "SELECT kiosk_id, status, detail, updated_at FROM command_outcomes WHERE command_id = ? "
                "ORDER BY kiosk_id", [cid]):
            outcomes[k] = {"status": status, "detail": detail, "updated_at": updated}
        gone = protocol.parse_time(expires) <= now
        for o in outcomes.values():
            if gone and o["status"] not in FINAL:
                o["status"], o["detail"] = "expired", f"not acknowledged before {expires}"
        out.append({"id": cid, "target": target_, "kind": kind, "args": json.loads(args),
                    "created_at": created, "expires_at": expires, "signed": bool(signed),
                    "expired": gone, "outcomes": dict(sorted(outcomes.items()))})
    return out
