"""Unit tier guard: a unit test starts no server (servers belong to tests/e2e, or tests/ui with qtbot).

Every TCP or Unix stream server (``http.server``, ``socketserver``, asyncio, the hub) calls
``socket.listen``; here it fails the test at once, naming the tier rule. Datagram sockets (sd_notify's
AF_UNIX listener) never listen, so they stay allowed. Qt stays out by ``.ci/core-tests.sh`` (a venv
without PySide6) and by ``tests/unit/test_tiers.py``.
"""

from __future__ import annotations

import socket
from typing import NoReturn

import pytest


@pytest.fixture(autouse=True)
def _no_listening_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: socket.socket, *args: object) -> NoReturn:
        raise AssertionError(
            f"a unit test opened a listening socket ({self.family.name}, {self.getsockname()!r}): "
            "tests that start a server belong to tests/e2e (or tests/ui when they need Qt)"
        )

    monkeypatch.setattr(socket.socket, "listen", refuse)
