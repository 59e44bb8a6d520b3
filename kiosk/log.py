"""Logging: one named logger per subsystem, a rotating file, Qt's messages routed in by kiosk.ui."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(log_dir: Path | None, verbose: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter(FORMAT))
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        file = logging.handlers.RotatingFileHandler(
            log_dir / "kiosk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        file.setFormatter(logging.Formatter(FORMAT))
        file._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(file)
