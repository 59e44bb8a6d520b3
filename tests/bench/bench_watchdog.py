"""Watchdog ping timing (prints figures; not collected by pytest).

The pings' timestamps are taken where they are sent (a ``Notifier`` that notes ``time.monotonic()``
as it sends each ``WATCHDOG=1`` to a real AF_UNIX datagram socket), so the listener's thread
scheduling does not enter the figures. Three phases on the bundled pack, 1920x1080 offscreen, pings
every 100 ms (``WATCHDOG_USEC`` = 200 ms): idle on the attract screen, a visitor tapping through
home and case studies, and a 1.5 s hang of the UI thread (the gap a supervisor would see).

Run: ``python tests/bench/bench_watchdog.py [--seconds 5]``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WATCHDOG_USEC = 200_000


def gaps_ms(times: list[float]) -> list[float]:
    return [(b - a) * 1000 for a, b in itertools.pairwise(times)]


def describe(label: str, times: list[float], expected_ms: float) -> None:
    gaps = sorted(gaps_ms(times))
    if not gaps:
        print(f"{label:<26} no pings")
        return
    p95 = gaps[min(len(gaps) - 1, int(len(gaps) * 0.95))]
    late = sum(g > 2 * expected_ms for g in gaps)
    print(f"{label:<26} pings {len(times):4d}  gap median {statistics.median(gaps):6.1f} ms  "
          f"p95 {p95:6.1f} ms  max {gaps[-1]:7.1f} ms  over 2x interval: {late}")


def main(data_dir: str, seconds: float) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from kiosk.app import build_app
    from kiosk.config import Config
    from kiosk.health.sdnotify import Notifier
    from kiosk.ui.app_qt import create_application
    from kiosk.ui.watchdog import Watchdog

    class SentAt(Notifier):
        """Notes when each ping leaves (the sender's clock)."""

        def __init__(self, environ: dict[str, str]) -> None:
            super().__init__(environ)
            self.sent: list[float] = []

        def watchdog(self) -> bool:
            self.sent.append(time.monotonic())
            return super().watchdog()

    sock_path = Path(data_dir) / "notify.sock"
    sink = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sink.bind(str(sock_path))
    sink.setblocking(False)

    app = create_application()
    cfg = Config()
    cfg.kiosk.data_dir, cfg.data.enabled = str(Path(data_dir) / "kiosk"), False
    kiosk = build_app(cfg, pack_path=ROOT / "content", windowed=True, size="1920x1080", animate=False)
    notifier = SentAt({"NOTIFY_SOCKET": str(sock_path), "WATCHDOG_USEC": str(WATCHDOG_USEC)})
    dog = Watchdog(kiosk.window, notifier)
    kiosk.window.show()
    kiosk.start()
    dog.start()
    interval = notifier.watchdog_interval_ms

    def drain() -> None:
        try:
            while sink.recv(4096):
                pass
        except BlockingIOError:
            pass

    def run_for(secs: float, step: object = None) -> list[float]:
        start = len(notifier.sent)
        ends = time.monotonic() + secs
        while time.monotonic() < ends:
            if callable(step):
                step()
            app.processEvents()
            drain()
            QTest.qWait(5)
        return notifier.sent[start:]

    run_for(1.0)  # settle after start
    describe("idle (attract)", run_for(seconds), interval)

    slugs = [cs.slug for cs in kiosk.reader.case_studies()]
    routes = itertools.cycle(["home", *(f"case:{s}" for s in slugs[:4])])
    last = [0.0]

    def tap() -> None:
        if time.monotonic() - last[0] > 0.3:  # a visitor's pace: a new screen every 300 ms
            kiosk.window.go(next(routes))
            last[0] = time.monotonic()

    describe("visitor tapping", run_for(seconds, tap), interval)
    kiosk.window.go("attract")

    run_for(0.5)
    start = len(notifier.sent) - 1  # from the last ping before the hang
    QTimer.singleShot(0, lambda: time.sleep(1.5))
    run_for(3.0)
    hung = notifier.sent[start:]
    describe("1.5 s UI-thread hang", hung, interval)
    print(f"{'':<26} longest silence during the hang: {max(gaps_ms(hung), default=0):.0f} ms "
          f"(interval {interval} ms)")

    dog.stop()
    kiosk.shutdown()
    sink.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of the idle and tapping phases")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        main(tmp, args.seconds)
