"""Model <-> JSON round trips for the store's JSON columns."""

from __future__ import annotations

from kiosk.content.model import (
    Attract,
    Branding,
    CaseStudyDoc,
    ChartSpec,
    Dataset,
    GalleryItem,
    KeyFigure,
    Location,
    PackMeta,
    Theme,
    Threshold,
    Tour,
    TourStop,
)
from kiosk.store import serial


def test_case_study_doc_round_trip_with_every_field() -> None:
    doc = CaseStudyDoc(
        lang="da", title="Fjernkøling på Ærø", summary="Køl fra havet", body="# Æble\n\nø å",
        theme="energy", location=Location("Ærøskøbing", 54.89, 10.41), year=2020,
        partners=("Ærø Energi", "DTU"), hero="case-studies/x/hero.svg",
        gallery=(GalleryItem("case-studies/x/a.png", "A"), GalleryItem("media/b.png")),
        video="case-studies/x/v.mp4", key_figures=(KeyFigure("4,218", "m³/h", "flow"),),
        datasets=("heat",), link="https://example.org", tags=("cooling", "havn"),
        source_file="case-studies/x/index.da.md",
    )
    assert serial.loads(CaseStudyDoc, serial.dumps(doc)) == doc


def test_optional_fields_stay_none() -> None:
    doc = CaseStudyDoc(lang="en", title="T")
    back = serial.loads(CaseStudyDoc, serial.dumps(doc))
    assert back == doc
    assert back.location is None and back.gallery == () and back.year is None


def test_pack_meta_tour_and_dataset_round_trip() -> None:
    meta = PackMeta(
        "lab", 3, {"en": "Lab", "da": "Laboratorium"}, ("en", "da"), "en",
        (Theme("energy", {"en": "Energy"}, "#ff0000"),), Branding("media/logo.svg", "#123456"),
        Attract(("a", "b"), 8),
    )
    tour = Tour("t", {"en": "Tour"}, {"da": "Rundtur"}, (TourStop("a", {"en": "n"}, 2.5), TourStop("b")))
    ds = Dataset(
        "heat", {"en": "Heat"}, "MW", {"type": "csv", "file": "datasets/h.csv", "columns": [1, 2]},
        60, 7, ChartSpec("bar", (Threshold(1.0, "#00ff00", {"en": "ok"}),), "#000000", 0.0, 10.0),
        True, "Source: X",
    )
    for value in (meta, tour, ds):
        assert serial.loads(type(value), serial.dumps(value)) == value


def test_integer_json_numbers_become_floats_where_the_model_says_float() -> None:
    back = serial.loads(Location, '{"name": "x", "lat": 55, "lon": 12}')
    assert back == Location("x", 55.0, 12.0)
    assert isinstance(back.lat, float)


def test_unknown_keys_from_a_newer_schema_are_ignored() -> None:
    assert serial.loads(KeyFigure, '{"value": "1", "colour": "red"}') == KeyFigure("1")
