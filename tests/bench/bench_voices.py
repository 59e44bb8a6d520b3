"""Benchmark: many kiosks send their votes to one hub; accepted votes per second, p95 latency, RSS.

Run: ``python tests/bench/bench_voices.py [--kiosks 100] [--votes 1000] [--parallel 8]``. Prints
figures; it is not a test. The hub runs as a real ``kiosk hub serve`` subprocess on 127.0.0.1; each
simulated kiosk posts its votes in batches of ``--batch`` (spread over the last 30 days, as a kiosk
catching up would), several kiosks at a time. Then it times how long until
``GET /api/v1/voices/<channel>`` shows the totals.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_sync import start_hub  # noqa: E402

CHANNEL = "bench"
POLLS = ("want-on-my-street", "cycle-bridge-on-my-route", "try-next")


def kiosk_votes(n: int, now: float) -> list[dict[str, object]]:
    out = []
    for i in range(n):
        ts = now - (i * 2593) % (30 * 86400)
        hour = time.strftime("%Y-%m-%dT%H:00:00Z", time.gmtime(ts))
        out.append({"key": uuid.uuid4().hex, "poll": POLLS[i % len(POLLS)], "choice": i % 3, "hour": hour})
    return out


FLEET = "fleet-token-0123456789"


def send_kiosk(url: str, kiosk: str, votes: list[dict[str, object]], batch: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    accepted = 0
    with requests.Session() as session:
        session.headers["Authorization"] = f"Bearer {FLEET}"
        for start in range(0, len(votes), batch):
            body = {"kiosk_id": kiosk, "channel": CHANNEL, "votes": votes[start:start + batch]}
            t0 = time.perf_counter()
            answer = session.post(f"{url}/api/v1/voices", json=body, timeout=120)
            latencies.append(time.perf_counter() - t0)
            answer.raise_for_status()
            accepted += int(answer.json()["accepted"])
    return latencies, accepted


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiosks", type=int, default=100)
    parser.add_argument("--votes", type=int, default=1000, help="votes per kiosk")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--parallel", type=int, default=8, help="kiosks sending at the same time")
    args = parser.parse_args()
    now = time.time()
    plan = {f"kiosk-{k:03d}": kiosk_votes(args.votes, now) for k in range(args.kiosks)}
    total = args.kiosks * args.votes
    with tempfile.TemporaryDirectory() as tmp:
        token_file = Path(tmp) / "fleet.token"
        token_file.write_text(FLEET)
        hub, url = start_hub(Path(tmp) / "root", "--fleet-token-file", str(token_file))
        try:
            rss_idle = rss_mb(hub.pid)
            t0 = time.perf_counter()
            latencies: list[float] = []
            accepted = 0
            with concurrent.futures.ThreadPoolExecutor(args.parallel) as pool:
                futures = [pool.submit(send_kiosk, url, k, v, args.batch) for k, v in plan.items()]
                for f in concurrent.futures.as_completed(futures):
                    lat, n = f.result()
                    latencies += lat
                    accepted += n
            elapsed = time.perf_counter() - t0
            rss_after = rss_mb(hub.pid)
            t1 = time.perf_counter()
            shown = 0
            while shown != total:
                doc = requests.get(f"{url}/api/v1/voices/{CHANNEL}", timeout=120).json()
                shown = sum(p["total"] for p in doc["polls"].values())
                if time.perf_counter() - t1 > 120:
                    break
            until_shown = time.perf_counter() - t1
            t2 = time.perf_counter()
            cached = requests.get(f"{url}/api/v1/voices/{CHANNEL}",
                                  headers={"If-None-Match": requests.get(
                                      f"{url}/api/v1/voices/{CHANNEL}", timeout=60).headers["ETag"]},
                                  timeout=60)
            etag_ms = (time.perf_counter() - t2) * 1000
            again = send_kiosk(url, "kiosk-000", plan["kiosk-000"], args.batch)[1]
        finally:
            hub.terminate()
            hub.wait(30)
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    print(f"{args.kiosks} kiosks x {args.votes} votes, batches of {args.batch}, {args.parallel} in parallel")
    print(f"accepted            {accepted} of {total} in {elapsed:.1f} s = {accepted / elapsed:,.0f} votes/s")
    print(f"POST latency        median {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms ({len(latencies)} batches)")
    print(f"hub RSS             {rss_idle:.0f} MB idle, {rss_after:.0f} MB after the flood")
    print(f"totals shown after  {until_shown * 1000:.0f} ms (GET /api/v1/voices/{CHANNEL}: {shown} votes)")
    print(f"aggregate GET+304   {etag_ms:.0f} ms (both requests; 304: {cached.status_code == 304})")
    print(f"one kiosk resends   {again} newly accepted of {args.votes} (idempotency keys)")


if __name__ == "__main__":
    main()
