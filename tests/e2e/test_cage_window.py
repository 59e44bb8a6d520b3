"""The window is the output under cage (the touch PC's Wayland compositor, packaging/README.md): at
two output sizes (cage's headless 1280x720, and 720x1280 turned by ``cage -r``) the kiosk paints its
attract screen at exactly the output's size, and the compositor's own screenshot (grim) has the
"Touch to explore" pill centred at the bottom: the window sits at the output's origin and fills it.

cage refuses to run as root; as root this test runs it as ``nobody`` (with an interpreter that user can
execute), else as the current user. Skips cleanly without cage or grim.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.helpers.xsession import wait_for

ROOT = Path(__file__).resolve().parents[2]
MISSING = [tool for tool in ("cage", "grim") if shutil.which(tool) is None]
NOBODY = 65534

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)}"),
]


def as_user() -> tuple[list[str], list[str], dict[str, str]]:
    """(privilege drop prefix, python command, extra environment) to run cage and the kiosk with."""
    if os.geteuid() != 0:
        return [], [sys.executable], {}
    drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    env = {"PYTHONPATH": f"{sysconfig.get_paths()['purelib']}:{ROOT}"}
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for python in (sys.executable, f"/usr/bin/python{version}"):
        pairs = [f"{k}={v}" for k, v in env.items()]
        probe = subprocess.run(
            [*drop, "env", *pairs, python, "-c", "import PySide6.QtGui, kiosk"],
            capture_output=True, timeout=60, check=False,
        )
        if probe.returncode == 0:
            return drop, [python], env
    pytest.skip("cage will not run as root, and user nobody cannot run an interpreter with PySide6 and kiosk")


class Cage:
    def __init__(self, rotate: bool) -> None:
        self.drop, self.python, self.env = as_user()
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
        self.dir.chmod(0o755)
        self.run_dir, self.data = self.dir / "run", self.dir / "data"
        for d in (self.run_dir, self.data):
            d.mkdir(mode=0o700)
            if self.drop:
                os.chown(d, NOBODY, NOBODY)
        self.log_path = self.dir / "kiosk.log"
        env = {  # a clean environment (env -i): nothing of the test run's HOME/XDG folders leaks in
            **self.env, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.data),
            "XDG_RUNTIME_DIR": str(self.run_dir), "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman",
            "WLR_LIBINPUT_NO_DEVICES": "1", "LANG": "C.UTF-8",
        }
        kiosk = [*self.python, "-m", "kiosk", "--data-dir", str(self.data), "-v", "run"]
        cmd = [*self.drop, "env", "-i", *(f"{k}={v}" for k, v in env.items()), "cage", "-d", "-s",
               *(["-r"] if rotate else []), "--", "env", "QT_QPA_PLATFORM=wayland", *kiosk]
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=self.dir,
                                         start_new_session=True)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def painted(self) -> tuple[int, int] | None:
        match = re.search(r"attract painted \((\d+)x(\d+)", self.log())
        if match is None and self.proc.poll() is not None:
            raise AssertionError(f"cage/kiosk exited {self.proc.returncode}:\n{self.log()[-3000:]}")
        return (int(match.group(1)), int(match.group(2))) if match else None

    def screenshot(self) -> QImage:
        socket = next(p.name for p in self.run_dir.iterdir() if p.name.startswith("wayland-")
                      and not p.name.endswith(".lock"))
        out = self.data / "shot.png"  # a folder the compositor's user may write
        subprocess.run([*self.drop, "env", f"XDG_RUNTIME_DIR={self.run_dir}", f"WAYLAND_DISPLAY={socket}",
                        "grim", str(out)], check=True, capture_output=True, timeout=30)
        return QImage(str(out))

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the session this test started: cage and the kiosk
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        shutil.rmtree(self.dir, ignore_errors=True)


def _shown(cage: Cage) -> QImage | None:
    shot = cage.screenshot()
    return None if is_blank(shot) else shot


def is_blank(image: QImage) -> bool:
    step = max(1, image.width() // 64)
    return all(image.pixelColor(x, y).rgb() & 0xFFFFFF == 0
               for y in range(0, image.height(), step) for x in range(0, image.width(), step))


def edges(image: QImage) -> dict[str, list[tuple[int, int, int]]]:
    w, h = image.width(), image.height()

    def rgb(x: int, y: int) -> tuple[int, int, int]:
        c = image.pixelColor(x, y)
        return c.red(), c.green(), c.blue()

    return {
        "top": [rgb(x, 0) for x in range(w)], "bottom": [rgb(x, h - 1) for x in range(w)],
        "left": [rgb(0, y) for y in range(h)], "right": [rgb(w - 1, y) for y in range(h)],
    }


@pytest.fixture(params=[False, True], ids=["headless-output", "turned-by-cage-r"])
def cage(request: pytest.FixtureRequest) -> Iterator[Cage]:
    session = Cage(rotate=request.param)
    try:
        yield session
    finally:
        session.close()


def test_the_window_fills_the_output_exactly(cage: Cage) -> None:
    size = wait_for(cage.painted, 90, "the kiosk's first attract frame under cage")
    assert isinstance(size, tuple)
    # "painted" is logged once the frame is drawn; the compositor shows it a moment later
    shot = wait_for(lambda: _shown(cage), 20, "the first frame on the output", step=0.3)
    assert isinstance(shot, QImage)
    assert (shot.width(), shot.height()) == size  # the attract screen (the whole window) is the output
    w, h = size
    for edge, pixels in edges(shot).items():  # cage's background is black: none of it shows
        black = sum(1 for c in pixels if c == (0, 0, 0))
        assert black < len(pixels) // 2, f"the {edge} edge is cage's black background"
    # The pill (DESIGN.md tokens): bottom margin 6u landscape / 5u portrait, 8u tall, centred.
    u = min(w, h) / 100
    top = h - round((5 if h > w else 6) * u) - round(8 * u)
    bright = [x for x in range(w) if shot.pixelColor(x, top + 4).lightness() > 200]
    assert bright, f"no pill at y={top + 4}"
    assert abs((bright[0] + bright[-1]) / 2 - w / 2) <= 2, (bright[0], bright[-1], w)
    above = [x for x in range(w // 3, 2 * w // 3) if shot.pixelColor(x, top - 4).lightness() > 200]
    assert not above  # the pill starts where a window at the output's origin draws it
