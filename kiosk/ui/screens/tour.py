"""Tour mode: a guide leads a delegation through the pack's tours (``tours/<id>.yaml``).

Routes: ``tour`` (the chooser), ``tour:<id>`` / ``tour:<id>:<n>`` (stop n, 1-based), ``tour:<id>:end``
(the closing page with one QR code for every stop's link). Each stop is its own route, so the
window's Back steps back a stop and re-visiting unwinds the stack instead of growing it.

The stop page hosts a :class:`CaseStudyScreen` (the same layout visitors see, its poll included: the
guide may skip it), next to the guide's notes (side in landscape, bottom in portrait) above a bar of
large controls. Presenter remotes reach :meth:`TourScreen.presenter_key` through the window while a
tour runs.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Tour, pick
from kiosk.content.reader import ContentReader
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.case_study import CaseStudyScreen
from kiosk.ui.screens.tour_end import TourEndPage
from kiosk.ui.screens.tour_parts import NotesPanel, ProgressStrip, TourCard, notes_docked, notes_height
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.kinetic import scroll_page
from kiosk.ui.widgets.strings import tr, trf
from kiosk.voice.booth import Booth

log = logging.getLogger("kiosk.ui.tour")
K = Qt.Key
NEXT_KEYS = {K.Key_PageDown, K.Key_Right, K.Key_Down, K.Key_Space, K.Key_Return, K.Key_Enter}
PREVIOUS_KEYS = {K.Key_PageUp, K.Key_Left, K.Key_Up}
BLANK_KEYS = {K.Key_B, K.Key_Period, K.Key_Escape}
RESUME_KEYS = {K.Key_F5}


class TourScreen(TourEndPage, Screen):
    route_prefix = "tour"
    tour_ended = Signal()
    """"End tour" was tapped (just before the screen asks for home)."""

    def __init__(self, theme: Theme, workers: object | None = None, parent: QWidget | None = None, *,
                 voice: Booth | None = None) -> None:
        super().__init__(theme, parent)
        self.setObjectName("tour")
        self.reader: ContentReader | None = None
        self.lang = "en"
        self.tour: Tour | None = None
        self.visited: set[int] = set()
        """Stops shown in this run of the tour (their dots are marked)."""
        self.index = 0
        """Current stop, 0-based; ``len(stops)`` is the closing page."""
        self.notes_open = True
        self._case_theme: Theme | None = None

        self.pages = QStackedWidget(self)
        # Chooser
        self.chooser = QWidget()
        self.chooser_heading = QLabel(self.chooser)
        self.cards: list[TourCard] = []
        self._cards_col = QVBoxLayout(self.chooser)
        self._cards_col.addWidget(self.chooser_heading)
        self._cards_col.addStretch(1)
        # Stop: hosted case study | notes
        self.stop_page = QWidget()
        self.case = CaseStudyScreen(theme, workers, self.stop_page, voice=voice)
        self.case.navigate.connect(self.navigate)
        self.notes = NotesPanel(self.stop_page)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.stop_page)
        self.body.addWidget(self.case, 1)
        self.body.addWidget(self.notes)
        self._build_end_page()
        self.chooser_page = scroll_page(self.chooser, "tour-chooser")
        self.end_scroll = scroll_page(self.end_page, "tour-end-page")
        # The closing page is filled before it is laid out: fit its text again when it gets its width.
        self.end_scroll.viewport().installEventFilter(self)
        for page in (self.chooser_page, self.stop_page, self.end_scroll):
            self.pages.addWidget(page)

        # Control bar: End tour ... Previous  Stop 3 of 7 (dots)  Next ... Talking points
        self.bar = QWidget(self)
        self.bar.setObjectName("tour-bar")
        self.bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.end_button = TouchButton("", self.bar)
        self.end_button.setObjectName("tour-end")
        self.previous_button = TouchButton("", self.bar)
        self.previous_button.setObjectName("tour-previous")
        self.strip = ProgressStrip(self.bar)
        self.next_button = TouchButton("", self.bar)
        self.next_button.setObjectName("tour-next")
        self.notes_button = TouchButton("", self.bar, checkable=True)
        self.notes_button.setObjectName("tour-notes-toggle")
        self._nav = QHBoxLayout()
        self._nav.addWidget(self.previous_button)
        self._nav.addWidget(self.strip, 1)
        self._nav.addWidget(self.next_button)
        self._ends = QHBoxLayout()
        self._bar = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.bar)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self.pages, 1)
        root.addWidget(self.bar)

        self.blank = QWidget(self)
        self.blank.setObjectName("tour-blank")
        self.blank.setStyleSheet("#tour-blank { background: #000000; }")
        self.blank.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blank.setAccessibleName("Blank screen")
        self.blank.hide()

        self.end_button.clicked.connect(self.end_tour)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.notes_button.clicked.connect(lambda on: self.set_notes_open(bool(on)))
        self.strip.chosen.connect(lambda i: self._go_stop(i))
        self.set_theme(theme)

    # Screen contract ------------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        p = theme.palette
        self.setStyleSheet(
            f"#tour-bar {{ background: {p.background};"
            f" border-top: 1px solid {p.outline}; }}"
            f"#tour QLabel {{ color: {p.text}; background: transparent; }}"
        )
        m, g = theme.margin, theme.gutter
        self._cards_col.setContentsMargins(m, theme.px(3), m, m)
        self._cards_col.setSpacing(g)
        self.chooser_heading.setFont(theme.font("h1"))
        docked = notes_docked(theme)
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if docked else QBoxLayout.Direction.LeftToRight
        )
        self.body.setSpacing(0)
        self.notes.setMinimumSize(0, 0)
        self.notes.setMaximumSize(16_777_215, 16_777_215)
        if docked:  # the hosted case study needs the full width; the notes card keeps margins
            self.body.setContentsMargins(0, 0, 0, theme.px(2))
            self.notes.setFixedSize(theme.width - 2 * m, notes_height(theme))
            self.body.setAlignment(self.notes, Qt.AlignmentFlag.AlignHCenter)
        else:
            self.body.setContentsMargins(0, theme.px(3), theme.px(3), theme.px(2))
            self.notes.setFixedWidth(theme.px(44))
            self.body.setAlignment(self.notes, Qt.AlignmentFlag(0))
        self.notes.apply(theme)
        self._theme_end_page(theme, m)
        pad = theme.px(1.2)
        self._bar.setContentsMargins(m, pad, m, pad)
        self._bar.setSpacing(g)
        self._nav.setSpacing(g)
        self._place_bar(theme)
        self.strip.apply(theme)
        self._apply_case_theme()
        if self.reader is not None:
            self._refresh()
            if self.tour is not None:
                self._fill_chooser(show=False)  # the hidden chooser's cards follow the new width

    def _place_bar(self, theme: Theme) -> None:
        """Landscape: End | Previous dots Next | Talking points in one row; portrait: the stepping row
        above End ... Talking points. Box layouts, so right-to-left mirrors it and long labels push."""
        bar, ends, nav = self._bar, self._ends, self._nav
        for layout in (bar, ends):
            while layout.count():
                layout.takeAt(0)
        if theme.portrait:
            bar.setDirection(QBoxLayout.Direction.TopToBottom)
            bar.addLayout(nav)
            ends.addWidget(self.end_button)
            ends.addStretch(1)
            ends.addWidget(self.notes_button)
            bar.addLayout(ends)
        else:
            bar.setDirection(QBoxLayout.Direction.LeftToRight)
            bar.addWidget(self.end_button)
            bar.addLayout(nav, 1)
            bar.addWidget(self.notes_button)

    def _fit_bar(self) -> None:
        """Shorten the bar's labels to their symbols when the words do not fit the screen's width."""
        t = self.theme
        gap, m = t.gutter, t.margin
        buttons = [self.previous_button, self.next_button]
        row = sum(b.maximumWidth() for b in buttons) + self.strip.minimumSizeHint().width() + 2 * gap
        ends = self.end_button.maximumWidth() + self.notes_button.maximumWidth() + gap
        need = row if t.portrait else row + ends + 2 * gap
        if need + 2 * m <= t.width and (not t.portrait or ends + 2 * m <= t.width):
            return
        for button in (self.previous_button, self.next_button, self.end_button):
            words = button.text().split()
            symbol = words[0] if button is not self.next_button else words[-1]
            button.set_label(symbol)

    def set_content(self, reader: ContentReader, lang: str) -> None:
        self.reader = reader
        self.lang = lang if lang in reader.meta.languages else reader.meta.default_language
        self.case.set_content(reader, self.lang)
        if self.tour is not None:
            self.tour = reader.tour(self.tour.id)
        self._refresh()

    def show_route(self, argument: str) -> None:
        tour_id, _, stop = argument.partition(":")
        tour = self.reader.tour(tour_id) if (self.reader is not None and tour_id) else None
        if tour_id and tour is None:
            log.warning("unknown tour %r; showing the tour chooser", tour_id)
        if tour is None or self.tour is None or tour.id != self.tour.id:
            self.visited = set()  # a new tour starts unvisited
        self.tour = tour
        n = len(tour.stops) if tour else 0
        if stop == "end":
            self.index = n
        else:
            self.index = min(max(int(stop) - 1, 0), max(n - 1, 0)) if stop.isdigit() else 0
        self.set_blank(False)
        self._refresh()

    def reset(self) -> None:
        self.set_blank(False)
        self.case.reset()
        self.tour = None
        self.visited = set()
        self.index = 0
        self.notes_open = True
        self._apply_case_theme()
        self._refresh()

    # Guide actions ------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.tour is not None

    def next(self) -> None:
        if self.tour is not None and self.index < len(self.tour.stops):
            self._go_stop(self.index + 1)

    def previous(self) -> None:
        if self.tour is not None and self.index > 0:
            self._go_stop(self.index - 1)

    def _go_stop(self, index: int) -> None:
        if self.tour is None:
            return
        last = len(self.tour.stops)
        self.navigate.emit(f"tour:{self.tour.id}:{'end' if index >= last else index + 1}")

    def end_tour(self) -> None:
        """The guide is done: home (the next visitor's start), not the attract loop."""
        self.tour_ended.emit()
        self.navigate.emit("home")

    def set_notes_open(self, on: bool) -> None:
        self.notes_open = on
        self._apply_case_theme()
        self._refresh()

    def set_blank(self, on: bool) -> None:
        """A black screen (presenter "B"/"."): the delegation looks at the guide, not the kiosk."""
        if on:
            self.blank.setGeometry(self.rect())
            self.blank.raise_()
        self.blank.setVisible(on)

    def presenter_key(self, key: int) -> bool:
        """A key from a presenter remote; True when it meant something here."""
        if not self.running:
            return False
        if key in BLANK_KEYS:
            self.set_blank(not self.blank.isVisible())
        elif key in RESUME_KEYS:
            self.set_blank(False)
        elif self.blank.isVisible() and key in NEXT_KEYS | PREVIOUS_KEYS:
            self.set_blank(False)  # the first press after a blank only brings the picture back
        elif key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        else:
            return False
        return True

    # Filling ------------------------------------------------------------------------------------
    def _apply_case_theme(self) -> None:
        t = self.theme
        if notes_docked(t):
            case = t.with_size(t.width, t.height - (notes_height(t) + t.px(2) if self.notes_open else 0))
        else:
            case = t.with_size(t.width - (t.px(47) if self.notes_open else 0), t.height)
        if case != self._case_theme:
            self._case_theme = case
            self.case.set_theme(case)

    def _text(self, text: dict[str, str]) -> str:
        default = self.reader.meta.default_language if self.reader is not None else self.lang
        return pick(text, self.lang, default)[0]

    def _refresh(self) -> None:
        t, lang = self.theme, self.lang
        self.end_button.setText("✕  " + tr("end_tour", lang))
        # the chevrons are bidi-mirrored: right-to-left layouts draw them pointing the other way
        self.previous_button.setText("‹  " + tr("previous", lang))
        self.next_button.setText(tr("next", lang) + "  ›")
        self.notes_button.setText(tr("notes", lang))
        self.notes_button.setChecked(self.notes_open)
        self.notes_button.setAccessibleName(tr("hide_notes" if self.notes_open else "show_notes", lang))
        for button in (self.end_button, self.previous_button, self.next_button, self.notes_button):
            button.apply(t)
            button.setAccessibleName(button.accessibleName() or button.text().strip("‹› ✕"))
        for button in (self.previous_button, self.next_button):
            button.setFixedHeight(t.button_height)
        self.end_button.setAccessibleName(tr("end_tour", lang))
        self.previous_button.setAccessibleName(tr("previous", lang))
        self.next_button.setAccessibleName(tr("next", lang))
        p = t.palette
        self.next_button.setStyleSheet(
            f"QPushButton {{ background: {p.accent}; color: {p.on_accent}; border: none;"
            f" border-radius: {t.button_height // 2}px; padding: 0 {t.px(3)}px; }}"
            f"QPushButton:disabled {{ background: {p.outline}; color: {p.muted}; }}"
        )
        self._fit_bar()
        if self.tour is None:
            self._fill_chooser()
            return
        n = len(self.tour.stops)
        titles = [self._stop_title(i) for i in range(n)]
        if self.index < n:
            self.visited.add(self.index)
        self.strip.set_progress(self.index, titles, lang, self.visited)
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < n)
        self.notes_button.setVisible(self.index < n)
        self.bar.show()
        if self.index >= n:
            self._fill_end(titles)
            return
        stop = self.tour.stops[self.index]
        if self.case.slug != stop.case_study or self.case.lang != lang:
            self.case.show_route(stop.case_study)
        minutes = self._text(dict(self.tour.title))
        if stop.minutes:
            minutes += "  ·  " + trf("minutes", lang, f"{stop.minutes:g}")
        upcoming = f"{tr('next', lang)}: {titles[self.index + 1]}" if self.index + 1 < n else ""
        notes = self._text(dict(stop.notes)) or tr("no_notes", lang)
        self.notes.set_notes(tr("notes", lang), minutes, notes, upcoming)
        self.notes.setVisible(self.notes_open)
        self.pages.setCurrentWidget(self.stop_page)

    def _stop_title(self, i: int) -> str:
        assert self.tour is not None and self.reader is not None
        cs = self.reader.case_study(self.tour.stops[i].case_study)
        return cs.doc(self.lang).title if cs else self.tour.stops[i].case_study

    def _fill_chooser(self, *, show: bool = True) -> None:
        if show:
            self.bar.hide()
        tours = self.reader.tours() if self.reader is not None else []
        self.chooser_heading.setText(tr("choose_tour", self.lang))
        width = max(1, self.theme.width - 2 * self.theme.margin)
        self.chooser_page.verticalScrollBar().setValue(0)
        while len(self.cards) < len(tours):
            card = TourCard(self.chooser)
            card.clicked.connect(lambda _=False, c=card: self.navigate.emit(f"tour:{c.objectName()[5:]}"))
            self._cards_col.insertWidget(1 + len(self.cards), card)
            self.cards.append(card)
        for i, card in enumerate(self.cards):
            card.setVisible(i < len(tours))
            if i >= len(tours):
                continue
            tour = tours[i]
            minutes = sum(s.minutes or 0 for s in tour.stops)
            facts = trf("n_stops", self.lang, len(tour.stops))
            if minutes:
                facts += "  ·  " + trf("minutes", self.lang, f"{minutes:g}")
            card.setObjectName(f"tour-{tour.id}")
            card.apply(self.theme)
            title = self._text(dict(tour.title)) or tour.id
            card.set_tour(title, facts, self._text(dict(tour.description)), width)
        if show:
            self.pages.setCurrentWidget(self.chooser_page)

    def eventFilter(self, watched, event) -> bool:
        if (event.type() == QEvent.Type.Resize and watched is self.end_scroll.viewport()
                and self.end_scroll.isVisible()):
            self._fit_end_text()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.end_scroll.isVisible():
            self._fit_end_text()
        if self.blank.isVisible():
            self.blank.setGeometry(self.rect())
