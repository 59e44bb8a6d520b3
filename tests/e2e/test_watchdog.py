"""systemd watchdog end to end: a fake NOTIFY_SOCKET (a real AF_UNIX datagram socket) sees READY=1
after the first attract frame and WATCHDOG=1 pings from the UI thread, which stop while the UI
thread is frozen (in process) or the whole kiosk process is stopped (SIGSTOP), and come back."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
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


def max_gap(times: list[float]) -> float:
    return max((b - a for a, b in itertools.pairwise(times)), default=0.0)


def test_frozen_ui_thread_stops_the_pings(
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
        qtbot.waitUntil(lambda: len(listener.pings()) >= 5, timeout=10_000)
        assert max_gap(listener.pings()) < 8 * INTERVAL_S  # steady while the UI thread runs

        frozen_at = time.monotonic()
        QTimer.singleShot(0, lambda: time.sleep(1.5))  # a slot that hangs the UI thread
        qtbot.waitUntil(lambda: len(listener.pings(after=frozen_at + 1.5)) >= 3, timeout=10_000)
        gap = max_gap(listener.pings(after=frozen_at - 1))
        assert gap > 1.2 > 10 * INTERVAL_S, f"pings went on while the UI thread was frozen (gap {gap:.2f} s)"
    finally:
        kiosk.shutdown()
    # the listener thread reads the last datagram a moment later
    qtbot.waitUntil(lambda: any(d == b"STOPPING=1" for _, d in list(listener.got)), timeout=5_000)


def test_real_kiosk_process_ready_pings_sigstop_and_resume(tmp_path: Path, listener: Listener) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=listener.path, WATCHDOG_USEC=str(WATCHDOG_USEC),
               KIOSK_DATA_ENABLED="false")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "kiosk"), "run", "--windowed",
         "--size", "800x600"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not (listener.ready() and len(listener.pings()) >= 3):
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "no READY=1 and pings within 60 s"
            time.sleep(0.05)
        proc.send_signal(signal.SIGSTOP)
        stopped_at = time.monotonic()
        time.sleep(1.0)  # the freeze itself
        silent = listener.pings(after=stopped_at + 0.2)
        proc.send_signal(signal.SIGCONT)
        resumed_at = time.monotonic()
        assert silent == [], "pings arrived from a stopped process"
        while len(listener.pings(after=resumed_at)) < 3:
            assert time.monotonic() < resumed_at + 20, "pings did not resume after SIGCONT"
            time.sleep(0.05)
        assert max_gap(listener.pings(after=stopped_at - 1)) > 0.8
    finally:
        proc.terminate()
        proc.wait(30)
        if proc.stderr:
            proc.stderr.close()


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
