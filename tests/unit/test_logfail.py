"""The logfail fixture's rules: WARNING+ records fail a test unless it names their logger."""

from __future__ import annotations

import logging
import threading

import pytest

from tests.helpers.logfail import LogFailHandler, describe, unexpected


def record(name: str, level: int = logging.WARNING) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, "something %s", ("odd",), None)


def test_handler_collects_warnings_from_any_thread_but_not_info() -> None:
    handler = LogFailHandler()
    log = logging.getLogger("kiosk.logfail-test")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.info("fine")
        worker = threading.Thread(target=lambda: log.error("from a worker"))
        worker.start()
        worker.join()
        log.warning("here")
    finally:
        log.removeHandler(handler)
        log.propagate = True
    assert [r.getMessage() for r in handler.take()] == ["from a worker", "here"]
    assert handler.take() == []


def test_a_named_logger_covers_itself_and_its_children_only() -> None:
    records = [record("kiosk.sync"), record("kiosk.sync.http"), record("kiosk.syncer"), record("kiosk.ui")]
    left = unexpected(records, ["kiosk.sync"])
    assert [r.name for r in left] == ["kiosk.syncer", "kiosk.ui"]
    assert unexpected(records, [""]) == []
    assert unexpected(records, []) == records
    assert "WARNING kiosk.ui: something odd" in describe(left)


@pytest.mark.expect_log("kiosk.logfail-test")
def test_a_declared_warning_passes() -> None:
    logging.getLogger("kiosk.logfail-test.child").warning("expected here")
