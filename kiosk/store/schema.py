"""The store's schema as sqlite-utils migrations: a schema change is a new migration, never an edit.

Every content row is keyed by ``(pack, version)``, so several versions of a pack live side by side
and activation is a single ``UPDATE`` of ``packs.state``. The FTS5 index follows ``case_studies``
through triggers, keyed by its ``INTEGER PRIMARY KEY`` (stable across ``VACUUM``).
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("kiosk-store")

_INITIAL = [
    """CREATE TABLE packs (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        manifest_sha256 TEXT NOT NULL,
        meta TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('staged', 'active', 'previous', 'retired')),
        installed_at TEXT NOT NULL,
        activated_at TEXT,
        PRIMARY KEY (id, version)
    )""",
    "CREATE UNIQUE INDEX packs_one_active ON packs(id) WHERE state = 'active'",
    "CREATE UNIQUE INDEX packs_one_previous ON packs(id) WHERE state = 'previous'",
    """CREATE TABLE case_studies (
        rid INTEGER PRIMARY KEY,
        pack TEXT NOT NULL,
        version INTEGER NOT NULL,
        slug TEXT NOT NULL,
        lang TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        body TEXT NOT NULL,
        theme TEXT NOT NULL,
        tags TEXT NOT NULL,
        year INTEGER,
        doc TEXT NOT NULL,
        UNIQUE (pack, version, slug, lang),
        FOREIGN KEY (pack, version) REFERENCES packs(id, version) ON DELETE CASCADE
    )""",
    """CREATE TABLE tours (
        pack TEXT NOT NULL,
        version INTEGER NOT NULL,
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (pack, version, id),
        FOREIGN KEY (pack, version) REFERENCES packs(id, version) ON DELETE CASCADE
    )""",
    """CREATE TABLE datasets (
        pack TEXT NOT NULL,
        version INTEGER NOT NULL,
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (pack, version, id),
        FOREIGN KEY (pack, version) REFERENCES packs(id, version) ON DELETE CASCADE
    )""",
    """CREATE TABLE files (
        pack TEXT NOT NULL,
        version INTEGER NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (pack, version, path),
        FOREIGN KEY (pack, version) REFERENCES packs(id, version) ON DELETE CASCADE
    )""",
    "CREATE INDEX files_sha256 ON files(sha256)",
    """CREATE VIRTUAL TABLE case_studies_fts USING fts5(
        title, summary, body, tags, tokenize = 'porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER case_studies_fts_insert AFTER INSERT ON case_studies BEGIN
        INSERT INTO case_studies_fts (rowid, title, summary, body, tags)
        VALUES (new.rid, new.title, new.summary, new.body,
                (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags)));
    END""",
    """CREATE TRIGGER case_studies_fts_delete AFTER DELETE ON case_studies BEGIN
        DELETE FROM case_studies_fts WHERE rowid = old.rid;
    END""",
]


@migrations(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    # One statement at a time: executescript() would COMMIT the migration's transaction.
    for statement in _INITIAL:
        db.execute(statement)


def migrate(db: sqlite_utils.Database) -> None:
    migrations.apply(db)
