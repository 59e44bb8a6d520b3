"""The bundled default pack in content/: valid, bilingual, complete and honest about sample data."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.content.loader import inspect_pack, load_pack
from kiosk.content.model import Pack
from kiosk.content.sources import DirectorySource

CONTENT = Path(__file__).resolve().parents[2] / "content"
SECTIONS = ("## The challenge", "## The solution", "## Results", "## Sources")
SECTIONS_DA = ("## Udfordringen", "## Løsningen", "## Resultater", "## Kilder")
SVG_ALLOWED = {"svg", "defs", "g", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path",
               "linearGradient", "radialGradient", "stop"}


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(DirectorySource(CONTENT))


def test_pack_validates_without_errors_or_warnings() -> None:
    problems = inspect_pack(DirectorySource(CONTENT), deep=True).problems
    assert [str(p) for p in problems] == []


def test_identity(pack: Pack) -> None:
    assert pack.meta.id == "danish-smart-city"
    assert pack.meta.version == 1
    assert pack.meta.languages == ("en", "da")
    assert pack.meta.attract.seconds == 10
    assert 6 <= len(pack.meta.attract.featured) <= 8


def test_at_least_ten_case_studies_each_in_english_and_danish(pack: Pack) -> None:
    assert len(pack.case_studies) >= 10
    for slug, cs in pack.case_studies.items():
        assert set(cs.docs) == {"en", "da"}, slug
        assert cs.docs["en"].title != cs.docs["da"].title, f"{slug}: Danish title is not translated"
        assert cs.docs["en"].body != cs.docs["da"].body, slug


def test_every_hero_and_gallery_image_exists(pack: Pack) -> None:
    for slug, cs in pack.case_studies.items():
        main = cs.main
        assert main.hero and main.hero in pack.files, slug
        assert 2 <= len(main.gallery) <= 3, slug
        for lang in ("en", "da"):
            for item in cs.docs[lang].gallery:
                assert item.image in pack.files and item.caption, (slug, lang)


def test_case_study_shape(pack: Pack) -> None:
    for slug, cs in pack.case_studies.items():
        for lang, heads in (("en", SECTIONS), ("da", SECTIONS_DA)):
            doc = cs.docs[lang]
            assert len(doc.summary) <= 160, (slug, lang)
            assert 250 <= len(doc.body.split()) <= 450, (slug, lang, len(doc.body.split()))
            positions = [doc.body.find(h) for h in heads]
            assert -1 not in positions and positions == sorted(positions), (slug, lang)
            assert len(doc.key_figures) == 3, (slug, lang)
            assert doc.link and doc.link.startswith("https://"), slug
        assert cs.main.location and cs.main.location.lat is not None, slug
        assert cs.main.theme in {t.id for t in pack.meta.themes}, slug


def test_every_theme_is_used(pack: Pack) -> None:
    used = {cs.main.theme for cs in pack.case_studies.values()}
    assert used == {t.id for t in pack.meta.themes}


def test_two_tours_with_timed_bilingual_stops(pack: Pack) -> None:
    assert len(pack.tours) == 2
    for tour in pack.tours.values():
        assert 4 <= len(tour.stops) <= 6
        for stop in tour.stops:
            assert stop.case_study in pack.case_studies
            assert stop.minutes and stop.notes.get("en") and stop.notes.get("da")


def test_tours_link_a_page_about_their_theme_not_a_home_page(pack: Pack) -> None:
    links = {tid: tour.link for tid, tour in pack.tours.items()}
    assert links == {"energy-transition": "https://concito.dk/en/topic/energy",
                     "liveable-cities": "https://stateofgreen.com/en/creating-smart-green-liveable-cities/"}


def test_sample_datasets_say_so_and_live_ones_credit_energinet(pack: Pack) -> None:
    samples = [d for d in pack.datasets.values() if d.source.get("type") == "csv"]
    live = [d for d in pack.datasets.values() if d.source.get("type") == "energidataservice"]
    assert len(samples) >= 3 and len(live) >= 2
    for d in samples:
        assert d.sample, d.id
        assert "sample" in d.credit.lower(), d.id
        assert "sample" in d.title["en"].lower() and "eksempel" in d.title["da"].lower(), d.id
    for d in live:
        assert not d.sample and "Source: Energinet" in d.credit, d.id
    datasets = {d.source["dataset"] for d in live}
    assert {"CO2Emis", "PowerSystemRightNow"} <= datasets


def test_sample_csv_files_hold_weeks_of_ordered_data(pack: Pack) -> None:
    for d in pack.datasets.values():
        if d.source.get("type") != "csv":
            continue
        with (CONTENT / d.source["file"]).open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        times = [datetime.fromisoformat(r["time"]) for r in rows]
        assert times == sorted(times), d.id
        assert (times[-1] - times[0]).days >= 30, d.id
        assert all(float(r["value"]) >= 0 for r in rows), d.id


def _contrast_with_white(color: str) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


def test_accent_and_theme_colours_carry_white_text(pack: Pack) -> None:
    colours = [pack.meta.branding.accent_color, *(t.color for t in pack.meta.themes)]
    for c in colours:
        assert _contrast_with_white(c) >= 4.5, c
    assert len(set(colours)) == len(colours)


def test_illustrations_use_only_svg_tiny_shapes() -> None:
    svgs = sorted(CONTENT.rglob("*.svg"))
    assert len(svgs) >= 40
    for svg in svgs:
        root = ET.parse(svg).getroot()
        tags = {re.sub(r"^\{.*\}", "", el.tag) for el in root.iter()}
        assert tags <= SVG_ALLOWED, (svg.name, tags - SVG_ALLOWED)
        assert " A" not in svg.read_text(encoding="utf-8").replace(" A ", ""), svg
    hero = ET.parse(CONTENT / "case-studies" / "samso-energy-island" / "hero.svg").getroot()
    assert hero.get("viewBox") == "0 0 1600 900"


# A source line: who, what, a year (or "undated" when the page has none) and a link to the original
# publisher, or a note that none could be found online (never a link to a copy site).
SOURCE = re.compile(r"^- .+\((?:[^()]*\b(?:19|20)\d\d\b[^()]*|[^()]*(?:undated|udateret)[^()]*)\)"
                    r".*(?:\bhttps?://\S+|(?:Not linked|Uden link): .+\.)$")


def test_every_case_study_ends_with_dated_linked_sources(pack: Pack) -> None:
    for slug, cs in pack.case_studies.items():
        for lang, head in (("en", "## Sources"), ("da", "## Kilder")):
            tail = cs.docs[lang].body.split(head, 1)[1].strip().splitlines()
            assert len(tail) >= 2, (slug, lang)
            for line in tail:
                assert SOURCE.match(line), (slug, lang, line)


def test_partners_go_through_partners_yaml(pack: Pack) -> None:
    partners = {p.id: p for p in pack.meta.partners}
    assert len(partners) >= 40
    used: set[str] = set()
    for slug, cs in pack.case_studies.items():
        for lang in ("en", "da"):
            refs = cs.docs[lang].refs()
            assert refs, (slug, lang)
            assert all(r.id in partners for r in refs), (slug, lang, [r.name for r in refs if r.id is None])
            used |= {r.id for r in refs if r.id}
    assert used == set(partners), set(partners) - used
    for p in partners.values():
        assert p.name.get("en") and p.description.get("en") and p.description.get("da"), p.id
    types = {p.id: p.type for p in partners.values()}
    assert types["hofor"] == types["taarnby-forsyning"] == "public"
    assert types["dtu"] == "knowledge" and types["ramboll"] == "private"
    assert types["middelgrunden-cooperative"] == "civic"
    assert pack.case_studies["copenhagen-district-heating"].doc("da").partners[-1] == "Københavns Kommune"


def test_taarnby_district_cooling_case_study(pack: Pack) -> None:
    cs = pack.case_studies["taarnby-district-cooling"]
    assert cs.main.year == 2020 and cs.main.theme == "heating-cooling"
    owner = cs.main.refs()[0]
    assert (owner.id, owner.role) == ("taarnby-forsyning", "owner and operator")
    assert cs.doc("da").refs()[0].role == "ejer og driftsherre"
    body = cs.docs["en"].body
    assert "district cooling" in body and "district heating" in body and "wastewater" in body


def test_flagged_figures_are_corrected() -> None:
    def text(slug: str, lang: str) -> str:
        return (CONTENT / "case-studies" / slug / f"index.{lang}.md").read_text(encoding="utf-8")

    for lang in ("en", "da"):
        assert "143" not in text("energylab-nordhavn", lang)  # the budget DTU reported is DKK 129 million
        assert "135" not in text("copenhagen-cloudburst-plan", lang)
        assert "2006" not in text("cykelslangen-cycle-bridge", lang)
        assert "1961" in text("kalundborg-symbiosis", lang)
    assert "In December 2002 Horns Rev 1" in text("middelgrunden-wind-cooperative", "en")
    # Descriptive claims checked against sources: what the sources did not support was reworded.
    for lang, reliably, supermarket in (("en", "more reliably", "supermarket"),
                                        ("da", "mere pålideligt", "supermarked")):
        assert reliably not in text("bornholm-ecogrid", lang)
        assert "orbit.dtu.dk/en/publications/demand-response-evaluation" in text("bornholm-ecogrid", lang)
        assert supermarket not in text("energylab-nordhavn", lang)
        assert "online.flippingbook.com/view/175123952/10" in text("energylab-nordhavn", lang)
        assert "petus.eu.com" in text("middelgrunden-wind-cooperative", lang)
    assert "three rows of nine" in text("middelgrunden-wind-cooperative", "en")
    assert "tre rækker med ni" in text("middelgrunden-wind-cooperative", "da")
    assert "I december 2002 blev Horns Rev 1" in text("middelgrunden-wind-cooperative", "da")


def test_danish_key_figures_read_as_danish(pack: Pack) -> None:
    english = re.compile(
        r"\b(households|million|yr|rooms|cyclists|lights|owners|turbines|residents|partners)\b")
    for slug, cs in pack.case_studies.items():
        for k in cs.docs["da"].key_figures:
            assert not re.search(r"\d,\d{3}\b", k.value), (slug, k.value)  # 8.500, not 8,500
            assert not re.search(r"^\d+\.\d{1,2}$", k.value), (slug, k.value)  # 7,8, not 7.8
            assert not english.search(k.unit), (slug, k.unit)
