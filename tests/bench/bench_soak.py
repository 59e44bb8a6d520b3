"""Soak: months of kiosk life, compressed; prints RSS, open files, threads and WAL size as it goes.

The real kiosk (``kiosk.app.build_app``: store, screens, sync and data schedulers, admin, health)
runs offscreen in this process with a temp data dir and animations off, and is driven through:

* 50,000 navigations: home -> case -> back, theme filters, data screens, language switches;
* 1,000 attract cycles (idle reset, every slide cross-faded with the animation jumped to its end,
  a tap back to home) - the accelerated timers;
* 200 syncs from a real local static server (tests/helpers/servers.py): every other sync finds a
  new version (two pack variants published alternately with kiosk.sync.publish), the rest are up
  to date; the scheduler activates new versions at the next attract loop, as in the field;
* 100,000 chart updates: ``ChartWidget.set_series`` on the data screen with a moving window.

The work is done in ten rounds, each a tenth of everything; a checkpoint line follows each round.
Goal: after the first two rounds (warm-up) RSS stays within 10 MB, open files and threads constant.
When the count of descriptors changes, the lines under a checkpoint say which. One or two more
``kiosk.db`` descriptors some rounds after warm-up (and then no more) are SQLite's, not a leak:
in WAL mode every open connection holds a lock on the database file, so when a worker's connection
closes, SQLite's unix VFS keeps its descriptor (closing it would drop the process's POSIX locks) and
hands it to the next connection it opens; the pool only grows to the most connections that were
ever closed at the same moment (checked: live ``sqlite3.Connection`` objects stay constant at 4).

Run: ``python tests/bench/bench_soak.py`` (a while: run it under nohup), ``--quick`` (1/10 of all).
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROUNDS = 10
WARMUP_ROUNDS = 2
SIZE = "1920x1080"


@dataclass
class Totals:
    navigations: int = 50_000
    attract_cycles: int = 1_000
    syncs: int = 200
    chart_updates: int = 100_000

    def per_round(self, scale: float) -> Totals:
        return Totals(*(max(1, round(v * scale / ROUNDS)) for v in vars(self).values()))


@dataclass
class Sample:
    label: str
    rss_mb: float
    fds: int
    threads: int
    wal_kb: float
    data_mb: float
    seconds: float


def proc_status(key: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class PackVariants:
    """Two variants of the bundled pack published alternately with ever higher versions."""

    def __init__(self, tmp: Path, tree: Path) -> None:
        self.tree = tree
        self.dirs = [tmp / "pack-a", tmp / "pack-b"]
        for d in self.dirs:
            shutil.copytree(ROOT / "content", d)
        yaml = self.dirs[1] / "pack.yaml"
        yaml.write_text(yaml.read_text(encoding="utf-8").replace(
            "en: Danish Smart City Solutions", "en: Danish Smart City Solutions (soak)"), encoding="utf-8")
        self.version = 1

    def publish_next(self) -> int:
        from kiosk.sync.publish import publish_path

        self.version += 1
        pack = self.dirs[self.version % 2]
        yaml = pack / "pack.yaml"
        text = re.sub(r"(?m)^version: \d+$", f"version: {self.version}", yaml.read_text(encoding="utf-8"))
        yaml.write_text(text, encoding="utf-8")
        publish_path(pack, self.tree, "main")
        return self.version


class Soak:
    def __init__(self, tmp: Path, server_url: str, variants: PackVariants) -> None:
        from PySide6.QtCore import QEventLoop

        from kiosk.app import build_app
        from kiosk.config import Config
        from kiosk.ui.app_qt import create_application
        from kiosk.ui.services import SyncScheduler

        self.app = create_application()
        self.loop_flags = QEventLoop.ProcessEventsFlag.AllEvents
        cfg = Config()
        cfg.kiosk.data_dir = str(tmp / "data")
        cfg.sync.hub_url = server_url
        cfg.sync.channel = "main"
        cfg.sync.poll_seconds = 1_000_000  # 11 days: syncs come from the soak, not the timer
        self.cfg = cfg
        self.variants = variants
        self.kiosk = build_app(cfg, windowed=True, size=SIZE, animate=False)
        self.win = self.kiosk.window
        self.sync = next(s for s in self.kiosk.services if isinstance(s, SyncScheduler))
        self.sync.synced.connect(lambda _r: self._count("synced"))
        self.sync.failed.connect(lambda exc: self._failed(exc))
        self.sync.activated.connect(lambda _d: self._count("activated"))
        self.counts = {"synced": 0, "activated": 0, "applied": 0, "navigations": 0, "attract": 0,
                       "chart": 0, "slides": 0}
        self.win.show()
        self.app.processEvents()
        self._refresh_content()
        self._series = self._make_series()
        self.t0 = time.perf_counter()

    # -- helpers -----------------------------------------------------------------------------------
    def _count(self, key: str) -> None:
        self.counts[key] += 1

    @staticmethod
    def _failed(exc: BaseException) -> None:
        raise SystemExit(f"sync failed: {exc}")

    def _refresh_content(self) -> None:
        reader = self.win.reader
        self.slugs = [cs.slug for cs in reader.case_studies()]
        self.themes = [t.id for t in reader.meta.themes]
        self.languages = list(reader.meta.languages)
        self.datasets = [d.id for d in reader.datasets()]

    def _make_series(self) -> tuple[np.ndarray, np.ndarray]:
        n = 200_000
        ts = 1.7e9 + np.arange(n, dtype=np.float64) * 60.0
        values = 200 + 80 * np.sin(np.arange(n) / 500.0) + np.random.default_rng(1).normal(0, 5, n)
        return ts, values

    def wait_until(self, cond: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
        """Run the event loop until ``cond`` holds (worker results arrive as events)."""
        deadline = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out waiting for {what}")
            self.app.processEvents(self.loop_flags, 50)

    def go(self, route: str) -> None:
        self.win.go(route)
        self.counts["navigations"] += 1

    def flush(self) -> None:
        """Events, then the ``deleteLater`` deletions a running event loop would have done: the soak
        drives the app with ``processEvents()`` and never enters ``exec()``, where Qt deletes them, so
        without this every widget a screen replaces (the partners page after each content swap)
        stayed alive and RSS grew by ~12 MB a quick round, a leak of the benchmark, not the kiosk."""
        from PySide6.QtCore import QCoreApplication, QEvent

        self.app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def sample(self, label: str) -> Sample:
        self.flush()
        gc.collect()
        data = Path(self.cfg.kiosk.data_dir)
        wal = data / "kiosk.db-wal"
        return Sample(label, proc_status("VmRSS") / 1024, len(os.listdir("/proc/self/fd")),
                      proc_status("Threads"), (wal.stat().st_size if wal.exists() else 0) / 1024,
                      dir_size(data) / 1e6, time.perf_counter() - self.t0)

    # -- workloads ---------------------------------------------------------------------------------
    def navigate(self, n: int) -> None:
        i = 0
        while i < n:
            step = self.counts["navigations"]
            slug = self.slugs[step % len(self.slugs)]
            other = self.slugs[(step * 7 + 3) % len(self.slugs)]
            theme = self.themes[step % len(self.themes)]
            for route in ("home", f"case:{slug}", "back", f"home:{theme}", f"case:{other}", "back"):
                self.go(route)
                i += 1
            if step % 30 < 6 and self.datasets:
                self.go(f"data:{self.datasets[step % len(self.datasets)]}")
                self.go("back")
                i += 2
            if step % 60 < 6:
                lang = self.languages[(self.languages.index(self.win.lang) + 1) % len(self.languages)]
                self.win.set_language(lang)
                self.counts["navigations"] += 1
                i += 1
            self.win.repaint()
            self.flush()

    def attract_cycle(self, expected_version: int | None = None) -> None:
        """Idle reset, every slide cross-faded, a tap; ``expected_version``: wait until it is shown."""
        from kiosk.ui.theme import CROSSFADE_MS

        self.win.reset_for_next_visitor()  # what the idle timer does; activation of staged content
        if expected_version is not None:
            self.wait_until(lambda: getattr(self.win.reader, "version", None) == expected_version,
                            f"version {expected_version} on screen")
            self._refresh_content()
        attract = self.win.attract
        for _ in range(len(attract.slides)):
            before = attract.index
            attract.advance()
            attract._tick()
            attract.repaint()  # a cross-fade frame
            attract._fader.setCurrentTime(CROSSFADE_MS)  # the animation's end, now
            attract.repaint()
            if len(attract.slides) > 1 and attract.index == before:
                raise SystemExit("the attract loop did not advance")
            self.counts["slides"] += 1
        self.app.processEvents()
        self.counts["attract"] += 1
        self.go("home")  # a visitor taps

    def sync_and_activate(self, index: int) -> None:
        """Even syncs find a new version (activated at the following attract loop); odd are up to date."""
        expected = self.variants.publish_next() if index % 2 == 0 else None
        done = self.counts["synced"]
        self.sync.sync_now()
        self.wait_until(lambda: self.counts["synced"] > done, "a sync")
        if expected is not None:
            self.counts["applied"] += 1
            self.attract_cycle(expected)

    def chart_updates(self, n: int) -> None:
        if not self.datasets:
            return
        self.go(f"data:{self.datasets[0]}")
        self.wait_until(lambda: self.win.current_route.prefix == "data", "the data screen")
        chart = self.win.screens["data"].chart
        ts, values = self._series
        width = 5_000
        for _ in range(n):
            k = self.counts["chart"] % (len(ts) - width)
            chart.set_series(ts[k:k + width], values[k:k + width], ts[k], ts[k + width - 1])
            self.counts["chart"] += 1
            if self.counts["chart"] % 50 == 0:
                chart.repaint()
                self.app.processEvents()
        self.go("back")

    def round(self, work: Totals) -> None:
        syncs = work.syncs
        cycles = max(0, work.attract_cycles - (syncs + 1) // 2)
        navs = work.navigations
        chunks = max(syncs, 1)
        for j in range(chunks):
            self.navigate(navs // chunks)
            if j < syncs:
                self.sync_and_activate(self.counts["synced"])
            for _ in range(cycles // chunks + (1 if j < cycles % chunks else 0)):
                self.attract_cycle()
            self.chart_updates(work.chart_updates // chunks)

    def close(self) -> None:
        self.kiosk.shutdown()
        self.app.processEvents()


def open_files() -> Counter[str]:
    """What the open descriptors point at (paths, sockets, pipes, anon inodes), counted."""
    out: Counter[str] = Counter()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        out[re.sub(r"\[\d+\]", "[]", target)] += 1
    return out


def print_files(title: str, files: Counter[str]) -> None:
    if files:
        print(title, ", ".join(f"{n} x {t}" for t, n in files.most_common(8)), flush=True)


def print_sample(s: Sample, first: Sample | None) -> None:
    delta = f" ({s.rss_mb - first.rss_mb:+6.1f})" if first else "         "
    print(f"{s.label:<22} {s.seconds:7.0f} s  RSS {s.rss_mb:7.1f} MB{delta}  fds {s.fds:3d}  "
          f"threads {s.threads:3d}  WAL {s.wal_kb:7.0f} KB  data dir {s.data_mb:6.1f} MB", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1/10 of everything")
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    work = Totals().per_round(scale)

    from tests.helpers.servers import FaultServer

    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as tmp_name:
        tmp = Path(tmp_name)
        tree = tmp / "tree"
        variants = PackVariants(tmp, tree)
        variants.publish_next()  # the server has something from the start
        with FaultServer(tree) as server:
            soak = Soak(tmp, server.url, variants)
            print(f"soak: {ROUNDS} rounds of {work} ({'quick' if args.quick else 'full'}), {SIZE}",
                  flush=True)
            start = soak.sample("start")
            print_sample(start, None)
            warm: Sample | None = None
            files_warm: Counter[str] = Counter()
            samples = [start]
            for r in range(ROUNDS):
                soak.round(work)
                s = soak.sample(f"round {r + 1}/{ROUNDS}")
                samples.append(s)
                print_sample(s, warm or start)
                if r + 1 == WARMUP_ROUNDS:
                    warm, files_warm = s, open_files()
                elif warm is not None and s.fds != warm.fds:
                    print_files("  open now, not after warm-up:", open_files() - files_warm)
                    print_files("  closed since warm-up:", files_warm - open_files())
            c = soak.counts
            print(f"done: {c['navigations']} navigations, {c['attract']} attract cycles "
                  f"({c['slides']} slides), "
                  f"{c['synced']} syncs ({c['applied']} applied, {c['activated']} activations), "
                  f"{c['chart']} chart updates in {samples[-1].seconds:.0f} s")
            assert warm is not None
            end = samples[-1]
            rest = samples[1:]
            print(f"RSS after warm-up {warm.rss_mb:.1f} MB, end {end.rss_mb:.1f} MB "
                  f"({end.rss_mb - warm.rss_mb:+.1f} MB; max {max(s.rss_mb for s in rest):.1f}); "
                  f"fds {start.fds} -> {warm.fds} -> {end.fds}; threads {start.threads} -> {warm.threads} -> "
                  f"{end.threads}; WAL max {max(s.wal_kb for s in samples):.0f} KB")
            print_files("descriptors opened after warm-up and still open:", open_files() - files_warm)
            ok = (end.rss_mb - warm.rss_mb <= 10 and end.fds == warm.fds and end.threads == warm.threads)
            print("goal (RSS within 10 MB after warm-up, constant files and threads):",
                  "met" if ok else "NOT met")
            soak.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
