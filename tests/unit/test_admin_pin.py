"""Admin PIN: scrypt hash format, verification, growing lockout that survives a restart (real files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.admin.pin import (
    LOCKOUT_NAME,
    MAX_LOCK_S,
    PinError,
    PinGuard,
    hash_pin,
    lock_seconds,
    parse_hash,
    verify_pin,
)
from tests.helpers.clock import ManualClock

FAST = {"n": 1024, "r": 8, "p": 1}


def test_hash_format_carries_parameters_and_salt() -> None:
    stored = hash_pin("2468")
    scheme, params, _salt, _digest = stored.split("$")
    assert scheme == "scrypt" and params == "n=16384,r=8,p=1"
    parsed, salt_bytes, digest_bytes = parse_hash(stored)
    assert parsed == {"n": 16384, "r": 8, "p": 1} and len(salt_bytes) == 16 and len(digest_bytes) == 32
    assert "2468" not in stored
    assert hash_pin("2468") != stored  # a fresh salt every time


def test_verify_accepts_the_pin_and_rejects_others() -> None:
    stored = hash_pin("2468", **FAST)
    assert verify_pin("2468", stored)
    assert not verify_pin("2469", stored)
    assert not verify_pin("", stored)


@pytest.mark.parametrize("pin", ["123", "12ab", "1234567890123", "١٢٣٤", " 1234"])
def test_pin_format_is_checked(pin: str) -> None:
    with pytest.raises(PinError, match="4 to 12 digits"):
        hash_pin(pin)


@pytest.mark.parametrize("stored", ["bcrypt$x", "scrypt$n=1,r=8$AAAA$AAAA", "scrypt$n=16384,r=8,p=1$!!$AAAA"])
def test_malformed_hash_names_the_key(stored: str) -> None:
    with pytest.raises(PinError, match="admin.pin_hash"):
        verify_pin("1234", stored)


def test_lock_delays_grow_and_are_capped() -> None:
    assert [lock_seconds(n) for n in range(1, 7)] == [0, 0, 30, 60, 120, 240]
    assert lock_seconds(40) == MAX_LOCK_S


@pytest.mark.expect_log("kiosk.admin.pin")
def test_wrong_pins_lock_out_with_growing_delays(tmp_path: Path) -> None:
    clock = ManualClock(1_000_000.0)
    guard = PinGuard(hash_pin("2468", **FAST), tmp_path / LOCKOUT_NAME, clock=clock)
    assert guard.attempt("1111").locked_for == 0
    assert guard.attempt("1111").locked_for == 0
    third = guard.attempt("1111")
    assert not third.ok and third.locked_for == 30
    # While locked even the right PIN is not checked, and the lock does not grow.
    assert guard.attempt("2468") == third.__class__(False, 30, 3)
    clock.now += 30
    assert guard.attempt("1111").locked_for == 60
    clock.now += 60
    assert guard.attempt("2468").ok
    assert guard.failures == 0 and guard.locked_for() == 0


@pytest.mark.expect_log("kiosk.admin.pin")
def test_lockout_survives_a_restart(tmp_path: Path) -> None:
    clock = ManualClock(1_000_000.0)
    stored = hash_pin("2468", **FAST)
    first = PinGuard.for_data_dir(stored, tmp_path, clock=clock)
    for _ in range(3):
        first.attempt("0000")
    doc = json.loads((tmp_path / LOCKOUT_NAME).read_text())
    assert doc["failures"] == 3
    clock.now += 10
    second = PinGuard.for_data_dir(stored, tmp_path, clock=clock)  # a new process over the same data dir
    assert second.failures == 3 and second.locked_for() == pytest.approx(20)
    assert not second.attempt("2468").ok
    clock.now += 20
    assert second.attempt("0000").locked_for == 60  # the count carried over: the next lock doubles


@pytest.mark.expect_log("kiosk.admin.pin")
def test_a_damaged_lockout_file_is_not_a_way_around(tmp_path: Path) -> None:
    (tmp_path / LOCKOUT_NAME).write_text("{not json")
    guard = PinGuard.for_data_dir(hash_pin("2468", **FAST), tmp_path, clock=ManualClock(1_000_000.0))
    assert guard.locked_for() > 0


def test_no_pin_configured_means_disabled(tmp_path: Path) -> None:
    guard = PinGuard.for_data_dir("", tmp_path)
    assert not guard.enabled and not guard.attempt("1234").ok
    assert not (tmp_path / LOCKOUT_NAME).exists()


@pytest.mark.expect_log("kiosk.admin.pin")
def test_reset_clears_the_lockout(tmp_path: Path) -> None:
    clock = ManualClock(1_000_000.0)
    guard = PinGuard.for_data_dir(hash_pin("2468", **FAST), tmp_path, clock=clock)
    for _ in range(4):
        guard.attempt("0000")
    guard.reset()
    assert PinGuard.for_data_dir(guard.pin_hash, tmp_path, clock=clock).locked_for() == 0
