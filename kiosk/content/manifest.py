"""The pack manifest: every file's path, sha256 and size, in canonical JSON.

A built pack zip carries ``manifest.json`` (and ``manifest.json.sig`` when signed) at its root; the
sync protocol serves the same bytes at ``v1/packs/<id>/<version>/manifest.json``. The manifest never
lists itself or its signature. Its sha256 identifies a pack version exactly ("what is on screen").
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.content.model import FileEntry
from kiosk.errors import PackError

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.json.sig"
FORMAT = 1
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Manifest:
    id: str
    version: int
    files: tuple[FileEntry, ...]

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)

    def by_path(self) -> dict[str, FileEntry]:
        return {f.path: f for f in self.files}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode_manifest(pack_id: str, version: int, files: Iterable[FileEntry]) -> bytes:
    """Canonical bytes: sorted keys, no spaces, files sorted by path, UTF-8, no trailing newline."""
    entries = sorted(files, key=lambda f: f.path)
    doc = {
        "format": FORMAT,
        "id": pack_id,
        "version": version,
        "files": [{"path": f.path, "sha256": f.sha256, "size": f.size} for f in entries],
    }
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def decode_manifest(data: bytes, label: str = MANIFEST_NAME) -> Manifest:
    """Parse and check a manifest; every problem is a :class:`PackError` naming ``label``."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise PackError(f"manifest is larger than {MAX_MANIFEST_BYTES} bytes", file=label)
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackError(f"not a JSON manifest: {exc}", file=label) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise PackError(f"not a format {FORMAT} manifest", file=label)
    pack_id, version, files = doc.get("id"), doc.get("version"), doc.get("files")
    if not isinstance(pack_id, str) or not isinstance(version, int) or isinstance(version, bool):
        raise PackError("manifest needs a text 'id' and a whole-number 'version'", file=label)
    if not isinstance(files, list):
        raise PackError("manifest 'files' must be a list", file=label)
    entries: list[FileEntry] = []
    seen: set[str] = set()
    for i, item in enumerate(files):
        if not isinstance(item, dict):
            raise PackError(f"files[{i}] is not an object", file=label)
        path, sha, size = item.get("path"), item.get("sha256"), item.get("size")
        if not isinstance(path, str) or not path or path.startswith("/") or ".." in path.split("/") \
                or "\\" in path or path in (MANIFEST_NAME, SIGNATURE_NAME):
            raise PackError(f"files[{i}]: unsafe or reserved path {path!r}", file=label)
        if not isinstance(sha, str) or not _SHA256.match(sha):
            raise PackError(f"files[{i}] ({path}): sha256 must be 64 lowercase hex digits", file=label)
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise PackError(f"files[{i}] ({path}): size must be a whole number >= 0", file=label)
        if path in seen:
            raise PackError(f"files[{i}]: {path} is listed twice", file=label)
        seen.add(path)
        entries.append(FileEntry(path, sha, size))
    return Manifest(pack_id, version, tuple(sorted(entries, key=lambda f: f.path)))
