"""The command envelope: what the hub asks one kiosk or a channel's kiosks to do, signed like packs.

The envelope is canonical JSON (sorted keys, no spaces, UTF-8)::

    {"format":1,"id":"<32 hex>","kind":"sync_now","args":{},"target":"kiosk:lab-1",
     "created_at":"2026-11-29T13:00:00Z","expires_at":"2026-11-29T14:00:00Z"}

It travels as its exact bytes (``envelope``, a string) with ``signature``: the base64 Ed25519
signature over those bytes, made by :func:`kiosk.content.signing.sign` with the hub's signing key,
the same key and format as ``manifest.json.sig``. A kiosk with ``sync.trusted_keys`` verifies it and
refuses a command that is unsigned, wrongly signed, for another kiosk or channel, expired, or one it
has already run (:mod:`kiosk.fleetctl.inbox` remembers ids until they expire).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from kiosk.content import signing
from kiosk.errors import KioskError, SyncError
from kiosk.sync import protocol

FORMAT = 1
KINDS = ("sync_now", "screenshot", "restart_at_attract", "staff_message")
MAX_TEXT = 500
"""A staff message's length cap (characters)."""
MAX_LIFETIME = timedelta(days=7)
"""The longest a command may stay valid; kiosks remember executed ids for this long at most."""
MAX_ENVELOPE_BYTES = 4096
_ID = re.compile(r"^[0-9a-f]{32}$")


class CommandRefused(KioskError):
    """A delivered command the kiosk will not run; ``reason`` is reported back to the hub."""

    def __init__(self, reason: str, command_id: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.command_id = command_id


@dataclass(frozen=True)
class Command:
    id: str
    kind: str
    target: str
    """``kiosk:<kiosk id>`` or ``channel:<channel>``."""
    created_at: str
    expires_at: str
    args: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return str(self.args.get("text", ""))

    def expired(self, now: datetime) -> bool:
        return now >= protocol.parse_time(self.expires_at)


def check_target(target: str) -> str:
    """``kiosk:<id>`` or ``channel:<name>``; raises CommandRefused naming the problem."""
    scope, _, name = target.partition(":")
    if scope not in ("kiosk", "channel"):
        raise CommandRefused(f"target {target[:80]!r} must be 'kiosk:<id>' or 'channel:<name>'")
    try:
        protocol.check_name(name, scope)
    except SyncError as exc:
        raise CommandRefused(f"target {target[:80]!r}: {exc}") from exc
    return target


def check_args(kind: str, args: dict[str, Any]) -> dict[str, Any]:
    if kind not in KINDS:
        raise CommandRefused(f"unknown command {kind[:40]!r} (known: {', '.join(KINDS)})")
    if kind == "staff_message":
        text = args.get("text")
        if not isinstance(text, str) or not text.strip():
            raise CommandRefused("staff_message needs a non-empty 'text'")
        if len(text) > MAX_TEXT:
            raise CommandRefused(f"staff_message text is longer than {MAX_TEXT} characters")
        return {"text": text.strip()}
    if args:
        raise CommandRefused(f"{kind} takes no arguments")
    return {}


def encode(command: Command) -> bytes:
    doc = {"format": FORMAT, "id": command.id, "kind": command.kind, "args": command.args,
           "target": command.target, "created_at": command.created_at, "expires_at": command.expires_at}
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def decode(data: bytes) -> Command:
    """Parse and check an envelope's bytes; raises CommandRefused naming the field."""
    if len(data) > MAX_ENVELOPE_BYTES:
        raise CommandRefused(f"envelope larger than {MAX_ENVELOPE_BYTES} bytes")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandRefused(f"envelope is not JSON ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise CommandRefused(f"envelope is not a format {FORMAT} command")
    cid = doc.get("id")
    if not isinstance(cid, str) or not _ID.match(cid):
        raise CommandRefused("envelope 'id' must be 32 lowercase hex digits")
    fields = {k: doc.get(k) for k in ("kind", "target", "created_at", "expires_at")}
    for name, value in fields.items():
        if not isinstance(value, str):
            raise CommandRefused(f"envelope '{name}' must be text", cid)
    args = doc.get("args")
    if not isinstance(args, dict):
        raise CommandRefused("envelope 'args' must be an object", cid)
    try:
        created = protocol.parse_time(str(fields["created_at"]))
        expires = protocol.parse_time(str(fields["expires_at"]))
        check_target(str(fields["target"]))
        args = check_args(str(fields["kind"]), args)
    except SyncError as exc:
        raise CommandRefused(f"envelope: {exc}", cid) from exc
    except CommandRefused as exc:
        raise CommandRefused(exc.reason, cid) from exc
    if expires <= created or expires - created > MAX_LIFETIME:
        raise CommandRefused(f"envelope lifetime must be more than 0 and at most {MAX_LIFETIME.days} days",
                             cid)
    return Command(cid, str(fields["kind"]), str(fields["target"]), str(fields["created_at"]),
                   str(fields["expires_at"]), args)


def sign(command: Command, key: signing.Ed25519PrivateKey | None) -> dict[str, str | None]:
    """The delivery form: ``{"envelope": <exact JSON text>, "signature": <base64> or None}``."""
    data = encode(command)
    signature = signing.sign(data, key).decode("ascii").strip() if key is not None else None
    return {"envelope": data.decode("utf-8"), "signature": signature}


def open_delivered(item: Any, trusted_keys: list[str]) -> Command:
    """Check one delivered ``{"envelope", "signature"}`` item: the signature first (when keys are
    configured), then the envelope. Raises CommandRefused with the reason."""
    if not isinstance(item, dict) or not isinstance(item.get("envelope"), str):
        raise CommandRefused("delivered command has no 'envelope' text")
    data = str(item["envelope"]).encode("utf-8")
    sig = item.get("signature")
    cid = _peek_id(data)
    if trusted_keys:
        if sig is not None and not isinstance(sig, str):
            raise CommandRefused("command signature must be base64 text", cid)
        try:
            signing.verify(data, sig.encode("ascii", "replace") if sig else None, trusted_keys, "command")
        except signing.SignatureError as exc:
            raise CommandRefused(str(exc), cid) from exc
    return decode(data)


def addressed_to(command: Command, kiosk_id: str, channel: str) -> bool:
    return command.target in (f"kiosk:{kiosk_id}", f"channel:{channel}")


def _peek_id(data: bytes) -> str:
    """The id of an envelope not yet trusted, only to report a refusal against it."""
    try:
        cid = json.loads(data.decode("utf-8")).get("id")
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        return ""
    return cid if isinstance(cid, str) and _ID.match(cid) else ""
