"""``ContentReader`` over one installed pack version, cached in memory.

A :class:`StoreReader` is a snapshot of one ``(pack, version)``: it loads that version's rows once
(screens read a lot) and never changes. ``Store.reader()`` hands out the same object while that
version stays active and a fresh one after an activation or rollback, so the UI notices new
content by calling ``store.reader()`` again (say at each attract loop) and comparing identity or
:attr:`StoreReader.version`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from kiosk.content.model import CaseStudy, CaseStudyDoc, Dataset, PackMeta, Tour
from kiosk.content.reader import LoadedContent
from kiosk.store import serial
from kiosk.store.media import MediaStore

_WORD = re.compile(r"\w", re.UNICODE)


def fts_query(text: str) -> str:
    """An FTS5 query from what a visitor typed: every term quoted (no operators), last one a prefix."""
    terms = [t.replace('"', '""') for t in text.split() if _WORD.search(t)]
    if not terms:
        return ""
    quoted = [f'"{t}"' for t in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


class StoreReader(LoadedContent):
    def __init__(
        self,
        db: Callable[[], sqlite_utils.Database],
        media: MediaStore,
        pack_id: str,
        version: int,
        activated_at: str | None = None,
    ) -> None:
        self._db = db
        self._media = media
        self.pack_id = pack_id
        self.version = version
        self.activated_at = activated_at
        conn = db()
        where = {"pack": pack_id, "version": version}
        row = conn.execute(
            "SELECT meta FROM packs WHERE id = ? AND version = ?", [pack_id, version]
        ).fetchone()
        if row is None:
            raise LookupError(f"pack {pack_id} version {version} is not installed")
        self._meta = serial.loads(PackMeta, row[0])
        docs: dict[str, dict[str, CaseStudyDoc]] = {}
        for slug, lang, doc in conn.execute(
            "SELECT slug, lang, doc FROM case_studies WHERE pack = :pack AND version = :version "
            "ORDER BY slug, rid",
            where,
        ):
            docs.setdefault(slug, {})[lang] = serial.loads(CaseStudyDoc, doc)
        self._by_slug = {
            slug: CaseStudy(slug, by_lang, self._meta.default_language) for slug, by_lang in docs.items()
        }
        def ordered_docs(table: str) -> list[str]:
            sql = f"SELECT doc FROM {table} WHERE pack = :pack AND version = :version ORDER BY position"
            return [doc for (doc,) in conn.execute(sql, where)]

        self._tours = {t.id: t for t in (serial.loads(Tour, doc) for doc in ordered_docs("tours"))}
        self._datasets = {d.id: d for d in (serial.loads(Dataset, doc) for doc in ordered_docs("datasets"))}
        self._files: dict[str, str] = dict(
            conn.execute(
                "SELECT path, sha256 FROM files WHERE pack = :pack AND version = :version", where
            ).fetchall()
        )

    def search(self, query: str, lang: str | None = None, limit: int = 50) -> list[str]:
        """Full text over title, summary, body and tags; diacritics folded (``a`` finds ``å``)."""
        match = fts_query(query)
        if not match or limit <= 0:
            return []
        sql = (
            "SELECT cs.slug AS slug, bm25(case_studies_fts, 10.0, 4.0, 1.0, 6.0) AS score "
            "FROM case_studies_fts JOIN case_studies AS cs ON cs.rid = case_studies_fts.rowid "
            "WHERE case_studies_fts MATCH :match AND cs.pack = :pack AND cs.version = :version"
        )
        params: dict[str, object] = {"match": match, "pack": self.pack_id, "version": self.version}
        if lang:
            sql += " AND cs.lang = :lang"
            params["lang"] = lang
        # bm25() cannot go inside an aggregate (SQLite flattens subqueries): best document per slug here.
        sql += " ORDER BY score, cs.slug"
        slugs: dict[str, None] = {}
        for slug, _ in self._db().execute(sql, params):
            slugs.setdefault(slug)
            if len(slugs) >= limit:
                break
        return list(slugs)

    def media_path(self, path: str) -> Path | None:
        sha = self._files.get(path)
        return self._media.path(sha) if sha else None
