"""The hub's vote store (``voices.db`` in the root): deduplicated by idempotency key, capped per
kiosk and hour, aggregated per channel, poll, choice and kiosk.

Every vote key the hub has seen is kept, accepted or refused, so a batch sent again after a kill or
a lost answer changes nothing: neither the counts nor the refusals. The cap counts a kiosk's
accepted votes per *vote hour* (the hour the vote was cast in, as the kiosk sends it), so a kiosk
catching up after a month offline is not refused for sending a month at once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from kiosk.db import open_database

HOURLY_CAP = 1500
"""Votes accepted per kiosk and hour (at most one per poll every 3 s is 1,200 for one poll)."""
HOUR = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$")

migrations = Migrations("hub-voices")


@migrations(name="0001_votes")
def _votes(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE votes (
        kiosk_id TEXT NOT NULL,
        key TEXT NOT NULL,
        channel TEXT NOT NULL,
        poll TEXT NOT NULL,
        choice INTEGER NOT NULL,
        hour TEXT NOT NULL,
        accepted INTEGER NOT NULL,
        received TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, key)
    ) WITHOUT ROWID""")
    db.execute("CREATE INDEX votes_cap ON votes(kiosk_id, hour, accepted)")
    db.execute("CREATE INDEX votes_channel ON votes(channel, poll, choice, kiosk_id)")
    db.execute("""CREATE TABLE revisions (
        channel TEXT PRIMARY KEY,
        revision INTEGER NOT NULL
    )""")


def open_voice_db(root: Path) -> sqlite_utils.Database:
    db = open_database(root / "voices.db")
    migrations.apply(db)
    return db


@dataclass
class BatchResult:
    accepted: int = 0
    duplicates: int = 0
    refused: dict[str, int] = field(default_factory=dict)
    """Poll id -> votes refused by the hourly cap in this batch (new keys only)."""

    def as_json(self) -> dict[str, Any]:
        return {"accepted": self.accepted, "duplicates": self.duplicates, "refused": self.refused}


def record_batch(db: sqlite_utils.Database, kiosk_id: str, channel: str, votes: list[dict[str, Any]],
                 received: str, *, cap: int = HOURLY_CAP) -> BatchResult:
    """Store one batch of ``{key, poll, choice, hour}`` in one transaction."""
    result = BatchResult()
    unique: dict[str, dict[str, Any]] = {}
    for vote in votes:
        if vote["key"] in unique:
            result.duplicates += 1
        else:
            unique[vote["key"]] = vote
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        keys = list(unique)
        seen: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            seen.update(k for (k,) in db.execute(
                f"SELECT key FROM votes WHERE kiosk_id = ? AND key IN ({marks})", [kiosk_id, *chunk]))
        result.duplicates += len(seen)
        used: dict[str, int] = {}
        rows = []
        for key, vote in unique.items():
            if key in seen:
                continue
            hour = vote["hour"]
            if hour not in used:
                used[hour] = db.execute("SELECT count(*) FROM votes WHERE kiosk_id = ? AND hour = ? "
                                        "AND accepted = 1", [kiosk_id, hour]).fetchone()[0]
            ok = used[hour] < cap
            if ok:
                used[hour] += 1
                result.accepted += 1
            else:
                result.refused[vote["poll"]] = result.refused.get(vote["poll"], 0) + 1
            rows.append((kiosk_id, key, channel, vote["poll"], vote["choice"], hour, int(ok), received))
        db.conn.executemany("INSERT INTO votes (kiosk_id, key, channel, poll, choice, hour, accepted, "
                            "received) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        if result.accepted or result.refused:
            db.execute("INSERT INTO revisions (channel, revision) VALUES (?, 1) "
                       "ON CONFLICT (channel) DO UPDATE SET revision = revision + 1", [channel])
    return result


def revision(db: sqlite_utils.Database, channel: str) -> int:
    row = db.execute("SELECT revision FROM revisions WHERE channel = ?", [channel]).fetchone()
    return int(row[0]) if row else 0


def aggregate(db: sqlite_utils.Database, channel: str) -> dict[str, Any]:
    """Per poll: the total, votes per choice (by position), per kiosk, and refused votes."""
    polls: dict[str, dict[str, Any]] = {}

    def entry(poll: str) -> dict[str, Any]:
        return polls.setdefault(poll, {"total": 0, "choices": [], "kiosks": {}, "refused": 0})

    rows = db.execute("SELECT poll, choice, kiosk_id, accepted, count(*) FROM votes WHERE channel = ? "
                      "GROUP BY poll, choice, kiosk_id, accepted", [channel]).fetchall()
    per_kiosk: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for poll, choice, kiosk_id, accepted, n in rows:
        e = entry(poll)
        if not accepted:
            e["refused"] += n
            continue
        e["total"] += n
        while len(e["choices"]) <= choice:
            e["choices"].append(0)
        e["choices"][choice] += n
        per_kiosk[(poll, kiosk_id)][choice] = n
    for (poll, kiosk_id), counts in sorted(per_kiosk.items()):
        width = len(polls[poll]["choices"])
        polls[poll]["kiosks"][kiosk_id] = [counts.get(i, 0) for i in range(width)]
    return {"channel": channel, "revision": revision(db, channel), "polls": dict(sorted(polls.items()))}


def channels(db: sqlite_utils.Database) -> list[str]:
    return [c for (c,) in db.execute("SELECT DISTINCT channel FROM votes ORDER BY channel")]


_WEEK = "date(substr(hour, 1, 10), 'weekday 0', '-6 days')"
"""The Monday that starts the ISO week of a vote hour."""


def weekly(db: sqlite_utils.Database, channel: str) -> dict[str, list[tuple[str, int]]]:
    """Poll id -> ``[(Monday, accepted votes that week)]``, oldest week first."""
    out: dict[str, list[tuple[str, int]]] = {}
    rows = db.execute(f"SELECT poll, {_WEEK} AS week, count(*) FROM votes WHERE channel = ? AND accepted = 1 "
                      "GROUP BY poll, week ORDER BY poll, week", [channel])
    for poll, week, n in rows:
        out.setdefault(poll, []).append((week, n))
    return out


CSV_HEADER = ("channel", "poll", "kiosk_id", "week", "choice", "votes", "refused")


def csv_rows(db: sqlite_utils.Database, channel: str) -> list[tuple[Any, ...]]:
    """Accepted and refused votes per poll, kiosk, week and choice: the export for the lab team."""
    return db.execute(
        f"SELECT channel, poll, kiosk_id, {_WEEK} AS week, choice, sum(accepted), sum(1 - accepted) "
        "FROM votes WHERE channel = ? GROUP BY poll, kiosk_id, week, choice "
        "ORDER BY poll, kiosk_id, week, choice", [channel]).fetchall()
