"""Benchmark, the lab-wide question in the UI: what it adds to start-up, painting its attract slide, and
a tap on one of its choices until home shows the answer with the shares.

Run: ``python tests/bench/bench_ask.py [--runs 20] [--size 1920x1080]`` (offscreen, the bundled pack, a
real SQLite ballot). Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--size", default="1920x1080")
    args = ap.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))

    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from kiosk.content.reader import load_pack_content
    from kiosk.ui.app_qt import create_application
    from kiosk.ui.factory import make_theme, make_window
    from kiosk.ui.voice_ask import attach_ask
    from kiosk.voice.ballot import Ballot
    from kiosk.voice.booth import Booth

    app = create_application([])
    reader = load_pack_content(ROOT / "content")
    attach, paint, tap, plain = [], [], [], []

    class Press:
        def __init__(self, pos: QPointF) -> None:
            self.pos = pos

        def position(self) -> QPointF:
            return self.pos

        def accept(self) -> None:
            pass

    with tempfile.TemporaryDirectory(prefix="bench-ask-") as tmp:
        for run in range(args.runs):
            window = make_window(make_theme("light", reader, width, height), reader, kiosk_mode=False,
                                 animate=False, attract_animated=False, screens=False)
            window.resize(width, height)
            window.show()
            QApplication.processEvents()
            booth = Booth(Ballot(Path(tmp) / f"k{run}.db", min_interval=0), "main")
            started = time.perf_counter()
            attach_ask(window, booth)
            attach.append((time.perf_counter() - started) * 1000)
            attract = window.attract
            attract.index = next(i for i, s in enumerate(attract.slides) if s.poll is not None)
            started = time.perf_counter()
            attract.repaint()  # the slide's text layer is drawn on its first paint, then cached
            paint.append((time.perf_counter() - started) * 1000)
            choice = attract.ask_choices()[run % 4].center()
            started = time.perf_counter()
            attract._ask_tap(choice.x(), choice.y())  # the vote (SQLite, fsync), home scrolled to it
            window.go("home")
            window.repaint()
            tap.append((time.perf_counter() - started) * 1000)
            window.close()
            window.deleteLater()
            other = make_window(make_theme("light", reader, width, height), reader, kiosk_mode=False,
                                animate=False, attract_animated=False, screens=False)  # a cold home again
            other.resize(width, height)
            other.show()
            QApplication.processEvents()
            started = time.perf_counter()
            other.attract.mousePressEvent(Press(QPointF(5, 5)))  # "touch to explore": no question, no vote
            other.repaint()
            plain.append((time.perf_counter() - started) * 1000)
            other.close()
            other.deleteLater()
            booth.ballot.close()
            QApplication.processEvents()
    del app

    def line(name: str, values: list[float]) -> str:
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return f"{name:<44} p50 {statistics.median(values):7.1f} ms  p95 {p95:7.1f} ms  (n={len(values)})"

    print(f"bundled pack, {width}x{height}, offscreen")
    print(line("attach the question (home panel, attract refill)", attach))
    print(line("first paint of the attract question slide", paint))
    print(line("attract tap on a choice -> home with the shares", tap))
    print(line("attract tap without the question -> home", plain))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
