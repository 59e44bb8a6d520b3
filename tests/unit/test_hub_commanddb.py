"""The hub's command queue: delivery per kiosk and channel, outcomes, expiry, screenshots (SQLite only)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.fleetctl import envelope
from kiosk.fleetctl.envelope import Command
from kiosk.hub import commanddb, fleetdb

T0 = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def at(minutes: float) -> str:
    return commanddb.iso(T0 + timedelta(minutes=minutes))


def queue(db, cid: str, target: str, kind: str = "sync_now", minutes: int = 60) -> Command:  # type: ignore[no-untyped-def]
    cmd = Command(cid * 32, kind, target, at(0), at(minutes))
    commanddb.enqueue(db, cmd, envelope.sign(cmd, None))
    return cmd


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = commanddb.open_db(tmp_path)
    for kid, channel in (("lab-1", "main"), ("lab-2", "main"), ("lab-3", "other")):
        fleetdb.record_heartbeat(db, {"id": kid, "channel": channel}, at(0))
    yield db
    db.conn.close()


def ids(delivered: list[dict[str, str | None]]) -> list[str]:
    return [envelope.decode(str(d["envelope"]).encode()).id[0] for d in delivered]


def test_commands_reach_their_kiosk_or_channel_only(db) -> None:  # type: ignore[no-untyped-def]
    queue(db, "a", "kiosk:lab-1")
    queue(db, "b", "channel:main")
    queue(db, "c", "kiosk:lab-3")
    assert ids(commanddb.deliver(db, "lab-1", "main", at(1))) == ["a", "b"]
    assert ids(commanddb.deliver(db, "lab-2", "main", at(1))) == ["b"]
    assert ids(commanddb.deliver(db, "lab-3", "other", at(1))) == ["c"]


def test_unacknowledged_commands_come_again_acknowledged_ones_do_not(db) -> None:  # type: ignore[no-untyped-def]
    queue(db, "a", "channel:main")
    assert ids(commanddb.deliver(db, "lab-1", "main", at(1))) == ["a"]
    assert ids(commanddb.deliver(db, "lab-1", "main", at(2))) == ["a"]
    assert commanddb.acknowledge(db, "lab-1", [{"id": "a" * 32, "status": "ok", "detail": ""}], at(3)) == 1
    assert commanddb.deliver(db, "lab-1", "main", at(4)) == []
    assert ids(commanddb.deliver(db, "lab-2", "main", at(4))) == ["a"]


def test_the_first_final_outcome_stands(db) -> None:  # type: ignore[no-untyped-def]
    queue(db, "a", "kiosk:lab-1")
    commanddb.acknowledge(db, "lab-1", [{"id": "a" * 32, "status": "ok", "detail": ""}], at(1))
    assert commanddb.acknowledge(db, "lab-1", [{"id": "a" * 32, "status": "refused", "detail": "replay"}],
                                 at(2)) == 0
    (row,) = commanddb.recent(db, T0)
    assert row["outcomes"]["lab-1"]["status"] == "ok"


def test_a_kiosk_cannot_acknowledge_someone_elses_command(db) -> None:  # type: ignore[no-untyped-def]
    queue(db, "a", "kiosk:lab-1")
    queue(db, "b", "channel:main")
    acks = [{"id": "a" * 32, "status": "ok", "detail": ""}, {"id": "b" * 32, "status": "ok", "detail": ""}]
    assert commanddb.acknowledge(db, "lab-3", acks, at(1)) == 0
    assert all(o["status"] == "pending" for row in commanddb.recent(db, T0) for o in row["outcomes"].values())


def test_expired_commands_are_not_delivered_and_listed_expired(db) -> None:  # type: ignore[no-untyped-def]
    queue(db, "a", "channel:main", minutes=10)
    commanddb.deliver(db, "lab-1", "main", at(1))
    assert commanddb.deliver(db, "lab-2", "main", at(11)) == []
    (row,) = commanddb.recent(db, T0 + timedelta(minutes=11))
    assert row["expired"] and {k: o["status"] for k, o in row["outcomes"].items()} == {
        "lab-1": "expired", "lab-2": "expired"}
    (before,) = commanddb.recent(db, T0 + timedelta(minutes=2))
    statuses = {k: o["status"] for k, o in before["outcomes"].items()}
    assert statuses == {"lab-1": "delivered", "lab-2": "pending"}


def test_a_screenshot_needs_a_screenshot_command_for_that_kiosk(db) -> None:  # type: ignore[no-untyped-def]
    queue(db, "a", "kiosk:lab-1", kind="screenshot")
    queue(db, "b", "kiosk:lab-1")
    png = b"\x89PNG\r\n\x1a\n..."
    assert not commanddb.save_screenshot(db, "lab-2", "a" * 32, png, at(1))
    assert not commanddb.save_screenshot(db, "lab-1", "b" * 32, png, at(1))
    assert commanddb.save_screenshot(db, "lab-1", "a" * 32, png, at(1))
    assert commanddb.screenshot(db, "lab-1") == (png, at(1))
    assert commanddb.screenshot_times(db) == {"lab-1": at(1)}


def test_a_full_queue_refuses_more(db, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(commanddb, "MAX_QUEUED_PER_TARGET", 2)
    queue(db, "a", "kiosk:lab-1")
    queue(db, "b", "kiosk:lab-1")
    with pytest.raises(commanddb.QueueFull, match="2 commands waiting"):
        queue(db, "c", "kiosk:lab-1")


def test_the_long_poll_gets_only_commands_never_delivered(db) -> None:  # type: ignore[no-untyped-def]
    queue(db, "a", "kiosk:lab-1", kind="restart_at_attract")
    assert ids(commanddb.deliver(db, "lab-1", "main", at(1), new_only=True)) == ["a"]
    queue(db, "b", "kiosk:lab-1")
    assert ids(commanddb.deliver(db, "lab-1", "main", at(2), new_only=True)) == ["b"]  # "a" still runs
    assert commanddb.deliver(db, "lab-1", "main", at(3), new_only=True) == []
    assert ids(commanddb.deliver(db, "lab-1", "main", at(4))) == ["a", "b"]  # heartbeats bring them again
