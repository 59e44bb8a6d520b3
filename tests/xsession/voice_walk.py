"""A visitor answers a case study's poll on the real kiosk: Xvfb, no window manager, xdotool taps.

Run: ``python tests/xsession/voice_walk.py --out artifacts/voice [--size 1920x1080]``. It installs a
pack with a poll (the ``scripts`` pack plus a poll in English and Arabic) into a fresh data directory,
starts ``kiosk run`` under Xvfb, taps attract -> the case study -> an answer (found on an offscreen
twin of the same build), switches to Arabic, and saves a screenshot after each step. Then
``kiosk voice show --json`` must count the one vote. Prints what it did; exits 1 on a problem.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from tests.helpers.voice import POLL_ID, poll_pack  # noqa: E402
from tests.helpers.xsession import XSession, missing_tools, wait_for  # noqa: E402
from tests.xsession.run_real import blank, reveal  # noqa: E402

CASE = "harbour-bath"


def install(pack: Path, data: Path) -> None:
    subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(data), "pack", "install", str(pack)],
                   check=True, capture_output=True, cwd=ROOT)


def twin_app(width: int, height: int, data: Path):  # type: ignore[no-untyped-def]
    from kiosk.app import build_app
    from kiosk.config import Config

    cfg = Config()
    cfg.kiosk.data_dir = str(data)
    twin = build_app(cfg, windowed=False, size=f"{width}x{height}", animate=False)
    twin.window.show()
    QApplication.processEvents()
    return twin


def walk(width: int, height: int, out: Path, work: Path) -> list[str]:
    problems: list[str] = []
    pack = poll_pack(work / "pack")
    session = XSession(work, width, height)
    install(pack, work / "data")
    install(pack, work / "twin")
    twin = twin_app(width, height, work / "twin")
    win = twin.window
    try:
        session.start_kiosk()

        def step(name: str, target: QWidget, log_line: str) -> None:
            reveal(session, win, target)
            centre = target.mapTo(win, target.rect().center())
            before = len(re.findall(log_line, session.log()))
            session.tap(centre.x(), centre.y())
            try:
                wait_for(lambda: len(re.findall(log_line, session.log())) > before, 15, name)
            except TimeoutError as exc:
                problems.append(f"{width}x{height} {name} (tap at {centre.x()},{centre.y()}): {exc}")
                raise
            QTest.mouseClick(target, Qt.MouseButton.LeftButton)
            QApplication.processEvents()
            shot = session.screenshot(out / f"{width}x{height}-{name.replace(' ', '-')}.png")
            if blank(shot):
                problems.append(f"{width}x{height} {name}: blank screenshot {shot}")
            print(f"{width}x{height}  {name:<22} ok  {shot}")

        step("attract", win.attract, r"settled home in")
        tile = next(t for t in win.home.grid.tiles if t.objectName() == f"tile-{CASE}")
        step("case study", tile, rf"settled case:{CASE} in")
        panel = win.screens["case"].voice_panel  # type: ignore[attr-defined]
        step("answer yes", panel.buttons[0], rf"vote {POLL_ID} choice 0: accepted")
        step("change to no", panel.buttons[2], rf"vote {POLL_ID} choice 2: changed")
        arabic = win.navbar.languages.button("ar")
        assert arabic is not None
        step("arabic", arabic, r"language ar")
    except (TimeoutError, StopIteration, AssertionError) as exc:
        problems.append(f"{width}x{height}: {type(exc).__name__} {exc}\n    " +
                        "\n    ".join(session.log().splitlines()[-8:]))
    finally:
        session.close()
        twin.shutdown()
    shown = subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(work / "data"), "voice", "show",
                            "--json"], capture_output=True, text=True, cwd=ROOT)
    report = json.loads(shown.stdout or "{}")
    votes = {p["id"]: p["votes"] for p in report.get("polls", [])}
    print(f"{width}x{height}  kiosk voice show: {votes}, pending {report.get('pending')}")
    if votes != {POLL_ID: 1}:
        problems.append(f"{width}x{height}: expected one vote on {POLL_ID}, kiosk voice show says {votes}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path("artifacts/voice"))
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
        with tempfile.TemporaryDirectory(prefix="voice-walk-") as tmp:
            problems += walk(w, h, args.out, Path(tmp))
    del app
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
