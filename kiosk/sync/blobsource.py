"""A :class:`~kiosk.content.source.PackSource` over verified blobs: manifest path -> blob file."""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from kiosk.content.manifest import MANIFEST_NAME, SIGNATURE_NAME, Manifest
from kiosk.errors import PackError

MAX_READ_BYTES = 64 * 1024 * 1024
log = logging.getLogger("kiosk.sync")


class BlobSource:
    """The pack as the sync engine downloaded it; every byte read is checked against the manifest.

    Like :class:`~kiosk.content.sources.ZipSource`, ``names()`` leaves out ``manifest.json`` and its
    signature; their bytes are in ``manifest_data``/``signature_data`` (and ``read_bytes`` serves them).
    """

    linkable = True
    """The store may hard-link these files into its media dir (after hashing them) instead of copying."""

    def __init__(self, manifest: Manifest, manifest_bytes: bytes, files: dict[str, Path],
                 signature: bytes | None = None, label: str = "") -> None:
        self.label = label or f"sync:{manifest.id}@{manifest.version}"
        self.manifest: Manifest | None = manifest
        self.manifest_data: bytes | None = manifest_bytes
        self.signature_data: bytes | None = signature
        self._files = dict(files)
        self._extra = {MANIFEST_NAME: manifest_bytes}
        if signature is not None:
            self._extra[SIGNATURE_NAME] = signature
        self._sizes = {f.path: f.size for f in manifest.files}
        self._shas = {f.path: f.sha256 for f in manifest.files}

    def names(self) -> list[str]:
        return sorted(self._files)

    def size(self, name: str) -> int:
        if name in self._extra:
            return len(self._extra[name])
        self._check(name)
        return self._sizes[name]

    def read_bytes(self, name: str) -> bytes:
        if name in self._extra:
            return self._extra[name]
        if self.size(name) > MAX_READ_BYTES:
            raise PackError(f"{name} is larger than {MAX_READ_BYTES} bytes", file=name)
        data = self._files[name].read_bytes()
        self._verify(name, len(data), hashlib.sha256(data).hexdigest())
        return data

    def open(self, name: str) -> BinaryIO:
        if name in self._extra:
            return io.BytesIO(self._extra[name])
        self._check(name)
        raw = _Verifying(self._files[name].open("rb"), lambda n, h: self._verify(name, n, h))
        return io.BufferedReader(raw)

    def _verify(self, name: str, size: int, sha256: str) -> None:
        """Every byte served must be the byte the (channel-checked) manifest lists."""
        if size != self._sizes[name] or sha256 != self._shas[name]:
            raise PackError(f"the cached copy does not match the manifest (sha256 {sha256[:12]}…, "
                            f"{size} bytes; expected {self._shas[name][:12]}…, {self._sizes[name]} bytes)",
                            file=name)

    def local_path(self, name: str) -> Path | None:
        return self._files.get(name)

    def _check(self, name: str) -> None:
        if name not in self._files:
            raise PackError(f"no such file in {self.label}", file=name)


class _Verifying(io.RawIOBase):
    """A raw stream that hashes what it hands out and calls ``check(size, sha256)`` at the end."""

    def __init__(self, inner: BinaryIO, check: Callable[[int, str], None]) -> None:
        self._inner = inner
        self._check = check
        self._hash = hashlib.sha256()
        self._size = 0
        self._checked = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        data = self._inner.read(len(view))
        if not data:
            if not self._checked:
                self._checked = True
                self._check(self._size, self._hash.hexdigest())
            return 0
        view[: len(data)] = data
        self._hash.update(data)
        self._size += len(data)
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def cached_ok(path: Path, sha256: str, size: int) -> bool:
    """A blob left in the sync cache is used only if every byte checks out; a bad one is deleted."""
    try:
        if path.stat().st_size == size and sha256_of(path) == sha256:
            return True
    except OSError as exc:
        log.warning("cached blob %s unreadable (%s); downloading it again", path.name[:12], exc)
    else:
        log.warning("cached blob %s does not match its sha256; deleting it and downloading it again",
                    path.name[:12])
    path.unlink(missing_ok=True)
    return False


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
