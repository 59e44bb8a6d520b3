"""systemd watchdog end to end: a kiosk process whose pings stop (SIGSTOP) is killed and started again
by a supervisor that does what systemd's ``WatchdogSec`` does. The in-process checks (READY=1, pings, a
hung UI thread, the memory ceiling) are ``tests/ui/test_watchdog_notify.py``; the ping timing is
measured by ``tests/bench/bench_watchdog.py`` (timestamps taken where the pings are sent)."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.helpers.notify import Supervisor

SUPERVISOR_WATCHDOG_SEC = 8.0
"""Generous, as the unit's 30 s is: a busy test machine should not look like a hung kiosk (if it does,
the supervisor restarts it, as systemd would; the test then follows the newest process)."""


def wait_for(what: str, check: Callable[[], bool], seconds: float) -> None:
    """Poll ``check()`` (a process test: no Qt event loop here) until it is true or time runs out."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"{what} within {seconds:g} s"
        time.sleep(0.05)


def test_a_stopped_kiosk_is_restarted_by_its_supervisor(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_DATA_ENABLED="false")
    cmd = [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "kiosk"), "run", "--windowed",
           "--size", "800x600"]
    sup = Supervisor(cmd, env, tmp_path / "notify.sock", SUPERVISOR_WATCHDOG_SEC)
    try:
        wait_for("READY=1 and two pings", lambda: sup.ready() and sup.pings() >= 2, 90)
        stopped, restarts = sup.process, sup.restarts
        assert stopped.poll() is None  # a kiosk that pings runs on
        stopped.send_signal(signal.SIGSTOP)  # the whole kiosk freezes: no more pings
        wait_for("a restart", lambda: sup.restarts > restarts, 60)
        assert sup.killed[-1] is stopped and stopped.returncode == -signal.SIGKILL
        wait_for("the new kiosk's READY=1 and pings", lambda: sup.ready() and sup.pings() >= 2, 90)
        assert sup.process.pid != stopped.pid and sup.process.poll() is None
    finally:
        sup.close()
