"""HTTP for connectors over the kiosk's one session builder (:mod:`kiosk.net.http`): (connect, read)
timeouts, an overall deadline, 429/Retry-After, size caps, the server's own reason for a refusal, and
garbage detection (HTML where JSON was expected) turned into :class:`DataSourceError`."""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests

from kiosk.errors import DataSourceError
from kiosk.net.http import RetryPolicy, is_connect_timeout, is_read_timeout, make_session, retry_after

MAX_BYTES = 32 * 1024 * 1024
MAX_RETRY_AFTER = 3600.0
"""A Retry-After is honoured as sent, up to an hour (a longer one is a misconfigured server)."""
REASON_BYTES = 64 * 1024


class SourceError(DataSourceError):
    """A source problem with a kind, so a badge can tell "offline" from "answered but said no".

    ``kind`` is ``offline`` (no connection, no answer in time), ``refused`` (HTTP 4xx), ``failed``
    (HTTP 5xx), ``rate-limited`` (HTTP 429) or ``bad-data`` (an answer that is not what we expect).
    """

    kind = "bad-data"


class SourceOffline(SourceError):
    kind = "offline"


class HttpStatusError(SourceError):
    """The server answered with an error status; ``reason`` is what it said, if anything."""

    def __init__(self, url: str, status: int, reason: str) -> None:
        self.url, self.status, self.reason = url, status, reason
        said = reason or f"HTTP {status}"
        if status < 500:
            self.kind = "refused"
            text = f"the source refused: {said} (HTTP {status}, {url})"
        else:
            self.kind = "failed"
            text = f"the source failed: {said} (HTTP {status}, {url})"
        super().__init__(text)


class RateLimited(SourceError):
    """HTTP 429 whose Retry-After does not fit in this fetch's deadline: try again later."""

    kind = "rate-limited"

    def __init__(self, url: str, retry_after: float) -> None:
        super().__init__(f"{url}: rate limited (HTTP 429), retry after {retry_after:.0f} s")
        self.retry_after = retry_after


def error_kind(exc: BaseException) -> str:
    """The badge-relevant kind of a fetch failure (see :class:`SourceError`)."""
    return exc.kind if isinstance(exc, SourceError) else "bad-data"


def reason_from(body: bytes) -> str:
    """The server's own words from an error body: JSON ``message``/``error``/``detail`` (FROST,
    Django Ninja, FastAPI), an HTML ``<title>``, or the first line of plain text."""
    text = body[:REASON_BYTES].decode("utf-8", "replace").strip()
    if not text:
        return ""
    if text[:1] in "{[":
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
        found = _reason_in(doc)
        if found:
            return _short(found)
    if text[:1] == "<":
        m = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        return _short(html.unescape(m.group(1))) if m else ""
    return _short(text.splitlines()[0])


def _reason_in(doc: Any) -> str:
    if isinstance(doc, str):
        return doc
    if isinstance(doc, list):
        return "; ".join(r for r in (_reason_in(d) for d in doc[:3]) if r)
    if isinstance(doc, dict):
        ctx = doc.get("ctx")
        if isinstance(ctx, dict) and isinstance(ctx.get("error"), str):
            return str(ctx["error"])  # pydantic: the validator's own words, without "Value error, "
        for key in ("message", "msg", "error_description", "error", "detail", "details", "title"):
            if key in doc:
                found = _reason_in(doc[key])
                if found:
                    return found
    return ""


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class HttpClient:
    """One fetch's HTTP session. ``deadline`` is seconds for the whole fetch (all pages, all retries).

    Retries (connection errors, 429, 5xx; backoff with jitter; Retry-After up to ``max_retry_after``)
    are urllib3's, through :func:`kiosk.net.http.make_session`; a wait that does not fit in the
    deadline is not taken, so a 429 then raises :class:`RateLimited` with the server's Retry-After.
    """

    def __init__(
        self,
        *,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        deadline: float = 120.0,
        retries: int = 2,
        backoff: float = 1.0,
        max_retry_after: float = MAX_RETRY_AFTER,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.connect_timeout, self.read_timeout = connect_timeout, read_timeout
        self.backoff, self.max_retry_after = backoff, max_retry_after
        self._ends = time.monotonic() + deadline
        policy = RetryPolicy(retries=retries, backoff_factor=backoff, backoff_max=max(backoff * 8, 1.0),
                             backoff_jitter=backoff / 2, retry_after_cap=max_retry_after)
        self.session = make_session(policy, headers=[("User-Agent", "living-lab-kiosk")], ends=self._ends,
                                    sleep=sleep)
        self.requests = 0
        """Requests sent by the caller (urllib3's retries of one request are not counted)."""

    def remaining(self) -> float:
        return self._ends - time.monotonic()

    def get_bytes(self, url: str, headers: Mapping[str, str] | None = None) -> bytes:
        left = self.remaining()
        if left <= 0:
            raise SourceOffline(f"{url}: gave up, deadline reached")
        timeout = (min(self.connect_timeout, left), min(self.read_timeout, left))
        self.requests += 1
        try:
            with self.session.get(url, headers=dict(headers or {}), timeout=timeout, stream=True) as r:
                if r.status_code == 429:
                    wait = retry_after(r, self.max_retry_after)
                    raise RateLimited(url, wait if wait is not None else self.backoff * 4)
                if r.status_code >= 400:
                    reason = reason_from(self._read(r, url, REASON_BYTES))
                    raise HttpStatusError(url, r.status_code, reason or (r.reason or ""))
                return self._read(r, url)
        except requests.RequestException as exc:
            if is_read_timeout(exc):
                raise SourceOffline(f"{url}: no answer in time (ReadTimeout)") from exc
            if isinstance(exc, requests.ConnectionError | requests.Timeout):
                name = "ConnectTimeout" if is_connect_timeout(exc) else type(exc).__name__
                raise SourceOffline(f"{url}: cannot connect ({name})") from exc
            raise SourceOffline(f"{url}: request failed: {exc}") from exc

    def _read(self, r: requests.Response, url: str, limit: int | None = None) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in r.iter_content(1 << 16):
            size += len(chunk)
            if limit is not None and size >= limit:
                chunks.append(chunk)
                break
            if size > MAX_BYTES:
                raise DataSourceError(f"{url}: response larger than {MAX_BYTES // (1 << 20)} MB")
            if self.remaining() <= 0:
                raise DataSourceError(f"{url}: gave up, deadline reached while reading")
            chunks.append(chunk)
        return b"".join(chunks)

    def get_json(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
        return parse_json(self.get_bytes(url, headers), url)


def parse_json(body: bytes, where: str) -> Any:
    head = body.lstrip()[:200].decode("utf-8", "replace")
    if head[:1] == "<":
        raise DataSourceError(f"{where}: got HTML or XML, not JSON (starts {head[:60]!r})")
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataSourceError(f"{where}: not valid JSON: {exc} (starts {head[:60]!r})") from exc
