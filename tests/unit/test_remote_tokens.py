"""Pairing tokens and the one session: lifetime, one-time use, takeover, ending (no Qt, no server)."""

from __future__ import annotations

import base64

import pytest

from kiosk.remote.tokens import PAIRING_TTL_S, Pairing, PairingError
from tests.helpers.clock import ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(1000.0)


def test_tokens_carry_at_least_128_bits_and_differ(clock: ManualClock) -> None:
    pairing = Pairing(clock)
    tokens = {pairing.issue() for _ in range(50)}
    assert len(tokens) == 50
    for token in tokens:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(raw) * 8 >= 128


def test_pairing_swaps_the_token_for_a_session_once(clock: ManualClock) -> None:
    pairing = Pairing(clock)
    token = pairing.issue()
    session = pairing.pair(token)
    assert pairing.paired and session != token
    assert pairing.check(session) is not None
    with pytest.raises(PairingError) as replay:
        pairing.pair(token)
    assert replay.value.kind == "used"
    assert "already used" in str(replay.value)
    assert pairing.check(session) is not None  # the replay did not disturb the paired phone


def test_a_pairing_token_expires_after_two_minutes(clock: ManualClock) -> None:
    pairing = Pairing(clock)
    token = pairing.issue()
    clock.now += PAIRING_TTL_S - 0.5
    assert pairing.pairing_open
    clock.now += 1.0
    assert not pairing.pairing_open
    with pytest.raises(PairingError) as expired:
        pairing.pair(token)
    assert expired.value.kind == "expired" and not pairing.paired


def test_wrong_and_earlier_tokens_are_refused(clock: ManualClock) -> None:
    pairing = Pairing(clock)
    first = pairing.issue()
    second = pairing.issue()  # a new QR code: the first one stops working
    with pytest.raises(PairingError) as old:
        pairing.pair(first)
    assert old.value.kind == "unknown"
    with pytest.raises(PairingError):
        pairing.pair(second[:-1] + ("A" if second[-1] != "A" else "B"))
    assert pairing.check("not-a-session") is None
    pairing.pair(second)


def test_a_second_phone_needs_the_screen_to_take_over(clock: ManualClock) -> None:
    pairing = Pairing(clock)
    first_phone = pairing.pair(pairing.issue())
    with pytest.raises(PairingError) as refused:
        pairing.issue()  # only the screen's "Pair another phone" may issue a code now
    assert refused.value.kind == "paired"
    generation = pairing.check(first_phone)
    second_phone = pairing.pair(pairing.issue(takeover=True))
    assert pairing.check(first_phone) is None
    assert pairing.check(second_phone) not in {None, generation}


def test_closing_the_qr_cancels_its_token(clock: ManualClock) -> None:
    pairing = Pairing(clock)
    token = pairing.issue()
    pairing.cancel()
    with pytest.raises(PairingError):
        pairing.pair(token)


def test_ending_the_session_logs_the_phone_out(clock: ManualClock) -> None:
    pairing = Pairing(clock)
    session = pairing.pair(pairing.issue())
    assert pairing.end_session() is True
    assert pairing.check(session) is None and not pairing.paired
    assert pairing.end_session() is False
    pairing.issue()  # no phone paired: the screen may pair one again without taking over
