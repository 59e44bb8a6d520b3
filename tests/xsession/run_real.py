"""A real run: the kiosk under Xvfb with no window manager, tapped through by ``xdotool`` like a visitor.

    python tests/xsession/run_real.py --out artifacts/xsession            # landscape and portrait
    python tests/xsession/run_real.py --sizes 1080x1920 --out /tmp/xs

attract -> home -> a theme -> a case study -> its data -> back home -> tours -> every stop -> the end
page -> home -> a language switch -> the accessibility options -> larger text. After every step:
the window's geometry from ``xwininfo`` must be the screen's, and a screenshot (saved) must not be
blank. Where to tap comes from an offscreen twin of the same kiosk at the same size (same code, same
fonts, same layout), tapped in step so it stays on the same screen. Prints tap -> settled times.
Exit code 0 when every step held, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the twin; the real kiosk gets xcb from XSession
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QImage, QWheelEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget  # noqa: E402

from tests.helpers.xsession import XSession, missing_tools, wait_for  # noqa: E402

PACK = ROOT / "content"


@dataclass
class Step:
    name: str
    target: Callable[[], QWidget]
    log_line: str
    """A regular expression the kiosk's log shows once more when the step has finished."""


def blank(path: Path) -> bool:
    """True when the screenshot is (nearly) one colour."""
    image = QImage(str(path))
    if image.isNull():
        return True
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 37)}
    return len(colours) < 8


def build_twin(width: int, height: int, data_dir: Path):  # type: ignore[no-untyped-def]
    from kiosk.app import build_app
    from kiosk.config import Config

    cfg = Config()
    cfg.kiosk.data_dir = str(data_dir)
    twin = build_app(cfg, pack_path=PACK, windowed=False, size=f"{width}x{height}", animate=False)
    twin.window.show()
    QApplication.processEvents()
    return twin


def steps(twin) -> list[Step]:  # type: ignore[no-untyped-def]
    win = twin.window
    reader = win.reader
    case_screen, tour_screen = win.screens["case"], win.screens["tour"]
    theme_id = reader.meta.themes[0].id

    def first_tile() -> QWidget:
        return win.home.grid.tiles[0]

    tour = reader.tours()[0]
    stops = len(tour.stops)
    found = [
        Step("attract -> home", lambda: win.attract, r"settled home in"),
        Step("a theme", lambda: next(c for c in win.home.chips if c.objectName() == f"chip-{theme_id}"),
             rf"settled home:{theme_id} in"),
        Step("a case study", first_tile, r"settled case:[\w-]+ in"),
        Step("its data", lambda: case_screen.chips.chips[0], r"settled data:[\w-]+ in"),
        Step("home", lambda: win.navbar.home, r"settled home in"),
        Step("tours", lambda: win.home.tours_button, r"settled tour in"),
        Step("a tour", lambda: tour_screen.cards[0], rf"settled tour:{tour.id} in"),
    ]
    for n in range(2, stops + 1):
        found.append(Step(f"stop {n}", lambda: tour_screen.next_button, rf"settled tour:{tour.id}:{n} in"))
    found += [
        Step("the end page", lambda: tour_screen.next_button, rf"settled tour:{tour.id}:end in"),
        Step("explore on your own", lambda: tour_screen.end_home, r"settled home in"),
        Step("language", lambda: win.navbar.languages.button(reader.meta.languages[1]), r"language \w+"),
        Step("accessibility options", lambda: win.a11y.button, r"accessibility options open"),
        Step("larger text", lambda: win.a11y.sizes[2], r"accessibility text 1.50"),
    ]
    return found


def reveal(session: XSession, window: QWidget, target: QWidget) -> None:
    """Scroll a control below the fold into view with the mouse wheel, in the kiosk and its twin alike
    (a wheel notch scrolls a fixed amount; a flick would not land the same in both)."""
    node = target.parentWidget()
    while node is not None and not isinstance(node, QAbstractScrollArea):
        node = node.parentWidget()
    if node is None:
        return
    viewport = node.viewport()
    for _ in range(60):
        top = target.mapTo(viewport, QPoint(0, 0)).y()
        if top >= 0 and top + target.height() <= viewport.height():
            return
        at = viewport.mapTo(window, viewport.rect().center())
        session.run("xdotool", "mousemove", str(at.x()), str(at.y()), "click", "5")
        middle = QPointF(viewport.rect().center())
        glob = QPointF(viewport.mapToGlobal(middle.toPoint()))
        wheel = QWheelEvent(middle, glob, QPoint(), QPoint(0, -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(viewport, wheel)
        QApplication.processEvents()


def run_size(width: int, height: int, out: Path, work: Path) -> tuple[list[str], list[float]]:
    out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    settle_ms: list[float] = []
    session = XSession(work, width, height)
    twin = build_twin(width, height, work / "twin")
    try:
        session.start_kiosk("--pack", str(PACK))
        if not session.full_screen():
            problems.append(f"{width}x{height} start: window at {session.geometry()}")
        for i, step in enumerate(steps(twin)):
            chips = twin.window.screens["case"].chips
            if step.name == "its data" and not (chips.chips and chips.isVisibleTo(twin.window)):
                continue  # this case study has no data set (the pack changed)
            target = step.target()
            reveal(session, twin.window, target)
            centre = target.mapTo(twin.window, target.rect().center())
            before = len(re.findall(step.log_line, session.log()))
            started = time.time()
            session.tap(centre.x(), centre.y())
            try:
                wait_for(lambda s=step, b=before: len(re.findall(s.log_line, session.log())) > b,
                         15, step.name)
            except TimeoutError as exc:
                tail = "\n    ".join(session.log().splitlines()[-6:])
                where = f"{width}x{height} {step.name} (tap at {centre.x()},{centre.y()})"
                problems.append(f"{where}: {exc}\n    {tail}")
                break
            settled = re.findall(rf"{step.log_line}.* at (\d+\.\d+)", session.log())
            if settled and "settled" in step.log_line:
                settle_ms.append((float(settled[-1]) - started) * 1000)
            QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             target.rect().center())
            QApplication.processEvents()
            geometry = session.geometry()
            if geometry != (0, 0, width, height):
                problems.append(f"{width}x{height} {step.name}: window at {geometry}, not the screen")
            shot = session.screenshot(out / f"{width}x{height}-{i:02d}-{step.name.replace(' ', '-')}.png")
            if blank(shot):
                problems.append(f"{width}x{height} {step.name}: blank screenshot {shot}")
            print(f"{width}x{height}  {step.name:<24} ok  {geometry}  {shot.name}")
        inside = [float(v) for v in re.findall(r"settled \S+ in (\d+\.\d+) ms", session.log())]
        if inside:
            p50 = statistics.median(inside)
            print(f"{width}x{height}  inside the kiosk (go -> transition finished): p50={p50:.0f} ms"
                  f"  max={max(inside):.0f} ms  n={len(inside)}")
    finally:
        session.close()
        twin.shutdown()
    return problems, settle_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("artifacts/xsession"))
    parser.add_argument("--sizes", nargs="+", default=["1920x1080", "1080x1920"])
    args = parser.parse_args(argv)
    missing = missing_tools()
    if missing:
        print(f"run_real: needs {', '.join(missing)} (apt-get install xvfb xdotool x11-utils imagemagick)")
        return 1
    from kiosk.ui.app_qt import create_application

    create_application()
    import tempfile

    problems: list[str] = []
    times: list[float] = []
    for size in args.sizes:
        width, height = (int(v) for v in size.split("x"))
        with tempfile.TemporaryDirectory(prefix="kiosk-xsession-") as work:
            found, settle = run_size(width, height, args.out, Path(work))
        problems += found
        times += settle
    if times:
        q = statistics.quantiles(times, n=20) if len(times) >= 2 else [times[0]] * 19
        print(f"tap -> settled (xdotool tap to the log line, X11): n={len(times)}  "
              f"p50={statistics.median(times):.0f} ms  p95={q[18]:.0f} ms")
    for p in problems:
        print("PROBLEM:", p)
    verdict = "ok" if not problems else f"{len(problems)} problem(s)"
    print("real run:", verdict, f"(screenshots in {args.out})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
