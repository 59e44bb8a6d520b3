"""The content-addressed media directory: ``media/ab/abcdef...``, shared by every pack version.

A file is written to ``staging/`` first, fsynced, checked against the manifest's sha256 and size,
then renamed into place, so a file under ``media/`` is always complete and correct. Files already
present are never copied again. The sync engine's verified blobs are hashed, fsynced and hard-linked
in instead of copied (an update then needs about 1x its size on disk).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from pathlib import Path

from kiosk.content.model import FileEntry
from kiosk.content.source import PackSource, iter_chunks
from kiosk.errors import DiskFullError, PackError, StoreError, is_disk_full

TEMP_PREFIX = "store-media-"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class MediaStore:
    def __init__(self, root: Path, staging: Path) -> None:
        self.root = root
        self.staging = staging
        self._dirty_dirs: set[Path] = set()

    def path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise StoreError(f"not a sha256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, source: PackSource, entry: FileEntry) -> int | None:
        """Copy one pack file in; returns the bytes copied, or None if its content was already here.

        A source that offers its files for linking (``source.linkable``: the sync engine's verified
        blob cache) is hashed and then hard-linked into place instead of copied, so an update needs
        about 1x its size on disk. A full disk raises :class:`DiskFullError` with nothing left behind.
        """
        final = self.path(entry.sha256)
        try:
            if final.stat().st_size == entry.size:
                return None  # trusted: only complete, checked files are ever renamed into media/
        except FileNotFoundError:
            pass
        try:
            linked = self._link(source, entry, final)
            return linked if linked is not None else self._copy(source, entry, final)
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFullError(f"disk full while installing {entry.path} into {self.root}: "
                                    f"{exc.strerror or exc}") from exc
            raise

    def _link(self, source: PackSource, entry: FileEntry, final: Path) -> int | None:
        """Hard-link a verified local file into media; None when the source or file system can't."""
        local = source.local_path(entry.path) if getattr(source, "linkable", False) else None
        if local is None:
            return None
        if _sha256_file(local) != (entry.sha256, entry.size):
            raise PackError(f"{entry.path}: content does not match the manifest", file=source.label)
        tmp = self.staging / f"{TEMP_PREFIX}{entry.sha256[:16]}-{os.getpid()}.lnk"
        tmp.unlink(missing_ok=True)
        try:
            os.link(local, tmp)
        except OSError as exc:
            if is_disk_full(exc):
                raise
            return None  # another file system, or links not allowed: copy instead
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp.replace(final)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._dirty_dirs.add(final.parent)
        return entry.size

    def _copy(self, source: PackSource, entry: FileEntry, final: Path) -> int:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=self.staging)
        tmp = Path(tmp_name)
        try:
            digest = hashlib.sha256()
            size = 0
            with os.fdopen(fd, "wb") as out:
                try:
                    with source.open(entry.path) as stream:
                        for chunk in iter_chunks(stream):
                            digest.update(chunk)
                            size += len(chunk)
                            out.write(chunk)
                except OSError as exc:
                    if is_disk_full(exc):
                        raise
                    raise PackError(f"cannot read {entry.path}: {exc}", file=source.label) from exc
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != entry.sha256 or size != entry.size:
                raise PackError(
                    f"{entry.path}: content does not match the manifest (sha256 {digest.hexdigest()[:12]}…, "
                    f"{size} bytes; expected {entry.sha256[:12]}…, {entry.size} bytes)",
                    file=source.label,
                )
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp.replace(final)
            self._dirty_dirs.add(final.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return size

    def flush(self) -> None:
        """Make the renames of :meth:`put` durable (one fsync per directory, not per file)."""
        dirs, self._dirty_dirs = self._dirty_dirs, set()
        for d in sorted(dirs):
            _fsync_dir(d)

    def shas(self) -> set[str]:
        """Every sha256 in the media directory."""
        found: set[str] = set()
        if not self.root.is_dir():
            return found
        for sub in self.root.iterdir():
            if sub.is_dir() and len(sub.name) == 2:
                found.update(p.name for p in sub.iterdir() if _SHA256.match(p.name))
        return found

    def collect_garbage(self, keep: set[str]) -> tuple[int, int]:
        """Delete media files whose sha256 is not in ``keep``; returns (files, bytes) removed."""
        files = removed = 0
        for sha in self.shas() - keep:
            path = self.path(sha)
            with contextlib.suppress(FileNotFoundError):
                removed += path.stat().st_size
                path.unlink()
                files += 1
        return files, removed

    def clean_staging(self) -> int:
        """Remove temp files of interrupted copies (only ours: other parts may use staging too)."""
        count = 0
        if self.staging.is_dir():
            for p in self.staging.glob(f"{TEMP_PREFIX}*"):
                with contextlib.suppress(FileNotFoundError):
                    p.unlink()
                    count += 1
        return count


def _sha256_file(path: Path) -> tuple[str, int]:
    """Hash and size of a file about to be linked into media, made durable first (fsync)."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
        os.fsync(fh.fileno())  # like the copies: a file under media/ survives a power cut complete
    return digest.hexdigest(), size


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
