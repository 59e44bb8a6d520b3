"""What a phone may ask: a strict parser for the body of ``POST /api/command``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

Action = Literal["next", "previous", "goto", "end", "start"]
ACTIONS: tuple[Action, ...] = ("next", "previous", "goto", "end", "start")
MAX_BODY = 1024


class CommandError(ValueError):
    """The body is not a command; the message names the field."""


@dataclass(frozen=True)
class Command:
    action: Action
    stop: int | None = None
    """``goto``: the stop, 0-based (the stop count means the closing page)."""
    tour: str | None = None
    """``start``: the tour's id."""


def parse_command(body: bytes) -> Command:
    """``{"action": "next"}``, ``{"action": "goto", "stop": 2}``, ``{"action": "start", "tour": "id"}``."""
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"body: not JSON ({exc})") from exc
    if not isinstance(doc, dict):
        raise CommandError("body: expected a JSON object such as {\"action\": \"next\"}")
    unknown = sorted(set(doc) - {"action", "stop", "tour"})
    if unknown:
        raise CommandError(f"field {unknown[0]!r}: unknown (allowed: action, stop, tour)")
    action = doc.get("action")
    if action not in ACTIONS:
        raise CommandError(f"field 'action': expected one of {', '.join(ACTIONS)}, got {action!r}")
    stop, tour = doc.get("stop"), doc.get("tour")
    if action == "goto":
        if not isinstance(stop, int) or isinstance(stop, bool) or not 0 <= stop <= 999:
            raise CommandError(f"field 'stop': expected a stop number 0-999, got {stop!r}")
    elif stop is not None:
        raise CommandError("field 'stop': only for action 'goto'")
    if action == "start":
        if not isinstance(tour, str) or not 0 < len(tour) <= 64:
            raise CommandError(f"field 'tour': expected a tour id, got {tour!r}")
    elif tour is not None:
        raise CommandError("field 'tour': only for action 'start'")
    return Command(action, stop, tour)
