"""Publish a pack into a protocol v1 static tree (a directory any web server can serve).

Order matters for kiosks syncing at the same moment: blobs first (only the missing ones), then the
manifest (+ signature), then the channel file, replaced atomically last. Nothing a kiosk can see
ever points at a file that is not there yet.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.content import signing
from kiosk.content.manifest import encode_manifest, sha256_bytes
from kiosk.content.model import FileEntry
from kiosk.content.source import PackSource, iter_chunks
from kiosk.errors import PackError, SyncError
from kiosk.sync import protocol

_LOCK = threading.Lock()


@dataclass(frozen=True)
class PublishResult:
    pack_id: str
    version: int
    manifest_sha256: str
    blobs_written: int
    bytes_written: int
    channel_file: Path


def publish_path(path: Path, root: Path, channel: str, *, sign_key: Path | None = None,
                 expires_at: str | None = None) -> PublishResult:
    """Publish the pack directory or zip at ``path``; invalid packs are refused (:class:`PackError`)."""
    from kiosk.content.sources import open_source

    source = open_source(path)
    try:
        key = signing.load_private_key(sign_key) if sign_key else None
        return publish_source(source, root, channel, key=key, expires_at=expires_at)
    finally:
        close = getattr(source, "close", None)
        if close:
            close()


def publish_source(source: PackSource, root: Path, channel: str, *,
                   key: signing.Ed25519PrivateKey | None = None,
                   expires_at: str | None = None) -> PublishResult:
    from kiosk.content.loader import load_pack

    protocol.check_name(channel, "channel")
    pack = load_pack(source)
    pack_id, version = pack.meta.id, pack.meta.version
    protocol.check_name(pack_id, "pack id")
    root.mkdir(parents=True, exist_ok=True)
    with _publish_lock(root):
        channel_file = root / protocol.channel_path(channel)
        current = _read_channel(channel_file)
        listed = current.entry(pack_id) if current else None
        mpath = root / protocol.manifest_path(pack_id, version)
        _refuse_early(encode_manifest(pack_id, version, pack.files.values()), listed, version, mpath, channel)
        new_blobs: list[Path] = []
        try:
            return _publish_locked(source, root, channel, pack, listed, current, mpath, new_blobs, key,
                                   expires_at)
        except BaseException:
            for blob in new_blobs:  # a refused publish leaves nothing behind
                blob.unlink(missing_ok=True)
            raise


def _refuse_early(manifest: bytes, listed: protocol.ChannelEntry | None, version: int, mpath: Path,
                  channel: str) -> None:
    """The refusals that need no blob: checked before anything is written."""
    if listed and listed.manifest_sha256 != sha256_bytes(manifest) and version <= listed.version:
        raise SyncError(f"channel {channel!r} already lists {listed.id} version {listed.version}; raise "
                        "'version' in pack.yaml above it to publish")
    if mpath.exists() and mpath.read_bytes() != manifest:
        raise SyncError(f"{listed.id if listed else 'this pack'} version {version} was already published "
                        "with other content; published versions are immutable, raise the version")


def _publish_locked(source: PackSource, root: Path, channel: str, pack: Any,
                    listed: protocol.ChannelEntry | None, current: protocol.Channel | None, mpath: Path,
                    new_blobs: list[Path], key: signing.Ed25519PrivateKey | None,
                    expires_at: str | None) -> PublishResult:
    pack_id, version = pack.meta.id, pack.meta.version
    channel_file = root / protocol.channel_path(channel)
    blobs_written, bytes_written, entries = _write_blobs(source, root, pack.files, new_blobs)
    manifest = encode_manifest(pack_id, version, entries)
    shipped = getattr(source, "manifest_data", None)
    if shipped is not None and shipped != manifest:
        raise PackError("manifest.json does not match the pack's files (rebuild the pack)",
                        file=f"{source.label}:manifest.json")
    manifest_sha = sha256_bytes(manifest)
    if listed and listed.manifest_sha256 == manifest_sha:
        return PublishResult(pack_id, version, manifest_sha, blobs_written, bytes_written, channel_file)
    if listed and version <= listed.version:
        raise SyncError(f"channel {channel!r} already lists {pack_id} version "
                        f"{listed.version}; raise 'version' in pack.yaml above it to publish")
    if mpath.exists() and mpath.read_bytes() != manifest:
        raise SyncError(f"{pack_id} version {version} was already published with other "
                        "content; published versions are immutable, raise the version")
    sig = signing.sign(manifest, key) if key else getattr(source, "signature_data", None)
    if sig is not None:
        write_atomic(mpath.with_name(mpath.name + ".sig"), sig)
    write_atomic(mpath, manifest)
    others = [p for p in (current.packs if current else ()) if p.id != pack_id]
    entry = protocol.ChannelEntry(pack_id, version, protocol.relative_manifest_url(pack_id, version),
                                  manifest_sha)
    doc = protocol.encode_channel(protocol.Channel(
        channel, protocol.now_iso(), expires_at if expires_at is not None else
        (current.expires_at if current else None), (*others, entry)))
    sig_file = channel_file.with_name(channel_file.name + ".sig")
    if key:
        write_atomic(sig_file, signing.sign(doc, key))
    else:
        sig_file.unlink(missing_ok=True)
    write_atomic(channel_file, doc)
    return PublishResult(pack_id, version, manifest_sha, blobs_written, bytes_written, channel_file)


def _read_channel(path: Path) -> protocol.Channel | None:
    if not path.exists():
        return None
    return protocol.decode_channel(path.read_bytes(), str(path))


def _write_blobs(source: PackSource, root: Path, listed: Mapping[str, FileEntry],
                 new_blobs: list[Path]) -> tuple[int, int, list[FileEntry]]:
    """Copy the loaded pack's files that the tree does not have yet. Returns (count, bytes, entries).

    The manifest is the loader's file list (the one the store hashes too), each file re-hashed here.
    """
    blobs = root / "v1" / "blobs"
    blobs.mkdir(parents=True, exist_ok=True)
    entries: list[FileEntry] = []
    count = total = 0
    for name in sorted(listed or dict.fromkeys(source.names())):
        fd, tmp_name = tempfile.mkstemp(dir=blobs, prefix=".tmp-")
        tmp = Path(tmp_name)
        try:
            h, size = hashlib.sha256(), 0
            with os.fdopen(fd, "wb") as out, source.open(name) as fh:
                for chunk in iter_chunks(fh, 1 << 20):
                    h.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            sha = h.hexdigest()
            known = listed.get(name)
            if known is not None and (known.sha256, known.size) != (sha, size):
                raise PackError("file changed while publishing (sha256 or size)", file=name)
            entries.append(FileEntry(name, sha, size))
            dest = blobs / sha
            if dest.exists() and dest.stat().st_size == size:
                continue
            tmp.chmod(0o644)
            tmp.replace(dest)
            new_blobs.append(dest)
            count, total = count + 1, total + size
        finally:
            tmp.unlink(missing_ok=True)
    return count, total, entries


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    Path(tmp).chmod(0o644)
    Path(tmp).replace(path)


@contextlib.contextmanager
def _publish_lock(root: Path) -> Iterator[None]:
    """One publish at a time per tree: a thread lock plus ``flock`` across processes."""
    with _LOCK, (root / ".publish.lock").open("a") as fh:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
