"""Protocol v1: the static tree layout and the channel document.

```
v1/channels/<channel>.json (+ .sig)
v1/packs/<id>/<version>/manifest.json (+ .sig)
v1/blobs/<sha256>
```
The channel lists, per pack id, the version to show and the sha256 of its manifest; the manifest
lists every file by sha256; blobs are immutable and content-addressed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.errors import SyncError

FORMAT = 1
MAX_CHANNEL_BYTES = 1024 * 1024
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def check_name(name: str, what: str) -> str:
    """Channel names and pack ids become path segments: keep them boring."""
    if not _NAME.match(name) or ".." in name:
        raise SyncError(f"{what} {name!r} must be 1-64 letters, digits, '.', '_' or '-'")
    return name


def channel_path(channel: str) -> str:
    return f"v1/channels/{check_name(channel, 'channel')}.json"


def manifest_path(pack_id: str, version: int) -> str:
    return f"v1/packs/{check_name(pack_id, 'pack id')}/{int(version)}/manifest.json"


def blob_path(sha256: str) -> str:
    if not _SHA256.match(sha256):
        raise SyncError(f"not a sha256: {sha256!r}")
    return f"v1/blobs/{sha256}"


def relative_manifest_url(pack_id: str, version: int) -> str:
    """The manifest URL as written in a channel file (relative to the channel file)."""
    return "../" + manifest_path(pack_id, version).removeprefix("v1/")


@dataclass(frozen=True)
class ChannelEntry:
    id: str
    version: int
    manifest: str
    manifest_sha256: str


@dataclass(frozen=True)
class Channel:
    channel: str
    published_at: str
    expires_at: str | None
    packs: tuple[ChannelEntry, ...]

    def expired(self, now: datetime | None = None) -> bool:
        if not self.expires_at:
            return False
        return (now or datetime.now(UTC)) >= parse_time(self.expires_at)

    def entry(self, pack_id: str) -> ChannelEntry | None:
        return next((p for p in self.packs if p.id == pack_id), None)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise SyncError(f"not an ISO 8601 time: {text!r}") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def encode_channel(channel: Channel) -> bytes:
    doc = {
        "format": FORMAT,
        "channel": channel.channel,
        "published_at": channel.published_at,
        "expires_at": channel.expires_at,
        "packs": [
            {"id": p.id, "version": p.version, "manifest": p.manifest, "manifest_sha256": p.manifest_sha256}
            for p in sorted(channel.packs, key=lambda p: p.id)
        ],
    }
    return json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False).encode("utf-8") + b"\n"


def decode_channel(data: bytes, label: str) -> Channel:
    """Parse and check a channel document; problems are :class:`SyncError` naming ``label``."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SyncError(f"{label}: not JSON ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SyncError(f"{label}: not a format {FORMAT} channel file")
    name, published, expires, packs = (doc.get(k) for k in ("channel", "published_at", "expires_at", "packs"))
    if not isinstance(name, str) or not isinstance(published, str):
        raise SyncError(f"{label}: 'channel' and 'published_at' must be text")
    if expires is not None and not isinstance(expires, str):
        raise SyncError(f"{label}: 'expires_at' must be an ISO 8601 time or null")
    if expires:
        parse_time(expires)
    if not isinstance(packs, list):
        raise SyncError(f"{label}: 'packs' must be a list")
    entries: list[ChannelEntry] = []
    for i, item in enumerate(packs):
        if not isinstance(item, dict):
            raise SyncError(f"{label}: packs[{i}] is not an object")
        pid, ver, man, sha = (item.get(k) for k in ("id", "version", "manifest", "manifest_sha256"))
        if not isinstance(pid, str) or not isinstance(ver, int) or isinstance(ver, bool):
            raise SyncError(f"{label}: packs[{i}] needs a text 'id' and a whole-number 'version'")
        if not isinstance(man, str) or not isinstance(sha, str) or not _SHA256.match(sha):
            raise SyncError(f"{label}: packs[{i}] ({pid}) needs 'manifest' and a 64-hex 'manifest_sha256'")
        check_name(pid, f"{label}: packs[{i}] id")
        entries.append(ChannelEntry(pid, ver, man, sha))
    if len({e.id for e in entries}) != len(entries):
        raise SyncError(f"{label}: a pack id is listed twice")
    return Channel(name, published, expires, tuple(entries))
