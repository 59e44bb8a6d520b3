"""Network view benchmark (prints figures; not collected by pytest).

A pack with 60 partners and 30 case studies: time to build the network screen's scene and paint it
(``set_content`` with new content + a full ``grab``; two equal packs alternate so every run really
builds), to show it again with the same content (the scene is reused), to select a partner and
repaint, and to rebuild after a resize.
Median and worst wall time of 20 runs each, and the median CPU time of this process (the wall time
includes waiting for a busy machine), at 1920x1080 and 1080x1920. Target: build + paint under 200 ms
(median wall time; the exit status is 1 when it is missed).

Run: ``QT_QPA_PLATFORM=offscreen python tests/bench/bench_partners.py``
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from kiosk.content.reader import PackContent

RUNS = 20
TARGET_MS = 200.0


def measure(app: QApplication, readers: tuple[PackContent, PackContent], size: tuple[int, int]) -> float:
    """Print the figures for one screen size; return the median build + paint wall time."""
    from kiosk.ui.screens.partners_network import NetworkScreen
    from kiosk.ui.theme import Theme

    screen = NetworkScreen(Theme(*size))
    screen.resize(*size)
    screen.show()
    app.processEvents()
    times: dict[str, tuple[list[float], list[float]]] = {
        "build + paint": ([], []), "again + paint": ([], []), "select + paint": ([], []),
        "resize + paint": ([], []),
    }

    def timed(name: str, step: Callable[[], object]) -> None:
        w0, c0 = time.perf_counter(), time.process_time()
        step()
        times[name][0].append((time.perf_counter() - w0) * 1000)
        times[name][1].append((time.process_time() - c0) * 1000)

    def show(reader: PackContent) -> None:
        screen.set_content(reader, "en")
        screen.show_route("")
        screen.grab()

    for i in range(RUNS):
        timed("build + paint", lambda i=i: show(readers[i % 2]))
        timed("again + paint", lambda i=i: show(readers[i % 2]))
        timed("select + paint", lambda i=i: (screen.view.select(f"org-{i % 60:02d}"), screen.grab()))
        timed("resize + paint", lambda i=i: (screen.resize(size[0] - 40 * (i % 2), size[1]),
                                             app.processEvents(), screen.grab()))
    print(f"{size[0]}x{size[1]}: {len(screen.view.nodes)} nodes, {len(screen.view.edges)} lines")
    for name, (wall, cpu) in times.items():
        print(f"  {name:15} median {statistics.median(wall):6.1f} ms   worst {max(wall):6.1f} ms"
              f"   CPU median {statistics.median(cpu):6.1f} ms")
    screen.close()
    screen.deleteLater()
    app.processEvents()
    return statistics.median(times["build + paint"][0])


def main() -> int:
    from kiosk.ui.app_qt import create_application
    from tests.bench.gen_partners import make_partner_reader

    app = QApplication.instance() or create_application()
    assert isinstance(app, QApplication)
    readers = (make_partner_reader(60, 30), make_partner_reader(60, 30))
    slowest = max(measure(app, readers, size) for size in ((1920, 1080), (1080, 1920)))
    verdict = "under" if slowest < TARGET_MS else "OVER"
    print(f"build + paint (median, slower size): {slowest:.1f} ms, {verdict} the {TARGET_MS:.0f} ms target")
    return 0 if slowest < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
