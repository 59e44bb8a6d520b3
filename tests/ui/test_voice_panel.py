"""The citizen-voice panel as a visitor meets it: the question under the key figures, one tap, the shares.

Real window, real screens, a real SQLite ballot; taps are mouse clicks on the answer buttons.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.app import load_pack_content
from kiosk.sync.voice_courier import Courier, Report
from kiosk.ui.accessibility import A11yState
from kiosk.ui.factory import build_screens
from kiosk.ui.screens.case_study import CaseStudyScreen
from kiosk.ui.theme import Theme, palette_for
from kiosk.ui.voice_service import VoiceService
from kiosk.ui.widgets.voice import VoicePanel
from kiosk.ui.window import KioskWindow
from kiosk.ui.workers import Workers
from kiosk.voice.ballot import Ballot
from kiosk.voice.booth import Booth
from tests.helpers.voice import POLL_ID, poll_pack

CASE = "case:harbour-bath"
FLEET = "fleet-token-0123456789"


class RecordingCourier(Courier):
    """The real courier, noting the thread each run happens on."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.threads: list[int] = []

    def run_once(self, cancel: threading.Event | None = None) -> Report:
        self.threads.append(threading.get_ident())
        return super().run_once(cancel)


@dataclass
class Kiosk:
    window: KioskWindow
    booth: Booth
    service: VoiceService

    @property
    def case(self) -> CaseStudyScreen:
        screen = self.window.screens["case"]
        assert isinstance(screen, CaseStudyScreen)
        return screen

    @property
    def panel(self) -> VoicePanel:
        return self.case.voice_panel

    def tap(self, index: int) -> None:
        button = self.panel.buttons[index]
        self.case.scroll_area.ensureWidgetVisible(button)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def votes(self) -> int:
        return sum(c.votes for c in self.booth.ballot.counts(POLL_ID))


def open_kiosk(qtbot, tmp_path: Path, *, results: str = "after-vote", size: tuple[int, int] = (1920, 1080),
               idle_ms: int = 60_000, hub_url: str = "") -> Kiosk:  # type: ignore[no-untyped-def]
    reader = load_pack_content(poll_pack(tmp_path / "pack", results))
    booth = Booth(Ballot(tmp_path / "kiosk.db", min_interval=0), "main")
    courier = None
    if hub_url:
        courier = RecordingCourier(booth.ballot, hub_url=hub_url, channel="main", kiosk_id="kiosk-a",
                                   token=FLEET)
    theme = Theme(*size, palette_for("light", reader.meta.branding.accent_color))
    window = KioskWindow(theme, reader, kiosk_mode=False, animate=False, attract_animated=False,
                         idle_ms=idle_ms, warning_ms=0)
    for screen in build_screens(theme, None, voice=booth):
        window.register_screen(screen)
    workers = Workers(parent=window)
    service = VoiceService(booth, window, workers, courier, soon_ms=0, parent=window)
    service.start()
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.go("home")
    window.go(CASE)
    return Kiosk(window, booth, service)


@pytest.fixture
def kiosk(qtbot, tmp_path: Path) -> Iterator[Kiosk]:  # type: ignore[no-untyped-def]
    k = open_kiosk(qtbot, tmp_path)
    yield k
    close(k)


def close(k: Kiosk) -> None:
    k.window.allow_close()
    k.window.close()
    k.window.deleteLater()
    k.booth.ballot.close()


def top_in_page(w: QWidget, case: CaseStudyScreen) -> int:
    return w.mapTo(case.page, QPoint(0, 0)).y()


def test_the_question_sits_under_the_key_figures_with_big_answers(kiosk: Kiosk) -> None:
    panel, case = kiosk.panel, kiosk.case
    assert panel.isVisible()
    assert panel.question.text() == "Would you swim in the harbour?"
    assert top_in_page(panel, case) >= top_in_page(case.figures, case) + case.figures.height()
    assert top_in_page(case.facts, case) > top_in_page(panel, case)
    shown = [b for b in panel.buttons if b.isVisible()]
    assert [b.text() for b in shown] == ["Yes", "Maybe", "No"]
    for b in shown:
        assert b.height() >= 56 and b.width() >= 56
    assert not panel.results.isVisible() and not panel.thanks.isVisible()  # after-vote: nothing yet


def test_one_tap_records_a_vote_and_shows_the_shares(kiosk: Kiosk) -> None:
    kiosk.tap(1)
    assert kiosk.votes() == 1
    panel = kiosk.panel
    assert panel.buttons[1].isChecked() and not panel.buttons[0].isChecked()
    assert panel.thanks.isVisible() and panel.thanks.text().startswith("Thank you")
    assert panel.results.isVisible()
    assert [round(r.bar.share, 2) for r in panel.rows[:3]] == [0.0, 1.0, 0.0]
    assert panel.rows[1].percent.text() == "100 %"
    assert panel.total.text() == "1 visitor answered  ·  this kiosk only (not connected to the lab)"


def test_a_changed_answer_is_still_one_vote(kiosk: Kiosk) -> None:
    kiosk.tap(0)
    kiosk.tap(2)
    kiosk.tap(2)
    assert kiosk.votes() == 1
    assert [c.choice for c in kiosk.booth.ballot.counts(POLL_ID)] == [2]
    assert kiosk.panel.buttons[2].isChecked()
    assert [round(r.bar.share, 2) for r in kiosk.panel.rows[:3]] == [0.0, 0.0, 1.0]


def test_the_hub_aggregate_and_this_kiosk_are_combined_and_labelled(kiosk: Kiosk) -> None:
    kiosk.booth.ballot.remember_hub("main", {"polls": {POLL_ID: {"choices": [10, 5, 4]}}}, '"main-3"')
    kiosk.tap(0)
    panel = kiosk.panel
    assert panel.total.text() == "20 visitors answered  ·  all kiosks of the lab"
    assert panel.rows[0].percent.text() == "55 %"  # 11 of 20


def test_the_next_visitor_after_the_idle_reset_votes_again(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = open_kiosk(qtbot, tmp_path, idle_ms=100)
    try:
        k.tap(0)
        first = k.booth.visit
        with qtbot.waitSignal(k.service.visit_ended, timeout=10_000) as ended:
            pass  # the idle monitor expires: attract
        assert ended.args == [1]
        assert k.booth.visit != first and str(k.window.current_route) == "attract"
        assert [v.choice for v in k.booth.ballot.unsent()] == [0]  # final: offered to the sender
        k.window.go("home")
        k.window.go(CASE)
        assert not any(b.isChecked() for b in k.panel.buttons) and not k.panel.results.isVisible()
        k.tap(2)
        assert k.votes() == 2
        assert k.panel.total.text().startswith("2 visitors answered")
    finally:
        close(k)


def test_a_visit_ends_when_a_tour_ends(kiosk: Kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk.tap(1)
    first = kiosk.booth.visit
    kiosk.window.go("tour:delegation")
    assert kiosk.window.tour_active and kiosk.booth.visit == first  # the tour is the same visit
    with qtbot.waitSignal(kiosk.service.visit_ended, timeout=5_000):
        kiosk.window.go("home")  # the guide ends the tour
    assert not kiosk.window.tour_active and kiosk.booth.visit != first
    kiosk.window.go(CASE)
    kiosk.tap(1)
    assert kiosk.votes() == 2


def test_results_always_and_never(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = open_kiosk(qtbot, tmp_path / "always", results="always")
    try:
        assert k.panel.results.isVisible() and k.panel.total.text().startswith("0 visitors answered")
    finally:
        close(k)
    k = open_kiosk(qtbot, tmp_path / "never", results="never")
    try:
        k.tap(0)
        assert k.votes() == 1 and k.panel.thanks.isVisible()
        assert not k.panel.results.isVisible() and not k.panel.total.isVisible()
    finally:
        close(k)


def test_arabic_is_mirrored(kiosk: Kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk.window.set_language("ar")
    panel = kiosk.panel
    assert panel.question.text() == "هل تسبح في الميناء؟"
    assert panel.layoutDirection() == Qt.LayoutDirection.RightToLeft
    yes, maybe = panel.buttons[0], panel.buttons[1]
    assert yes.text() == "نعم"
    qtbot.waitUntil(lambda: yes.x() > maybe.x())  # the first answer at the right
    kiosk.tap(0)
    assert panel.thanks.text() == "شكرًا لك! يمكنك تغيير إجابتك ما دمت هنا."
    bar = panel.rows[0].bar
    image = bar.grab().toImage()
    filled = QColor(bar.fill)
    y = image.height() // 2
    assert image.pixelColor(image.width() - 3, y) == filled  # a full bar: filled from the right...
    other = panel.rows[1].bar.grab().toImage()
    assert other.pixelColor(2, y) != filled and other.pixelColor(other.width() - 3, y) != filled


def test_high_contrast_and_large_text_keep_answers_big_and_inside(kiosk: Kiosk) -> None:
    state = A11yState(text_scale=1.5, high_contrast=True)
    kiosk.window.a11y.set_state(state)
    kiosk.window.set_accessibility(state)
    panel = kiosk.panel
    assert panel.theme is not None and panel.theme.palette.name == "high-contrast"
    kiosk.tap(0)
    for b in panel.buttons[:3]:
        assert b.height() >= 56
        assert b.x() >= 0 and b.x() + b.width() <= panel.answers.width()
    right = panel.mapTo(kiosk.window, QPoint(panel.width(), 0)).x()
    assert right <= kiosk.window.width()


def test_portrait_large_text_panel_fits_the_width(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = open_kiosk(qtbot, tmp_path, size=(1080, 1920))
    try:
        state = A11yState(text_scale=1.5, reach=True)
        k.window.a11y.set_state(state)
        k.window.set_accessibility(state)
        k.tap(0)
        panel = k.panel
        left = panel.mapTo(k.window, QPoint(0, 0)).x()
        assert left >= 0 and left + panel.width() <= 1080
        for b in panel.buttons[:3]:
            assert b.x() + b.width() <= panel.answers.width()
    finally:
        close(k)


def test_widgets_are_built_once(kiosk: Kiosk) -> None:
    before = len(kiosk.panel.findChildren(QWidget))
    for _ in range(30):
        kiosk.window.go("case:solar-market")  # no poll: the panel hides
        assert not kiosk.panel.isVisible()
        kiosk.window.go(CASE)
        assert kiosk.panel.isVisible()
    kiosk.tap(0)
    assert len(kiosk.panel.findChildren(QWidget)) == before


def test_without_a_booth_there_is_no_question(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reader = load_pack_content(poll_pack(tmp_path / "pack"))
    screen = CaseStudyScreen(Theme(1920, 1080))  # a pack preview: nothing is recorded
    qtbot.addWidget(screen)
    screen.set_content(reader, "en")
    screen.show_route("harbour-bath")
    assert screen.voice_panel.isHidden()


def test_votes_go_to_the_hub_from_a_worker_after_the_visit(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """UI tap -> idle reset -> the service sends from the worker pool -> the hub counts it; the panel of
    the next visitor shows the lab's count."""
    import requests

    from kiosk.hub.app import HubSettings
    from tests.helpers.servers import running_hub

    with running_hub(HubSettings(tmp_path / "hub", fleet_token=FLEET)) as url:
        k = open_kiosk(qtbot, tmp_path, idle_ms=100, hub_url=url)
        service = k.service
        try:
            k.tap(2)
            with qtbot.waitSignal(service.sent, timeout=20_000,
                                  check_params_cb=lambda r: r.sent == 1) as sent:
                pass  # the idle reset ends the visit; the vote goes out soon after
            assert sent.args[0].fetched and sent.args[0].error == ""
            threads = service.courier.threads  # type: ignore[union-attr]
            assert threads and threading.get_ident() not in threads  # never on the UI thread
            doc = requests.get(f"{url}/api/v1/voices/main", timeout=10).json()
            assert doc["polls"][POLL_ID]["choices"] == [0, 0, 1]
            service.stop()
            k.window.go("home")
            k.window.go(CASE)
            k.tap(0)
            assert k.panel.total.text() == "2 visitors answered  ·  all kiosks of the lab"
        finally:
            service.workers.wait(10_000)
            close(k)


class HideCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.hides = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide:
            self.hides += 1
        return False


def test_a_new_aggregate_moves_the_bars_in_place(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Shares on screen, then the sync fetch brings the lab's counts (another kiosk's votes): the bars
    and the total follow, the same widgets, never hidden, the visitor's answer still taken."""
    from kiosk.hub.app import HubSettings
    from tests.helpers.servers import running_hub

    with running_hub(HubSettings(tmp_path / "hub", fleet_token=FLEET)) as url:
        k = open_kiosk(qtbot, tmp_path, hub_url=url)
        service, courier = k.service, k.service.courier
        assert isinstance(courier, RecordingCourier)
        other = Ballot(tmp_path / "other.db", min_interval=0)
        try:
            qtbot.waitUntil(lambda: len(courier.threads) >= 1 and not service.running)  # the start-up run
            k.tap(0)
            panel = k.panel
            assert panel.total.text() == "1 visitor answered  ·  all kiosks of the lab"  # none there yet
            for visit in ("b1", "b2", "b3"):  # kiosk B: three visitors answer "No"
                other.record(POLL_ID, 2, visit)
                other.end_visit(visit)
            sent = Courier(other, hub_url=url, channel="main", kiosk_id="kiosk-b", token=FLEET).run_once()
            assert sent.sent == 3
            rows, bars = list(panel.rows), [r.bar for r in panel.rows]
            counter = HideCounter()
            for w in (panel, panel.results, panel.total, *rows):
                w.installEventFilter(counter)
            with qtbot.waitSignal(service.sent, timeout=20_000, check_params_cb=lambda r: r.fetched):
                service.send_now()
            assert panel.total.text() == "4 visitors answered  ·  all kiosks of the lab"  # hub 3, here 1
            assert [r.percent.text() for r in panel.rows[:3]] == ["25 %", "0 %", "75 %"]
            assert [round(r.bar.share, 2) for r in panel.rows[:3]] == [0.25, 0.0, 0.75]
            assert panel.rows == rows and [r.bar for r in panel.rows] == bars and counter.hides == 0
            assert panel.buttons[0].isChecked() and panel.thanks.isVisible()
            assert k.booth.chosen(POLL_ID) == 0
        finally:
            service.stop()
            service.workers.wait(10_000)
            other.close()
            close(k)


def test_a_tour_stop_shows_its_poll_and_the_group_is_one_visit(kiosk: Kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The stop hosts the case study as visitors see it, poll included; the guide may just go on."""
    win = kiosk.window
    win.go("tour:delegation:1")  # harbour-bath, the stop with the poll
    tour = win.screens["tour"]
    panel: VoicePanel = tour.case.voice_panel  # type: ignore[attr-defined]
    assert panel.isVisible() and panel.question.text() == "Would you swim in the harbour?"
    assert panel is not kiosk.panel  # the tour's own hosted case study
    tour.case.scroll_area.ensureWidgetVisible(panel.buttons[1])  # type: ignore[attr-defined]
    QTest.mouseClick(panel.buttons[1], Qt.MouseButton.LeftButton)
    assert kiosk.votes() == 1 and panel.results.isVisible()
    first = kiosk.booth.visit
    win.go("tour:delegation:2")  # a stop without a poll: no question on screen
    assert not panel.isVisible() and kiosk.booth.visit == first
    win.go("tour:delegation:1")  # back a stop: the group's answer is still taken
    assert panel.buttons[1].isChecked() and kiosk.booth.visit == first
    with qtbot.waitSignal(kiosk.service.visit_ended, timeout=5_000):
        win.go("home")  # the tour ends: the group's vote is final
    assert [v.choice for v in kiosk.booth.ballot.unsent()] == [1]
