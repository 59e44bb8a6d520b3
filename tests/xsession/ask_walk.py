"""A visitor answers the lab-wide question on the real kiosk: Xvfb, no window manager, xdotool taps.

Run: ``python tests/xsession/ask_walk.py --out artifacts/ask [--size 1920x1080]``. It installs the
bundled pack (its ``ask:`` every slide, 4 s a slide, so the question comes soon) into a fresh data
directory, starts ``kiosk run`` under Xvfb, waits for the attract loop's question slide (its choices'
white outlines in a screenshot, where an offscreen twin of the same build draws them), taps a choice,
and checks the kiosk opens home with the vote; then Danish, the question on home, a case study's poll
in Danish. A screenshot after each step. ``kiosk voice show --json`` must count the two votes.
Prints what it did; exits 1 on a problem.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QWheelEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget  # noqa: E402

from tests.helpers.xsession import XSession, missing_tools, wait_for  # noqa: E402
from tests.xsession.run_real import blank, reveal  # noqa: E402
from tests.xsession.voice_walk import install, twin_app  # noqa: E402

ASK = "try-next"
LIVE_CAPTION = ("Sample data: energy use of a street-lighting test field · recorded data, "
                "last value 7 Mar 2025")
CASE, CASE_POLL = "copenhagen-district-cooling", "cooling-from-the-harbour"


def quick_pack(dest: Path) -> Path:
    """The bundled pack with the question after every slide and 4 s slides."""
    shutil.copytree(ROOT / "content", dest)
    yaml = dest / "pack.yaml"
    text = yaml.read_text(encoding="utf-8").replace("  seconds: 10\n", "  seconds: 4\n")
    yaml.write_text(text.replace("  results: after-vote\n", "  results: after-vote\n  every: 1\n", 1),
                    encoding="utf-8")
    return dest


def outlined(shot: Path, points: list[tuple[int, int]]) -> bool:
    image = QImage(str(shot))
    return not image.isNull() and all(min(QColor(image.pixel(x, y)).getRgb()[:3]) > 225 for x, y in points)


def scroll_up_to(session: XSession, window: QWidget, target: QWidget) -> None:
    """Wheel up (kiosk and twin alike) until ``target`` is no longer above its scroll view."""
    node = target.parentWidget()
    while node is not None and not isinstance(node, QAbstractScrollArea):
        node = node.parentWidget()
    if node is None:
        return
    viewport = node.viewport()
    for _ in range(60):
        if target.mapTo(viewport, QPoint(0, 0)).y() >= 0:
            return
        at = viewport.mapTo(window, viewport.rect().center())
        session.run("xdotool", "mousemove", str(at.x()), str(at.y()), "click", "4")
        middle = QPointF(viewport.rect().center())
        wheel = QWheelEvent(middle, QPointF(viewport.mapToGlobal(middle.toPoint())), QPoint(), QPoint(0, 120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(viewport, wheel)
        QApplication.processEvents()


def walk(width: int, height: int, out: Path, work: Path) -> list[str]:
    problems: list[str] = []
    tag = f"{width}x{height}"
    pack = quick_pack(work / "pack")
    session = XSession(work, width, height)
    install(pack, work / "data")
    install(pack, work / "twin")
    twin = twin_app(width, height, work / "twin")
    win = twin.window
    attract = win.attract
    if height > width:  # the kiosk shows its sample live figure in home's footer; the twin runs no data
        from kiosk.ui.widgets.livefigure import FigureParts

        win.home.set_live_figure(None, FigureParts("13.8", "kWh", LIVE_CAPTION, "x", False, False))
    try:
        session.start_kiosk()
        attract.index = next(i for i, s in enumerate(attract.slides) if s.poll is not None)
        geo = attract.ask_layout()
        assert geo is not None, "the twin's attract loop has no question slide"
        border = max(2, win.theme.px(0.25))
        points = [(round(r.center().x()), round(r.top() + border / 2)) for r in geo.choices]
        shot = out / f"{tag}-attract-ask.png"
        started = time.monotonic()
        wait_for(lambda: outlined(session.screenshot(shot), points), 40, "the question slide")
        print(f"{tag}  attract question slide after {time.monotonic() - started:.1f} s  {shot}")

        def step(name: str, x: int, y: int, *log_lines: str) -> Path:
            counts = [len(re.findall(line, session.log())) for line in log_lines]
            session.tap(x, y)
            for line, before in zip(log_lines, counts, strict=True):
                wait_for(lambda line=line, before=before: len(re.findall(line, session.log())) > before,
                         15, f"{name}: {line}")
            QApplication.processEvents()
            shot = session.screenshot(out / f"{tag}-{name.replace(' ', '-')}.png")
            if blank(shot):
                problems.append(f"{tag} {name}: blank screenshot {shot}")
            print(f"{tag}  {name:<24} ok  {shot}")
            return shot

        choice = geo.choices[1].center()
        step("attract choice", round(choice.x()), round(choice.y()),
             rf"vote {ASK} choice 1: accepted \(attract\)", r"settled home in")
        QTest.mouseClick(attract, Qt.MouseButton.LeftButton, pos=choice.toPoint())  # the twin follows
        QApplication.processEvents()
        panel = win.home.ask_panel
        assert panel is not None and panel.results.isVisible(), "the twin's home shows no shares"

        def tap(name: str, target: QWidget, *log_lines: str) -> None:
            scroll_up_to(session, win, target)
            reveal(session, win, target)
            centre = target.mapTo(win, target.rect().center())
            print(f"{tag}  tap {name} at {centre.x()},{centre.y()}")
            step(name, centre.x(), centre.y(), *log_lines)
            QTest.mouseClick(target, Qt.MouseButton.LeftButton)
            for _ in range(5):  # a screen shown for the first time lays itself out over a few passes
                QApplication.processEvents()

        danish = win.navbar.languages.button("da")
        assert danish is not None
        tap("dansk", danish, r"language da")
        tap("home question in danish", panel.buttons[2], rf"vote {ASK} choice 2: changed")
        tile = next(t for t in win.home.grid.tiles if t.objectName() == f"tile-{CASE}")
        tap("case study", tile, rf"settled case:{CASE} in")
        case_panel = win.screens["case"].voice_panel  # type: ignore[attr-defined]
        print(f"{tag}  twin at {win.current_route}, poll shown {case_panel.isVisible()}, "
              f"y {case_panel.buttons[0].mapTo(win, QPoint(0, 0)).y()}, case scroll "
              f"{win.screens['case'].scroll_area.verticalScrollBar().value()}")
        tap("case poll in danish", case_panel.buttons[0], rf"vote {CASE_POLL} choice 0: accepted")
    except (TimeoutError, StopIteration, AssertionError, RuntimeError) as exc:
        session.screenshot(out / f"{tag}-failed.png")
        problems.append(f"{tag}: {type(exc).__name__} {exc}\n    " +
                        "\n    ".join(session.log().splitlines()[-8:]))
    finally:
        session.close()
        twin.shutdown()
    shown = subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(work / "data"), "voice", "show",
                            "--json"], capture_output=True, text=True, cwd=ROOT)
    report = json.loads(shown.stdout or "{}")
    votes = {p["id"]: p["votes"] for p in report.get("polls", [])}
    print(f"{tag}  kiosk voice show: {votes}, pending {report.get('pending')}")
    if votes != {ASK: 1, CASE_POLL: 1}:
        problems.append(f"{tag}: expected one vote each on {ASK} and {CASE_POLL}, kiosk voice show: {votes}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path("artifacts/ask"))
    ap.add_argument("--size", action="append", help="WxH (repeatable; default 1920x1080 and 1080x1920)")
    args = ap.parse_args(argv)
    if missing_tools():
        print(f"missing: {', '.join(missing_tools())}")
        return 2
    from kiosk.ui.app_qt import create_application

    app = create_application([])
    args.out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for size in args.size or ["1920x1080", "1080x1920"]:
        w, h = (int(v) for v in size.split("x"))
        with tempfile.TemporaryDirectory(prefix="ask-walk-") as tmp:
            problems += walk(w, h, args.out, Path(tmp))
    del app
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
