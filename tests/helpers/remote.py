"""A running kiosk with the phone remote on 127.0.0.1 (a free port), for the e2e test and the bench."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from typing import Any

from kiosk.app import KioskApp, build_app
from kiosk.config import Config
from kiosk.ui.remote import RemoteControl

ROOT = Path(__file__).resolve().parents[2]
TOUR = "energy-transition"


SCRIPTS_PACK = ROOT / "tests" / "fixtures" / "packs" / "scripts"
"""A pack in English, Chinese, Japanese and Arabic with one tour, ``delegation``."""


def make_kiosk(data_dir: Path, *, idle_seconds: int = 600, size: str = "1280x800",
               pack: Path = ROOT / "content") -> KioskApp:
    """The real composition root on the bundled pack; the remote binds 127.0.0.1 only."""
    cfg = Config()
    cfg.kiosk.data_dir = str(data_dir)
    cfg.kiosk.idle_seconds = idle_seconds
    cfg.kiosk.idle_warning_seconds = 0
    cfg.data.enabled = False
    cfg.remote.bind = "127.0.0.1"
    cfg.remote.port = 0
    kiosk = build_app(cfg, pack_path=pack, windowed=True, size=size, animate=False)
    kiosk.window.show()
    return kiosk


def remote_of(kiosk: KioskApp) -> RemoteControl:
    return next(s for s in kiosk.services if isinstance(s, RemoteControl))


Reply = tuple[int, dict[str, str], bytes]


def request(origin: str, method: str, path: str, body: Any = None, *, cookie: str = "",
            host: str | None = None, content_type: str = "application/json") -> Reply:
    """One HTTP request to the kiosk's remote (a phone without a browser)."""
    address = origin.removeprefix("http://")
    conn = http.client.HTTPConnection(address, timeout=10)
    headers = {"Host": host or address}
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = content_type
    if cookie:
        headers["Cookie"] = cookie
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def pair(origin: str, token: str) -> tuple[int, str, bytes]:
    """POST /api/pair; the status, the session cookie ("name=value", "" if none) and the body."""
    status, headers, body = request(origin, "POST", "/api/pair", {"token": token})
    cookie = headers.get("set-cookie", "").split(";")[0]
    return status, cookie, body


class EventStream:
    """``GET /api/events`` held open like a phone's EventSource; :meth:`next_event` reads one event."""

    def __init__(self, origin: str, cookie: str) -> None:
        address = origin.removeprefix("http://")
        self.conn = http.client.HTTPConnection(address, timeout=10)
        self.conn.request("GET", "/api/events", headers={"Host": address, "Cookie": cookie})
        self.response = self.conn.getresponse()
        self.status = self.response.status

    def next_event(self) -> tuple[str, dict[str, Any]]:
        name, data = "", ""
        while True:
            line = self.response.readline().decode()
            if not line:
                return "", {}
            line = line.rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line == "" and name:
                return name, json.loads(data)

    def until(self, wanted: str) -> dict[str, Any]:
        """Read events (state updates) until one named ``wanted``; its data."""
        while True:
            name, data = self.next_event()
            assert name, f"the stream closed before {wanted!r}"
            if name == wanted:
                return data

    def close(self) -> None:
        self.conn.close()
