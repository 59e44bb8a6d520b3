"""Open the kiosk's SQLite database the one way every part of the kiosk does.

WAL mode so screens read while sync and data connectors write; a busy timeout so a reader never
fails because a writer holds the lock for a moment. Each thread opens its own connection. No plugins.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils


def open_database(path: Path | str, *, read_only: bool = False) -> sqlite_utils.Database:
    """Open (creating if needed) the database at ``path`` in WAL mode."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    # No sqlite-utils plugins: a plugin installed on the machine would run inside the kiosk, and finding
    # them scans every installed distribution's entry points (~40 ms of the cold start).
    db = sqlite_utils.Database(path, execute_plugins=False)
    conn = db.conn
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        db.enable_wal()
        conn.execute("PRAGMA synchronous = NORMAL")
    return db
