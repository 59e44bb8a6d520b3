"""The systemd watchdog inside the kiosk (in-process, qtbot): a real AF_UNIX datagram socket as
``NOTIFY_SOCKET`` sees READY=1 after the first frame and WATCHDOG=1 pings from the UI thread; a hung UI
thread sends none; the memory ceiling restarts the kiosk only at the attract loop. The process-level
test (a supervisor killing a frozen kiosk) is ``tests/e2e/test_watchdog.py``; ping timing is measured by
``tests/bench/bench_watchdog.py``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.notify import INTERVAL_S, WATCHDOG_USEC, Listener


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[Listener]:
    lst = Listener(tmp_path / "notify.sock")
    yield lst
    lst.close()


def test_a_hung_ui_thread_sends_no_pings(
    qtbot: QtBot, tmp_path: Path, bundled_pack: Path, listener: Listener, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer

    from kiosk.app import build_app
    from kiosk.config import Config
    from kiosk.ui.watchdog import Watchdog

    monkeypatch.setenv("NOTIFY_SOCKET", listener.path)
    monkeypatch.setenv("WATCHDOG_USEC", str(WATCHDOG_USEC))
    cfg = Config()
    cfg.kiosk.data_dir, cfg.data.enabled = str(tmp_path / "kiosk"), False
    kiosk = build_app(cfg, pack_path=bundled_pack, windowed=True, size="800x600", animate=False)
    try:
        (dog,) = [s for s in kiosk.services if isinstance(s, Watchdog)]
        kiosk.window.show()
        kiosk.start()
        qtbot.waitUntil(listener.ready, timeout=10_000)
        assert dog.ready_sent
        qtbot.waitUntil(lambda: len(listener.pings()) >= 5, timeout=10_000)  # pings arrive

        sent: list[int] = []

        def hang() -> None:  # a slot that hangs the UI thread for 15 ping intervals
            sent.append(dog.pings)
            time.sleep(15 * INTERVAL_S)
            sent.append(dog.pings)

        QTimer.singleShot(0, hang)
        qtbot.waitUntil(lambda: len(sent) == 2, timeout=10_000)
        assert sent[0] == sent[1], f"{sent[1] - sent[0]} pings were sent while the UI thread hung"
        received = len(listener.pings())
        qtbot.waitUntil(lambda: len(listener.pings()) >= received + 3, timeout=10_000)  # and resume
    finally:
        kiosk.shutdown()
    # the listener thread reads the last datagram a moment later
    qtbot.waitUntil(lambda: any(d == b"STOPPING=1" for _, d in list(listener.got)), timeout=5_000)


@pytest.mark.expect_log("kiosk.health.memory", "kiosk.ui.watchdog")
def test_memory_ceiling_restarts_only_at_the_attract_loop(
    qtbot: QtBot, tmp_path: Path, bundled_pack: Path, listener: Listener
) -> None:
    from kiosk.app import build_app
    from kiosk.config import Config
    from kiosk.health.memory import MemoryCeiling
    from kiosk.health.sdnotify import Notifier
    from kiosk.ui.watchdog import Watchdog

    cfg = Config()
    cfg.kiosk.data_dir, cfg.data.enabled = str(tmp_path / "kiosk"), False
    kiosk = build_app(cfg, pack_path=bundled_pack, windowed=True, size="800x600", animate=False)
    restarts: list[bool] = []
    rss = [100.0]
    dog = Watchdog(kiosk.window, Notifier({"NOTIFY_SOCKET": listener.path}),
                   ceiling=MemoryCeiling(500, lambda: rss[0]), restart=lambda: restarts.append(True))
    try:
        kiosk.window.go("home")
        kiosk.window.reset_for_next_visitor()
        assert restarts == []  # below the ceiling
        rss[0] = 900.0
        kiosk.window.go("home")  # a visitor: never restarted mid-visit
        assert restarts == []
        kiosk.window.reset_for_next_visitor()
        assert restarts == [True] and dog.restarting
        qtbot.waitUntil(lambda: any(d.startswith(b"STATUS=restarting") for _, d in listener.got),
                        timeout=5000)
    finally:
        dog.stop()
        kiosk.shutdown()
