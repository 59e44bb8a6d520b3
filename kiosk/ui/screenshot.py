"""Render one screen to an image without showing a window (offscreen platform or WA_DontShowOnScreen).

The same window, screens and theme as the running kiosk, navigated without animation, then grabbed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.content.reader import ContentReader
from kiosk.data.cache import ObservationCache
from kiosk.errors import KioskError
from kiosk.ui.factory import make_theme, make_window
from kiosk.ui.navigation import Route
from kiosk.ui.widgets.richtext import RichText
from kiosk.ui.window import KioskWindow

SCREENS = ("attract, home, home:<theme>, case:<slug>, data:<dataset>, tour, tour:<id>[:<stop>|:end], "
           "partners, partners:<id>, network, network:<partner id>")


def check_spec(reader: ContentReader, spec: str) -> Route:
    """The route for ``spec``, or a KioskError naming what exists instead."""
    route = Route.parse(spec)
    if route.prefix == "attract" and not route.argument:
        return route
    if route.prefix == "home":
        if route.argument and reader.meta.theme(route.argument) is None:
            known = ", ".join(t.id for t in reader.meta.themes) or "none"
            raise KioskError(f"--screen {spec}: the pack has no theme {route.argument!r} (themes: {known})")
        return route
    if route.prefix == "case":
        if reader.case_study(route.argument) is None:
            slugs = ", ".join(cs.slug for cs in reader.case_studies()[:12])
            raise KioskError(
                f"--screen {spec}: no case study {route.argument!r} in pack "
                f"{reader.meta.id} (for example: {slugs})"
            )
        return route
    if route.prefix == "data":
        if reader.dataset(route.argument) is None:
            ids = ", ".join(d.id for d in reader.datasets()) or "none"
            raise KioskError(f"--screen {spec}: no dataset {route.argument!r} (datasets: {ids})")
        return route
    if route.prefix == "tour":
        return _check_tour(reader, spec, route)
    if route.prefix in ("partners", "network"):
        if route.argument and reader.meta.partner(route.argument) is None:
            known = ", ".join(p.id for p in reader.partners()[:12]) or "none"
            raise KioskError(f"--screen {spec}: no partner {route.argument!r} (for example: {known})")
        return route
    raise KioskError(f"--screen {spec}: unknown screen; use one of {SCREENS}")


def _check_tour(reader: ContentReader, spec: str, route: Route) -> Route:
    tour_id, _, stop = route.argument.partition(":")
    if not tour_id:
        return route
    tour = reader.tour(tour_id)
    if tour is None:
        ids = ", ".join(t.id for t in reader.tours()) or "none"
        raise KioskError(f"--screen {spec}: no tour {tour_id!r} (tours: {ids})")
    n = len(tour.stops)
    if stop and stop != "end" and not (stop.isdigit() and 1 <= int(stop) <= n):
        raise KioskError(f"--screen {spec}: stop {stop!r} is not 1..{n} or 'end'")
    return route


def render_screen(
    reader: ContentReader,
    spec: str,
    size: tuple[int, int],
    *,
    theme_name: str = "light",
    lang: str | None = None,
    data_cache: ObservationCache | None = None,
    tz: str = "Europe/Copenhagen",
) -> QImage:
    """One screen as an image; with ``data_cache`` the data screens chart it and home/attract show
    the live figure the running kiosk would show (read once, nothing fetched)."""
    route = check_spec(reader, spec)
    if lang is not None and lang not in reader.meta.languages:
        raise KioskError(f"--lang {lang}: the pack has {', '.join(reader.meta.languages)}")
    theme = make_theme(theme_name, reader, *size)
    window = make_window(theme, reader, data_cache=data_cache, kiosk_mode=False, animate=False,
                         attract_animated=False)
    try:
        if route.prefix not in window.screens:
            raise KioskError(f"--screen {spec}: the {route.prefix!r} screen is not part of this build yet")
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.resize(*size)
        window.show()
        if lang:
            window.set_language(lang)
        if data_cache is not None and route.prefix in ("home", "attract"):
            show_live_figure(window, reader, data_cache, tz)
        if route.prefix != "attract":
            window.go("home")
            if str(route) != "home":
                window.go(str(route))
        QApplication.processEvents()
        for text in window.findChildren(RichText):
            text.settle()  # a case study's body fills in after the first frame: the picture has it
        QApplication.sendPostedEvents()
        return window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    finally:
        window.allow_close()
        window.close()
        window.deleteLater()
        QApplication.processEvents()


def show_live_figure(window: KioskWindow, reader: ContentReader, cache: ObservationCache, tz: str) -> None:
    """Give home and attract the live figure of the dataset the data scheduler would pick."""
    from kiosk.runtime.live import datasets_with_points, live_dataset
    from kiosk.ui.live import LiveFigure

    with_data = datasets_with_points(reader, cache)
    figure = LiveFigure(cache, None, tz=tz)
    try:
        figure.bind(reader.meta.id, live_dataset(reader, with_data), reader.meta.default_language)  # inline
        text, parts = figure.text(), figure.parts()
    finally:
        figure.timer.stop()
        figure.deleteLater()
    window.home.set_live_figure(text, parts)
    window.attract.set_live_figure(text, live=figure.live, parts=parts)
