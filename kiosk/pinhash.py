"""The stored admin PIN hash's format (``scrypt$n=...,r=...,p=...$salt$hash``), readable without the
admin package, so the configuration can check ``admin.pin_hash`` when it loads."""

from __future__ import annotations

import base64

from kiosk.errors import KioskError


class PinError(KioskError):
    """A PIN or a stored PIN hash is not usable."""


def parse_hash(stored: str) -> tuple[dict[str, int], bytes, bytes]:
    """``(params, salt, digest)``; raises PinError naming what is wrong with the stored text."""
    parts = stored.strip().split("$")
    if len(parts) != 4 or parts[0] != "scrypt":
        raise PinError(
            "admin.pin_hash: expected scrypt$n=...,r=...,p=...$salt$hash (run `kiosk admin set-pin`)"
        )
    try:
        params = {k: int(v) for k, v in (item.split("=", 1) for item in parts[1].split(","))}
        salt, digest = base64.b64decode(parts[2], validate=True), base64.b64decode(parts[3], validate=True)
    except ValueError as exc:
        raise PinError(f"admin.pin_hash: unreadable ({exc}); run `kiosk admin set-pin` again") from exc
    if set(params) != {"n", "r", "p"} or not salt or not digest:
        raise PinError("admin.pin_hash: needs n, r, p, a salt and a hash; run `kiosk admin set-pin` again")
    return params, salt, digest
