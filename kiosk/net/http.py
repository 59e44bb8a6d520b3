"""The kiosk's one way to build an HTTP session, for sync (the hub) and data (live sources).

urllib3's :class:`~urllib3.util.retry.Retry` does the retrying for both: connection errors, read
timeouts and the statuses in ``RetryPolicy.statuses`` (429 and 5xx) are retried with exponential
backoff plus jitter; a Retry-After header is honoured up to ``retry_after_cap`` seconds (an
unparseable one falls back to the backoff). With a deadline (``ends``, on the ``time.monotonic``
clock), a wait that does not fit in the time left is not taken: the last response is handed back
(a 429 then becomes the caller's typed rate-limit error, so the next attempt is scheduled for when
the server asked) or, for a connection error, the error is raised. Timeouts, size caps and typed
errors stay with the callers (``kiosk.sync.http``, ``kiosk.data.http``), which know what they fetch.

urllib3 logs each retry after a connection error at WARNING; a retry that then succeeds is normal
for a kiosk on a shaky network, so those records are demoted to DEBUG (:class:`QuietRetries`). The
final failure is what the callers log and show.
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, ResponseError
from urllib3.util.retry import Retry

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How one session retries. ``retries`` bounds every kind of retry (connect, read, status)."""

    retries: int = 4
    backoff_factor: float = 0.5
    backoff_max: float = 30.0
    backoff_jitter: float = 0.25
    retry_after_cap: float = 60.0
    statuses: frozenset[int] = RETRY_STATUSES
    methods: frozenset[str] = frozenset({"GET", "HEAD"})


class KioskRetry(Retry):
    """A :class:`Retry` with a capped Retry-After, an optional deadline and an injectable sleep."""

    retry_after_cap: float = 60.0
    ends: float | None = None
    sleeper: Callable[[float], None] = staticmethod(time.sleep)
    planned: float | None = None
    """The wait chosen when this retry was made (so the jittered backoff is checked and slept once)."""

    def configure(self, *, retry_after_cap: float, ends: float | None,
                  sleeper: Callable[[float], None]) -> KioskRetry:
        self.retry_after_cap, self.ends, self.sleeper = retry_after_cap, ends, sleeper
        return self

    def new(self, **kw: Any) -> KioskRetry:
        new = super().new(**kw)
        return new.configure(retry_after_cap=self.retry_after_cap, ends=self.ends, sleeper=self.sleeper)

    def get_retry_after(self, response: Any) -> float | None:
        seconds = parse_retry_after(response.headers.get("Retry-After"), time.time())
        return None if seconds is None else min(seconds, self.retry_after_cap)

    def increment(self, method: str | None = None, url: str | None = None, response: Any = None,
                  error: Exception | None = None, _pool: Any = None,
                  _stacktrace: TracebackType | None = None) -> KioskRetry:
        new = super().increment(method, url, response, error, _pool, _stacktrace)
        wait = new.get_retry_after(response) if response is not None else None
        if wait is None:
            wait = new.get_backoff_time()
        if new.ends is not None and wait >= new.ends - time.monotonic():
            reason = error or ResponseError(f"waiting {wait:.0f} s would pass the deadline")
            raise MaxRetryError(_pool, url or "", reason) from reason
        new.planned = wait
        return new

    def sleep(self, response: Any = None) -> None:
        wait = self.planned
        if wait is None:
            after = self.get_retry_after(response) if response is not None else None
            wait = after if after is not None else self.get_backoff_time()
        if wait > 0:
            self.sleeper(wait)


class QuietRetries(logging.Filter):
    """Demotes urllib3's "Retrying (...)" WARNING records to DEBUG: a retry is not yet a failure."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and str(record.msg).startswith("Retrying ("):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return True


def quiet_retries() -> None:
    """Installs :class:`QuietRetries` on urllib3's connection-pool logger (once)."""
    logger = logging.getLogger("urllib3.connectionpool")
    if not any(isinstance(f, QuietRetries) for f in logger.filters):
        logger.addFilter(QuietRetries())


def make_retry(policy: RetryPolicy, *, ends: float | None = None,
               sleep: Callable[[float], None] = time.sleep) -> KioskRetry:
    retry = KioskRetry(
        total=policy.retries,
        connect=policy.retries,
        read=policy.retries,
        status=policy.retries,
        backoff_factor=policy.backoff_factor,
        backoff_max=policy.backoff_max,
        backoff_jitter=policy.backoff_jitter,
        status_forcelist=policy.statuses,
        allowed_methods=policy.methods,
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    return retry.configure(retry_after_cap=policy.retry_after_cap, ends=ends, sleeper=sleep)


def make_session(policy: RetryPolicy, *, headers: Iterable[tuple[str, str]] = (), ends: float | None = None,
                 sleep: Callable[[float], None] = time.sleep, pool: int = 4) -> requests.Session:
    """A session whose adapters retry by ``policy``; ``ends`` is the deadline (``time.monotonic``)."""
    quiet_retries()
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=make_retry(policy, ends=ends, sleep=sleep),
                          pool_connections=pool, pool_maxsize=pool)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update(dict(headers))
    return session


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date; a past date is 0);
    None when absent or unreadable ("soon": the caller falls back to its backoff)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit() and value.isascii():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def retry_after(response: requests.Response, cap: float) -> float | None:
    """The response's Retry-After in seconds, capped at ``cap``; None if absent or unreadable."""
    seconds = parse_retry_after(response.headers.get("Retry-After"), time.time())
    return None if seconds is None else min(seconds, cap)


def cause(exc: BaseException) -> BaseException:
    """The urllib3 error under a requests error (unwrapping ``MaxRetryError``), or ``exc`` itself."""
    inner: BaseException = exc
    if isinstance(exc, requests.RequestException) and exc.args and isinstance(exc.args[0], BaseException):
        inner = exc.args[0]
    if isinstance(inner, MaxRetryError) and inner.reason is not None:
        inner = inner.reason
    return inner


def is_read_timeout(exc: BaseException) -> bool:
    """A server that accepted the connection but did not answer in time (after any retries)."""
    return isinstance(exc, requests.ReadTimeout) or isinstance(
        cause(exc), urllib3.exceptions.ReadTimeoutError)


def is_connect_timeout(exc: BaseException) -> bool:
    """No connection within the connect timeout (not a refused connection, which urllib3 reports as a
    ``NewConnectionError``, a subclass of ``ConnectTimeoutError`` kept for compatibility)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    inner = cause(exc)
    return isinstance(inner, urllib3.exceptions.ConnectTimeoutError) and not isinstance(
        inner, urllib3.exceptions.NewConnectionError)
