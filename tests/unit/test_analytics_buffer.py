"""The analytics buffer on a real SQLite file: what it refuses, the cap, batches, failed sends."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from kiosk.analytics import EventBuffer


def test_records_only_ids_never_free_text(tmp_path: Path) -> None:
    buf = EventBuffer(tmp_path / "kiosk.db")
    assert buf.record("screen_view", screen="case:harbour-heat")
    assert buf.record("dwell", screen="tour:intro:2", seconds=12.34)
    assert buf.record("language", lang="da")
    assert buf.record("tour_start", screen="tour:intro")
    assert not buf.record("screen_view", screen="Hello, my name is Alice")
    assert not buf.record("search", screen="home")
    assert not buf.record("language", lang="dansk please")
    docs = [doc for _, doc in buf.oldest()]
    assert [d["kind"] for d in docs] == ["screen_view", "dwell", "language", "tour_start"]
    assert docs[1]["seconds"] == 12.3 and set(docs[0]) == {"ts", "kind", "screen", "seconds", "lang"}
    buf.close()


@pytest.mark.expect_log("kiosk.analytics")
def test_past_the_cap_the_oldest_are_dropped(tmp_path: Path) -> None:
    buf = EventBuffer(tmp_path / "kiosk.db", cap=100)
    for i in range(250):
        buf.record("dwell", screen="home", seconds=i)
    assert buf.count() == 100 and buf.dropped == 150
    seconds = [doc["seconds"] for _, doc in buf.oldest(1000)]
    assert seconds == [float(i) for i in range(150, 250)]
    buf.close()


def test_flush_sends_in_batches_and_keeps_what_failed(tmp_path: Path) -> None:
    buf = EventBuffer(tmp_path / "kiosk.db")
    for i in range(1200):
        buf.record("screen_view", screen=f"case:s{i % 7}")
    batches: list[int] = []

    def send(events: Sequence[dict[str, Any]]) -> bool:
        batches.append(len(events))
        return len(batches) < 3  # the third batch fails

    assert buf.flush(send, batch=500) == 1000
    assert batches == [500, 500, 200] and buf.count() == 200
    assert buf.flush(lambda events: True) == 200 and buf.count() == 0
    assert buf.flush(lambda events: False) == 0
    buf.close()


def test_survives_a_restart_and_a_worker_thread_flushes(tmp_path: Path) -> None:
    buf = EventBuffer(tmp_path / "kiosk.db")
    buf.record("language", lang="ar")
    buf.close()
    again = EventBuffer(tmp_path / "kiosk.db")
    got: list[dict[str, Any]] = []
    worker = threading.Thread(target=lambda: again.flush(lambda ev: got.extend(ev) or True))
    worker.start()
    worker.join(10)
    assert [e["lang"] for e in got] == ["ar"] and again.count() == 0
    again.close()
