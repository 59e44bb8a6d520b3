"""Kiosk-side reports to the hub: heartbeats (on a UI timer) and batched interaction events.

Both are best effort: a failure is logged and returned as False, never raised into the UI.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests

from kiosk import __version__
from kiosk.config import Config
from kiosk.health import state as health_state
from kiosk.store.verify import verify_packs
from kiosk.sync.state import load_state

log = logging.getLogger("kiosk.sync.heartbeat")
_STARTED = time.monotonic()
NO_ENDPOINT = frozenset({404, 405, 501})
"""Answers of a hub without heartbeats or events (nginx, S3, ``python -m http.server``: docs/PROTOCOL.md)."""


def memory_mb() -> float:
    """Resident memory of this process (Linux ``/proc``; 0 where unknown)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def heartbeat_payload(
    cfg: Config, active_packs: Sequence[Any], *, route: str | None = None
) -> dict[str, Any]:
    paths = cfg.data_paths()
    state = load_state(paths)
    try:
        verified = verify_packs(paths, active_packs)
    except Exception as exc:  # a damaged store must not stop the heartbeat that reports it
        log.warning("could not verify the shown packs: %s", exc)
        verified = {}
    errors = [f"{e.get('kind')}: {e.get('message')}" for e in health_state.recent_events(paths)]
    if state.last_error:
        errors.append(f"sync: {state.last_error}")
    return {
        "kiosk_id": cfg.kiosk.id,
        "channel": cfg.sync.channel,
        "packs": [{"id": p.id, "version": int(p.version), "manifest_sha256": str(p.manifest_sha256),
                   "verified": verified.get((p.id, int(p.version)))}
                  for p in active_packs],
        "last_sync": state.last_success,
        "last_error": state.last_error,
        "route": route,
        "recent_errors": [e[:300] for e in errors[-10:]],
        "uptime_seconds": round(time.monotonic() - _STARTED, 1),
        "memory_mb": round(memory_mb(), 1),
        "poll_seconds": cfg.sync.poll_seconds,
        "app_version": __version__,
    }


def _post(cfg: Config, path: str, doc: dict[str, Any],
          on_reply: Callable[[dict[str, Any]], None] | None = None) -> bool:
    if not cfg.sync.hub_url:
        return False
    url = urljoin(cfg.sync.hub_url.rstrip("/") + "/", path)
    headers = {"Authorization": f"Bearer {cfg.sync.token}"} if cfg.sync.token else {}
    try:
        resp = requests.post(url, json=doc, headers=headers,
                             timeout=(cfg.sync.connect_timeout, cfg.sync.read_timeout))
    except requests.RequestException as exc:
        log.info("%s: not sent (%s)", url, exc)
        return False
    if resp.status_code in NO_ENDPOINT:  # a plain static host serves the tree but takes no POSTs
        log.info("%s: HTTP %s (the hub has no such endpoint)", url, resp.status_code)
        return False
    if resp.status_code != 200:
        log.warning("%s: HTTP %s %s", url, resp.status_code, resp.text[:200])
        return False
    if on_reply is not None:  # hook: fleet commands ride in the heartbeat reply (kiosk/fleetctl)
        try:
            reply = resp.json()
        except ValueError:
            reply = {}
        on_reply(reply if isinstance(reply, dict) else {})
    return True


def send_heartbeat(cfg: Config, active_packs: Sequence[Any], *, route: str | None = None,
                   on_reply: Callable[[dict[str, Any]], None] | None = None) -> bool:
    """POST ``/api/v1/heartbeat``; ``active_packs`` is what is on screen (``store.active_packs()`` rows),
    ``route`` the window's current route; ``on_reply`` gets the hub's answer (fleet commands)."""
    return _post(cfg, "api/v1/heartbeat", heartbeat_payload(cfg, active_packs, route=route), on_reply)


def send_events(cfg: Config, events: Sequence[dict[str, Any]]) -> bool:
    """POST a batch of events: ``{"ts", "kind", "screen", "seconds", "lang"}``, kind one of
    screen_view, dwell, language, tour_start.

    No personal data: the hub refuses any other field.
    """
    if not events:
        return True
    return _post(cfg, "api/v1/events", {"kiosk_id": cfg.kiosk.id, "events": list(events)})
