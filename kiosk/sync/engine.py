"""The sync engine: channel -> manifests -> missing blobs -> verified install (staged, not active).

Run ``SyncEngine.sync_once(cancel_event)`` in a worker. It never changes what is on screen: new
versions are installed with ``activate=False`` and returned, and the UI activates them at the next
attract loop. Every refusal (rollback, mix-and-match, bad signature, bad file, expiry) is a
:class:`~kiosk.errors.SyncError` naming what failed; the state file records it.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urljoin

import requests

from kiosk.config import Config, SyncSection
from kiosk.content import signing
from kiosk.content.manifest import MAX_MANIFEST_BYTES, Manifest, decode_manifest, sha256_bytes
from kiosk.content.source import PackSource
from kiosk.errors import (
    DiskFullError,
    KioskError,
    SyncDiskFullError,
    SyncError,
    SyncKind,
    SyncStaleError,
    is_disk_full,
)
from kiosk.paths import DataPaths
from kiosk.sync import protocol
from kiosk.sync.blobsource import BlobSource, cached_ok
from kiosk.sync.http import Budget, Limits, download_blob, get_document, make_session
from kiosk.sync.state import SyncState, clock_skew, describe_skew, load_state, save_state

log = logging.getLogger("kiosk.sync")

RESERVE_MAX = 64 << 20
"""Free space kept back after an update: a tenth of the file system, at most this much."""


def failure_kind(exc: BaseException) -> SyncKind:
    """Classify a failed sync (see :data:`~kiosk.errors.SyncKind`) by the error's type, never its text."""
    if isinstance(exc, SyncError):
        return exc.kind
    if is_disk_full(exc):
        return "disk_full"
    if isinstance(exc, OSError | requests.RequestException):
        return "network"
    return "refused"


class SyncStore(Protocol):
    """The store methods sync needs (``kiosk.store.Store`` implements them)."""

    def has_media(self, sha256: str) -> bool: ...

    def media_file(self, sha256: str) -> Path: ...

    def install(self, source: PackSource, *, activate: bool = True) -> Any: ...

    def active_packs(self) -> Sequence[Any]:
        """Items with ``id``, ``version`` and ``manifest_sha256``."""
        ...


@dataclass
class PackUpdate:
    id: str
    version: int
    manifest_sha256: str
    blobs_downloaded: int
    bytes_downloaded: int
    install_result: Any = None


@dataclass
class SyncResult:
    status: str
    """``up-to-date`` or ``applied`` (new versions staged; activate them when nobody is touching)."""
    updates: list[PackUpdate] = field(default_factory=list)

    @property
    def bytes_downloaded(self) -> int:
        return sum(u.bytes_downloaded for u in self.updates)


def limits_from(section: SyncSection) -> Limits:
    return Limits(connect_timeout=section.connect_timeout, read_timeout=section.read_timeout,
                  deadline_seconds=float(section.deadline_seconds), min_speed_bytes=section.min_speed_bytes)


class SyncEngine:
    def __init__(self, section: SyncSection, paths: DataPaths, store: SyncStore, *,
                 limits: Limits | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
        if not section.hub_url:
            raise SyncError("sync.hub_url is not set; nothing to sync from")
        self.section = section
        self.paths = paths
        self.store = store
        self.limits = limits or limits_from(section)
        self.progress = progress
        self.channel_url = urljoin(section.hub_url.rstrip("/") + "/", protocol.channel_path(section.channel))
        self.blob_dir = paths.sync_cache / "blobs"

    @classmethod
    def from_config(cls, cfg: Config, store: SyncStore) -> SyncEngine:
        return cls(cfg.sync, cfg.data_paths().ensure(), store)

    def sync_once(self, cancel: threading.Event | None = None) -> SyncResult:
        state = load_state(self.paths)
        state.last_attempt = protocol.now_iso()
        try:
            try:
                result = self._run(state, Budget(self.limits, cancel))
            except (OSError, sqlite3.OperationalError) as exc:
                if not is_disk_full(exc):
                    raise SyncError(f"cannot write in {self.paths.root}: {exc}") from exc
                raise self._disk_full(exc) from exc
            except DiskFullError as exc:
                raise self._disk_full(exc) from exc
            except KioskError:
                raise
            except Exception as exc:  # a bug or a surprise: still recorded, never a silent state
                log.debug("unexpected sync failure", exc_info=True)
                raise SyncError(f"{self.channel_url}: unexpected {type(exc).__name__}: {exc}") from exc
        except KioskError as exc:
            kind = failure_kind(exc)
            state.last_error, state.error_kind = str(exc), kind
            if kind == "network":
                state.offline_since = state.offline_since or state.last_attempt
                stopping = cancel is not None and cancel.is_set()  # the kiosk is closing: no fault
                log.log(logging.INFO if stopping else logging.WARNING, "sync failed (network): %s", exc)
            else:  # the hub answered: not offline, but an admin must look
                state.offline_since = None
                log.error("sync %s: %s", kind.replace("_", " "), exc)
            self._save_state(state)
            raise
        state.last_error = state.error_kind = None
        state.offline_since = None
        state.last_success = state.last_attempt
        self._save_state(state)
        return result

    def _save_state(self, state: SyncState) -> None:
        try:
            save_state(self.paths, state)
        except OSError as exc:  # a full or read-only disk: the sync's outcome is still logged
            log.error("cannot write the sync state to %s: %s", self.paths.root, exc)

    def _disk_full(self, exc: BaseException) -> SyncError:
        """Delete what this sync left half-written; the old content stays as it was."""
        removed = 0
        for pattern in ("*.part", "*.part.json"):
            for part in self.blob_dir.glob(pattern):
                part.unlink(missing_ok=True)
                removed += 1
        clean = getattr(getattr(self.store, "media", None), "clean_staging", None)
        if callable(clean):
            removed += int(clean())
        free = _free_bytes(self.blob_dir)
        log.error("disk full; removed %d partial files, %.1f MB free now", removed, free / 1e6)
        return SyncDiskFullError(f"disk full in {self.paths.root} ({free / 1e6:.1f} MB free now): {exc}; "
                                "partial downloads deleted, keeping the current content")

    def _check_space(self, missing: list[Any]) -> None:
        """Refuse to start downloads that cannot fit (plus a reserve): nothing is written then."""
        have = 0
        for f in missing:
            part = self.blob_dir / f"{f.sha256}.part"
            have += part.stat().st_size if part.is_file() else 0
        need = max(0, sum(f.size for f in missing) - have)
        try:
            usage = shutil.disk_usage(self.blob_dir)
        except OSError:
            return
        reserve = min(RESERVE_MAX, usage.total // 10)
        if need + reserve > usage.free:
            raise SyncDiskFullError(
                f"disk full: the update needs {need / 1e6:.1f} MB plus a reserve of {reserve / 1e6:.1f} MB, "
                f"but only {usage.free / 1e6:.1f} MB are free in {self.paths.root}; nothing downloaded, "
                "keeping the current content (free space or use a bigger disk)")

    def _run(self, state: SyncState, budget: Budget) -> SyncResult:
        self.blob_dir.mkdir(parents=True, exist_ok=True)
        with make_session(self.limits, self.section.token, ends=budget.ends) as session:
            etag = state.etag if state.channel_url == self.channel_url else None
            if etag and not self._matches_last_channel(state):
                log.warning("installed content differs from the last channel applied; fetching it again "
                            "without the saved ETag")
                etag = state.etag = None
            seen: dict[str, str] = {}
            data, new_etag = get_document(session, self.channel_url, budget,
                                          max_bytes=protocol.MAX_CHANNEL_BYTES, etag=etag, seen=seen)
            state.clock_skew_seconds = clock_skew(seen.get("date"))
            if state.clock_skew_seconds is not None:
                log.warning("this kiosk's clock is %s the hub's; times shown in status and the admin "
                            "panel are off (check NTP / the RTC battery)",
                            describe_skew(state.clock_skew_seconds))
            if data is None:
                if state.expires_at and protocol.parse_time(state.expires_at) <= protocol.parse_time(
                        protocol.now_iso()):
                    self._expired(state, state.expires_at)
                return SyncResult("up-to-date")
            if self.section.trusted_keys:
                data, new_etag = self._verified_channel(session, data, new_etag, budget)
            channel = protocol.decode_channel(data, self.channel_url)
            state.expires_at = channel.expires_at
            if channel.expired():
                self._expired(state, channel.expires_at or "")
            state.stale = False
            state.etag = None  # saved again only once every entry is in place
            updates = [u for entry in channel.packs
                       if (u := self._apply(session, state, entry, budget)) is not None]
            state.etag, state.channel_url = new_etag, self.channel_url
            state.channel_packs = {e.id: {"version": e.version, "manifest_sha256": e.manifest_sha256}
                                   for e in channel.packs}
            return SyncResult("applied" if updates else "up-to-date", updates)

    def _expired(self, state: SyncState, when: str) -> None:
        state.stale = True
        raise SyncStaleError(f"{self.channel_url}: the channel expired at {when}; keeping the current "
                               "content (stale) until the hub publishes again")

    def _verified_channel(self, session: Any, data: bytes, etag: str | None,
                          budget: Budget) -> tuple[bytes, str | None]:
        """Check the channel signature; fetch both once more if it fails (a publish in between)."""
        for attempt in range(2):
            sig, _ = get_document(session, self.channel_url + ".sig", budget, max_bytes=4096, optional=True)
            try:
                signing.verify(data, sig, self.section.trusted_keys, self.channel_url)
                return data, etag
            except signing.SignatureError:
                if attempt:
                    raise
            fresh, etag = get_document(session, self.channel_url, budget,
                                       max_bytes=protocol.MAX_CHANNEL_BYTES)
            data = fresh if fresh is not None else data
        raise AssertionError("unreachable")  # pragma: no cover

    def _matches_last_channel(self, state: SyncState) -> bool:
        """True if every pack of the last applied channel is installed (active or staged) as listed.

        A 304 for the channel then really means "nothing to do"; otherwise the saved ETag would hide
        a mismatch (a version activated from a corrupt cache, a store rebuilt from scratch).
        """
        for pack_id, want in state.channel_packs.items():
            if self._pin_holds(pack_id, int(want["version"])):
                continue
            have = self._installed(state, pack_id)
            if have is None or (have[0], have[1]) != (int(want["version"]), str(want["manifest_sha256"])):
                return False
        return True

    def _installed(self, state: SyncState, pack_id: str) -> tuple[int, str] | None:
        """(version, manifest sha) of the newest active or staged version of ``pack_id``."""
        found: list[tuple[int, str]] = []
        active_sha = None
        for pack in self.store.active_packs():
            if getattr(pack, "id", None) == pack_id:
                active_sha = str(getattr(pack, "manifest_sha256", ""))
                found.append((int(pack.version), active_sha))
        staged = state.staged.get(pack_id)
        if staged:
            if staged.get("manifest_sha256") == active_sha:
                del state.staged[pack_id]  # the UI activated it
            elif not self._store_has(pack_id, int(staged["version"]), str(staged["manifest_sha256"])):
                log.warning("%s version %s is no longer staged in the store; fetching it again",
                            pack_id, staged["version"])
                del state.staged[pack_id]
            else:
                found.append((int(staged["version"]), str(staged["manifest_sha256"])))
        return max(found) if found else None

    def _pin_holds(self, pack_id: str, offered: int) -> bool:
        """A manual rollback pinned this pack and the channel offers nothing above the version left."""
        pinned = getattr(self.store, "pinned", None)
        pin = pinned(pack_id) if callable(pinned) else None
        if pin is None:
            return False
        version, rolled_back_from = pin
        if offered <= rolled_back_from:
            return True
        log.info("%s: channel offers version %s, above the %s rolled back from; the pin on %s is lifted",
                 pack_id, offered, rolled_back_from, version)
        unpin = getattr(self.store, "unpin", None)
        if callable(unpin):
            unpin(pack_id)
        return False

    def _store_has(self, pack_id: str, version: int, sha: str) -> bool:
        has_version = getattr(self.store, "has_version", None)
        return bool(has_version(pack_id, version, sha)) if callable(has_version) else True

    def _apply(self, session: Any, state: SyncState, entry: protocol.ChannelEntry,
               budget: Budget) -> PackUpdate | None:
        if self._pin_holds(entry.id, entry.version):
            log.info("%s: pinned by a manual rollback; channel version %s is not installed until the "
                     "publisher raises the version", entry.id, entry.version)
            return None
        installed = self._installed(state, entry.id)
        if installed and installed[1] == entry.manifest_sha256:
            if installed[0] != entry.version:
                raise SyncError(
                    f"{self.channel_url}: channel lists {entry.id} version {entry.version} with the manifest "
                    f"sha256 of the installed version {installed[0]}; the channel's hash and version "
                    "disagree, refused (publish again)")
            return None
        if installed and entry.version == installed[0]:
            raise SyncError(f"{self.channel_url}: channel offers {entry.id} version {entry.version} "
                                   "with other content than the installed copy of that version; refused "
                                   "(the publisher must raise the version)")
        if installed and entry.version < installed[0]:
            raise SyncError(f"{self.channel_url}: channel offers {entry.id} version {entry.version}, "
                                   f"but version {installed[0]} is installed; refusing a rollback (publish a "
                                   "higher version to replace it)")
        url = urljoin(self.channel_url, entry.manifest)
        data, _ = get_document(session, url, budget, max_bytes=MAX_MANIFEST_BYTES)
        assert data is not None
        if sha256_bytes(data) != entry.manifest_sha256:
            raise SyncError(f"{url}: manifest sha256 does not match the channel entry for {entry.id} "
                                   f"version {entry.version}; refusing a mixed-up pack")
        manifest = decode_manifest(data, url)
        if (manifest.id, manifest.version) != (entry.id, entry.version):
            raise SyncError(f"{url}: manifest is {manifest.id} version {manifest.version}, the "
                                   f"channel says {entry.id} version {entry.version}; refused")
        signature = None
        if self.section.trusted_keys:
            signature, _ = get_document(session, url + ".sig", budget, max_bytes=4096, optional=True)
            signing.verify(data, signature, self.section.trusted_keys, url)
        files, count, nbytes = self._fetch_blobs(session, manifest, budget)
        source = BlobSource(manifest, data, files, signature, label=url)
        result = self.store.install(source, activate=False)
        got = getattr(result, "manifest_sha256", entry.manifest_sha256)
        if got != entry.manifest_sha256:  # BlobSource checks every byte; this is the last fence
            raise SyncError(f"{url}: installed content has manifest sha256 {got[:12]}…, the channel "
                                   f"says {entry.manifest_sha256[:12]}…; refused")
        state.staged[entry.id] = {"version": entry.version, "manifest_sha256": entry.manifest_sha256}
        for path in files.values():
            if path.parent == self.blob_dir:
                path.unlink(missing_ok=True)
        log.info("staged %s version %s (%d blobs, %d bytes downloaded)",
                 entry.id, entry.version, count, nbytes)
        return PackUpdate(entry.id, entry.version, entry.manifest_sha256, count, nbytes, result)

    def _fetch_blobs(self, session: Any, manifest: Manifest,
                     budget: Budget) -> tuple[dict[str, Path], int, int]:
        files: dict[str, Path] = {}
        local: dict[str, Path] = {}
        missing = []
        for f in manifest.files:
            if f.sha256 in local:
                continue
            cached = self.blob_dir / f.sha256
            if self.store.has_media(f.sha256):
                local[f.sha256] = self.store.media_file(f.sha256)
            elif cached.is_file() and cached_ok(cached, f.sha256, f.size):
                local[f.sha256] = cached
            else:
                local[f.sha256] = cached
                missing.append(f)
        if missing:
            self._check_space(missing)
        total = sum(f.size for f in missing)
        done = count = received = 0
        for f in missing:
            url = urljoin(self.channel_url, "../" + protocol.blob_path(f.sha256).removeprefix("v1/"))
            got = download_blob(session, url, self.blob_dir / f.sha256, f.sha256, f.size, budget)
            done += f.size
            count += 1
            received += got.bytes_received
            if self.progress:
                self.progress(done, total)
        for f in manifest.files:
            files[f.path] = local[f.sha256]
        return files, count, received


def _free_bytes(path: Path) -> int:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return 0
