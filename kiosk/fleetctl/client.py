"""The kiosk's HTTP calls for hub commands: acknowledgements and screenshot uploads.

Both use ``sync.hub_url`` and ``sync.token`` as heartbeats do. Acknowledgements are best effort
(unsent ones stay in the inbox and go with the next flush); an upload failure is the command's outcome.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

import requests

from kiosk.config import Config
from kiosk.errors import SyncError
from kiosk.fleetctl.inbox import Inbox

log = logging.getLogger("kiosk.fleetctl")

MAX_SCREENSHOT_BYTES = 8 * 1024 * 1024


def _url(cfg: Config, path: str) -> str:
    return urljoin(cfg.sync.hub_url.rstrip("/") + "/", path)


def _headers(cfg: Config) -> dict[str, str]:
    return {"Authorization": f"Bearer {cfg.sync.token}"} if cfg.sync.token else {}


def flush_acks(cfg: Config, inbox: Inbox) -> int:
    """POST the outcomes the hub has not acknowledged yet; returns how many it took (0 on failure)."""
    acks = inbox.unacked()
    if not acks or not cfg.sync.hub_url:
        return 0
    url = _url(cfg, "api/v1/commands/ack")
    try:
        resp = requests.post(url, json={"kiosk_id": cfg.kiosk.id, "acks": [a.as_json() for a in acks]},
                             headers=_headers(cfg), timeout=(cfg.sync.connect_timeout, cfg.sync.read_timeout))
    except requests.RequestException as exc:
        log.info("%s: acknowledgements not sent (%s)", url, exc)
        return 0
    if resp.status_code != 200:
        log.info("%s: HTTP %s %s; acknowledgements kept for later", url, resp.status_code, resp.text[:200])
        return 0
    inbox.mark_acked(acks)
    return len(acks)


def upload_screenshot(cfg: Config, command_id: str, png: bytes) -> None:
    """POST the PNG for ``command_id``; raises SyncError with the reason when the hub does not take it."""
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise SyncError("the screenshot is not a PNG")
    if len(png) > MAX_SCREENSHOT_BYTES:
        raise SyncError(f"the screenshot is {len(png)} bytes, more than {MAX_SCREENSHOT_BYTES}")
    url = _url(cfg, "api/v1/screenshots")
    try:
        resp = requests.post(url, data=png, params={"kiosk_id": cfg.kiosk.id, "command": command_id},
                             headers={**_headers(cfg), "Content-Type": "image/png"},
                             timeout=(cfg.sync.connect_timeout, cfg.sync.read_timeout))
    except requests.RequestException as exc:
        raise SyncError(f"{url}: screenshot not uploaded ({exc})") from exc
    if resp.status_code != 200:
        raise SyncError(f"{url}: screenshot refused, HTTP {resp.status_code} {resp.text[:200]}")
