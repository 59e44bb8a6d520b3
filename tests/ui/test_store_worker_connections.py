"""Background jobs must not pile up SQLite connections (found by tests/bench/bench_soak.py).

Qt pool threads give every job a fresh ``threading.local``, so the store opens a connection per
job; it must be freed with the job's slot, not kept alive by the store (which leaked two file
descriptors per sync, activation and heartbeat until the kiosk ran out of them).
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
import sqlite_utils

from kiosk.paths import DataPaths
from kiosk.store import Store
from kiosk.ui.workers import Workers


def open_descriptors(path: Path) -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith(str(path)):
                count += 1
        except OSError:
            continue
    return count


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_store_queries_from_workers_do_not_leak_connections(qapp: object, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    workers = Workers(max_threads=2)
    with Store.open(paths) as store:
        results: list[object] = []
        for _ in range(60):
            workers.submit(store.active_packs, results.append)
        assert workers.wait(30_000)
        gc.collect()
        live = [o for o in gc.get_objects() if isinstance(o, sqlite_utils.Database)]
        assert len(live) <= 3, f"{len(live)} connections alive after 60 jobs"
        assert store.active_packs() == []  # the store still works from the main thread
    gc.collect()
    assert open_descriptors(paths.database) == 0  # SQLite closes deferred descriptors with the last one
