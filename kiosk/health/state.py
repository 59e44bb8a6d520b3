"""``health.json`` in the data directory: recent self-healing events, for status, heartbeat and doctor.

Small and bounded; written atomically (temp file + rename) so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from kiosk.paths import DataPaths

STATE_NAME = "health.json"
MAX_EVENTS = 20


def state_file(paths: DataPaths) -> Path:
    return paths.root / STATE_NAME


def load(paths: DataPaths) -> dict[str, Any]:
    try:
        doc = json.loads(state_file(paths).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def save(paths: DataPaths, doc: dict[str, Any]) -> None:
    target = state_file(paths)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{id(doc)}.tmp")
    try:
        tmp.write_text(json.dumps(doc, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(target)
    except OSError:
        tmp.unlink(missing_ok=True)  # a full disk leaves no half-written temp file behind
        raise


def record_event(paths: DataPaths, kind: str, message: str, *, now: float | None = None) -> None:
    """Append ``{ts, kind, message}`` to the recent events (oldest dropped past :data:`MAX_EVENTS`)."""
    doc = load(paths)
    events = [e for e in doc.get("events", []) if isinstance(e, dict)]
    events.append({"ts": time.time() if now is None else now, "kind": kind, "message": message})
    doc["events"] = events[-MAX_EVENTS:]
    save(paths, doc)


def recent_events(
    paths: DataPaths, *, within_s: float = 86400, now: float | None = None
) -> list[dict[str, Any]]:
    """Events of the last ``within_s`` seconds, oldest first."""
    t = time.time() if now is None else now
    return [e for e in load(paths).get("events", [])
            if isinstance(e, dict) and t - float(e.get("ts", 0)) <= within_s]


def as_status(paths: DataPaths) -> dict[str, Any]:
    """What ``kiosk status --json`` shows under ``"health"``."""
    doc = load(paths)
    events = recent_events(paths)
    return {
        "state": "rolled back" if any(e.get("kind") == "crash_loop" for e in events) else
        ("recovered" if events else "ok"),
        "quarantined": doc.get("quarantined", []),
        "recent_events": events,
    }
