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


SyncKind = Literal["network", "refused", "stale", "disk_full"]
"""Why a sync failed. ``network``: the hub could not be reached or did not answer properly
(connection refused, DNS, timeouts, 5xx after retries, a captive portal, a stalled download) - the
only kind that makes the kiosk "offline". ``refused``: the hub answered but the kiosk refused what it
got (bad signature, rollback, hash mismatch, a 4xx) - an admin problem, invisible to visitors.
``stale``: the channel expired; the content keeps showing. ``disk_full``: not enough free space for
the update (checked before downloading) or the disk filled up on the way; partial files are deleted,
the content keeps showing, the admin panel and ``kiosk status`` say so, visitors see nothing."""


class SyncError(KioskError):
    """A sync failed; the active content is unchanged. The class says why (:attr:`kind`)."""

    kind: SyncKind = "refused"


class SyncNetworkError(SyncError):
    """The hub could not be reached or did not answer properly: the kiosk is offline."""

    kind: SyncKind = "network"


class SyncInterrupted(SyncNetworkError):
    """A blob download stopped mid-body; the partial file is kept and the download can resume."""


class SyncStaleError(SyncError):
    """The channel expired; the content keeps showing (stale)."""

    kind: SyncKind = "stale"


class SyncDiskFullError(SyncError):
    """Not enough free space for the update; partial files are deleted."""

    kind: SyncKind = "disk_full"


class DataSourceError(KioskError):
    """A live data connector failed; the cache keeps its saved points."""


def explain(exc: BaseException) -> str:
    """One line a person can act on for an exception no command handled (the CLI prints it).

    Known bad ground gets a specific hint: a read-only or full disk, missing permissions, a damaged
    kiosk database. Anything else names its type; ``-v`` shows the traceback.
    """
    import errno
    import sqlite3

    if isinstance(exc, KioskError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        hints = {
            errno.EROFS: "the file system is read-only; use a folder on a writable disk (for the kiosk's "
                         "own data: kiosk.data_dir or --data-dir)",
            errno.ENOSPC: "the disk is full; free some space",
            errno.EDQUOT: "the disk quota is used up; free some space",
            errno.EACCES: "permission denied; run as the kiosk user or fix the folder's owner",
            errno.EPERM: "operation not permitted; run as the kiosk user or fix the folder's owner",
            errno.ENOENT: "no such file or directory",
            errno.ENOTDIR: "a part of the path is a file, not a folder",
            errno.EISDIR: "is a folder, expected a file",
            errno.EADDRINUSE: "the port is already in use; pick another with --port",
        }
        hint = hints.get(exc.errno or 0, exc.strerror or str(exc))
        return f"{where}{hint}"
    if isinstance(exc, sqlite3.OperationalError) and not any(
            word in str(exc).lower() for word in ("malformed", "not a database", "corrupt")):
        return (f"the kiosk database cannot be read or written ({exc}); is the disk full or read-only? "
                "(`df -h`, `kiosk doctor`); the database itself is left as it is")
    if isinstance(exc, sqlite3.DatabaseError):
        return (f"the kiosk database is damaged ({exc}); the next command that opens it sets it aside "
                "and starts a fresh store (see `kiosk doctor`)")
    return f"unexpected {type(exc).__name__}: {exc}"
