"""Phone remote latency (prints figures; not collected by pytest).

1. Phone tap -> kiosk repaint: a real headless Chromium (the phone, 390x844) taps Next / Previous on
   the remote page (a DevTools touch-like mouse press/release at the button); the clock stops when the
   kiosk's tour screen has painted the new stop's talking points. p50 / p95 / max ms.
   For comparison: the kiosk's Next / Previous button tapped on the screen until the same repaint, and
   the phone's request arriving at the kiosk's server (the network and browser part).
2. Screen tap -> phone shows it: a tap on the kiosk's Next button until the phone's page shows the new
   stop (polled over DevTools, ~1 ms granularity). p50 / p95 / max ms.

Both sides run on this machine over 127.0.0.1 (no Wi-Fi in the figure: add the LAN's round trip).
Run: ``python tests/bench/bench_remote.py [--taps 100]`` (offscreen; needs chromium).
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
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest

from kiosk.ui.app_qt import create_application
from tests.helpers.cdp import Browser
from tests.helpers.remote import TOUR, make_kiosk, remote_of

CURRENT = "document.querySelector('#stops .current').dataset.stop"
"""The stop the phone's page shows as current."""


class PaintProbe(QObject):
    """The time of the first paint of a widget after :meth:`arm`."""

    def __init__(self) -> None:
        super().__init__()
        self.armed = False
        self.painted_at = 0.0

    def arm(self) -> None:
        self.armed, self.painted_at = True, 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint:
            self.painted_at = time.perf_counter()
            self.armed = False
        return False


def spin_until(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Run the Qt event loop (as the kiosk does: idle between events, the GIL free for the server's
    threads) until ``predicate()``, checked every millisecond."""
    if predicate():
        return
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: loop.quit() if predicate() else None)
    timer.start()
    expired = []
    QTimer.singleShot(int(timeout * 1000), lambda: (expired.append(1), loop.quit()))
    loop.exec()
    timer.stop()
    if expired and not predicate():
        raise SystemExit("timed out waiting for the kiosk or the phone")


def tap(phone: Browser, element: str) -> None:
    """A press and release at the centre of the element, as a finger would."""
    x, y = phone.eval(f"(() => {{ const r = document.getElementById({element!r}).getBoundingClientRect();"
                      " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
    for kind in ("mousePressed", "mouseReleased"):
        phone.page("Input.dispatchMouseEvent",
                   {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})


def stats(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(f"{name}: n={len(ms)}  p50 {statistics.median(ms):.1f} ms  p95 {p95:.1f} ms  max {ms[-1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=100)
    args = parser.parse_args()
    create_application()
    with tempfile.TemporaryDirectory() as tmp:
        kiosk = make_kiosk(Path(tmp) / "data", size="1920x1080")
        window, control = kiosk.window, remote_of(kiosk)
        screen = window.screens["tour"]
        window.go("home")
        window.go(f"tour:{TOUR}")
        received: list[float] = []
        forward_command = control.service.on_command

        def on_server(command) -> None:  # type: ignore[no-untyped-def]
            received.append(time.perf_counter())  # on the server's thread, before the queued signal
            forward_command(command)

        control.service.on_command = on_server
        QTest.mouseClick(control.button, Qt.MouseButton.LeftButton)
        phone = Browser(Path(tmp) / "phone")
        try:
            phone.navigate(control.panel.code.text)
            spin_until(lambda: not control.panel.isVisible())
            spin_until(lambda: bool(phone.eval("document.getElementById('progress').textContent")))
            probe = PaintProbe()
            screen.notes.text.installEventFilter(probe)
            phone_to_kiosk: list[float] = []
            phone_to_server: list[float] = []
            for i in range(args.taps):
                forward = i % 2 == 0
                expected = 1 if forward else 0
                spin_until(lambda e=expected: phone.eval(CURRENT) == str(1 - e))
                probe.arm()
                started = time.perf_counter()
                tap(phone, "next" if forward else "previous")
                spin_until(lambda e=expected: screen.index == e and probe.painted_at > 0)
                phone_to_kiosk.append((probe.painted_at - started) * 1000)
                phone_to_server.append((received[-1] - started) * 1000)
            kiosk_to_phone: list[float] = []
            screen_to_kiosk: list[float] = []
            for i in range(args.taps):
                forward = i % 2 == 0
                button = screen.next_button if forward else screen.previous_button
                want = str(screen.index + (1 if forward else -1))
                probe.arm()
                started = time.perf_counter()
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                spin_until(lambda: probe.painted_at > 0)
                screen_to_kiosk.append((probe.painted_at - started) * 1000)
                spin_until(lambda w=want: phone.eval(CURRENT) == w)
                kiosk_to_phone.append((time.perf_counter() - started) * 1000)
        finally:
            phone.close()
            kiosk.shutdown()
    stats("phone tap -> command at the kiosk's server", phone_to_server)
    stats("phone tap -> kiosk repaint", phone_to_kiosk)
    stats("screen tap -> kiosk repaint (the same stop change from the screen's own button)", screen_to_kiosk)
    stats("screen tap -> phone shows it", kiosk_to_phone)


if __name__ == "__main__":
    main()
