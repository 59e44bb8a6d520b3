"""What the screens ask of content, whatever holds it.

:class:`ContentReader` is implemented by the store (``Store.reader()``, the kiosk at run time) and by
:class:`PackContent` (a loaded but not installed pack: ``kiosk preview`` and tests). Screens depend
only on this protocol.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from kiosk.content.model import CaseStudy, Dataset, Pack, PackMeta, Partner, Poll, Tour
from kiosk.content.polls import ask_poll
from kiosk.content.source import PackSource


class ContentReader(Protocol):
    @property
    def meta(self) -> PackMeta: ...

    def case_studies(self, theme: str | None = None, tag: str | None = None) -> list[CaseStudy]:
        """In display order (title order of the default language), optionally filtered."""
        ...

    def case_study(self, slug: str) -> CaseStudy | None: ...

    def featured(self) -> list[CaseStudy]:
        """The attract loop's slides: ``attract.featured`` in order, or every case study."""
        ...

    def related(self, slug: str, limit: int = 4) -> list[CaseStudy]: ...

    def tours(self) -> list[Tour]: ...

    def tour(self, tour_id: str) -> Tour | None: ...

    def datasets(self) -> list[Dataset]: ...

    def dataset(self, dataset_id: str) -> Dataset | None: ...

    def partners(self) -> list[Partner]:
        """The organisations of ``partners.yaml`` in file order (empty without one)."""
        ...

    def partner_case_studies(self, partner_id: str) -> list[CaseStudy]:
        """The case studies that name ``partner_id``, in display order: "what we did here"."""
    def poll(self, slug: str, lang: str) -> Poll | None:
        """A case study's poll in ``lang`` (untranslated text falls back to the default language)."""
        ...

    def ask(self, lang: str) -> Poll | None:
        """The pack's lab-wide question in ``lang``; case-study choices carry their title in ``lang``."""
        ...

    def search(self, query: str, lang: str | None = None, limit: int = 50) -> list[str]:
        """Slugs of matching case studies, best first (full text, every language)."""
        ...

    def media_path(self, path: str) -> Path | None:
        """A local file holding the pack file ``path``, or None if the pack has no such file."""
        ...


def sort_case_studies(items: Iterable[CaseStudy]) -> list[CaseStudy]:
    return sorted(items, key=lambda cs: (cs.main.title.casefold(), cs.slug))


def featured_order(meta: PackMeta, by_slug: dict[str, CaseStudy]) -> list[CaseStudy]:
    if meta.attract.featured:
        return [by_slug[s] for s in meta.attract.featured if s in by_slug]
    return sort_case_studies(by_slug.values())


def rank_related(target: CaseStudy, candidates: Sequence[CaseStudy], limit: int) -> list[CaseStudy]:
    """Same theme first, then most shared tags; never the target itself."""
    tags = set(target.main.tags)

    def score(cs: CaseStudy) -> tuple[int, int, str]:
        same_theme = int(bool(target.main.theme) and cs.main.theme == target.main.theme)
        return (-same_theme, -len(tags & set(cs.main.tags)), cs.main.title.casefold())

    others = [cs for cs in candidates if cs.slug != target.slug]
    return sorted(others, key=score)[:limit]


class LoadedContent:
    """The queries screens make, over content already in memory (a loaded pack or a store snapshot).

    Subclasses set the four mappings and add ``search`` and ``media_path``.
    """

    _meta: PackMeta
    _by_slug: dict[str, CaseStudy]
    _tours: dict[str, Tour]
    _datasets: dict[str, Dataset]

    @property
    def meta(self) -> PackMeta:
        return self._meta

    def case_studies(self, theme: str | None = None, tag: str | None = None) -> list[CaseStudy]:
        items = [
            cs
            for cs in self._by_slug.values()
            if (theme is None or cs.main.theme == theme) and (tag is None or tag in cs.main.tags)
        ]
        return sort_case_studies(items)

    def case_study(self, slug: str) -> CaseStudy | None:
        return self._by_slug.get(slug)

    def featured(self) -> list[CaseStudy]:
        return featured_order(self._meta, self._by_slug)

    def related(self, slug: str, limit: int = 4) -> list[CaseStudy]:
        target = self._by_slug.get(slug)
        return rank_related(target, list(self._by_slug.values()), limit) if target else []

    def tours(self) -> list[Tour]:
        return list(self._tours.values())

    def tour(self, tour_id: str) -> Tour | None:
        return self._tours.get(tour_id)

    def datasets(self) -> list[Dataset]:
        return list(self._datasets.values())

    def dataset(self, dataset_id: str) -> Dataset | None:
        return self._datasets.get(dataset_id)

    def partners(self) -> list[Partner]:
        return list(self._meta.partners)

    def partner_case_studies(self, partner_id: str) -> list[CaseStudy]:
        return sort_case_studies(cs for cs in self._by_slug.values()
                                 if any(r.id == partner_id for r in cs.main.refs()))
    def poll(self, slug: str, lang: str) -> Poll | None:
        cs = self._by_slug.get(slug)
        return cs.poll(lang) if cs else None

    def ask(self, lang: str) -> Poll | None:
        return ask_poll(self._meta, self._by_slug, lang)


class PackContent(LoadedContent):
    """A :class:`ContentReader` over a loaded pack, straight from its source (no store)."""

    def __init__(self, pack: Pack, source: PackSource) -> None:
        self._pack = pack
        self._source = source
        self._meta = pack.meta
        self._by_slug = dict(pack.case_studies)
        self._tours = dict(pack.tours)
        self._datasets = dict(pack.datasets)

    def search(self, query: str, lang: str | None = None, limit: int = 50) -> list[str]:
        words = [w.casefold() for w in query.split() if w]
        if not words:
            return []
        hits: list[tuple[int, str]] = []
        for cs in self._by_slug.values():
            docs = [cs.docs[lang]] if lang and lang in cs.docs else list(cs.docs.values())
            text = " ".join(f"{d.title} {d.summary} {d.body} {' '.join(d.tags)}" for d in docs).casefold()
            if all(w in text for w in words):
                hits.append((-sum(text.count(w) for w in words), cs.slug))
        return [slug for _, slug in sorted(hits)[:limit]]

    def media_path(self, path: str) -> Path | None:
        if path not in self._pack.files:
            return None
        return self._source.local_path(path)


def load_pack_content(pack_path: Path) -> PackContent:
    """A reader over an uninstalled pack (directory or zip), validated by the loader; raises PackError."""
    from kiosk.content.loader import load_pack
    from kiosk.content.sources import open_source

    source = open_source(pack_path)
    return PackContent(load_pack(source), source)
