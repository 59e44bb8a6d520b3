"""Live data benchmarks (prints figures; not collected by pytest).

    python tests/bench/bench_data.py [--quick]

1. window(): a 7-day window with max_points=2000 over 10 million cached observations (goal <= 20 ms median).
2. a chart of 1 million points: pan/zoom frame time, median and p95 (goal p95 <= 16 ms), next to a bare
   pyqtgraph PlotWidget with the same data in the same run.
3. 20 charts updated every second for one simulated hour (3,600 updates each): RSS growth.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np

from kiosk.data.cache import ObservationCache

QUICK = "--quick" in sys.argv
T0 = 1_760_000_000


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(values, p))


def bench_window() -> None:
    series_n, per_series, step = (10, 1_000_000, 30) if not QUICK else (2, 250_000, 30)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "kiosk.db"
        cache = ObservationCache(db_path)
        t = time.perf_counter()
        conn = cache.db.conn
        rng = np.random.default_rng(1)
        for s in range(series_n):
            values = np.cumsum(rng.normal(0, 1, per_series)) + 100
            rows = ((f"lab/s{s}", T0 + i * step, float(v)) for i, v in enumerate(values.tolist()))
            with conn:
                conn.executemany("INSERT INTO observations (series, ts, value) VALUES (?, ?, ?)", rows)
        gen = time.perf_counter() - t
        total = conn.execute("SELECT count(*) FROM observations").fetchone()[0]
        size_mb = db_path.stat().st_size / 2**20
        print(f"[window] generated {total:,} observations in {gen:.0f} s ({size_mb:.0f} MB)")
        span = per_series * step
        times: list[float] = []
        points: list[int] = []
        random.seed(2)
        for i in range(60):
            series = f"lab/s{i % series_n}"
            end = T0 + random.randint(7 * 86400, span)
            t = time.perf_counter()
            ts, _ = cache.window(series, end - 7 * 86400, end, max_points=2000)
            times.append((time.perf_counter() - t) * 1000)
            points.append(len(ts))
        # the latest week of a series, the kiosk's usual question
        t = time.perf_counter()
        cache.window("lab/s0", T0 + span - 7 * 86400, T0 + span, 2000)
        latest = (time.perf_counter() - t) * 1000
        med = statistics.median(times)
        print(f"[window] 7-day window (20,160 raw points -> <= 2000): median {med:.1f} ms, "
              f"p95 {pct(times, 95):.1f} ms, max {max(times):.1f} ms; points returned "
              f"{min(points)}-{max(points)}; latest week {latest:.1f} ms  (goal <= 20 ms median)")
        cache.close()


def frame_times(widget, plot_item, x: np.ndarray, frames: int) -> list[float]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    span = float(x[-1] - x[0])
    out: list[float] = []
    for i in range(frames):
        # alternate pans and zooms over the series
        width = span * (0.02 + 0.98 * ((i * 7) % 50) / 49)
        left = x[0] + (span - width) * ((i * 13) % 97) / 96
        t = time.perf_counter()
        plot_item.setXRange(left, left + width, padding=0)
        widget.grab()  # one forced, complete repaint of the plot = one frame
        out.append((time.perf_counter() - t) * 1000)
        QApplication.processEvents()  # untimed: let queued updates settle before the next frame
    return out


def bench_chart() -> None:
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.theme import Theme
    from kiosk.ui.widgets.chart import ChartWidget

    app = QApplication.instance() or QApplication([])
    n = 1_000_000 if not QUICK else 200_000
    x = (T0 + np.arange(n) * 30).astype(np.float64)
    y = np.cumsum(np.random.default_rng(3).normal(0, 1, n)) + 100
    frames = 120 if not QUICK else 40

    chart = ChartWidget(Theme(1920, 1080))
    chart.resize(1920, 1080)
    chart.show()
    chart.set_series(x, y, x[0], x[-1])
    app.processEvents()
    ours = frame_times(chart.plot, chart.plot.getPlotItem(), x, frames)

    bare = pg.PlotWidget()
    bare.resize(chart.plot.size())
    bare.show()
    bare.plot(x, y)
    app.processEvents()
    plain = frame_times(bare, bare.getPlotItem(), x, max(10, frames // 4))
    print(f"[chart] {n:,} points, pan/zoom + grab(): kiosk chart median {statistics.median(ours):.1f} ms, "
          f"p95 {pct(ours, 95):.1f} ms  (goal p95 <= 16 ms)")
    print(f"[chart] bare pyqtgraph PlotWidget, same data: median {statistics.median(plain):.1f} ms, "
          f"p95 {pct(plain, 95):.1f} ms")
    chart.close()
    bare.close()


def bench_soak() -> None:
    from PySide6.QtWidgets import QApplication, QGridLayout, QWidget

    from kiosk.ui.theme import Theme
    from kiosk.ui.widgets.chart import ChartWidget

    app = QApplication.instance() or QApplication([])
    theme = Theme(1920, 1080)
    host = QWidget()
    grid = QGridLayout(host)
    charts = [ChartWidget(theme) for _ in range(20)]
    for i, c in enumerate(charts):
        grid.addWidget(c, i // 5, i % 5)
    host.resize(1920, 1080)
    host.show()
    rng = np.random.default_rng(4)
    buf = [list(100 + rng.normal(0, 5, 3600)) for _ in charts]
    steps = 3600 if not QUICK else 600

    def tick(second: int) -> None:
        now = T0 + second
        for c, values in zip(charts, buf, strict=True):
            values.append(values[-1] + float(rng.normal(0, 1)))
            del values[0]
            ts = np.arange(now - 3600, now, dtype=np.int64)
            c.set_series(ts, np.asarray(values), now - 3600, now)
            c.set_value(values[-1], "updated just now")
        if second % 10 == 0:
            app.processEvents()
        if second % 300 == 0:
            host.grab()

    for s in range(60):  # warm-up minute
        tick(s)
    start = rss_mb()
    t = time.perf_counter()
    samples = []
    for s in range(60, 60 + steps):
        tick(s)
        if s % 600 == 0:
            samples.append(round(rss_mb() - start, 1))
    elapsed = time.perf_counter() - t
    end = rss_mb()
    print(f"[soak] 20 charts x {steps:,} updates (1/s, one simulated hour) in {elapsed:.0f} s: "
          f"RSS {start:.0f} -> {end:.0f} MB (growth {end - start:+.1f} MB; every 10 min: {samples})")
    host.close()


if __name__ == "__main__":
    which = [a for a in sys.argv[1:] if not a.startswith("--")] or ["window", "chart", "soak"]
    if "window" in which:
        bench_window()
    if "chart" in which:
        bench_chart()
    if "soak" in which:
        bench_soak()
