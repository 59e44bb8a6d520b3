"""A real X11 session without a window manager, as ``packaging/kiosk-xinitrc`` runs the kiosk.

:class:`XSession` starts Xvfb on a free display (``-displayfd``), starts ``kiosk run`` in it as a
subprocess, and drives it with the same tools a person would script: ``xdotool`` (taps, external
resize/move), ``xwininfo`` (geometry, stacking) and ImageMagick ``import`` (screenshots).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

TOOLS = ("Xvfb", "xdotool", "xwininfo", "import")
TITLE = "Living Lab Kiosk"


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def wait_for(condition: Callable[[], object], timeout: float, what: str, step: float = 0.05) -> object:
    """Poll ``condition`` until it returns something truthy; raise naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"after {timeout:.1f} s: {what}")
        time.sleep(step)


class XSession:
    def __init__(self, workdir: Path, width: int, height: int) -> None:
        self.workdir = workdir
        self.width, self.height = width, height
        self.kiosk: subprocess.Popen[bytes] | None = None
        self.wid = ""
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
             "-noreset"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.xvfb.kill()
            raise RuntimeError("Xvfb did not report a display number")
        self.display = f":{number}"
        self.env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}

    # The kiosk ---------------------------------------------------------------------------------
    def start_kiosk(self, *args: str, config: Path | None = None) -> None:
        cmd = [sys.executable, "-m", "kiosk"]
        if config is not None:
            cmd += ["--config", str(config)]
        cmd += ["--data-dir", str(self.workdir / "data"), "-v", "run", *args]
        self.log_path = self.workdir / "kiosk.log"
        log = self.log_path.open("wb")
        self.kiosk = subprocess.Popen(cmd, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        wait_for(lambda: "screens ready" in self.log() or self._died(), 60, "the kiosk's screens built")
        assert self.kiosk.poll() is None, self.log()
        self.wid = str(wait_for(self._find_window, 10, "the kiosk window"))

    def _died(self) -> bool:
        return self.kiosk is not None and self.kiosk.poll() is not None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def _find_window(self) -> str:
        out = self.run("xdotool", "search", "--onlyvisible", "--name", TITLE, check=False)
        ids = out.split()
        return ids[0] if ids else ""

    # Tools -----------------------------------------------------------------------------------------
    def run(self, *cmd: str, check: bool = True) -> str:
        done = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=30, check=False)
        if check and done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)}: exit {done.returncode}: {done.stderr.strip()}")
        return done.stdout

    def geometry(self, wid: str | None = None) -> tuple[int, int, int, int]:
        """(x, y, width, height) of the window as the X server has it."""
        out = self.run("xwininfo", "-id", wid or self.wid)

        def field(name: str) -> int:
            match = re.search(rf"{name}:\s+(-?\d+)", out)
            assert match, out
            return int(match.group(1))

        return field("Absolute upper-left X"), field("Absolute upper-left Y"), field("Width"), field("Height")

    def full_screen(self) -> bool:
        return self.geometry() == (0, 0, self.width, self.height)

    def stacking(self) -> list[str]:
        """Top-level window ids, bottom to top (``xwininfo -children`` lists the top-most first)."""
        out = self.run("xwininfo", "-root", "-children")
        return [m.group(1) for m in re.finditer(r"^\s+(0x[0-9a-f]+)", out, re.MULTILINE)][::-1]

    def above(self, other: str) -> bool:
        """True when the kiosk window is stacked above the window ``other`` (decimal id)."""
        order = [int(w, 16) for w in self.stacking()]
        return order.index(int(self.wid)) > order.index(int(other))

    def tap(self, x: int, y: int) -> None:
        self.run("xdotool", "mousemove", str(x), str(y), "click", "1")

    def drag(self, x: int, y: int, x2: int, y2: int, steps: int = 12) -> None:
        cmds = ["xdotool", "mousemove", str(x), str(y), "mousedown", "1"]
        for i in range(1, steps + 1):
            cmds += ["mousemove", str(x + (x2 - x) * i // steps), str(y + (y2 - y) * i // steps)]
        self.run(*cmds, "mouseup", "1")

    def screenshot(self, path: Path) -> Path:
        self.run("import", "-window", "root", str(path))
        return path

    def close(self) -> None:
        for proc in (self.kiosk, self.xvfb):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
