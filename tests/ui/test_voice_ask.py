"""The lab-wide question (``pack.yaml``'s ``ask:``) as a visitor meets it: under home's tiles, and as a
slide of the attract loop whose choices are tapped like any part of the loop (the vote, then home).

Real window (the bundled pack: its ask has three case-study choices and a free label, en + da; the
scripts pack with a poll for Arabic), a real SQLite ballot; taps are mouse clicks.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.content.reader import ContentReader, load_pack_content
from kiosk.ui.accessibility import A11yState
from kiosk.ui.voice_ask import attach_ask
from kiosk.ui.widgets.ask_slide import interleave
from kiosk.ui.widgets.voice import VoicePanel
from kiosk.ui.window import KioskWindow
from kiosk.voice.ballot import Ballot
from kiosk.voice.booth import Booth
from tests.helpers.windows import close_window, open_window

ASK = "try-next"


@dataclass
class Kiosk:
    window: KioskWindow
    booth: Booth

    @property
    def panel(self) -> VoicePanel:
        panel = self.window.home.ask_panel
        assert panel is not None
        return panel

    def votes(self) -> list[int]:
        return [c.choice for c in self.booth.ballot.counts(ASK) for _ in range(c.votes)]

    def to_ask_slide(self) -> None:
        attract = self.window.attract
        self.window.go("attract")
        for _ in range(len(attract.slides)):  # as the loop goes (not animated here: one step a call)
            if attract.slides[attract.index].poll is not None:
                return
            attract.advance()
        raise AssertionError("no question slide in the loop")


def open_kiosk(qtbot, reader: ContentReader, tmp_path: Path, size: tuple[int, int] = (1920, 1080)) -> Kiosk:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, reader, size=size)
    booth = Booth(Ballot(tmp_path / "kiosk.db", min_interval=0), "main")
    attach_ask(window, booth)
    return Kiosk(window, booth)


@pytest.fixture
def kiosk(qtbot, bundled: ContentReader, tmp_path: Path) -> Iterator[Kiosk]:  # type: ignore[no-untyped-def]
    k = open_kiosk(qtbot, bundled, tmp_path)
    yield k
    close_window(k.window)
    k.booth.ballot.close()


def in_view(k: Kiosk) -> bool:
    """The whole question panel lies inside home's scroll viewport."""
    area = k.window.home.area
    top = k.panel.mapTo(area.viewport(), QPoint(0, 0))
    return area.viewport().rect().contains(QRect(top, k.panel.size()))


def test_interleave_puts_the_question_after_every_few_slides() -> None:
    assert interleave([1, 2, 3, 4, 5, 6, 7, 8], 0, 4) == [1, 2, 3, 4, 0, 5, 6, 7, 8, 0]
    assert interleave([1, 2, 3], 0, 4) == [1, 2, 3, 0]  # a short loop still asks once a round
    assert interleave([1, 2, 3], 0, 0) == [1, 2, 3]
    assert interleave([], 0, 4) == [0]


def test_home_shows_the_question_under_the_tiles_in_the_visitors_language(kiosk: Kiosk) -> None:
    win = kiosk.window
    win.go("home")
    panel = kiosk.panel
    assert panel.isVisibleTo(win.home)
    assert panel.question.text() == "What should our city try next?"
    shown = [b.accessibleName() for b in panel.buttons if not b.isHidden()]
    titles = [win.reader.case_study(s).main.title for s in  # type: ignore[union-attr]
              ("copenhagen-district-cooling", "copenhagen-cloudburst-plan", "cykelslangen-cycle-bridge")]
    assert shown == [*titles, "Car-free Sundays in the centre"]
    grid = win.home.grid
    last_tile = grid.tiles[grid.visible_count - 1]
    assert panel.y() >= last_tile.y() + last_tile.height()  # the last row, under every tile
    for b in panel.buttons[:4]:
        assert b.height() >= 56 and b.width() >= 56
    win.set_language("da")
    assert panel.question.text() == "Hvad skal vores by prøve som det næste?"
    da = win.reader.case_study("copenhagen-district-cooling").doc("da").title  # type: ignore[union-attr]
    assert panel.buttons[0].accessibleName() == da
    assert panel.buttons[3].accessibleName() == "Bilfri søndage i centrum"


def test_a_vote_on_home_shows_the_shares_and_the_grid_grows_to_hold_them(kiosk: Kiosk) -> None:
    win = kiosk.window
    win.go("home")
    before = win.home.grid.height()
    win.home.reveal_ask()
    QTest.mouseClick(kiosk.panel.buttons[3], Qt.MouseButton.LeftButton)
    assert kiosk.votes() == [3]
    assert kiosk.panel.results.isVisible() and kiosk.panel.rows[3].percent.text() == "100 %"
    grid = win.home.grid
    assert grid.height() > before and kiosk.panel.y() + kiosk.panel.height() <= grid.height()
    area, total = win.home.area, kiosk.panel.total
    top = total.mapTo(area.viewport(), QPoint(0, 0))
    assert area.viewport().rect().contains(QRect(top, total.size()))  # scrolled to show the shares


def test_the_attract_loop_asks_every_few_slides(kiosk: Kiosk) -> None:
    attract = kiosk.window.attract
    polls = [i for i, s in enumerate(attract.slides) if s.poll is not None]
    featured = len(kiosk.window.reader.featured())
    every = kiosk.window.reader.meta.ask.every  # type: ignore[union-attr]
    assert featured == 8 and every == 4
    assert polls == [4, 9] and len(attract.slides) == featured + 2
    kiosk.to_ask_slide()
    assert attract.slides[attract.index].poll.id == ASK  # type: ignore[union-attr]
    choices = attract.ask_choices()
    assert len(choices) == 4
    for r in choices:
        assert r.height() >= 56 and r.left() >= 0 and r.right() <= attract.width()
    for a, b in itertools.pairwise(choices):
        assert not a.intersects(b)


def test_a_tap_on_an_attract_choice_votes_and_opens_home_at_the_result(kiosk: Kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    win, attract = kiosk.window, kiosk.window.attract
    kiosk.to_ask_slide()
    with qtbot.waitSignal(attract.asked) as asked:
        QTest.mouseClick(attract, Qt.MouseButton.LeftButton, pos=attract.ask_choices()[1].center().toPoint())
    assert asked.args == [ASK, 1, "accepted"]
    assert kiosk.votes() == [1]
    assert str(win.current_route) == "home"
    panel = kiosk.panel
    assert panel.buttons[1].isChecked() and panel.results.isVisible()
    qtbot.waitUntil(lambda: in_view(kiosk))
    QTest.mouseClick(panel.buttons[2], Qt.MouseButton.LeftButton)  # changed on home: still one vote
    assert kiosk.votes() == [2]


def test_a_tap_beside_the_choices_still_just_starts_a_visit(kiosk: Kiosk) -> None:
    win, attract = kiosk.window, kiosk.window.attract
    kiosk.to_ask_slide()
    QTest.mouseClick(attract, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert str(win.current_route) == "home" and kiosk.votes() == []
    win.go("attract")
    attract.index = 0  # a case-study slide: its text has no choices
    assert attract.ask_choices() == ()
    middle = QPoint(attract.width() // 2, attract.height() // 2)
    QTest.mouseClick(attract, Qt.MouseButton.LeftButton, pos=middle)
    assert str(win.current_route) == "home" and kiosk.votes() == []


def test_the_next_visitor_after_the_idle_reset_sees_a_fresh_question(kiosk: Kiosk) -> None:
    win = kiosk.window
    win.go("home")
    QTest.mouseClick(kiosk.panel.buttons[0], Qt.MouseButton.LeftButton)
    win.reset_for_next_visitor()
    kiosk.booth.end_visit()  # what VoiceService does on the route to attract
    win.go("home")
    assert not any(b.isChecked() for b in kiosk.panel.buttons) and not kiosk.panel.results.isVisible()


def test_without_a_booth_no_question_anywhere(qtbot, bundled: ContentReader) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, bundled)
    try:
        attach_ask(win, None)  # a preview records no votes
        assert all(s.poll is None for s in win.attract.slides)
        assert win.home.ask_panel is None
    finally:
        close_window(win)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_arabic_large_text_high_contrast_reads_from_the_right(qtbot, tmp_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers.voice import poll_pack

    pack = poll_pack(tmp_path / "pack")
    yaml = pack / "pack.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + ASK_AR, encoding="utf-8")
    k = open_kiosk(qtbot, load_pack_content(pack), tmp_path, size)
    try:
        win = k.window
        win.set_language("ar")
        state = A11yState(text_scale=1.5, high_contrast=True)
        win.a11y.set_state(state)
        win.set_accessibility(state)
        k.to_ask_slide()
        choices = k.window.attract.ask_choices()
        assert len(choices) == 3
        assert choices[0].right() == size[0] - win.theme.margin  # the first at the right
        for a, b in itertools.pairwise(choices):  # then leftwards, row by row
            assert (a.top() == b.top() and a.left() > b.right()) or a.bottom() < b.top()
        for r in choices:
            assert r.height() >= 56 and r.left() >= 0 and r.right() <= size[0]
        win.go("home")
        QApplication.processEvents()
        panel = k.panel
        assert panel.question.text() == "ماذا يجب أن تجرب مدينتنا بعد ذلك؟"
        assert panel.layoutDirection() == Qt.LayoutDirection.RightToLeft
        win.home.reveal_ask()
        QTest.mouseClick(panel.buttons[0], Qt.MouseButton.LeftButton)
        assert panel.results.isVisible() and k.votes() == [0]
        left = panel.mapTo(win, QPoint(0, 0)).x()
        assert left >= 0 and left + panel.width() <= size[0]
        for b in panel.buttons[:3]:
            assert b.height() >= 56 and b.x() + b.width() <= panel.answers.width()
    finally:
        close_window(k.window)
        k.booth.ballot.close()


ASK_AR = """ask:
  id: try-next
  question:
    en: What should our city try next?
    ar: ماذا يجب أن تجرب مدينتنا بعد ذلك؟
  choices:
    - case_study: harbour-bath
    - label: {en: Car-free Sundays, ar: أيام أحد بلا سيارات}
    - label: {en: More trees, ar: المزيد من الأشجار}
  every: 2
"""


def test_the_layout_audit_sees_a_question_slide_that_does_not_fit(kiosk: Kiosk) -> None:
    from tests.helpers.layout_audit import _ask_slide

    kiosk.to_ask_slide()
    attract = kiosk.window.attract
    assert _ask_slide(attract, []) == []
    attract.resize(900, 300)  # far too low for the question and four pills: they run off the top
    problems = _ask_slide(attract, [])
    assert any("question at" in p and "leaves" in p for p in problems), problems


@pytest.mark.expect_log("kiosk.ui.attract")
def test_a_vote_that_cannot_be_written_still_starts_the_visit(  # type: ignore[no-untyped-def]
        qtbot, bundled: ContentReader, tmp_path: Path) -> None:
    import shutil

    k = open_kiosk(qtbot, bundled, tmp_path / "gone")
    try:
        k.booth.ballot.close()
        shutil.rmtree(tmp_path / "gone")  # the database's folder went away (a pulled disk)
        k.to_ask_slide()
        attract = k.window.attract
        first = attract.ask_choices()[0].center().toPoint()
        with qtbot.waitSignal(attract.asked) as asked:
            QTest.mouseClick(attract, Qt.MouseButton.LeftButton, pos=first)
        assert asked.args == [ASK, 0, "refused"]
        assert str(k.window.current_route) == "home"  # the visitor is not stuck on the loop
    finally:
        close_window(k.window)
