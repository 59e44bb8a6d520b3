"""What the phone is sent: the current tour's texts only, in its language (no Qt, no server)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.app import load_pack_content
from kiosk.content.reader import ContentReader
from kiosk.remote.state import TourClock, chooser_state, command_allowed, labels, tour_state
from tests.helpers.clock import ManualClock

ROOT = Path(__file__).resolve().parents[2]
TOUR = "energy-transition"


@pytest.fixture(scope="module")
def reader() -> ContentReader:
    return load_pack_content(ROOT / "content")


def test_a_stop_carries_its_notes_titles_and_minutes(reader: ContentReader) -> None:
    tour = reader.tour(TOUR)
    assert tour is not None
    state = tour_state(reader, tour, "en", 1, TourClock(ManualClock(50.0)))
    assert state["mode"] == "tour" and state["index"] == 1 and not state["at_end"]
    assert state["notes"] == tour.stops[1].notes["en"]
    assert state["planned_min"] == tour.stops[1].minutes
    assert state["total_min"] == sum(s.minutes or 0 for s in tour.stops)
    first = reader.case_study(tour.stops[0].case_study)
    assert first is not None and state["stops"][0]["title"] == first.doc("en").title
    other = next(t for t in reader.tours() if t.id != TOUR)
    text = json.dumps(state, ensure_ascii=False)
    assert other.stops[0].notes["en"] not in text  # nothing outside the current tour
    assert tour.stops[0].notes["en"] not in text  # nor other stops' talking points


def test_danish_texts_and_arabic_reads_right_to_left(reader: ContentReader) -> None:
    tour = reader.tour(TOUR)
    assert tour is not None
    da = tour_state(reader, tour, "da", 0, TourClock(ManualClock(50.0)))
    assert da["notes"] == tour.stops[0].notes["da"] and da["labels"]["next"] == "Næste"
    assert da["dir"] == "ltr"
    # no Arabic text: the notes come in the default language
    ar = tour_state(reader, tour, "ar", 0, TourClock(ManualClock(50.0)))
    assert ar["dir"] == "rtl" and ar["labels"]["next"] == "التالي"
    assert ar["notes"] == tour.stops[0].notes["en"]
    assert labels("xx")["next"] == "Next"


def test_elapsed_minutes_follow_the_tour_and_the_stop(reader: ContentReader) -> None:
    tour = reader.tour(TOUR)
    assert tour is not None
    clock = ManualClock(50.0)
    tc = TourClock(clock)
    tour_state(reader, tour, "en", 0, tc)
    clock.now += 90
    state = tour_state(reader, tour, "en", 1, tc)
    assert (state["elapsed_s"], state["stop_elapsed_s"]) == (90, 0)
    clock.now += 30
    state = tour_state(reader, tour, "en", 1, tc)
    assert (state["elapsed_s"], state["stop_elapsed_s"]) == (120, 30)
    end = tour_state(reader, tour, "en", len(tour.stops), tc)
    assert end["at_end"] and end["planned_min"] is None


def test_commands_must_fit_the_screen(reader: ContentReader) -> None:
    tour = reader.tour(TOUR)
    assert tour is not None
    chooser = chooser_state(reader, "en")
    assert {t["id"] for t in chooser["tours"]} == {t.id for t in reader.tours()}
    assert command_allowed(chooser, "start", None, TOUR) == ""
    assert "no such tour" in command_allowed(chooser, "start", None, "nope")
    assert "No tour" in command_allowed(chooser, "next", None, None)
    state = tour_state(reader, tour, "en", 0, TourClock(ManualClock(50.0)))
    assert command_allowed(state, "goto", len(tour.stops), None) == ""
    assert "stops" in command_allowed(state, "goto", len(tour.stops) + 1, None)
    assert command_allowed(None, "next", None, None)
