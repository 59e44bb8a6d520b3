"""The kiosk reaches its attract screen: from source, and as the PyInstaller one-folder build.

The frozen test builds ``dist/living-lab-kiosk`` with ``packaging/build.sh`` (about 20-30 s on two
cores, 300 MB) when ``KIOSK_PYINSTALLER_SMOKE=1`` is set, else it checks an existing build and is
skipped when there is none::

    KIOSK_PYINSTALLER_SMOKE=1 python -m pytest tests/e2e/test_pyinstaller_smoke.py

Each started kiosk runs offscreen with a temp data dir; it passes when it logs "attract painted"
(a single INFO line from the attract screen's first frame) and is killed right after.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAME = "living-lab-kiosk"
BINARY = ROOT / "dist" / NAME / NAME
ENV_FLAG = "KIOSK_PYINSTALLER_SMOKE"
START_TIMEOUT = 60.0


def smoke_requested() -> bool:
    """The flag as the user set it: tests/conftest.py drops KIOSK_* from os.environ, so also read
    the environment this process started with."""
    if os.environ.get(ENV_FLAG) == "1":
        return True
    try:
        initial = Path("/proc/self/environ").read_bytes().split(b"\0")
    except OSError:
        return False
    return f"{ENV_FLAG}=1".encode() in initial


def child_env(tmp: Path, *, source: bool) -> dict[str, str]:
    """Offscreen, no KIOSK_* settings, temp XDG dirs; ``source``: the checkout on PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_") and k != "PYTHONPATH"}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_DATA_HOME=str(tmp / "xdg-data"),
        XDG_CACHE_HOME=str(tmp / "cache"),
    )
    if source:
        env["PYTHONPATH"] = str(ROOT)
    return env


class Kiosk:
    """A running kiosk process whose merged output is read line by line in a thread."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, bufsize=1)
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._queue.put(line)
        self._queue.put(None)

    def wait_for(self, text: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                raise AssertionError(f"the kiosk exited ({self.proc.wait()}) before logging {text!r}:\n"
                                     + "".join(self.lines))
            self.lines.append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} within {timeout:.0f} s:\n" + "".join(self.lines))

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(10)
        self._reader.join(10)
        assert self.proc.stdout is not None
        self.proc.stdout.close()


Starter = Callable[[list[str]], Kiosk]


@pytest.fixture
def start_kiosk(tmp_path: Path) -> Iterator[Starter]:
    """Start a kiosk (``argv[0]`` the Python interpreter: from source); killed after the test."""
    started: list[Kiosk] = []

    def start(argv: list[str]) -> Kiosk:
        kiosk = Kiosk(argv, child_env(tmp_path, source=argv[0] == sys.executable), tmp_path)
        started.append(kiosk)
        return kiosk

    yield start
    for kiosk in started:
        if kiosk.proc.poll() is None:
            kiosk.kill()


def assert_not_blank(png: Path) -> None:
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == (1280, 800)
        small = image.convert("RGB").resize((64, 40))
        colours = {small.getpixel((x, y)) for x in range(64) for y in range(40)}
    assert len(colours) > 50, f"{png}: looks blank ({len(colours)} distinct colours)"


def run_and_wait_for_attract(start_kiosk: Starter, command: list[str], data_dir: Path) -> str:
    kiosk = start_kiosk([*command, "--data-dir", str(data_dir), "run", "--size", "1280x800"])
    line = kiosk.wait_for("attract painted", START_TIMEOUT)
    kiosk.kill()
    return line


def test_from_source_the_kiosk_logs_attract_painted(start_kiosk: Starter, tmp_path: Path) -> None:
    line = run_and_wait_for_attract(start_kiosk, [sys.executable, "-m", "kiosk"], tmp_path / "data")
    assert "kiosk.ui.attract" in line
    assert (tmp_path / "data" / "kiosk.db").is_file()  # the bundled pack was installed on first start


def build_if_requested() -> Path:
    if smoke_requested():
        started = time.monotonic()
        subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], cwd=ROOT, check=True, timeout=1800)
        print(f"PyInstaller build: {time.monotonic() - started:.0f} s")
    elif not BINARY.is_file():
        pytest.skip(f"no {BINARY.relative_to(ROOT)}; build it with {ENV_FLAG}=1 or packaging/build.sh")
    return BINARY


@pytest.mark.slow
def test_frozen_build_renders_and_reaches_attract(start_kiosk: Starter, tmp_path: Path) -> None:
    binary = build_if_requested()
    env = child_env(tmp_path, source=False)  # the build must not need the source tree
    out = tmp_path / "attract.png"
    shot = subprocess.run(
        [str(binary), "--data-dir", str(tmp_path / "shot"), "screenshot", "--screen", "attract",
         "--out", str(out), "--size", "1280x800"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert shot.returncode == 0, shot.stdout + shot.stderr
    assert_not_blank(out)
    line = run_and_wait_for_attract(start_kiosk, [str(binary)], tmp_path / "data")
    assert "slides)" in line and ", 0 slides" not in line  # the bundled pack's featured slides
