"""The exception hierarchy: every member carries a message a person can act on.

A kiosk never shows a modal dialog; these errors end up in the log, in the admin panel and on the
command line. Where a problem is tied to a place in a file, :class:`Problem` names it as
``file:line: message`` so an exhibit manager can go straight to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


class KioskError(Exception):
    """Base class of every error the kiosk reports to a person."""


class ConfigError(KioskError):
    """The configuration file or an environment override is wrong."""


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of the pack validator, located as precisely as we can."""

    file: str
    line: int | None
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}: {prefix}{self.message}"


class PackError(KioskError):
    """A content pack is invalid or hostile. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem | str, file: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(file or "<pack>", None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnsafePackError(PackError):
    """The pack tries something dangerous (path escape, zip bomb, symlink ...). Never extracted."""


class StoreError(KioskError):
    """The offline store cannot do what was asked (corrupt, locked, missing pack ...)."""


class DiskFullError(StoreError):
    """No space left on the device (ENOSPC, EDQUOT or SQLite's "database or disk is full")."""


def is_disk_full(exc: BaseException) -> bool:
    """True for the ways a full disk shows up: OSError ENOSPC/EDQUOT, SQLite's "disk is full"."""
    import errno
    import sqlite3

    if isinstance(exc, DiskFullError):
        return True
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


class SyncError(KioskError):
    """A sync failed; the active content is unchanged."""


class DataSourceError(KioskError):
    """A live data connector failed; the cache keeps its saved points."""
