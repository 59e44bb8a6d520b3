"""Fail a test on any WARNING-or-worse log record it did not declare (after qutebrowser's logfail).

A test that expects warnings or errors declares it: ``@pytest.mark.expect_log("kiosk.sync")`` naming the
loggers (no name: any; a module-level ``pytestmark`` for a whole file), or it takes the ``caplog``
fixture and checks the records itself. Records from every
thread count (workers log from pool threads), so a warning in a background job fails its test too.
"""

from __future__ import annotations

import logging
import threading


class LogFailHandler(logging.Handler):
    """Collects WARNING+ records while a test runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self._lock_records = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._lock_records:
            self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        with self._lock_records:
            records, self.records = self.records, []
        return records


def describe(records: list[logging.LogRecord]) -> str:
    lines = [f"  {r.levelname} {r.name}: {r.getMessage()[:300]}" for r in records[:10]]
    more = f"\n  ... and {len(records) - 10} more" if len(records) > 10 else ""
    return ("unexpected WARNING+ log records (declare expected ones with @pytest.mark.expect_log, or "
            "check them with caplog):\n" + "\n".join(lines) + more)


def unexpected(records: list[logging.LogRecord], allowed: list[str]) -> list[logging.LogRecord]:
    """The records no ``expect_log`` logger name covers (a name covers its children; "" covers all)."""
    return [r for r in records
            if not any(not a or r.name == a or r.name.startswith(a + ".") for a in allowed)]
