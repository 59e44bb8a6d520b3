"""A :class:`~kiosk.content.source.PackSource` over verified blobs: manifest path -> blob file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from kiosk.content.manifest import MANIFEST_NAME, SIGNATURE_NAME, Manifest
from kiosk.errors import PackError

MAX_READ_BYTES = 64 * 1024 * 1024


class BlobSource:
    """The pack as the sync engine downloaded it.

    Like :class:`~kiosk.content.sources.ZipSource`, ``names()`` leaves out ``manifest.json`` and its
    signature; their bytes are in ``manifest_data``/``signature_data`` (and ``read_bytes`` serves them).
    """

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
        return self._files[name].read_bytes()

    def open(self, name: str) -> BinaryIO:
        if name in self._extra:
            return io.BytesIO(self._extra[name])
        self._check(name)
        return self._files[name].open("rb")

    def local_path(self, name: str) -> Path | None:
        return self._files.get(name)

    def _check(self, name: str) -> None:
        if name not in self._files:
            raise PackError(f"no such file in {self.label}", file=name)
