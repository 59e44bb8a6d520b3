"""HTTP for sync: one retrying session, bounded small documents, resumable verified blob downloads.

Every request carries (connect, read) timeouts; the session (:mod:`kiosk.net.http`, shared with the
data connectors) retries 429/5xx and connection errors with capped exponential backoff plus jitter
and a capped Retry-After. Bodies are read under an overall deadline and a
minimum-speed check, so a stalled, drip-feeding or endless server cannot hold a sync forever.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import urllib3

from kiosk.errors import SyncError, SyncInterrupted, SyncNetworkError
from kiosk.net.http import RetryPolicy, is_connect_timeout
from kiosk.net.http import make_session as make_net_session

CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline_seconds: float = 1800.0
    min_speed_bytes: int = 2048
    speed_window: float = 30.0
    retries: int = 4
    backoff_factor: float = 0.5
    backoff_max: float = 30.0
    backoff_jitter: float = 0.25
    retry_after_cap: float = 60.0
    resume_attempts: int = 3


def make_session(limits: Limits, token: str = "", *, ends: float | None = None) -> requests.Session:
    """The sync's session (:func:`kiosk.net.http.make_session`); ``ends``: the sync's deadline."""
    policy = RetryPolicy(retries=limits.retries, backoff_factor=limits.backoff_factor,
                         backoff_max=limits.backoff_max, backoff_jitter=limits.backoff_jitter,
                         retry_after_cap=limits.retry_after_cap)
    headers = [("User-Agent", "living-lab-kiosk-sync/1"),
               ("Accept-Encoding", "identity")]  # exact bytes: sizes, hashes and Range agree
    if token:
        headers.append(("Authorization", f"Bearer {token}"))
    return make_net_session(policy, headers=headers, ends=ends)


class Budget:
    """The overall deadline of one sync, plus cancellation from the UI."""

    def __init__(self, limits: Limits, cancel: threading.Event | None = None) -> None:
        self.limits = limits
        self.cancel = cancel or threading.Event()
        self.ends = time.monotonic() + limits.deadline_seconds

    def check(self, what: str) -> None:
        if self.cancel.is_set():
            raise SyncNetworkError(f"{what}: cancelled")
        if time.monotonic() > self.ends:
            raise SyncNetworkError(f"{what}: sync deadline of {self.limits.deadline_seconds:g} s exceeded")

    def timeout(self) -> tuple[float, float]:
        return (self.limits.connect_timeout, self.limits.read_timeout)


def _chunks(resp: requests.Response, budget: Budget, what: str) -> Iterator[bytes]:
    """The body in chunks, aborting on deadline, cancellation or a speed below the minimum.

    ``read1`` hands over whatever has arrived, so bytes before a stall are kept for resuming.
    """
    window: deque[tuple[float, int]] = deque()
    started = time.monotonic()
    lim = budget.limits
    while True:
        try:
            chunk = resp.raw.read1(CHUNK)
        except urllib3.exceptions.HTTPError as exc:
            raise requests.exceptions.ConnectionError(str(exc)) from exc
        if not chunk:
            break
        budget.check(what)
        now = time.monotonic()
        window.append((now, len(chunk)))
        while window and window[0][0] < now - lim.speed_window:
            window.popleft()
        if now - started >= lim.speed_window:
            rate = sum(n for _, n in window) / lim.speed_window
            if rate < lim.min_speed_bytes:
                raise SyncNetworkError(f"{what}: too slow ({rate:.0f} B/s < {lim.min_speed_bytes} B/s); "
                                "abandoned, will resume later")
        yield chunk


def content_length(resp: requests.Response, url: str) -> int | None:
    """The Content-Length header as a number; garbage (``abc``, ``-5``) is a clear SyncError."""
    raw = resp.headers.get("Content-Length")
    if raw is None:
        return None
    text = raw.strip()
    if not text.isdigit() or not text.isascii():
        raise SyncError(f"{url}: the server sent an invalid Content-Length header ({raw[:40]!r}); refused")
    return int(text)


def _looks_like_html(content_type: str, head: bytes) -> bool:
    return "html" in content_type.lower() or head.lstrip()[:1] == b"<"


def get_document(session: requests.Session, url: str, budget: Budget, *, max_bytes: int,
                 etag: str | None = None, optional: bool = False,
                 seen: dict[str, str] | None = None) -> tuple[bytes | None, str | None]:
    """GET a small JSON document (or a ``.sig``); returns (body, etag), body None on 304 or optional 404.

    HTML, or anything not JSON where JSON was expected, is reported as a probable captive portal.
    ``seen`` receives the response's ``Date`` header (the engine compares it with the local clock).
    """
    budget.check(url)
    headers = {"If-None-Match": etag} if etag else {}
    try:
        with session.get(url, headers=headers, timeout=budget.timeout(), stream=True) as resp:
            if seen is not None and resp.headers.get("Date"):
                seen["date"] = resp.headers["Date"]
            if resp.status_code == 304:
                return None, etag
            if resp.status_code == 404 and optional:
                return None, None
            if resp.status_code != 200:
                raise status_error(url, resp)
            declared = content_length(resp, url) or 0
            if declared > max_bytes:
                raise SyncError(f"{url}: {declared} bytes is more than the {max_bytes} allowed")
            body = bytearray()
            for chunk in _chunks(resp, budget, url):
                body += chunk
                if len(body) > max_bytes:
                    raise SyncError(f"{url}: more than the {max_bytes} bytes allowed")
            data = bytes(body)
            if not url.endswith(".sig"):
                ctype = resp.headers.get("Content-Type", "")
                if _looks_like_html(ctype, data[:64]):
                    raise SyncNetworkError(f"{url}: got an HTML page instead of JSON - a captive portal or "
                                    "login page, or a wrong sync.hub_url")
                try:
                    json.loads(data)
                except ValueError as exc:
                    raise SyncNetworkError(f"{url}: expected JSON but got {ctype or 'no content type'} "
                                    f"that is not JSON (captive portal or wrong sync.hub_url?)") from exc
            return data, resp.headers.get("ETag")
    except requests.RequestException as exc:
        raise SyncNetworkError(f"{url}: {_describe(exc)}") from exc


def _describe(exc: requests.RequestException) -> str:
    if is_connect_timeout(exc):
        return "cannot connect (timed out); offline?"
    if isinstance(exc, requests.exceptions.ConnectionError | requests.exceptions.RetryError):
        inner = str(exc).split("Caused by", 1)[-1].strip(" ()'\"")
        return f"connection failed after retries ({inner[:160]})"
    if isinstance(exc, requests.exceptions.Timeout):
        return "no data within the read timeout (stalled server)"
    return f"{type(exc).__name__}: {str(exc)[:200]}"


@dataclass
class BlobDownload:
    bytes_received: int = 0
    resumed: bool = False


def download_blob(session: requests.Session, url: str, dest: Path, sha256: str, size: int,
                  budget: Budget) -> BlobDownload:
    """Fetch a blob into ``dest`` (verified sha256 and size), resuming from ``dest.part``.

    Interruptions mid-body (stall, truncation, reset) are retried with Range + If-Range up to
    ``resume_attempts`` times; the partial file survives for the next sync too.
    """
    part = dest.with_name(dest.name + ".part")
    meta = dest.with_name(dest.name + ".part.json")
    result = BlobDownload()
    last_error: SyncInterrupted | None = None
    for _ in range(budget.limits.resume_attempts + 1):
        budget.check(url)
        try:
            received, digest = _fetch_into(session, url, part, meta, size, budget, result)
            result.bytes_received += received
        except SyncInterrupted as exc:
            last_error = exc
            continue
        if digest != sha256:
            part.unlink(missing_ok=True)
            meta.unlink(missing_ok=True)
            raise SyncError(f"{url}: content does not match its manifest (sha256 {digest[:12]}..., "
                            f"expected {sha256[:12]}...); refused")
        part.replace(dest)
        meta.unlink(missing_ok=True)
        return result
    assert last_error is not None
    raise last_error


NETWORK_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Answers that mean "not now" (after urllib3's retries): the kiosk is offline, not refused."""


def status_error(url: str, resp: requests.Response) -> SyncError:
    """An unexpected HTTP status: 5xx/408/429 are network trouble, any other (a 4xx) a refusal."""
    status = resp.status_code
    cls = SyncNetworkError if status in NETWORK_STATUSES or status >= 500 else SyncError
    return cls(f"{url}: HTTP {status} {resp.reason}")


def _fetch_into(session: requests.Session, url: str, part: Path, meta: Path, size: int,
                budget: Budget, result: BlobDownload) -> tuple[int, str]:
    """One GET (ranged when a ``.part`` exists); returns (bytes received, sha256 of the whole file)."""
    have = part.stat().st_size if part.exists() else 0
    validator = None
    if have:
        try:
            validator = json.loads(meta.read_text(encoding="utf-8")).get("validator")
        except (OSError, ValueError):
            validator = None
        if have > size or not validator:
            part.unlink(missing_ok=True)
            have = 0
    headers = {"Range": f"bytes={have}-", "If-Range": validator} if have and validator else {}
    received = 0
    try:
        with session.get(url, headers=headers, timeout=budget.timeout(), stream=True) as resp:
            if resp.status_code == 206 and have:
                crange = resp.headers.get("Content-Range", "")
                if not crange.startswith(f"bytes {have}-"):
                    part.unlink(missing_ok=True)
                    raise SyncInterrupted(f"{url}: server answered Range with {crange!r}; restarting")
                result.resumed = True
                mode = "ab"
                hasher = _sha256_file(part)
            elif resp.status_code == 200:
                have, mode, hasher = 0, "wb", hashlib.sha256()
            elif resp.status_code == 416:
                part.unlink(missing_ok=True)
                raise SyncInterrupted(f"{url}: range not satisfiable; restarting")
            else:
                raise status_error(url, resp)
            declared = content_length(resp, url)
            if declared is not None and have + declared > size:
                raise SyncError(f"{url}: server announces {have + declared} bytes but the manifest "
                                f"says {size}; refused")
            new_validator = resp.headers.get("ETag") or resp.headers.get("Last-Modified")
            if new_validator and not new_validator.startswith("W/"):
                meta.write_text(json.dumps({"validator": new_validator}), encoding="utf-8")
            else:
                meta.unlink(missing_ok=True)
            with part.open(mode) as fh:
                for chunk in _chunks(resp, budget, url):
                    received += len(chunk)
                    if have + received > size:
                        fh.close()
                        part.unlink(missing_ok=True)
                        raise SyncError(f"{url}: more bytes than the {size} the manifest declares; refused")
                    fh.write(chunk)
                    hasher.update(chunk)
    except requests.RequestException as exc:
        raise SyncInterrupted(f"{url}: interrupted after {have + received} of {size} bytes "
                         f"({_describe(exc)})") from exc
    if have + received < size:
        raise SyncInterrupted(f"{url}: truncated at {have + received} of {size} bytes")
    return received, hasher.hexdigest()


def _sha256_file(path: Path) -> Any:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h
