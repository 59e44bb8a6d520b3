"""The layout audit (tests/helpers/layout_audit.py) over every screen and overlay, on every screen shape,
text size and script: 4 sizes x 3 text sizes x 5 languages (en, da from the bundled pack; ar, zh, ja
from the scripts test pack, given a poll, the lab-wide question and partners) = 60 cases, each walking
every screen and overlay of its pack (the scripts pack has no data sets and no gallery). The partners
list, a partner's page and the network (plain and with a partner lit) are among them; the network's
nodes are audited as a graph (inside the scene, no overlaps, readable). So are the attract loop's
question slide (painted: audited by geometry) and home with the question answered.

One kiosk per pack is built (module scope) and reused: the window is re-pinned to each screen size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from kiosk.ui.accessibility import A11yState
from tests.helpers.layout_audit import audit

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (3840, 2160)]
SCALES = [1.0, 1.25, 1.5]
LANGS = ["en", "da", "ar", "zh", "ja"]
PACKS = {"en": "bundled", "da": "bundled", "ar": "scripts", "zh": "scripts", "ja": "scripts"}
PACK_DIRS = {"bundled": ROOT / "content", "scripts": ROOT / "tests" / "fixtures" / "packs" / "scripts"}


@dataclass
class Kiosk:
    app: Any
    admin: Any

    @property
    def window(self) -> Any:
        return self.app.window


def build(pack: str, data_dir: Path) -> Kiosk:
    from kiosk.admin.pin import hash_pin
    from kiosk.app import build_app
    from kiosk.commands.ui import load_file_dataset
    from kiosk.config import Config
    from kiosk.ui.admin.controller import AdminController
    from kiosk.ui.voice_ask import attach_ask
    from kiosk.voice.ballot import Ballot
    from kiosk.voice.booth import Booth
    from tests.helpers.voice import poll_pack

    cfg = Config()
    cfg.kiosk.data_dir = str(data_dir)
    cfg.admin.pin_hash = hash_pin("2468", n=2**4)
    pack_dir = PACK_DIRS[pack]
    if pack == "scripts":  # + a poll and the lab-wide question in Arabic
        pack_dir = poll_pack(data_dir / "pack")
        yaml = pack_dir / "pack.yaml"
        yaml.write_text(yaml.read_text(encoding="utf-8") + ASK_SCRIPTS, encoding="utf-8")
    kiosk = build_app(cfg, pack_path=pack_dir, windowed=False, size="1920x1080", animate=False)
    kiosk.booth = Booth(Ballot(data_dir / "voice.db", min_interval=0), "main")  # a --pack kiosk has none
    kiosk.window.screens["case"].booth = kiosk.booth  # type: ignore[attr-defined]
    kiosk.window.screens["tour"].case.booth = kiosk.booth  # type: ignore[attr-defined]  # a stop's poll
    attach_ask(kiosk.window, kiosk.booth)  # the lab-wide question on home and in the attract loop
    if kiosk.data_cache is not None:
        for ds in kiosk.reader.datasets():
            if ds.source.get("file"):
                load_file_dataset(cfg, kiosk.data_cache, kiosk.reader, ds.id)
    admin = next(s for s in kiosk.services if isinstance(s, AdminController))
    kiosk.window.show()
    return Kiosk(kiosk, admin)


@pytest.fixture(scope="module")
def kiosks(qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Kiosk]]:
    built = {pack: build(pack, tmp_path_factory.mktemp(pack)) for pack in PACK_DIRS}
    yield built
    for k in built.values():
        k.app.shutdown()
    QApplication.processEvents()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def configure(k: Kiosk, size: tuple[int, int], scale: float, lang: str) -> None:
    win = k.window
    k.admin.close()
    win.go("home")
    win.pin_to_screen(QRect(0, 0, *size))
    win.set_language(lang)
    win.a11y.set_state(A11yState(text_scale=scale), emit=True)
    settle()


def states(k: Kiosk) -> list[tuple[str, Callable[[], None]]]:
    """(name, how to get there) for every screen and overlay the pack has."""
    win, reader = k.window, k.window.reader
    case = max(reader.case_studies(), key=lambda cs: len(cs.main.gallery))  # one with a gallery
    themes = reader.meta.themes
    tours = reader.tours()
    datasets = [ds for ds in reader.datasets() if ds.source.get("file")]
    found: list[tuple[str, Callable[[], None]]] = [
        ("attract", lambda: win.go("attract")),
        ("home", lambda: win.go("home")),
        ("home:<theme>", lambda: win.go(f"home:{themes[0].id}")),
        ("attract, the question slide", lambda: to_ask_slide(win)),
        ("home, the question answered", lambda: (win.go("home"), win.home.ask_panel.choose(1),
                                                 win.home.reveal_ask())),
        ("accessibility popover", lambda: (win.go("home"), win.a11y.open())),
        ("case", lambda: win.go(f"case:{case.slug}")),
    ]
    screen = win.screens["case"]
    if case.main.gallery:
        found.append(("gallery lightbox", lambda: screen.zoom.open(screen.gallery.pictures, 0)))
    found.append(("QR overlay", lambda: screen.show_qr("https://example.org/a/rather/long/link/to/a/case")))
    lang = reader.meta.default_language
    polled = [cs.slug for cs in reader.case_studies() if reader.poll(cs.slug, lang) is not None]
    if polled:  # the citizen-voice panel after a vote: answers, thanks, bars, total
        panel = screen.voice_panel
        found.append(("case poll answered", lambda: (win.go(f"case:{polled[0]}"), panel.choose(0),
                                                     screen.scroll_area.ensureWidgetVisible(panel))))
    if datasets:
        found.append(("data", lambda: win.go(f"data:{datasets[0].id}")))
    if tours:
        tour = tours[0]
        found.append(("tour chooser", lambda: win.go("tour")))
        found.append(("tour stop", lambda: win.go(f"tour:{tour.id}:1")))
        found.append(("tour end", lambda: win.go(f"tour:{tour.id}:end")))
    partners = reader.meta.partners
    if partners:
        found.append(("partners", lambda: win.go("partners")))
        found.append(("partner page", lambda: win.go(f"partners:{partners[0].id}")))
        found.append(("network", lambda: win.go("network")))
        found.append(("network, a partner lit", lambda: win.go(f"network:{partners[0].id}")))
    found.append(("idle warning", lambda: (win.go("home"), win.idle_overlay.open())))
    found.append(("PIN keypad", lambda: (k.admin.close(), k.admin.open())))
    found.append(("admin panel", lambda: k.admin._show("panel")))
    return found


def to_ask_slide(win: Any) -> None:
    attract = win.attract
    win.go("attract")
    attract.index = next(i for i, s in enumerate(attract.slides) if s.poll is not None)
    attract.update()


ASK_SCRIPTS = """ask:
  id: try-next
  question:
    en: What should our harbour try next?
    ar: ماذا يجب أن يجرب ميناؤنا بعد ذلك؟
    zh: 我们的港口下一步应该尝试什么？
    ja: 私たちの港は次に何を試すべきですか？
  choices:
    - case_study: harbour-bath
    - case_study: solar-market
    - label: {en: Car-free Sundays on the quay, ar: أيام أحد بلا سيارات على الرصيف, zh: 码头无车星期日,
              ja: 岸壁のカーフリーサンデー}
    - label: {en: More trees, ar: المزيد من الأشجار, zh: 更多的树, ja: もっと木を}
"""


def leave(k: Kiosk) -> None:
    win = k.window
    win.a11y.hide()
    win.idle_overlay.close_overlay()
    screen = win.screens["case"]
    screen.zoom.close_overlay()
    screen.qr_overlay.close_overlay()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"text{s:g}")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_holds(kiosks: dict[str, Kiosk], size: tuple[int, int], scale: float, lang: str) -> None:
    k = kiosks[PACKS[lang]]
    configure(k, size, scale, lang)
    problems: list[str] = []
    try:
        for state, enter in states(k):
            enter()
            settle()
            problems += [f"{state}: {p}" for p in audit(k.window, size)]
            if state not in {"PIN keypad", "admin panel"}:
                leave(k)
    finally:
        k.admin.close()
        leave(k)
    assert not problems, f"{len(problems)} layout problems:\n" + "\n".join(dict.fromkeys(problems))


def test_the_graph_audit_sees_overlapping_unreadable_and_runaway_nodes(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The network's nodes are QGraphicsItems, not widgets: the audit checks them itself."""
    from kiosk.ui.screens.partners_network import NetworkScreen
    from kiosk.ui.theme import Theme
    from tests.bench.gen_partners import make_partner_reader
    from tests.helpers.layout_audit import _graph, visible_widgets

    screen = NetworkScreen(Theme(1280, 800))
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.set_content(make_partner_reader(12, 6), "en")
    screen.show()
    qtbot.waitExposed(screen)
    assert _graph(screen, visible_widgets(screen)) == []
    nodes = list(screen.view.nodes.values())
    nodes[1].setPos(nodes[0].rect.topLeft() - nodes[1].rect.topLeft())  # on top of the first
    nodes[2].text = "O…"  # elided to one character
    nodes[3].setPos(screen.view.scene().sceneRect().width(), 0)  # off the right edge
    problems = "\n".join(_graph(screen, visible_widgets(screen)))
    overlaps = [line for line in problems.splitlines() if line.endswith("overlap")]
    assert len(overlaps) == 1
    assert repr(nodes[0].full_text[:30]) in overlaps[0] and repr(nodes[1].full_text[:30]) in overlaps[0]
    assert f"node {nodes[2].full_text[:30]!r} is elided to 'O…'" in problems
    assert f"node {nodes[3].full_text[:30]!r} at x" in problems and "leaves the" in problems


def full_rows(home: Any) -> int:
    """Rows of tiles wholly inside the grid's view, from the top."""
    viewport, grid = home.area.viewport(), home.grid
    tiles = grid.tiles[: grid.visible_count]
    rows = 0
    for first in tiles[:: grid.columns]:
        top = first.mapTo(viewport, first.rect().topLeft()).y()
        if top < 0 or top + first.height() > viewport.height():
            break
        rows += 1
    return rows


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_shows_two_full_rows_of_tiles(kiosks: dict[str, Kiosk], size: tuple[int, int]) -> None:
    """With and without the live figure (its real, long sample-data caption), and the tiles stay where
    they are either way (the real X11 walk taps where an offscreen twin without live data sees them)."""
    from kiosk.ui.widgets.livefigure import FigureParts

    k = kiosks["bundled"]
    configure(k, size, 1.0, "en")
    home = k.window.home
    caption = "Sample data: energy use of a street-lighting test field · recorded data, last value 7 Mar 2025"
    places = []
    try:
        for figure in (None, FigureParts("13.8", "kWh", caption, "x", False, False)):
            home.set_live_figure(None, figure)
            k.window.go("home")
            settle()
            assert home.live.isVisible() == (figure is not None)
            assert home.grid.visible_count >= 2 * home.grid.columns  # enough case studies for two rows
            assert full_rows(home) >= 2, f"{full_rows(home)} full row(s) of tiles at {size}, figure {figure}"
            assert not audit(k.window, size)
            first = home.grid.tiles[0]
            chip = home.chips[1]
            origin = first.rect().topLeft()
            places.append((first.mapTo(k.window, origin), chip.mapTo(k.window, origin)))
        assert places[0] == places[1], "the live figure moved the chips or the tiles"
    finally:
        home.set_live_figure(None, None)


def in_view(widget: Any, viewport: Any) -> bool:
    """``widget`` lies wholly inside ``viewport`` as it is shown now (not scrolled to)."""
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(top_left, widget.size()))


END_CASES = [((1080, 1920), 1.0), ((1080, 1920), 1.25), ((1080, 1920), 1.5), ((1920, 1080), 1.0),
             ((1920, 1080), 1.5), ((1280, 800), 1.0)]
"""Portrait at every text size; landscape where the page fits (1280x800 at 1.5x scrolls to its button)."""


@pytest.mark.parametrize(("size", "scale"), END_CASES, ids=lambda c: f"{c[0]}x{c[1]}" if isinstance(c, tuple)
                         else f"text{c:g}")
def test_tour_end_shows_its_next_step_and_qr_without_scrolling(
    kiosks: dict[str, Kiosk], size: tuple[int, int], scale: float
) -> None:
    """The one next step ("Explore on your own"), the QR code and its hint "Scan to read on at home"
    are on screen when the end page opens, in portrait too (they were below the fold there)."""
    k = kiosks["bundled"]
    configure(k, size, scale, "en")
    tour = k.window.reader.tours()[0]
    screen = k.window.screens["tour"]
    try:
        k.window.go(f"tour:{tour.id}:end")
        settle()
        viewport = screen.end_scroll.viewport()
        assert screen.end_scroll.verticalScrollBar().value() == 0
        for part in (screen.end_home, screen.end_qr, screen.end_hint):
            assert part.isVisibleTo(screen), part.objectName() or type(part).__name__
            where = (type(part).__name__, part.mapTo(viewport, part.rect().topLeft()), part.size(),
                     viewport.size())
            assert in_view(part, viewport), f"below the fold: {where}"
        assert not audit(k.window, size)
    finally:
        k.window.go("home")
        settle()
