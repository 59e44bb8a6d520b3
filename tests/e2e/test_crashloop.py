"""The crash-loop guard with real processes and a real store holding two versions of a pack.

Children start the guard and die abnormally (``os._exit(1)``, SIGKILL); after three such crashes
the fourth start rolls back. The slow test does the same with the real kiosk (``kiosk run``),
killed once it is up, and reads the outcome from ``kiosk status --json``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.paths import DataPaths
from kiosk.store import Store
from tests.bench.gen_pack import make_pack

CHILD = """
import json, os, signal, sys
from pathlib import Path
from kiosk.health.crashloop import CrashLoopGuard
from kiosk.paths import DataPaths
from kiosk.store import Store

paths = DataPaths(Path(sys.argv[1]))
store = Store.open(paths)
guard = CrashLoopGuard(paths)
rolled = guard.on_start(store)
print(json.dumps({"rolled": rolled and [rolled.from_version, rolled.to_version],
                  "active": [p.version for p in store.active_packs()]}), flush=True)
how = sys.argv[2]
if how == "exit":
    os._exit(1)
if how == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
store.close()
guard.on_clean_exit()
"""


def child(data: Path, how: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(data), how], capture_output=True, text=True,
                          timeout=60)
    expected = {"exit": 1, "kill": -signal.SIGKILL, "clean": 0}[how]
    assert proc.returncode == expected, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_three_abnormal_exits_then_the_fourth_start_rolls_back(tmp_path: Path) -> None:
    with Store.open(DataPaths(tmp_path)) as store:
        store.install_loaded(*make_pack(2, version=1))
        store.install_loaded(*make_pack(2, version=2, changed=[0]))
    assert child(tmp_path, "clean") == {"rolled": None, "active": [2]}  # a clean run is no crash
    for how in ("exit", "kill", "exit"):
        assert child(tmp_path, how) == {"rolled": None, "active": [2]}
    assert child(tmp_path, "clean") == {"rolled": [2, 1], "active": [1]}
    assert child(tmp_path, "kill") == {"rolled": None, "active": [1]}
    with Store.open(DataPaths(tmp_path)) as store:
        assert [p.version for p in store.active_packs()] == [1]


def _bump(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    meta = dest / "pack.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("version: 1", "version: 2", 1), encoding="utf-8")
    return dest


def _kiosk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.slow
def test_real_kiosk_killed_three_times_rolls_back(tmp_path: Path, bundled_pack: Path) -> None:
    data = str(tmp_path / "kiosk")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_DATA_ENABLED="false")
    assert _kiosk("--data-dir", data, "pack", "install", str(bundled_pack), env=env).returncode == 0
    v2 = _bump(bundled_pack, tmp_path / "v2")
    assert _kiosk("--data-dir", data, "pack", "install", str(v2), env=env).returncode == 0

    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify.sock"))
    sock.settimeout(60)
    env["NOTIFY_SOCKET"] = str(tmp_path / "notify.sock")
    try:
        for _ in range(4):
            proc = subprocess.Popen([sys.executable, "-m", "kiosk", "--data-dir", data, "run", "--windowed",
                                     "--size", "640x480"], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            while not sock.recv(4096).startswith(b"READY=1"):  # up and showing the attract loop
                pass
            proc.send_signal(signal.SIGKILL)
            assert proc.wait(30) == -signal.SIGKILL
    finally:
        sock.close()
    status = json.loads(_kiosk("--data-dir", data, "status", "--json", env=env).stdout)
    (pack,) = status["packs"]
    assert pack["version"] == 1 and [p["version"] for p in pack["previous"]] == [2]
    assert status["health"]["state"] == "rolled back"
    assert status["health"]["quarantined"] == [{"pack": pack["id"], "version": 2}]
    assert "rolled back to v1" in status["health"]["recent_events"][-1]["message"]
    assert time.time() - status["health"]["recent_events"][-1]["ts"] < 600
