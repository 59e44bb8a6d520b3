"""Run the real ``kiosk`` command with one fault injected, for the fault-injection suite.

``python -m tests.helpers.faulty_kiosk FAULT [kiosk arguments...]``. Faults:

* ``screens``: building the deferred screens (after the first attract frame) raises the error a
  missing time zone gave in the field (``ZoneInfoNotFoundError``);
* ``none``: no fault (the control).
"""

from __future__ import annotations

import sys
import zoneinfo
from typing import Any


def _broken_screens(*_: Any, **__: Any) -> Any:
    raise zoneinfo.ZoneInfoNotFoundError("No time zone found with key Mars/Olympus")


def main(argv: list[str]) -> int:
    from kiosk.cli import main as kiosk_main

    fault, rest = argv[0], argv[1:]
    if fault == "screens":
        import kiosk.ui.factory  # the window factory build_app takes its screens from

        kiosk.ui.factory.build_screens = _broken_screens  # type: ignore[assignment]
    elif fault != "none":
        raise SystemExit(f"unknown fault {fault!r}")
    return kiosk_main(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
