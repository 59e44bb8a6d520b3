"""``kiosk admin set-pin``, ``kiosk admin unlock`` and ``kiosk admin info``."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.commands.common import config_from_args, open_store
from kiosk.errors import KioskError


def register(sub: Any, groups: Any) -> None:
    admin = groups["admin"]
    set_pin = admin.add_parser(
        "set-pin",
        help="set the admin panel PIN (stored as a scrypt hash in the config file)",
        description="Asks for the PIN twice (4-12 digits) and writes [admin] pin_hash into the file named "
        "by --config (default: the platform config file), keeping everything else in it.",
    )
    set_pin.add_argument("--pin-stdin", action="store_true", help="read the PIN from the first line of stdin")
    set_pin.set_defaults(func=cmd_set_pin)
    unlock = admin.add_parser("unlock", help="clear the wrong-PIN lockout of this kiosk's data dir")
    unlock.set_defaults(func=cmd_unlock)
    info = admin.add_parser("info", help="print what the admin panel shows")
    info.set_defaults(func=cmd_info)


def _config_file(args: argparse.Namespace) -> Path:
    return Path(args.config) if getattr(args, "config", None) else paths.default_config_file()


def _read_pin(args: argparse.Namespace) -> str:
    from kiosk.admin.pin import check_pin_format

    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("New admin PIN (4-12 digits): ").strip()
        again = getpass.getpass("Same PIN again: ").strip()
        if pin != again:
            raise KioskError("the two PINs differ; nothing was changed")
    check_pin_format(pin)
    return pin


def cmd_set_pin(args: argparse.Namespace) -> int:
    from kiosk.admin.pin import hash_pin
    from kiosk.admin.tomledit import update_file

    file = _config_file(args)
    pin = _read_pin(args)
    update_file(file, "admin", "pin_hash", hash_pin(pin))
    print(f"{file}: admin PIN set (restart the kiosk to use it)")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    from kiosk.admin.pin import PinGuard

    cfg = config_from_args(args)
    guard = PinGuard.for_data_dir(cfg.admin.pin_hash, cfg.data_paths().root)
    guard.reset()
    print(f"{guard.state_file}: lockout cleared")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from kiosk.admin.info import gather, summary_lines
    cfg = config_from_args(args)
    store = open_store(cfg) if cfg.data_paths().database.exists() else None
    try:
        info = gather(cfg, store)
    finally:
        if store is not None:
            store.close()
    for label, value in summary_lines(info):
        print(f"{label:<8} {value}")
    return 0
