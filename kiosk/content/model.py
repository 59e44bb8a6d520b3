"""The content-pack model: immutable, Qt-free, shared by every layer.

The loader builds these from a pack directory or zip; the store serialises them to SQLite and
rebuilds them for the screens; sync and the hub only move the bytes. All file references are
*pack-relative POSIX paths* (``case-studies/cooling/hero.svg``), already normalised and checked to
stay inside the pack by the loader.

Localised text is a plain ``{lang: text}`` mapping; use :func:`pick` to choose a language with the
pack's fallback rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

I18n = Mapping[str, str]
"""Localised text: ``{"en": "District cooling", "da": "Fjernkøling"}``."""


def pick(text: I18n, lang: str, default_language: str) -> tuple[str, str]:
    """Return ``(text, language actually used)``, falling back to the default, then to any language."""
    for code in (lang, default_language):
        if text.get(code):
            return text[code], code
    for code, value in text.items():
        if value:
            return value, code
    return "", lang


@dataclass(frozen=True)
class Theme:
    id: str
    title: I18n
    color: str
    """``#rrggbb``."""


@dataclass(frozen=True)
class Branding:
    logo: str | None = None
    accent_color: str = "#0b6e4f"


@dataclass(frozen=True)
class Attract:
    featured: tuple[str, ...] = ()
    """Case-study slugs in loop order; empty means every case study."""
    seconds: int = 12
    """How long each featured slide stays up."""


PartnerType = Literal["public", "private", "knowledge", "civic"]
PARTNER_TYPES: tuple[PartnerType, ...] = ("public", "private", "knowledge", "civic")
"""In display order: public bodies, companies, universities and research, citizens and associations."""


@dataclass(frozen=True)
class Partner:
    """One organisation of ``partners.yaml``: listed once, named by id from case studies."""

    id: str
    name: I18n
    type: PartnerType
    description: I18n = field(default_factory=dict)
    """One sentence: who they are."""
    logo: str | None = None
    link: str | None = None
    """``https://`` address shown as a QR code."""


@dataclass(frozen=True)
class PartnerRef:
    """One entry of a case study's ``partners:``: a ``partners.yaml`` id, or a plain name."""

    name: str
    """The display name in the document's language (resolved from ``partners.yaml`` for an id)."""
    id: str | None = None
    role: str = ""
PollResults = Literal["after-vote", "always", "never"]
POLL_RESULTS: tuple[str, ...] = ("after-vote", "always", "never")
MIN_CHOICES, MAX_CHOICES = 2, 5
ASK_EVERY = 4
"""By default the lab-wide question is every fifth attract slide: after each four case studies."""


@dataclass(frozen=True)
class Poll:
    """A one-tap question in one language: a case study's ``poll:`` or the pack's ``ask:``.

    Votes are counted by ``id`` and choice *index*, so every language shares one count.
    """

    id: str
    question: str
    choices: tuple[str, ...]
    results: PollResults = "after-vote"
    """When the shares are shown: after this visitor voted, always, or never."""
    lang: str = ""
    """The language of ``question`` and ``choices`` (after fallback)."""


@dataclass(frozen=True)
class AskChoice:
    """One choice of the lab-wide ``ask:``: a case study (its title is the label) or a free label."""

    case_study: str = ""
    label: I18n = field(default_factory=dict)


@dataclass(frozen=True)
class Ask:
    """``pack.yaml``'s lab-wide question ("What should our city try next?")."""

    id: str
    question: I18n
    choices: tuple[AskChoice, ...]
    results: PollResults = "after-vote"
    every: int = ASK_EVERY
    """The attract loop shows the question after every this many slides (0: only on home)."""


@dataclass(frozen=True)
class PackMeta:
    """What ``pack.yaml`` says."""

    id: str
    version: int
    title: I18n
    languages: tuple[str, ...]
    default_language: str
    themes: tuple[Theme, ...] = ()
    branding: Branding = field(default_factory=Branding)
    attract: Attract = field(default_factory=Attract)
    partners: tuple[Partner, ...] = ()
    """From the optional ``partners.yaml``; kept with the meta so the store needs no new table."""
    ask: Ask | None = None

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def partner(self, partner_id: str) -> Partner | None:
        return next((p for p in self.partners if p.id == partner_id), None)


@dataclass(frozen=True)
class Location:
    name: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class KeyFigure:
    value: str
    """As written by the author (``"4,218"``, ``"-40 %"``); never re-formatted."""
    unit: str = ""
    label: str = ""


@dataclass(frozen=True)
class GalleryItem:
    image: str
    caption: str = ""


@dataclass(frozen=True)
class CaseStudyDoc:
    """One language file ``case-studies/<slug>/index.<lang>.md``: front matter plus Markdown body."""

    lang: str
    title: str
    summary: str = ""
    body: str = ""
    """Markdown, untrusted: render only through the safe renderer."""
    theme: str = ""
    location: Location | None = None
    year: int | None = None
    partners: tuple[str, ...] = ()
    """Display names in this document's language, ids already resolved (see ``partner_refs``)."""
    partner_refs: tuple[PartnerRef, ...] = ()
    """The same entries with id and role; empty in documents stored before partners existed."""
    hero: str | None = None
    gallery: tuple[GalleryItem, ...] = ()
    video: str | None = None
    key_figures: tuple[KeyFigure, ...] = ()
    datasets: tuple[str, ...] = ()
    link: str | None = None
    tags: tuple[str, ...] = ()
    poll: Poll | None = None
    """In a translation: its own question and choices, with id and results from the default language."""
    source_file: str = ""
    """Pack-relative path of the Markdown file, for error messages."""

    def refs(self) -> tuple[PartnerRef, ...]:
        """``partner_refs``, or plain names for documents that predate them."""
        return self.partner_refs or tuple(PartnerRef(name) for name in self.partners)


@dataclass(frozen=True)
class CaseStudy:
    slug: str
    docs: Mapping[str, CaseStudyDoc]
    """One document per language that has a file."""
    default_language: str

    def doc(self, lang: str) -> CaseStudyDoc:
        """The document in ``lang``, or in the pack's default language when that one is missing."""
        if lang in self.docs:
            return self.docs[lang]
        if self.default_language in self.docs:
            return self.docs[self.default_language]
        return next(iter(self.docs.values()))

    @property
    def main(self) -> CaseStudyDoc:
        """The default-language document: the source of language-independent fields (theme, hero ...)."""
        return self.doc(self.default_language)

    def poll(self, lang: str) -> Poll | None:
        """The poll in ``lang``; untranslated text falls back to the default language."""
        return self.doc(lang).poll


@dataclass(frozen=True)
class TourStop:
    case_study: str
    notes: I18n = field(default_factory=dict)
    minutes: float | None = None


@dataclass(frozen=True)
class Tour:
    id: str
    title: I18n
    description: I18n = field(default_factory=dict)
    stops: tuple[TourStop, ...] = ()
    link: str | None = None
    """One https:// address for the whole tour: the closing page's QR code."""


ChartType = Literal["line", "bar", "step"]


@dataclass(frozen=True)
class Threshold:
    value: float
    color: str
    label: I18n = field(default_factory=dict)


@dataclass(frozen=True)
class ChartSpec:
    type: ChartType = "line"
    thresholds: tuple[Threshold, ...] = ()
    color: str | None = None
    y_min: float | None = None
    y_max: float | None = None


@dataclass(frozen=True)
class Dataset:
    """``datasets/<id>.yaml``: one live or recorded series and how to chart it."""

    id: str
    title: I18n
    unit: str = ""
    source: Mapping[str, Any] = field(default_factory=dict)
    """``{"type": "csv" | "json" | "sensorthings" | "energidataservice", ...}``; validated by kiosk.data."""
    refresh: int = 300
    """Seconds between fetches."""
    history: int = 30
    """Days of raw points to keep; older data is kept as downsampled buckets."""
    chart: ChartSpec = field(default_factory=ChartSpec)
    sample: bool = False
    """True for recorded sample data: the chart says so."""
    credit: str = ""
    """Attribution shown under the chart (``Source: Energinet``)."""
    stale_after: int | None = None
    """Seconds after which the newest point counts as stale ("last reading 6 days ago"); None: the
    default derived from ``refresh`` (``kiosk.data.figures.stale_after``)."""


@dataclass(frozen=True)
class FileEntry:
    """One file of the pack as listed in its manifest."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Pack:
    """A fully loaded and validated pack."""

    meta: PackMeta
    case_studies: Mapping[str, CaseStudy]
    """By slug, in a stable order (sorted by slug)."""
    tours: Mapping[str, Tour] = field(default_factory=dict)
    datasets: Mapping[str, Dataset] = field(default_factory=dict)
    files: Mapping[str, FileEntry] = field(default_factory=dict)
    """Every file of the pack by pack-relative path (the manifest)."""
