"""``kiosk doctor``: check this machine for running the kiosk and say how to fix what is wrong."""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import asdict
from typing import Any

from kiosk import paths
from kiosk.commands.common import config_from_args
from kiosk.health.doctor import Check, core_checks


def register(sub: Any, groups: Any) -> None:
    d = sub.add_parser("doctor", help="check display, OpenGL, touch, fonts, disk, clock, hub, keys, store",
                       description="Check this machine for running the kiosk; prints OK/WARN/FAIL with "
                                   "how to fix each problem. Exits 1 if anything FAILs.")
    d.add_argument("--json", action="store_true", help="machine-readable output")
    d.add_argument("--no-qt", action="store_true", help="skip the checks that start Qt (OpenGL, Qt input)")
    d.set_defaults(func=cmd_doctor)


def _qt_checks() -> list[Check]:
    display = os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY")
    if not display and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display: Qt would abort, check what we can
    from kiosk.ui.app_qt import create_application
    from kiosk.ui.doctor import qt_checks

    create_application()
    return qt_checks()


def cmd_doctor(args: argparse.Namespace) -> int:
    cfg = config_from_args(args)
    checks = core_checks(cfg, dict(os.environ), paths.assets_dir() / "fonts")
    if not args.no_qt:
        checks += _qt_checks()
    if args.json:
        print(json.dumps([asdict(c) for c in checks], indent=2, ensure_ascii=False))
    else:
        for c in checks:
            print(f"{c.level:<4} {c.name:<9} {c.detail}")
            if c.fix and c.level != "OK":
                print(f"     {'':<9} fix: {c.fix}")
    fails = sum(c.level == "FAIL" for c in checks)
    if not args.json:
        warns = sum(c.level == "WARN" for c in checks)
        print(f"{len(checks)} checks: {fails} FAIL, {warns} WARN")
    return 1 if fails else 0
