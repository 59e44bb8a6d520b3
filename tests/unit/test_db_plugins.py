"""The kiosk's database runs no sqlite-utils plugins: whatever is installed on the machine stays out."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from sqlite_utils import hookimpl
from sqlite_utils.plugins import pm

from kiosk.db import open_database


class Recorder:
    def __init__(self) -> None:
        self.connections: list[sqlite3.Connection] = []

    @hookimpl
    def prepare_connection(self, conn: sqlite3.Connection) -> None:
        self.connections.append(conn)


@pytest.fixture
def plugin() -> Iterator[Recorder]:
    recorder = Recorder()
    pm.register(recorder, name="kiosk-test-recorder")
    try:
        yield recorder
    finally:
        pm.unregister(name="kiosk-test-recorder")


def test_an_installed_plugin_does_not_run_in_the_kiosk_database(plugin: Recorder, tmp_path: Path) -> None:
    open_database(tmp_path / "kiosk.db").close()
    open_database(tmp_path / "kiosk.db", read_only=True).close()
    assert plugin.connections == []
    sqlite_utils.Database(tmp_path / "other.db").close()  # sqlite-utils' default would have run it
    assert len(plugin.connections) == 1
