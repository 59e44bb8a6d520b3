"""The memory ceiling: above ``kiosk.memory_limit_mb`` of RSS the kiosk restarts at the next attract loop.

Restarting mid-visit would be rude, so :class:`MemoryCeiling` only raises a flag; the UI checks it
when the attract loop starts and exits with :data:`RESTART_EXIT_CODE` (systemd's ``Restart=always``
brings the kiosk back).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("kiosk.health.memory")

RESTART_EXIT_CODE = 75
"""EX_TEMPFAIL: "try again"; a planned restart, not a crash (the crash-loop guard counts it as clean)."""


def rss_mb(pid: int | str = "self") -> float:
    """Resident set size in MiB from ``/proc/<pid>/statm`` (Linux); 0.0 where unknown."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


class MemoryCeiling:
    """``limit_mb`` <= 0 disables the ceiling."""

    def __init__(self, limit_mb: float, read_rss: Callable[[], float] = rss_mb) -> None:
        self.limit_mb = limit_mb
        self._read = read_rss
        self.restart_requested = False
        self.last_rss_mb = 0.0

    def check(self) -> bool:
        """Read RSS; True (and the flag set, logged once) when it is above the limit."""
        if self.limit_mb <= 0:
            return False
        self.last_rss_mb = self._read()
        if self.last_rss_mb > self.limit_mb and not self.restart_requested:
            self.restart_requested = True
            log.warning("memory %.0f MB is above kiosk.memory_limit_mb = %s: restarting at the next "
                        "attract loop", self.last_rss_mb, self.limit_mb)
        return self.restart_requested
