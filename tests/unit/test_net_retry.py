"""kiosk.net.http: the retry rules shared by sync and data (Retry-After cap, deadline, quiet retries)."""

from __future__ import annotations

import logging
import time

import pytest
import requests
from urllib3 import HTTPResponse
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError, ReadTimeoutError

from kiosk.net.http import (
    QuietRetries,
    RetryPolicy,
    is_connect_timeout,
    is_read_timeout,
    make_retry,
    parse_retry_after,
)

POLICY = RetryPolicy(retries=3, backoff_factor=0.5, backoff_max=4.0, backoff_jitter=0.0,
                     retry_after_cap=600.0)


def answer(status: int, retry_after: str | None = None) -> HTTPResponse:
    return HTTPResponse(b"", status=status, headers={"Retry-After": retry_after} if retry_after else {})


def test_retry_after_that_fits_the_deadline_is_planned_as_sent() -> None:
    slept: list[float] = []
    retry = make_retry(POLICY, ends=time.monotonic() + 120, sleep=slept.append)
    nxt = retry.increment("GET", "/obs", response=answer(429, "30"))
    nxt.sleep(answer(429, "30"))
    assert slept == [30.0]


def test_retry_after_is_capped() -> None:
    slept: list[float] = []
    retry = make_retry(RetryPolicy(retry_after_cap=5.0), sleep=slept.append)
    retry.increment("GET", "/obs", response=answer(429, "86400")).sleep()
    assert slept == [5.0]


def test_retry_after_past_the_deadline_gives_the_answer_back() -> None:
    """urllib3 hands the 429 itself back (raise_on_status=False): the caller raises its rate-limit error."""
    retry = make_retry(POLICY, ends=time.monotonic() + 10)
    with pytest.raises(MaxRetryError):
        retry.increment("GET", "/obs", response=answer(429, "30"))


def test_unreadable_retry_after_falls_back_to_the_backoff() -> None:
    slept: list[float] = []
    retry = make_retry(POLICY, sleep=slept.append)
    first = retry.increment("GET", "/obs", response=answer(503, "soon"))
    first.sleep()
    first.increment("GET", "/obs", response=answer(503, "soon")).sleep()
    assert slept == [1.0]  # urllib3: no wait before the first retry, then backoff_factor * 2


def test_a_connection_error_whose_backoff_passes_the_deadline_is_raised_at_once() -> None:
    retry = make_retry(RetryPolicy(retries=5, backoff_factor=30.0, backoff_max=60.0, backoff_jitter=0.0),
                       ends=time.monotonic() + 10)
    error = NewConnectionError(None, "refused")  # type: ignore[arg-type]
    second = retry.increment("GET", "/obs", error=error)
    with pytest.raises(MaxRetryError) as raised:
        second.increment("GET", "/obs", error=error)
    assert raised.value.reason is error


def test_retries_are_exhausted_after_the_policy_count() -> None:
    retry = make_retry(RetryPolicy(retries=1, backoff_jitter=0.0))
    retry = retry.increment("GET", "/obs", response=answer(500))
    with pytest.raises(MaxRetryError):
        retry.increment("GET", "/obs", response=answer(500))


def test_parse_retry_after_forms() -> None:
    assert parse_retry_after("7", 0) == 7.0
    assert parse_retry_after(" 12 ", 0) == 12.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470.0) == 10.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412490.0) == 0.0  # in the past
    assert parse_retry_after("soon", 0) is None
    assert parse_retry_after(None, 0) is None


def test_urllib3_retry_warnings_become_debug() -> None:
    record = logging.LogRecord("urllib3.connectionpool", logging.WARNING, __file__, 1,
                               "Retrying (%r) after connection broken by '%r': %s", ("r", "e", "/x"), None)
    other = logging.LogRecord("urllib3.connectionpool", logging.WARNING, __file__, 1,
                              "Connection pool is full, discarding connection: %s", ("h",), None)
    assert QuietRetries().filter(record) and QuietRetries().filter(other)
    assert (record.levelno, record.levelname) == (logging.DEBUG, "DEBUG")
    assert other.levelno == logging.WARNING


def after_retries(reason: Exception) -> requests.ConnectionError:
    """What requests raises once urllib3's retries are used up (the adapter wraps MaxRetryError)."""
    return requests.ConnectionError(MaxRetryError(None, "/obs", reason))  # type: ignore[arg-type]


def test_a_refused_connection_is_not_a_timeout() -> None:
    refused = after_retries(NewConnectionError(None, "Connection refused"))  # type: ignore[arg-type]
    slow = after_retries(ConnectTimeoutError("timed out"))
    no_answer = after_retries(ReadTimeoutError(None, "/obs", "read timed out"))  # type: ignore[arg-type]
    assert [is_connect_timeout(e) for e in (refused, slow, no_answer)] == [False, True, False]
    assert [is_read_timeout(e) for e in (refused, slow, no_answer)] == [False, False, True]
