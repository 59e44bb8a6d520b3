"""The ballot box: votes written to the kiosk database before anything else happens.

Rules (issue 15):

* One vote per poll per visit. A change within the visit replaces the vote (same row, same
  idempotency key and vote time), so it is counted once; a change is not subject to the rate limit.
* A per-kiosk rate limit: at most one accepted vote per poll every ``min_interval`` seconds
  (3 s). A vote over the limit is refused *and counted as refused*, never silently dropped.
* A vote becomes final, and is offered for sending, when its visit ends (idle reset, end of a
  tour) or, should the kiosk die mid-visit, ``hold`` seconds after it was cast.
* What is sent is anonymous: poll id, choice index, the hour (UTC, rounded down) and the
  idempotency key. The visit id never leaves the kiosk.

Each vote is one transaction with ``synchronous = FULL``: once :meth:`Ballot.record` returns, the
vote survives a SIGKILL or a power cut. Sending marks rows sent only after the hub confirmed them;
a kill in between resends the same keys, which the hub counts once.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from kiosk.db import open_database

MIN_INTERVAL = 3.0
"""Seconds between two accepted votes on one poll at one kiosk."""
HOLD = 3600.0
"""Seconds after which a vote of a visit that never ended is final anyway."""
MAX_CHOICES = 5
POLL_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

migrations = Migrations("kiosk-voice")


@migrations(name="0001_votes")
def _votes(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE voice_votes (
        key TEXT PRIMARY KEY,
        poll TEXT NOT NULL,
        choice INTEGER NOT NULL,
        visit TEXT NOT NULL,
        ts REAL NOT NULL,
        final INTEGER NOT NULL DEFAULT 0,
        sent INTEGER NOT NULL DEFAULT 0,
        UNIQUE (poll, visit)
    )""")
    db.execute("CREATE INDEX voice_votes_unsent ON voice_votes(sent, final, ts)")
    db.execute("""CREATE TABLE voice_last (
        poll TEXT PRIMARY KEY,
        ts REAL NOT NULL
    )""")
    db.execute("""CREATE TABLE voice_refused (
        poll TEXT NOT NULL,
        reason TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (poll, reason)
    )""")


@migrations(name="0002_hub_snapshot")
def _hub_snapshot(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE voice_votes ADD COLUMN sent_at REAL")
    db.execute("""CREATE TABLE voice_hub (
        channel TEXT PRIMARY KEY,
        etag TEXT NOT NULL,
        doc TEXT NOT NULL,
        fetched_at REAL NOT NULL
    )""")


class Outcome(Enum):
    ACCEPTED = "accepted"
    CHANGED = "changed"
    """The visit had voted on this poll: the choice was replaced, still one vote."""
    REFUSED = "refused"
    """Over the rate limit, or the visit had already ended; counted in :meth:`Ballot.refused`."""


@dataclass(frozen=True)
class Vote:
    """One vote as sent to the hub."""

    key: str
    poll: str
    choice: int
    hour: str
    """``2026-11-29T11:00:00Z``: the hour the vote was cast in, rounded down, UTC."""

    def as_json(self) -> dict[str, object]:
        return {"key": self.key, "poll": self.poll, "choice": self.choice, "hour": self.hour}


@dataclass(frozen=True)
class Tally:
    """What the visitor sees after voting: votes per choice (by position) and the total."""

    counts: tuple[int, ...]
    local_only: bool
    """True without a hub snapshot (a plain static host, or never reached): only this kiosk's votes,
    and the screen says so."""

    @property
    def total(self) -> int:
        return sum(self.counts)

    def shares(self) -> tuple[float, ...]:
        return tuple(n / self.total if self.total else 0.0 for n in self.counts)


@dataclass(frozen=True)
class ChoiceCount:
    poll: str
    choice: int
    votes: int
    unsent: int


def hour_of(ts: float) -> str:
    """The UTC hour ``ts`` falls in, as ISO 8601 (minutes and seconds dropped, never rounded up)."""
    return datetime.fromtimestamp(ts - ts % 3600, UTC).strftime("%Y-%m-%dT%H:00:00Z")


def new_visit() -> str:
    """A fresh visit id (random; it never leaves the kiosk)."""
    return uuid.uuid4().hex


class Ballot:
    """Votes of this kiosk. One connection per thread: the UI records, a worker sends."""

    def __init__(self, database: Path, *, min_interval: float = MIN_INTERVAL, hold: float = HOLD,
                 clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self.min_interval = min_interval
        self.hold = hold
        self.clock = clock
        self._local = threading.local()
        self._conns: list[sqlite_utils.Database] = []
        self._lock = threading.Lock()
        migrations.apply(self._db())

    def _db(self) -> sqlite_utils.Database:
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            db = open_database(self.database)
            db.execute("PRAGMA synchronous = FULL")  # a vote once recorded survives a power cut
            self._local.db = db
            with self._lock:
                self._conns.append(db)
        return db

    def record(self, poll: str, choice: int, visit: str) -> Outcome:
        """Record (or change) this visit's vote on ``poll``; committed before this returns."""
        if not POLL_ID.match(poll) or not 0 <= choice < MAX_CHOICES or not visit:
            raise ValueError(f"not a vote: poll {poll!r}, choice {choice!r}, visit {visit!r}")
        now = self.clock()
        db = self._db()
        with db.conn:
            db.execute("BEGIN IMMEDIATE")  # the rate check and the write see the same state
            old = db.execute("SELECT key, final FROM voice_votes WHERE poll = ? AND visit = ?",
                             [poll, visit]).fetchone()
            if old is not None and old[1]:
                return self._refuse(db, poll, "visit-ended")
            if old is not None:  # a change adds no vote: never rate-limited (a quick "No, Yes" is fine)
                db.execute("UPDATE voice_votes SET choice = ? WHERE key = ?", [choice, old[0]])
                return Outcome.CHANGED
            row = db.execute("SELECT ts FROM voice_last WHERE poll = ?", [poll]).fetchone()
            if row is not None and 0 <= now - row[0] < self.min_interval:
                return self._refuse(db, poll, "rate")
            db.execute("INSERT INTO voice_votes (key, poll, choice, visit, ts) VALUES (?, ?, ?, ?, ?)",
                       [uuid.uuid4().hex, poll, choice, visit, now])
            db.execute("INSERT INTO voice_last (poll, ts) VALUES (?, ?) "
                       "ON CONFLICT (poll) DO UPDATE SET ts = excluded.ts", [poll, now])
        return Outcome.ACCEPTED

    def _refuse(self, db: sqlite_utils.Database, poll: str, reason: str) -> Outcome:
        db.execute("INSERT INTO voice_refused (poll, reason, count) VALUES (?, ?, 1) "
                   "ON CONFLICT (poll, reason) DO UPDATE SET count = count + 1", [poll, reason])
        return Outcome.REFUSED

    def count_refused(self, poll: str, reason: str, n: int) -> None:
        """Add ``n`` refusals (say the hub's hourly cap turned votes away)."""
        if n <= 0:
            return
        db = self._db()
        with db.conn:
            db.execute("INSERT INTO voice_refused (poll, reason, count) VALUES (?, ?, ?) "
                       "ON CONFLICT (poll, reason) DO UPDATE SET count = count + excluded.count",
                       [poll, reason, n])

    def end_visit(self, visit: str) -> int:
        """The visit is over: its votes are final and may be sent. Returns how many."""
        db = self._db()
        with db.conn:
            return db.execute("UPDATE voice_votes SET final = 1 WHERE visit = ? AND final = 0",
                              [visit]).rowcount

    def unsent(self, limit: int = 500) -> list[Vote]:
        """Final votes the hub has not confirmed yet, oldest first."""
        cutoff = self.clock() - self.hold
        rows = self._db().execute(
            "SELECT key, poll, choice, ts FROM voice_votes WHERE sent = 0 AND (final = 1 OR ts < ?) "
            "ORDER BY ts, key LIMIT ?", [cutoff, limit]).fetchall()
        return [Vote(key, poll, choice, hour_of(ts)) for key, poll, choice, ts in rows]

    def pending(self) -> int:
        """Every vote not sent yet, final or still open to change."""
        return int(self._db().execute("SELECT count(*) FROM voice_votes WHERE sent = 0").fetchone()[0])

    def mark_sent(self, keys: Iterable[str]) -> int:
        """The hub has these votes (accepted or deduplicated); returns how many rows changed."""
        keys = list(keys)
        db = self._db()
        changed = 0
        now = self.clock()
        with db.conn:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                changed += db.execute(f"UPDATE voice_votes SET sent = 1, final = 1, sent_at = ? "
                                      f"WHERE sent = 0 AND key IN ({marks})", [now, *chunk]).rowcount
        return changed

    def flush(self, send: Callable[[list[Vote]], Mapping[str, int] | None], *, batch: int = 500,
              max_batches: int = 20) -> int:
        """Send final votes batch by batch until none are left or a send fails; returns how many.

        ``send`` posts one batch and returns the hub's refusals per poll (``{}`` when it took all),
        or None when the hub did not answer: those votes stay unsent and go again, same keys.
        """
        done = 0
        for _ in range(max_batches):
            votes = self.unsent(batch)
            if not votes:
                break
            refused = send(votes)
            if refused is None:
                break
            for poll, n in refused.items():
                self.count_refused(poll, "hub-cap", n)
            done += self.mark_sent(v.key for v in votes)
        return done

    def prune(self, older_than: float) -> int:
        """Forget votes the hub confirmed more than ``older_than`` seconds ago; returns how many.

        Unsent votes are never pruned. The hub keeps the count; the kiosk's tally adds only votes
        sent after its last snapshot, which pruned votes never are (see :meth:`tally`).
        """
        cutoff = self.clock() - older_than
        db = self._db()
        with db.conn:
            return db.execute("DELETE FROM voice_votes WHERE sent = 1 AND (sent_at IS NULL OR sent_at < ?)",
                              [cutoff]).rowcount

    def counts(self, poll: str | None = None) -> list[ChoiceCount]:
        """Votes per poll and choice at this kiosk (sent or not), and how many of them are unsent."""
        sql = ("SELECT poll, choice, count(*), sum(sent = 0) FROM voice_votes "
               + ("WHERE poll = ? " if poll else "") + "GROUP BY poll, choice ORDER BY poll, choice")
        rows = self._db().execute(sql, [poll] if poll else []).fetchall()
        return [ChoiceCount(p, c, n, u) for p, c, n, u in rows]

    def remember_hub(self, channel: str, doc: Mapping[str, Any], etag: str = "") -> None:
        """Keep the hub's aggregate (``GET /api/v1/voices/<channel>``) fetched just now."""
        db = self._db()
        with db.conn:
            db.execute("INSERT INTO voice_hub (channel, etag, doc, fetched_at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (channel) DO UPDATE SET etag = excluded.etag, doc = excluded.doc, "
                       "fetched_at = excluded.fetched_at",
                       [channel, etag, json.dumps(doc, separators=(",", ":")), self.clock()])

    def hub_etag(self, channel: str) -> str:
        """The ETag of the kept aggregate, for ``If-None-Match`` (empty when there is none)."""
        row = self._db().execute("SELECT etag FROM voice_hub WHERE channel = ?", [channel]).fetchone()
        return str(row[0]) if row else ""

    def tally(self, poll: str, choices: int, channel: str) -> Tally:
        """Votes per choice: the lab's counts from the hub plus this kiosk's votes it does not have yet.

        The hub's snapshot already holds the votes sent before it was fetched; votes sent after
        that, and votes not sent at all (including the one just cast), are added from here. Without
        a snapshot, this kiosk's own votes only (``local_only``).
        """
        db = self._db()
        counts = [0] * choices
        row = db.execute("SELECT doc, fetched_at FROM voice_hub WHERE channel = ?", [channel]).fetchone()
        if row is not None:
            hub = json.loads(row[0]).get("polls", {}).get(poll, {}).get("choices", [])
            for i, n in enumerate(hub[:choices]):
                counts[i] += int(n)
            local = db.execute("SELECT choice, count(*) FROM voice_votes WHERE poll = ? AND "
                               "(sent = 0 OR sent_at > ?) GROUP BY choice", [poll, row[1]])
        else:
            local = db.execute("SELECT choice, count(*) FROM voice_votes WHERE poll = ? GROUP BY choice",
                               [poll])
        for choice, n in local:
            if choice < choices:
                counts[choice] += n
        return Tally(tuple(counts), local_only=row is None)

    def refused(self) -> dict[tuple[str, str], int]:
        """Refused votes by ``(poll, reason)``: ``rate``, ``visit-ended`` or what the hub said."""
        rows = self._db().execute("SELECT poll, reason, count FROM voice_refused ORDER BY poll, reason")
        return {(p, r): n for p, r, n in rows}

    def close(self) -> None:
        with self._lock:
            conns, self._conns = self._conns, []
        for db in conns:
            with contextlib.suppress(Exception):  # another thread's connection goes with its thread
                db.close()
        self._local = threading.local()
