"""Benchmark, kiosk side of citizen voice: recording a vote, the tally behind the result bars, sending.

Run: ``python tests/bench/bench_voice_kiosk.py [--votes 1000] [--runs 5]``. Prints figures; it is not
a test. ``record`` is what a tap costs on the UI thread (one SQLite transaction with
``synchronous = FULL``); ``tally`` is what the bars cost to refill; ``send`` is one
``Courier.run_once`` of ``--votes`` final votes (batches of 500, then the aggregate GET and the prune)
to a real ``kiosk hub serve`` subprocess on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kiosk.sync.voice_courier import Courier  # noqa: E402
from kiosk.voice import Ballot  # noqa: E402
from tests.bench.bench_sync import start_hub  # noqa: E402

FLEET = "fleet-token-0123456789"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--votes", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-voice-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "fleet-token").write_text(FLEET, encoding="utf-8")
        proc, url = start_hub(tmp / "root", "--fleet-token-file", str(tmp / "fleet-token"))
        try:
            records: list[float] = []
            tallies: list[float] = []
            sends: list[float] = []
            for run in range(args.runs):
                now = [time.time() - 86400]
                ballot = Ballot(tmp / f"kiosk-{run}.db", min_interval=0, clock=lambda now=now: now[0])
                for i in range(args.votes):
                    now[0] += 30  # spread over the last day (the hub caps a kiosk per hour)
                    t0 = time.perf_counter()
                    ballot.record("want-on-my-street", i % 3, f"visit-{i}")
                    records.append(time.perf_counter() - t0)
                    ballot.end_visit(f"visit-{i}")
                for _ in range(50):
                    t0 = time.perf_counter()
                    ballot.tally("want-on-my-street", 3, "bench")
                    tallies.append(time.perf_counter() - t0)
                courier = Courier(ballot, hub_url=url, channel="bench", kiosk_id=f"kiosk-{run}", token=FLEET)
                t0 = time.perf_counter()
                report = courier.run_once()
                sends.append(time.perf_counter() - t0)
                assert report.sent == args.votes and not report.error, report
                ballot.close()
        finally:
            proc.kill()
            proc.wait()
    ms = 1000.0
    print(f"record a vote (tap, UI thread, fsync): p50 {statistics.median(records) * ms:.2f} ms  "
          f"p95 {pct(records, 0.95) * ms:.2f} ms  max {max(records) * ms:.2f} ms  (n={len(records)})")
    print(f"tally for the result bars:            p50 {statistics.median(tallies) * ms:.2f} ms  "
          f"p95 {pct(tallies, 0.95) * ms:.2f} ms  (n={len(tallies)})")
    print(f"send {args.votes} votes to a local hub (worker): p50 {statistics.median(sends) * ms:.0f} ms  "
          f"max {max(sends) * ms:.0f} ms  -> {args.votes / statistics.median(sends):.0f} votes/s  "
          f"(runs={args.runs})")


if __name__ == "__main__":
    main()
