"""Where a tap's time goes (prints figures; not collected by pytest): the home -> case -> back loop of
``bench_ui.py``, split into the screen's refill (``show_route``), the window's switch to it (show,
polish) and the paint (the posted layout requests and the window's UpdateRequest, as the event loop
sends them after the tap), as p50 **CPU** milliseconds of the UI thread.

CPU time, not wall time: on a machine shared with other work the wall-clock p95 of ``bench_ui.py``
follows the machine's load; these spans follow the code. Compare two checkouts by running this file
from each.

Run: ``python tests/bench/bench_tap_spans.py`` (offscreen, the bundled pack).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAPS = 100


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest

    from kiosk.app import build_app
    from kiosk.config import Config
    from kiosk.ui.app_qt import create_application

    app = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Config()
        cfg.kiosk.data_dir = tmp
        kiosk = build_app(cfg, pack_path=ROOT / "content", windowed=True, size="1920x1080", animate=False)
        win = kiosk.window
        win.show()
        win.go("home")
        app.processEvents()
        slugs = [cs.slug for cs in kiosk.reader.case_studies()]
        spans: dict[str, list[float]] = {"refill": [], "switch": [], "paint": [], "tap": []}
        case = win.screens["case"]
        refill = case.show_route

        def timed_refill(argument: str) -> None:
            t0 = time.thread_time()
            refill(argument)
            spans["refill"].append((time.thread_time() - t0) * 1000)

        case.show_route = timed_refill  # type: ignore[method-assign]

        def tap(action: Callable[[], None]) -> None:
            t0 = time.thread_time()
            n = len(spans["refill"])
            action()
            t1 = time.thread_time()
            QCoreApplication.sendPostedEvents()
            t2 = time.thread_time()
            refilled = spans["refill"][n] if len(spans["refill"]) > n else 0.0
            spans["switch"].append((t1 - t0) * 1000 - refilled)
            spans["paint"].append((t2 - t1) * 1000)
            spans["tap"].append((t2 - t0) * 1000)
            if case.body.pending:  # the body below the fold fills in after the first frame: untimed here
                case.body.settle()
                QCoreApplication.sendPostedEvents()

        for i in range(TAPS):
            tile = win.home.tile(slugs[i % 4])
            tap(lambda t=tile: QTest.mouseClick(t, Qt.MouseButton.LeftButton))  # type: ignore[misc]
            tap(lambda: QTest.mouseClick(win.navbar.back, Qt.MouseButton.LeftButton))
        to_case = {k: statistics.median(v[0::2]) for k, v in spans.items() if k != "refill"}
        to_home = {k: statistics.median(v[1::2]) for k, v in spans.items() if k != "refill"}
        print(f"CPU ms, p50 of {TAPS} taps each way (refill = the case study's show_route)")
        print(f"home -> case: refill {statistics.median(spans['refill']):.1f}, tap handling + switch "
              f"{to_case['switch']:.1f}, paint {to_case['paint']:.1f}, whole tap {to_case['tap']:.1f}")
        print(f"case -> home: tap handling + switch {to_home['switch']:.1f}, "
              f"paint {to_home['paint']:.1f}, whole tap {to_home['tap']:.1f}")
        kiosk.shutdown()


if __name__ == "__main__":
    main()
