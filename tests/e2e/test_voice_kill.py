"""SIGKILL a real process while it records and while it sends votes: nothing lost, nothing doubled.

The recording child prints each vote after :meth:`Ballot.record` returned; the parent kills it at
a random point and checks that every printed vote is in the database, once, with its choice. The
sending child posts batches to a collector file (a stand-in for the hub, which deduplicates by
key) before marking them sent; killed at random points, it may resend a batch but only with the
same idempotency keys, so the deduplicated count equals the votes cast.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import textwrap
from pathlib import Path

import pytest

from kiosk.voice import Ballot
from tests.helpers.processes import run_and_kill

ROOT = Path(__file__).resolve().parents[2]
KILLS = 12

RECORDER = textwrap.dedent(
    """
    import sys, uuid
    from pathlib import Path
    from kiosk.voice import Ballot

    ballot = Ballot(Path(sys.argv[1]), min_interval=0)
    print("ready", flush=True)
    i = 0
    while True:
        visit = uuid.uuid4().hex
        choice = i % 3
        ballot.record("street", choice, visit)
        print(visit, choice, flush=True)
        ballot.end_visit(visit)
        i += 1
    """
)

SENDER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from kiosk.voice import Ballot

    # hold=0: the votes whose visit never ended (killed in between) are final at once, as they
    # would be an hour later on a kiosk.
    ballot = Ballot(Path(sys.argv[1]), min_interval=0, hold=0)
    out = open(sys.argv[2], "a", encoding="utf-8")
    print("ready", flush=True)
    while True:
        batch = ballot.unsent(limit=7)
        if not batch:
            print("done", flush=True)
            break
        for vote in batch:  # the hub has them once this is on disk
            out.write(vote.key + "\\n")
        out.flush()
        os.fsync(out.fileno())
        print("posted", flush=True)
        ballot.mark_sent([v.key for v in batch])
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_recording_and_sending_loses_and_doubles_nothing(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    Ballot(db).close()  # migrations applied once, before any child
    recorder, sender = tmp_path / "recorder.py", tmp_path / "sender.py"
    recorder.write_text(RECORDER, encoding="utf-8")
    sender.write_text(SENDER, encoding="utf-8")
    rng = random.Random(20261129)
    confirmed: dict[str, int] = {}
    for _ in range(KILLS):
        for line in run_and_kill(recorder, [str(db)], rng.randint(1, 60)):
            visit, choice = line.split()
            confirmed[visit] = int(choice)
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            rows = dict(conn.execute("SELECT visit, choice FROM voice_votes").fetchall())
        assert {v: rows.get(v) for v in confirmed} == confirmed  # every confirmed vote, as cast
        assert len(rows) - len(confirmed) <= KILLS  # at most the one in flight per kill, never a copy
    collector = tmp_path / "hub.txt"
    posts = 0
    for _ in range(KILLS):
        posts += run_and_kill(sender, [str(db), str(collector)], rng.randint(1, 4)).count("posted")
    assert "done" in run_and_kill(sender, [str(db), str(collector)], 10_000)
    with sqlite3.connect(db) as conn:
        all_keys = {k for (k,) in conn.execute("SELECT key FROM voice_votes")}
        assert conn.execute("SELECT count(*) FROM voice_votes WHERE sent = 0").fetchone()[0] == 0
    received = collector.read_text(encoding="utf-8").split()
    assert set(received) == all_keys  # nothing lost on the way
    assert posts > 0 and len(all_keys) >= len(confirmed)
