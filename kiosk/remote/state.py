"""What the phone shows: the current tour's texts only, in the tour's language.

:func:`tour_state` builds the JSON document the server streams to the paired phone. It holds the
stop titles, the current stop's talking points, minutes planned and elapsed, and the page's labels
in the tour's language. On the tour chooser it holds the tours' titles (what the screen shows).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from kiosk.content.model import Tour, pick
from kiosk.content.reader import ContentReader

RTL = {"ar", "fa", "he", "ur"}

LABELS: dict[str, dict[str, str]] = {
    "en": {"previous": "Previous", "next": "Next", "end_tour": "End tour", "confirm_end": "Tap again to end",
           "stops": "Stops", "notes": "Talking points", "stop_n": "Stop %1 of %2",
           "planned": "%1 min planned",
           "here": "here %1", "tour": "tour %1 of %2 min", "closing": "Closing page",
           "choose": "Choose a tour", "start": "Start", "no_notes": "No talking points for this stop."},
    "da": {"previous": "Forrige", "next": "Næste", "end_tour": "Afslut tur",
           "confirm_end": "Tryk igen for at afslutte",
           "stops": "Stop", "notes": "Talepunkter", "stop_n": "Stop %1 af %2", "planned": "%1 min planlagt",
           "here": "her %1", "tour": "tur %1 af %2 min", "closing": "Afslutning",
           "choose": "Vælg en tur", "start": "Start", "no_notes": "Ingen talepunkter til dette stop."},
    "de": {"previous": "Zurück", "next": "Weiter", "end_tour": "Führung beenden",
           "confirm_end": "Zum Beenden erneut tippen", "stops": "Stationen", "notes": "Stichpunkte",
           "stop_n": "Station %1 von %2", "planned": "%1 Min. geplant", "here": "hier %1",
           "tour": "Führung %1 von %2 Min.", "closing": "Abschluss", "choose": "Führung wählen",
           "start": "Starten", "no_notes": "Keine Stichpunkte für diese Station."},
    "ar": {"previous": "السابق", "next": "التالي", "end_tour": "إنهاء الجولة",
           "confirm_end": "اضغط مرة أخرى للإنهاء",
           "stops": "المحطات", "notes": "نقاط الحديث", "stop_n": "المحطة %1 من %2",
           "planned": "%1 دقيقة مخططة",
           "here": "هنا %1", "tour": "الجولة %1 من %2 دقيقة", "closing": "صفحة الختام",
           "choose": "اختر جولة", "start": "ابدأ", "no_notes": "لا توجد نقاط حديث لهذه المحطة."},
}


SCREEN: dict[str, dict[str, str]] = {
    "en": {"remote": "Remote", "remote_title": "Tour remote on your phone",
           "remote_hint": "Scan with the guide's phone (same network). The code works once, for 2 minutes.",
           "remote_paired": "A phone is connected and follows the tour.",
           "remote_takeover": "Pair another phone", "close": "Close"},
    "da": {"remote": "Fjernbetjening", "remote_title": "Fjernbetjening på din telefon",
           "remote_hint": "Scan med guidens telefon (samme netværk). Koden virker én gang i 2 minutter.",
           "remote_paired": "En telefon er forbundet og følger turen.",
           "remote_takeover": "Forbind en anden telefon", "close": "Luk"},
    "de": {"remote": "Fernbedienung", "remote_title": "Fernbedienung auf dem Telefon",
           "remote_hint": "Mit dem Telefon der Führung scannen (gleiches Netz). Gilt einmal, 2 Minuten.",
           "remote_paired": "Ein Telefon ist verbunden und folgt der Führung.",
           "remote_takeover": "Anderes Telefon koppeln", "close": "Schließen"},
    "ar": {"remote": "جهاز التحكم", "remote_title": "التحكم بالجولة من هاتفك",
           "remote_hint": "امسح الرمز بهاتف المرشد (الشبكة نفسها). يعمل الرمز مرة واحدة لمدة دقيقتين.",
           "remote_paired": "هاتف متصل ويتابع الجولة.",
           "remote_takeover": "اقتران هاتف آخر", "close": "إغلاق"},
}
"""The kiosk screen's own words for the remote (the pairing panel)."""


def screen_words(lang: str) -> dict[str, str]:
    return {**SCREEN["en"], **SCREEN.get(lang, SCREEN.get(lang.split("-")[0], {}))}


def labels(lang: str) -> dict[str, str]:
    return {**LABELS["en"], **LABELS.get(lang, LABELS.get(lang.split("-")[0], {}))}


class TourClock:
    """When the tour and the current stop started (monotonic), for "minutes elapsed"."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.key: tuple[str, int] | None = None
        self.tour_started = self.stop_started = 0.0

    def at(self, tour_id: str | None, index: int) -> tuple[float, float]:
        """Seconds since the tour and since the stop began; a new tour or stop restarts its clock."""
        now = self._clock()
        if tour_id is None:
            self.key = None
            return 0.0, 0.0
        if self.key is None or self.key[0] != tour_id:
            self.tour_started = self.stop_started = now
        elif self.key[1] != index:
            self.stop_started = now
        self.key = (tour_id, index)
        return now - self.tour_started, now - self.stop_started


def _text(text: Any, lang: str, default: str) -> str:
    return pick(dict(text), lang, default)[0]


def chooser_state(reader: ContentReader, lang: str) -> dict[str, Any]:
    default = reader.meta.default_language
    tours = [{"id": t.id, "title": _text(t.title, lang, default) or t.id, "stops": len(t.stops)}
             for t in reader.tours()]
    return {"mode": "chooser", "lang": lang, "dir": "rtl" if lang.split("-")[0] in RTL else "ltr",
            "labels": labels(lang), "tours": tours}


def tour_state(reader: ContentReader, tour: Tour, lang: str, index: int, clock: TourClock) -> dict[str, Any]:
    """The state of ``tour`` at stop ``index`` (0-based; ``len(stops)`` is the closing page)."""
    default = reader.meta.default_language
    stops = []
    for stop in tour.stops:
        case = reader.case_study(stop.case_study)
        stops.append({"title": case.doc(lang).title if case else stop.case_study, "minutes": stop.minutes})
    n = len(stops)
    index = min(max(index, 0), n)
    words = labels(lang)
    notes = _text(tour.stops[index].notes, lang, default) if index < n else ""
    tour_elapsed, stop_elapsed = clock.at(tour.id, index)
    return {
        "mode": "tour", "lang": lang, "dir": "rtl" if lang.split("-")[0] in RTL else "ltr", "labels": words,
        "tour": {"id": tour.id, "title": _text(tour.title, lang, default) or tour.id},
        "stops": stops, "index": index, "at_end": index >= n,
        "notes": notes if index >= n or notes else words["no_notes"],
        "planned_min": stops[index]["minutes"] if index < n else None,
        "total_min": sum(s.minutes or 0 for s in tour.stops),
        "elapsed_s": round(tour_elapsed, 1), "stop_elapsed_s": round(stop_elapsed, 1),
    }


def command_allowed(state: dict[str, Any] | None, action: str, stop: int | None, tour: str | None) -> str:
    """Empty if the command fits what is on screen, else why not (the phone shows it)."""
    if state is None:
        return "The kiosk is not showing a tour."
    if action == "start":
        ids = {t["id"] for t in state.get("tours", [])}
        ok = state["mode"] == "chooser" and tour in ids
        return "" if ok else "field 'tour': no such tour on the chooser"
    if state["mode"] != "tour":
        return "No tour is running: choose one first."
    if action == "goto" and (stop is None or stop > len(state["stops"])):
        return f"field 'stop': this tour has {len(state['stops'])} stops"
    return ""
