"""Hub command envelopes on the kiosk: signature, target, expiry and replay (no Qt, no servers)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.content import signing
from kiosk.fleetctl import envelope
from kiosk.fleetctl.envelope import Command, CommandRefused
from kiosk.fleetctl.inbox import Inbox, latest_staff_message

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def iso(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


def command(kind: str = "sync_now", target: str = "kiosk:lab-1", *, cid: str = "a" * 32,
            lifetime: timedelta = timedelta(hours=1), args: dict[str, str] | None = None) -> Command:
    return Command(cid, kind, target, iso(NOW), iso(NOW + lifetime), args or {})


@pytest.fixture
def keys(tmp_path: Path) -> tuple[signing.Ed25519PrivateKey, str, signing.Ed25519PrivateKey]:
    key_path, pub_path = signing.generate_keypair(tmp_path / "hub")
    other, _ = signing.generate_keypair(tmp_path / "other")
    return signing.load_private_key(key_path), pub_path.read_text().strip(), signing.load_private_key(other)


def inbox(tmp_path: Path, trusted: list[str]) -> Inbox:
    return Inbox(tmp_path / "kiosk.db", "lab-1", "main", trusted)


def test_envelope_round_trips_canonically() -> None:
    cmd = command("staff_message", args={"text": "Please restock the leaflets"})
    data = envelope.encode(cmd)
    assert envelope.decode(data) == cmd
    assert data == json.dumps(json.loads(data), sort_keys=True, separators=(",", ":")).encode()


def test_signed_command_verifies_with_the_trusted_key(keys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key, pub, _ = keys
    delivered = envelope.sign(command(), key)
    assert envelope.open_delivered(delivered, [pub]) == command()
    assert inbox(tmp_path, [pub]).receive([delivered], NOW) == [command()]


@pytest.mark.expect_log("kiosk.fleetctl")
def test_unsigned_command_is_refused_when_keys_are_configured(keys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, pub, _ = keys
    box = inbox(tmp_path, [pub])
    assert box.receive([envelope.sign(command(), None)], NOW) == []
    (ack,) = box.unacked()
    assert (ack.id, ack.status) == ("a" * 32, "refused") and "not signed" in ack.detail


def test_unsigned_command_runs_when_no_keys_are_configured(tmp_path: Path) -> None:
    assert inbox(tmp_path, []).receive([envelope.sign(command(), None)], NOW) == [command()]


@pytest.mark.expect_log("kiosk.fleetctl")
def test_command_signed_by_another_key_is_refused(keys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, pub, other = keys
    box = inbox(tmp_path, [pub])
    assert box.receive([envelope.sign(command(), other)], NOW) == []
    assert "does not match any trusted key" in box.unacked()[0].detail


@pytest.mark.expect_log("kiosk.fleetctl")
def test_tampered_envelope_is_refused(keys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key, pub, _ = keys
    delivered = envelope.sign(command(target="kiosk:lab-2"), key)
    delivered["envelope"] = str(delivered["envelope"]).replace("lab-2", "lab-1")
    box = inbox(tmp_path, [pub])
    assert box.receive([delivered], NOW) == []
    assert box.unacked()[0].status == "refused"


@pytest.mark.expect_log("kiosk.fleetctl")
def test_a_forged_refusal_does_not_block_the_genuine_command(keys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key, pub, other = keys
    box = inbox(tmp_path, [pub])
    assert box.receive([envelope.sign(command(), other)], NOW) == []
    assert box.receive([envelope.sign(command(), key)], NOW) == [command()]


@pytest.mark.expect_log("kiosk.fleetctl")
def test_command_for_another_kiosk_or_channel_is_refused(keys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key, pub, _ = keys
    box = inbox(tmp_path, [pub])
    assert box.receive([envelope.sign(command(target="kiosk:lab-2"), key),
                        envelope.sign(command(target="channel:other", cid="b" * 32), key)], NOW) == []
    assert [a.status for a in box.unacked()] == ["refused", "refused"]
    assert box.receive([envelope.sign(command(target="channel:main", cid="c" * 32), key)], NOW) != []


def test_replayed_command_runs_once_and_is_acknowledged_again(keys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key, pub, _ = keys
    box = inbox(tmp_path, [pub])
    delivered = envelope.sign(command(), key)
    assert box.receive([delivered], NOW) == [command()]
    box.finish("a" * 32, "ok", "synced")
    box.mark_acked(box.unacked())
    assert box.unacked() == []
    assert box.receive([delivered], NOW + timedelta(minutes=5)) == []
    assert [(a.status, a.detail) for a in box.unacked()] == [("ok", "synced")]
    again = inbox(tmp_path, [pub])  # a restarted kiosk remembers it too
    assert again.receive([delivered], NOW + timedelta(minutes=6)) == []


def test_expired_command_is_not_run_and_reported_expired(keys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key, pub, _ = keys
    box = inbox(tmp_path, [pub])
    assert box.receive([envelope.sign(command(), key)], NOW + timedelta(hours=2)) == []
    (ack,) = box.unacked()
    assert ack.status == "expired" and "expired at" in ack.detail


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.update(kind="format_disk"), "unknown command"),
    (lambda d: d.update(id="xyz"), "32 lowercase hex"),
    (lambda d: d.update(target="shop:lab-1"), "must be 'kiosk:<id>'"),
    (lambda d: d.update(expires_at="2027-01-01T00:00:00Z"), "at most 7 days"),
    (lambda d: d.update(kind="staff_message", args={"text": " "}), "non-empty 'text'"),
    (lambda d: d.update(args={"x": 1}), "takes no arguments"),
])
def test_bad_envelopes_name_the_problem(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(envelope.encode(command()))
    mutate(doc)
    with pytest.raises(CommandRefused, match=message):
        envelope.decode(json.dumps(doc).encode())


def test_a_command_running_when_the_kiosk_stopped_is_reported_failed(tmp_path: Path) -> None:
    box = inbox(tmp_path, [])
    assert box.receive([envelope.sign(command(), None)], NOW)
    assert box.unacked() == []  # running: nothing to report yet
    (ack,) = inbox(tmp_path, []).unacked()
    assert ack.status == "failed" and "stopped before it finished" in ack.detail


def test_staff_message_is_kept_for_the_admin_panel(tmp_path: Path) -> None:
    assert latest_staff_message(tmp_path / "kiosk.db") is None
    box = inbox(tmp_path, [])
    box.receive([envelope.sign(command("staff_message", args={"text": "Lamp 3 flickers"}), None)], NOW)
    box.receive([envelope.sign(command("staff_message", cid="d" * 32, args={"text": "Fixed"}), None)],
                NOW + timedelta(minutes=1))
    assert latest_staff_message(tmp_path / "kiosk.db") == ("Fixed", "2026-11-29T12:01:00Z")


@pytest.mark.expect_log("kiosk.fleetctl")
def test_a_reply_without_commands_changes_nothing(tmp_path: Path) -> None:
    box = inbox(tmp_path, [])
    assert box.receive(None, NOW) == [] and box.receive("junk", NOW) == []
    assert box.receive([{"envelope": 5}, "x"], NOW) == []
    assert box.unacked() == []


def test_two_replies_carrying_the_same_command_at_once_run_it_once(tmp_path: Path) -> None:
    import threading

    boxes = [inbox(tmp_path, []), inbox(tmp_path, [])]  # a heartbeat reply and a push reply, two threads
    for n in range(10):
        delivered = envelope.sign(command(cid=f"{n:032x}"), None)
        barrier = threading.Barrier(2)
        runs: list[int] = []

        def receive(box: Inbox, delivered: dict[str, str | None] = delivered,
                    barrier: threading.Barrier = barrier, runs: list[int] = runs) -> None:
            barrier.wait()
            runs.append(len(box.receive([delivered], NOW)))

        threads = [threading.Thread(target=receive, args=(box,)) for box in boxes]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(runs) == [0, 1]
