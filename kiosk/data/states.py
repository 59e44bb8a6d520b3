"""The live sources' health for the admin panel and ``kiosk status``, read from the data cache's
``data_state`` table without opening (or migrating) the cache: a read-only look from any process."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def source_states(database: Path) -> dict[str, Any]:
    """How many live data series there are, how many are failing now, and since when (read-only);
    empty when there is no data cache yet."""
    if not database.exists():
        return {}
    try:
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1)
        try:
            rows = con.execute("SELECT failures, offline_since FROM data_state").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return {}  # no data cache yet (or an older one without the column)
    failing = [since for failures, since in rows if failures]
    known = [since for since in failing if since is not None]
    return {"sources": len(rows), "sources_failing": len(failing),
            "sources_offline_since": min(known) if known else None}
