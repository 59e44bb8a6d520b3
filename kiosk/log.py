"""Logging: one named logger per subsystem, a rotating file, Qt's messages routed in by kiosk.ui."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path
from typing import TextIO

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a record comes in, not to the one at set-up.

    A plain ``StreamHandler()`` keeps the stream it was created with; when that stream is replaced and
    closed (pytest's capture, a redirect), every later record prints a "Logging error" traceback.
    """

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        """StreamHandler assigns it in __init__ and setStream; the live sys.stderr always wins."""


def setup_logging(log_dir: Path | None, verbose: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    remove_kiosk_handlers()
    console = StderrHandler()
    console.setFormatter(ConsoleFormatter(FORMAT, verbose=verbose))
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            file = QuietFileHandler(log_dir / "kiosk.log", maxBytes=2_000_000, backupCount=5,
                                    encoding="utf-8")
        except OSError as exc:  # a read-only or full disk must not stop the kiosk: log to the console
            logging.getLogger("kiosk.log").error("cannot write the log file in %s: %s", log_dir, exc)
            return
        file.setFormatter(logging.Formatter(FORMAT))
        file._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(file)


class ConsoleFormatter(logging.Formatter):
    """Tracebacks go to the log file; the console shows them only with ``-v``."""

    def __init__(self, fmt: str, *, verbose: bool) -> None:
        super().__init__(fmt)
        self.verbose = verbose

    def format(self, record: logging.LogRecord) -> str:
        if self.verbose or not record.exc_info:
            return super().format(record)
        saved = record.exc_info, record.exc_text
        record.exc_info, record.exc_text = None, None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text = saved


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """The log file; when it cannot be written (a full disk) that is said once, not a traceback per line."""

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:
        if not self.failed:
            self.failed = True
            exc = sys.exc_info()[1]
            sys.stderr.write(f"kiosk: cannot write the log file {self.baseFilename} ({exc}); "
                             "logging to the console only until it can\n")


def remove_kiosk_handlers() -> None:
    """Undo :func:`setup_logging` (tests; a command that set up logging in-process and returns)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
