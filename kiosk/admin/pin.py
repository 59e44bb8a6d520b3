"""The admin PIN: stored only as a slow scrypt hash, wrong guesses lock out with growing delays.

Hash format: ``scrypt$n=16384,r=8,p=1$<salt, base64>$<hash, base64>`` so parameters can grow later
without breaking stored hashes. The lockout (failure count, locked-until time) is written to a small
JSON file in the data directory before every check, so pulling the plug does not reset it; when it
cannot be written (a full or read-only disk) every PIN is refused (fail closed).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.pinhash import PinError, parse_hash

__all__ = ["PinError", "parse_hash"]  # defined with the hash format, where config can check it

log = logging.getLogger("kiosk.admin.pin")

N, R, P = 16384, 8, 1
DKLEN = 32
MIN_DIGITS, MAX_DIGITS = 4, 12
FREE_ATTEMPTS = 3
"""Wrong PINs allowed before the first lockout."""
FIRST_LOCK_S = 30.0
MAX_LOCK_S = 3600.0
LOCKOUT_NAME = "admin-lockout.json"


def check_pin_format(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and MIN_DIGITS <= len(pin) <= MAX_DIGITS):
        raise PinError(f"the PIN must be {MIN_DIGITS} to {MAX_DIGITS} digits (0-9), nothing else")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, n: int = N, r: int = R, p: int = P, salt: bytes | None = None) -> str:
    """The storable hash of ``pin`` (digits only)."""
    check_pin_format(pin)
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=DKLEN, maxmem=256 * 1024 * 1024)
    return f"scrypt$n={n},r={r},p={p}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    """True if ``pin`` matches ``stored`` (constant-time compare). A malformed hash raises PinError."""
    params, salt, digest = parse_hash(stored)
    try:
        candidate = hashlib.scrypt(
            pin.encode(), salt=salt, n=params["n"], r=params["r"], p=params["p"], dklen=len(digest),
            maxmem=256 * 1024 * 1024,
        )
    except ValueError as exc:
        raise PinError(f"admin.pin_hash: bad scrypt parameters ({exc})") from exc
    return hmac.compare_digest(candidate, digest)


def lock_seconds(failures: int) -> float:
    """How long to lock after ``failures`` wrong PINs in a row: 0, 0, 30 s, 60 s, 120 s ... capped at 1 h."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_LOCK_S, FIRST_LOCK_S * 2 ** (failures - FREE_ATTEMPTS))


@dataclass(frozen=True)
class Attempt:
    ok: bool
    locked_for: float = 0.0
    """Seconds until the next attempt is allowed (0 = try again now)."""
    failures: int = 0


class PinGuard:
    """Checks PINs against the stored hash and keeps the lockout state in ``state_file``."""

    def __init__(self, pin_hash: str, state_file: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.pin_hash = pin_hash.strip()
        self.state_file = state_file
        self.clock = clock
        self.failures, self.locked_until = self._load()

    @classmethod
    def for_data_dir(cls, pin_hash: str, root: Path, **kwargs: Callable[[], float]) -> PinGuard:
        return cls(pin_hash, root / LOCKOUT_NAME, **kwargs)

    @property
    def enabled(self) -> bool:
        return bool(self.pin_hash)

    def locked_for(self) -> float:
        return max(0.0, self.locked_until - self.clock())

    def attempt(self, pin: str) -> Attempt:
        """Check one PIN. While locked, nothing is checked (and the lockout does not grow)."""
        if not self.enabled:
            return Attempt(False)
        wait = self.locked_for()
        if wait > 0:
            return Attempt(False, wait, self.failures)
        # Fail closed: the attempt is recorded as a failure *before* the PIN is checked. If that
        # record cannot be written (full or read-only disk), no PIN is checked at all, so restarting
        # the kiosk can never reset the count.
        failures = self.failures + 1
        delay = lock_seconds(failures)
        locked_until = self.clock() + delay if delay else 0.0
        try:
            self._save(failures, locked_until)
        except OSError as exc:
            log.error("cannot record the admin PIN attempt in %s (%s); refusing every PIN until it can be "
                      "written", self.state_file, exc)
            return Attempt(False, FIRST_LOCK_S, self.failures)
        try:
            ok = verify_pin(pin, self.pin_hash)
        except PinError:
            log.error("admin.pin_hash in the configuration is unusable; run `kiosk admin set-pin`")
            ok = False
        if ok:
            try:
                self._save(0, 0.0)
            except OSError as exc:
                log.error("cannot clear the admin PIN failures in %s (%s); refused", self.state_file, exc)
                self.failures, self.locked_until = failures, locked_until
                return Attempt(False, self.locked_for(), failures)
            self.failures, self.locked_until = 0, 0.0
            return Attempt(True)
        self.failures, self.locked_until = failures, locked_until
        locked = f"; locked for {delay:.0f} s" if delay else ""
        log.warning("wrong admin PIN (%d in a row)%s", self.failures, locked)
        return Attempt(False, delay, self.failures)

    def reset(self) -> None:
        """Forget failures and any lockout (``kiosk admin unlock``)."""
        self.failures, self.locked_until = 0, 0.0
        self._save()

    def _load(self) -> tuple[int, float]:
        try:
            doc = json.loads(self.state_file.read_text(encoding="utf-8"))
            return int(doc["failures"]), float(doc["locked_until"])
        except FileNotFoundError:
            return 0, 0.0
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged file must not be a way around the lockout: treat it as a fresh first lock.
            log.warning("%s unreadable; assuming a lockout", self.state_file)
            return FREE_ATTEMPTS, self.clock() + FIRST_LOCK_S

    def _save(self, failures: int | None = None, locked_until: float | None = None) -> None:
        failures = self.failures if failures is None else failures
        locked_until = self.locked_until if locked_until is None else locked_until
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_file.with_name(self.state_file.name + ".tmp")
        try:
            with tmp.open("w", encoding="utf-8") as fh:
                json.dump({"failures": failures, "locked_until": locked_until}, fh)
                fh.flush()
                os.fsync(fh.fileno())
            tmp.replace(self.state_file)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise
