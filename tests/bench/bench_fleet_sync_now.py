"""Benchmark: "sync now" for a channel of 100 kiosks, until all 100 report the new pack version.

Run: ``python tests/bench/bench_fleet_sync_now.py [--kiosks 100] [--heartbeat 30] [--no-push]``.
Prints figures; it is not a test.

- The hub is a real ``kiosk hub serve`` process (admin and fleet tokens, a signing key: commands are
  signed and every kiosk verifies them).
- Packs come from a static host: a plain ``python -m http.server`` over a published protocol v1 tree.
- Each simulated kiosk is a thread (spread over a few worker processes) running the real kiosk code
  headless: its own data dir and :class:`~kiosk.store.Store`, :class:`~kiosk.sync.engine.SyncEngine`
  against the static host, :func:`~kiosk.sync.heartbeat.send_heartbeat` to the hub every
  ``--heartbeat`` seconds (first one at a random phase, like kiosks booted at different times), and
  with ``--push`` (the default, as on a kiosk) the :class:`~kiosk.fleetctl.listen.PushListener` long
  poll, and the :class:`~kiosk.fleetctl.inbox.Inbox` for the commands in the replies. On
  ``sync_now`` it syncs, activates the new version (a kiosk on its attract loop does so at once),
  reports at once, and acknowledges. No Qt.
- The clock starts when the command is posted to the hub's API (what the /fleet button does) and
  stops, per kiosk, when the hub has a heartbeat from it showing the new version.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kiosk.config import Config, KioskSection, SyncSection  # noqa: E402
from kiosk.content import signing  # noqa: E402
from kiosk.fleetctl.client import flush_acks  # noqa: E402
from kiosk.fleetctl.inbox import Inbox  # noqa: E402
from kiosk.fleetctl.listen import PushListener  # noqa: E402
from kiosk.store import Store  # noqa: E402
from kiosk.sync.engine import SyncEngine  # noqa: E402
from kiosk.sync.heartbeat import send_heartbeat  # noqa: E402
from kiosk.sync.publish import publish_path  # noqa: E402
from tests.helpers.fleet import ADMIN, FLEET, free_port, hub_process, wait_for  # noqa: E402

CHANNEL = "bench"


def make_pack(path: Path, version: int) -> Path:
    (path / "media").mkdir(parents=True, exist_ok=True)
    (path / "pack.yaml").write_text(f"id: fleet-bench\nversion: {version}\ntitle: {{en: Fleet bench}}\n"
                                    "languages: [en]\ndefault_language: en\n")
    for i in range(5):
        (path / "media" / f"common{i}.txt").write_bytes(bytes([i]) * 20_000)
    (path / "media" / "changes.txt").write_text(f"version {version}\n")
    return path


# Worker process: a few dozen kiosks as threads ------------------------------------------------------
class SimKiosk:
    def __init__(self, kiosk_id: str, data: Path, static_url: str, hub_url: str, pub: str,
                 heartbeat: float, push: bool, stop: threading.Event) -> None:
        sync = SyncSection(hub_url=static_url, channel=CHANNEL, token=FLEET, trusted_keys=[pub],
                           heartbeat_seconds=int(heartbeat), push=push)
        self.cfg = Config(kiosk=KioskSection(id=kiosk_id, data_dir=str(data)), sync=sync)
        self.report_cfg = dataclasses.replace(self.cfg, sync=dataclasses.replace(sync, hub_url=hub_url))
        self.heartbeat, self.stop = heartbeat, stop
        self.wake = threading.Event()

    def run(self) -> None:
        store = Store.open(self.cfg.data_paths().ensure())
        engine = SyncEngine.from_config(self.cfg, store)
        inbox = Inbox(self.cfg.data_paths().database, self.cfg.kiosk.id, CHANNEL, self.cfg.sync.trusted_keys)
        self.sync_and_activate(engine, store)

        def on_reply(reply: dict[str, object]) -> None:
            for command in inbox.receive(reply.get("commands")):
                if command.kind == "sync_now":
                    try:
                        done = self.sync_and_activate(engine, store)
                        inbox.finish(command.id, "ok", f"synced {done}")
                    except Exception as exc:
                        inbox.finish(command.id, "failed", str(exc))
                    self.wake.set()  # report the new version now, as the app does after an activation
                else:
                    inbox.finish(command.id, "ok", "ignored by the benchmark kiosk")
            flush_acks(self.report_cfg, inbox)

        listener = None
        if self.cfg.sync.push:
            listener = PushListener(self.report_cfg, on_reply)
            listener.start()
        self.stop.wait(random.uniform(0, self.heartbeat))
        while not self.stop.is_set():
            self.wake.clear()
            send_heartbeat(self.report_cfg, store.active_packs(), route="attract", on_reply=on_reply)
            if not self.wake.is_set():
                self.wake.wait(self.heartbeat)
        if listener is not None:
            listener.stop()
        store.close()

    def sync_and_activate(self, engine: SyncEngine, store: Store) -> list[str]:
        result = engine.sync_once()
        for update in result.updates:
            store.activate(update.id, update.version)
        return [f"{u.id} v{u.version}" for u in result.updates]


def worker(args: argparse.Namespace) -> int:
    stop = threading.Event()
    kiosks = [SimKiosk(f"sim-{i:03d}", Path(args.data) / f"sim-{i:03d}", args.static, args.hub, args.pub,
                       args.heartbeat, args.push, stop) for i in range(args.first, args.first + args.count)]
    threads = [threading.Thread(target=k.run, daemon=True) for k in kiosks]
    for t in threads:
        t.start()
    sys.stdin.read()  # the benchmark closes our stdin to stop us
    stop.set()
    for k in kiosks:
        k.wake.set()
    for t in threads:
        t.join(30)
    return 0


# The benchmark -------------------------------------------------------------------------------------
def versions(root: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    with contextlib.suppress(sqlite3.OperationalError), contextlib.closing(
            sqlite3.connect(f"file:{root / 'hub.db'}?mode=ro", uri=True)) as db:
        for kid, packs in db.execute("SELECT id, packs FROM kiosks"):
            shown = json.loads(packs or "[]")
            if shown:
                out[kid] = int(shown[0]["version"])
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=100)
    parser.add_argument("--heartbeat", type=float, default=float(SyncSection().heartbeat_seconds),
                        help="seconds between heartbeats (default: the kiosk's default)")
    parser.add_argument("--workers", type=int, default=4, help="processes the kiosk threads are spread over")
    parser.add_argument("--push", action=argparse.BooleanOptionalAction, default=SyncSection().push,
                        help="the long-poll push channel (default: on, as on a kiosk); --no-push: "
                             "heartbeat replies only")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    for name in ("first", "count"):
        parser.add_argument(f"--{name}", type=int, default=0, help=argparse.SUPPRESS)
    for name in ("data", "static", "hub", "pub"):
        parser.add_argument(f"--{name}", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)

    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp_name:
        tmp = Path(tmp_name)
        key, pub = signing.generate_keypair(tmp / "hub")
        static_root = tmp / "static"
        publish_path(make_pack(tmp / "v1", 1), static_root, CHANNEL, sign_key=key)
        port = free_port()
        static = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                                   "--directory", str(static_root), str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        static_url = f"http://127.0.0.1:{port}"
        workers: list[subprocess.Popen[str]] = []
        try:
            with hub_process(tmp / "hub", tmp, sign_key=key) as hub:
                per = -(-args.kiosks // args.workers)
                for first in range(0, args.kiosks, per):
                    workers.append(subprocess.Popen(
                        [sys.executable, __file__, "--worker", "--first", str(first),
                         "--count", str(min(per, args.kiosks - first)), "--data", str(tmp / "kiosks"),
                         "--static", static_url, "--hub", hub.url, "--pub", pub.read_text().strip(),
                         "--heartbeat", str(args.heartbeat), "--push" if args.push else "--no-push"],
                        stdin=subprocess.PIPE, text=True, cwd=ROOT))
                started = time.monotonic()
                wait_for(lambda: sum(v == 1 for v in versions(hub.root).values()) == args.kiosks,
                         args.heartbeat * 3 + 120, f"all {args.kiosks} kiosks on version 1")
                up = time.monotonic() - started
                print(f"{args.kiosks} kiosks up and reporting version 1 after {up:.1f} s "
                      f"(heartbeat every {args.heartbeat:.0f} s, push {'on' if args.push else 'off'}, "
                      f"{len(workers)} worker processes)")

                publish_path(make_pack(tmp / "v2", 2), static_root, CHANNEL, sign_key=key)
                t0 = time.monotonic()
                resp = requests.post(f"{hub.url}/api/v1/commands", timeout=10,
                                     headers={"Authorization": f"Bearer {ADMIN}"},
                                     json={"target": f"channel:{CHANNEL}", "kind": "sync_now"})
                resp.raise_for_status()
                command = resp.json()["id"]
                seen: dict[str, float] = {}
                deadline = t0 + args.heartbeat * 2 + 120
                while len(seen) < args.kiosks and time.monotonic() < deadline:
                    now = time.monotonic() - t0
                    for kid, version in versions(hub.root).items():
                        if version == 2 and kid not in seen:
                            seen[kid] = now
                    time.sleep(0.1)  # polling another process's database: nothing to wait on
                listed = requests.get(f"{hub.url}/api/v1/commands", timeout=10,
                                      headers={"Authorization": f"Bearer {ADMIN}"}).json()["commands"]
                statuses = [o["status"] for c in listed if c["id"] == command for o in c["outcomes"].values()]
        finally:
            for w in workers:
                if w.stdin:
                    w.stdin.close()
            for w in workers:
                try:
                    w.wait(60)
                except subprocess.TimeoutExpired:
                    w.kill()
            static.terminate()
            static.wait(10)

    times = list(seen.values())
    print(f"sync now for channel:{CHANNEL} -> {len(times)} of {args.kiosks} kiosks show version 2")
    if times:
        print(f"  all reported after {max(times):.1f} s (goal <= 60 s)" if len(times) == args.kiosks else
              f"  {args.kiosks - len(times)} kiosks did not report version 2 in time")
        print(f"  min {min(times):.1f} s  p50 {statistics.median(times):.1f} s  p90 {pct(times, 90):.1f} s  "
              f"p95 {pct(times, 95):.1f} s  max {max(times):.1f} s")
        width = max(1, int(max(times) // 10) + 1)
        for b in range(width):
            n = sum(b * 10 <= t < (b + 1) * 10 for t in times)
            print(f"  {b * 10:3d}-{(b + 1) * 10:3d} s  {n:3d}  {'#' * n}")
    print(f"  acknowledged: {statuses.count('ok')} ok, {statuses.count('failed')} failed, "
          f"{len(statuses) - statuses.count('ok') - statuses.count('failed')} other")
    return 0 if len(seen) == args.kiosks else 1


if __name__ == "__main__":
    raise SystemExit(main())
