"""The push channel: a long poll to the hub so commands arrive within seconds.

One daemon thread asks ``GET /api/v1/commands/wait`` again and again; the hub answers as soon as a
command is queued for this kiosk or its channel, else empty after 25 s. Where a proxy cuts long
requests or the hub is unreachable, the listener backs off (up to ``sync.heartbeat_seconds``) and
commands keep coming in heartbeat replies; a hub without the endpoint (404) ends it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

import requests

from kiosk.config import Config

log = logging.getLogger("kiosk.fleetctl")

WAIT_SECONDS = 25.0


class PushListener:
    def __init__(self, cfg: Config, on_reply: Callable[[dict[str, Any]], None], *,
                 wait_seconds: float = WAIT_SECONDS) -> None:
        self.cfg, self.on_reply, self.wait_seconds = cfg, on_reply, wait_seconds
        self.stopped = threading.Event()
        self.failures = 0
        """Consecutive failed waits (for the admin facts and tests)."""
        self.thread = threading.Thread(target=self.run, name="fleet-push", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()  # the thread ends after its current wait (a daemon: it never blocks exit)

    def run(self) -> None:
        url = urljoin(self.cfg.sync.hub_url.rstrip("/") + "/", "api/v1/commands/wait")
        params = {"kiosk_id": self.cfg.kiosk.id, "channel": self.cfg.sync.channel,
                  "timeout": str(self.wait_seconds)}
        headers = {"Authorization": f"Bearer {self.cfg.sync.token}"} if self.cfg.sync.token else {}
        cap = float(max(self.cfg.sync.heartbeat_seconds, 1))
        session = requests.Session()
        while not self.stopped.is_set():
            started = time.monotonic()
            try:
                resp = session.get(url, params=params, headers=headers,
                                   timeout=(self.cfg.sync.connect_timeout, self.wait_seconds + 15))
                reply = resp.json() if resp.status_code == 200 else None
            except (requests.RequestException, ValueError) as exc:
                self._failed(f"{type(exc).__name__}: {exc}", cap)
                continue
            if resp.status_code == 404:
                log.info("%s: the hub has no push channel; commands come with heartbeats", url)
                return
            if not isinstance(reply, dict):
                retry = resp.headers.get("Retry-After", "")
                self._failed(f"HTTP {resp.status_code}", cap, float(retry) if retry.isdigit() else 0.0)
                continue
            self.failures = 0
            if self.stopped.is_set():
                return
            self.on_reply(reply)
            if time.monotonic() - started < 1.0 and not reply.get("commands"):
                self.stopped.wait(1.0)  # an instant empty answer (a proxy?) must not make a busy loop

    def _failed(self, reason: str, cap: float, at_least: float = 0.0) -> None:
        self.failures += 1
        pause = max(at_least, min(cap, 2.0 ** min(self.failures, 10)))
        if self.failures in (1, 10):
            log.info("push channel to the hub failed (%s); retrying in %.0f s, heartbeats still bring "
                     "commands", reason, pause)
        self.stopped.wait(pause)
