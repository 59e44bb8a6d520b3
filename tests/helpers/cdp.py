"""A real headless Chromium driven over the DevTools protocol (``--remote-debugging-pipe``).

Standard library only: Chromium reads NUL-terminated JSON commands on fd 3 and answers on fd 4, so no
WebSocket client and no debugging port are needed. Used by the phone-remote e2e test and bench.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class CdpError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with one page (attached, flat session)."""

    def __init__(self, profile: Path, *, width: int = 390, height: int = 844, timeout: float = 30) -> None:
        assert CHROMIUM, "chromium is not installed"
        self.timeout = timeout
        to_chrome_r, self._out = os.pipe()
        self._in, from_chrome_w = os.pipe()

        def fds() -> None:  # in the child: Chromium's pipe ends become fd 3 (commands) and fd 4 (answers)
            a = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", "--no-default-browser-check", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=fds,  # only dup2 calls before exec
            env={**os.environ, "HOME": str(profile)},
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next = 0
        self._results: dict[int, dict[str, Any]] = {}
        self._cond = threading.Condition()
        self._closed = False
        self.events: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        page = next(t for t in self.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})[
            "sessionId"]
        self.page("Page.enable")
        self.page("Runtime.enable")
        self.page("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._in, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cond:
                    self._closed = True
                    self._cond.notify_all()
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                with self._cond:
                    if "id" in message:
                        self._results[message["id"]] = message
                    else:
                        self.events.append(message)
                    self._cond.notify_all()

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        with self._cond:
            self._next += 1
            ident = self._next
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        with self._cond:
            if not self._cond.wait_for(lambda: ident in self._results or self._closed, self.timeout):
                raise CdpError(f"{method}: no answer from Chromium in {self.timeout} s")
            if ident not in self._results:
                raise CdpError(f"{method}: Chromium exited")
            answer = self._results.pop(ident)
        if "error" in answer:
            raise CdpError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def page(self, method: str, params: dict[str, Any] | None = None) -> Any:
        return self.call(method, params, self.session)

    def navigate(self, url: str) -> None:
        """Open ``url`` and wait for its load event."""
        with self._cond:
            self.events.clear()
        self.page("Page.navigate", {"url": url})
        with self._cond:
            loaded = self._cond.wait_for(
                lambda: any(e.get("method") == "Page.loadEventFired" for e in self.events), self.timeout)
        if not loaded:
            raise CdpError(f"{url}: not loaded in {self.timeout} s")

    def submit(self, expression: str) -> None:
        """Run ``expression`` (a click that submits a form) and wait for the page it loads."""
        with self._cond:
            self.events.clear()
        self.eval(expression)
        with self._cond:
            loaded = self._cond.wait_for(
                lambda: any(e.get("method") == "Page.loadEventFired" for e in self.events), self.timeout)
        if not loaded:
            raise CdpError(f"{expression}: no page loaded in {self.timeout} s")

    def wait(self, expression: str, timeout: float = 10) -> Any:
        """Wait in the page until ``expression`` is truthy (the browser polls; for page-only changes)."""
        ms = int(timeout * 1000)
        return self.eval(
            "new Promise((ok, no) => { const t0 = Date.now(); const check = () => { const v = (" + expression
            + "); if (v) ok(v); else if (Date.now() - t0 > " + str(ms) + ") no(new Error('timed out: '"
            " + " + json.dumps(expression) + ")); else setTimeout(check, 10); }; check(); })")

    def eval(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.page("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise CdpError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> Path:
        data = self.page("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        with contextlib.suppress(CdpError):
            self.call("Browser.close")
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        os.close(self._out)
        self._reader.join(5)
        os.close(self._in)
