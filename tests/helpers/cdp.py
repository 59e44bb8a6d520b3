"""Drive headless Chromium over the DevTools protocol on a pipe (``--remote-debugging-pipe``).

Standard library only: Chromium reads JSON commands from fd 3 and writes answers and events to fd 4,
each message ended by a NUL byte. A reader thread puts every message in a queue; callers wait on it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Chromium:
    def __init__(self, profile: Path, width: int = 1400, height: int = 1000) -> None:
        assert CHROMIUM, "chromium is not installed"
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # Chromium expects the pipe on fds 3 and 4: put them there in the child only (via fresh
        # copies, so neither lands on the other); os.dup2 makes them inheritable, and close_fds=False
        # keeps them (Python's own fds are not inheritable, PEP 446).
        def child_fds() -> None:
            reader, writer = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(reader, 3)
            os.dup2(writer, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--remote-debugging-pipe", f"--user-data-dir={profile}",
             f"--window-size={width},{height}", "about:blank"],
            close_fds=False, preexec_fn=child_fds,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "HOME": str(profile)})
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next = 0
        self._messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self._pending: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=self.session)
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                          "deviceScaleFactor": 1, "mobile": False},
                  session=self.session)

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._from_chrome, 65536)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                self._messages.put(json.loads(raw))

    def _take(self, match: Any, timeout: float) -> dict[str, Any]:
        for i, msg in enumerate(self._pending):
            if match(msg):
                return self._pending.pop(i)
        while True:
            msg = self._messages.get(timeout=timeout)  # queue.Empty ends a wait that never comes
            if match(msg):
                return msg
            self._pending.append(msg)

    def call(self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None,
             timeout: float = 60) -> dict[str, Any]:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        ident = self._next
        answer = self._take(lambda m: m.get("id") == ident, timeout)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return dict(answer.get("result", {}))

    def event(self, name: str, timeout: float = 60) -> dict[str, Any]:
        return self._take(lambda m: m.get("method") == name, timeout)

    def navigate(self, url: str) -> None:
        self._pending = [m for m in self._pending if m.get("method") != "Page.loadEventFired"]
        self.call("Page.navigate", {"url": url}, session=self.session)
        self.event("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                           session=self.session)
        return result.get("result", {}).get("value")

    def submit(self, expression: str) -> None:
        """Run ``expression`` (a click that submits a form) and wait for the page it loads."""
        self._pending = [m for m in self._pending if m.get("method") != "Page.loadEventFired"]
        self.evaluate(expression)
        self.event("Page.loadEventFired")

    def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode(self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport":
                                                                     True}, session=self.session)["data"])
        path.write_bytes(data)
        return data

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, queue.Empty, OSError):
            self.call("Browser.close", timeout=10)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        os.close(self._to_chrome)
        os.close(self._from_chrome)
