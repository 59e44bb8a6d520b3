"""Accessibility benchmark (prints figures; not collected by pytest).

Tap to next screen painted with the largest text size (1.5), home -> case -> back, 200 taps, p50/p95,
next to the same run at the normal size; then the high-contrast + reach layout at 1.5.

Run: ``python tests/bench/bench_a11y.py`` (offscreen; the bundled pack through ``pack_path``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAPS = 200


def main(data_dir: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.app import build_app
    from kiosk.config import Config
    from kiosk.ui.accessibility import A11yState
    from kiosk.ui.app_qt import create_application

    app = create_application()
    cfg = Config()
    cfg.kiosk.data_dir = data_dir
    kiosk = build_app(cfg, pack_path=ROOT / "content", windowed=True, size="1920x1080", animate=False)
    win = kiosk.window
    win.show()
    app.processEvents()
    slugs = [cs.slug for cs in kiosk.reader.case_studies()]

    case = win.screens["case"]

    def painted(action: Callable[[], None]) -> float:
        t0 = time.perf_counter()
        action()
        QCoreApplication.sendPostedEvents()  # the layouts and the paint the event loop does next
        elapsed = (time.perf_counter() - t0) * 1000
        if case.body.pending:  # the body below the fold, filled in after that first frame: untimed
            case.body.settle()
            QCoreApplication.sendPostedEvents()
        return elapsed

    def run(label: str, state: A11yState) -> None:
        win.go("home")
        win.set_accessibility(state)
        app.processEvents()
        times: list[float] = []
        for i in range(TAPS // 2):
            tile = win.home.tile(slugs[i % 4])
            assert tile is not None
            times.append(painted(lambda t=tile: QTest.mouseClick(t, Qt.MouseButton.LeftButton)))
            times.append(painted(lambda: QTest.mouseClick(win.navbar.back, Qt.MouseButton.LeftButton)))
        times.sort()
        print(
            f"{label}: tap to next screen painted (home->case->back, {len(times)} taps): "
            f"p50 {times[len(times) // 2]:.1f} ms, p95 {times[int(len(times) * 0.95)]:.1f} ms"
        )

    run("text 1.0", A11yState())
    run("text 1.5", A11yState(text_scale=1.5))
    run("text 1.5 + high contrast + reach", A11yState(text_scale=1.5, high_contrast=True, reach=True))
    kiosk.shutdown()
    QApplication.processEvents()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        main(tmp)
