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
    d = sub.add_parser("doctor", help="check display, Qt's libraries, OpenGL, touch, fonts, disk, clock, "
                                      "hub, keys, store",
                       description="Check this machine for running the kiosk; prints OK/WARN/FAIL with "
                                   "how to fix each problem. Exits 1 if anything FAILs.")
    d.add_argument("--json", action="store_true", help="machine-readable output")
    d.add_argument("--no-qt", action="store_true", help="skip the checks that start Qt (OpenGL, Qt input)")
    d.set_defaults(func=cmd_doctor)


def _qt_checks(libraries: list[Check]) -> list[Check]:
    """Start Qt and check what only Qt can tell; offscreen when Qt could not open the display."""
    from kiosk.health.qtlibs import chosen_platform, display_problem

    platform = chosen_platform(os.environ)
    if display_problem(platform, os.environ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # Qt would abort; check what we can
        platform = "offscreen"
    if any(c.level == "FAIL" for c in libraries if c.name == f"qt {platform}"):
        return [Check("qt", "FAIL", f"Qt not started: the {platform!r} platform misses libraries (above)",
                      "install them, then run doctor again")]
    from kiosk.ui.app_qt import create_application
    from kiosk.ui.doctor import qt_checks

    create_application()
    return qt_checks()


def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.health.qtlibs import platform_checks

    cfg = config_from_args(args)
    checks = core_checks(cfg, dict(os.environ), paths.assets_dir() / "fonts")
    libraries = platform_checks()
    checks += libraries
    if not args.no_qt:
        checks += _qt_checks(libraries)
    if args.json:
        print(json.dumps([asdict(c) for c in checks], indent=2, ensure_ascii=False))
    else:
        for c in checks:
            print(f"{c.level:<4} {c.name:<12} {c.detail}")
            if c.fix and c.level != "OK":
                print(f"     {'':<12} fix: {c.fix}")
    fails = sum(c.level == "FAIL" for c in checks)
    if not args.json:
        warns = sum(c.level == "WARN" for c in checks)
        print(f"{len(checks)} checks: {fails} FAIL, {warns} WARN")
    return 1 if fails else 0
