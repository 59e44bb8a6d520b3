"""Partners screen, the "who works with whom" network and the case study's partner line, in a real window
over the bundled pack; and a layout audit of both screens at every size, text size, language and palette."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.content.network import build_network
from kiosk.content.reader import ContentReader
from kiosk.ui.screens.partners import PartnersScreen
from kiosk.ui.screens.partners_network import NetworkScreen
from kiosk.ui.theme import HIGH_CONTRAST, Theme, palette_for
from kiosk.ui.widgets.network import DIM, NetworkView, Node
from kiosk.ui.widgets.qr import QrView
from kiosk.ui.window import KioskWindow
from tests.bench.gen_partners import make_partner_reader

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]



def partners(window: KioskWindow) -> PartnersScreen:
    screen = window.screens["partners"]
    assert isinstance(screen, PartnersScreen)
    return screen


def network(window: KioskWindow) -> NetworkScreen:
    screen = window.screens["network"]
    assert isinstance(screen, NetworkScreen)
    return screen


def tap_node(view: NetworkView, node: Node) -> None:
    view.ensureVisible(node)
    QApplication.processEvents()
    point = view.mapFromScene(node.rect.center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def test_home_opens_partners_grouped_by_type(window: KioskWindow) -> None:
    window.go("home")
    assert window.home.partners_button.isVisible()
    QTest.mouseClick(window.home.partners_button, Qt.MouseButton.LeftButton)
    assert str(window.current_route) == "partners"
    screen = partners(window)
    assert [h.text() for h in screen.headings] == ["Public sector", "Companies", "Research and education",
                                                  "Civil society"]
    assert len(screen.cards) == 47
    assert screen.card("hofor") is not None and screen.card("hofor").accessibleName() == "HOFOR"


def test_a_partner_page_lists_what_it_did_and_opens_a_case_study(window: KioskWindow) -> None:
    window.go("home")
    window.go("partners")
    card = partners(window).card("taarnby-forsyning")
    assert card is not None
    QTest.mouseClick(card, Qt.MouseButton.LeftButton)
    assert str(window.current_route) == "partners:taarnby-forsyning"
    screen = partners(window)
    assert screen.name.text() == "Tårnby Forsyning" and screen.kind.text() == "Public sector"
    assert screen.did_title.text() == "What we did here"
    chips = [c for c in screen.projects.chips if c.isVisibleTo(screen)]
    assert [c.text() for c in chips] == ["↗  Cooling, heating and clean water from one plant"]
    assert not screen.qr_box.isVisibleTo(screen)  # no link in partners.yaml: no QR code
    QTest.mouseClick(chips[0], Qt.MouseButton.LeftButton)
    assert str(window.current_route) == "case:taarnby-district-cooling"


def test_partner_with_a_link_shows_its_qr_and_opens_in_the_network(window: KioskWindow) -> None:
    window.go("home")
    window.go("partners:hofor")
    screen = partners(window)
    assert screen.qr_box.isVisibleTo(screen) and screen.qr.text == "https://www.hofor.dk/"
    QTest.mouseClick(screen.show_network, Qt.MouseButton.LeftButton)
    assert str(window.current_route) == "network:hofor"
    view = network(window).view
    assert view.selected == "hofor"
    assert view.nodes[("case", "copenhagen-district-cooling")].opacity() == 1.0
    assert view.nodes[("case", "samso-energy-island")].opacity() == DIM


def test_case_study_partner_line_is_coloured_and_tappable(window: KioskWindow) -> None:
    window.go("home")
    window.go("case:taarnby-district-cooling")
    line = window.screens["case"].partner_line  # type: ignore[attr-defined]
    pills = [p for p in line.pills if p.isVisibleTo(line)]
    assert [p.accessibleName() for p in pills] == [
        "Tårnby Forsyning · owner and operator", "Tårnby Municipality", "Rambøll · business plan and design",
        "CTR · heat transmission",
    ]
    assert "#a8431a" in pills[2].styleSheet().lower()  # Rambøll: the private-company colour
    QTest.mouseClick(pills[0], Qt.MouseButton.LeftButton)
    assert str(window.current_route) == "partners:taarnby-forsyning"
    window.set_language("da")
    window.go("case:taarnby-district-cooling")
    assert pills[1].accessibleName() == "Tårnby Kommune" and line.label.text() == "Partnere"


def test_network_tap_lights_up_projects_and_co_partners_then_opens_a_case(window: KioskWindow,
                                                                         qtbot) -> None:  # type: ignore[no-untyped-def]
    window.go("home")
    window.go("network")
    view = network(window).view
    tap_node(view, view.nodes[("partner", "ctr")])
    assert view.selected == "ctr"
    lit = {ident for (kind, ident), n in view.nodes.items() if n.opacity() == 1.0}
    assert {"copenhagen-district-heating", "taarnby-district-cooling"} <= lit
    assert {"hofor", "veks", "taarnby-forsyning", "ramboll"} <= lit  # co-partners on both projects
    assert "samso" not in lit and view.nodes[("partner", "samso")].opacity() == DIM
    tap_node(view, view.nodes[("partner", "ctr")])  # a second tap clears the selection
    assert view.selected is None and all(n.opacity() == 1.0 for n in view.nodes.values())
    with qtbot.waitSignal(view.case_tapped) as opened:
        tap_node(view, view.nodes[("case", "samso-energy-island")])
    assert opened.args == ["samso-energy-island"]
    assert str(window.current_route) == "case:samso-energy-island"


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_network_nodes_keep_the_9_mm_floor(qtbot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    theme = Theme(*size).with_touch_floor(10.1)  # a 10" panel: 9 mm is more than 5.5u here
    screen = NetworkScreen(theme)
    qtbot.addWidget(screen)
    screen.resize(*size)
    screen.set_content(make_partner_reader(60, 30), "en")
    screen.show()
    qtbot.waitExposed(screen)
    nodes = list(screen.view.nodes.values())
    assert len(nodes) == 90
    floor = theme.touch
    assert floor >= theme.min_touch_px > 0
    assert all(n.rect.height() >= floor for n in nodes)
    # Rows in a column never overlap: two tap targets never share pixels.
    for x in {n.rect.x() for n in nodes}:
        column = sorted((n.rect for n in nodes if n.rect.x() == x), key=lambda r: r.y())
        assert all(a.bottom() < b.top() for a, b in itertools.pairwise(column))


def outside(screen: QWidget, width: int) -> list[str]:
    """Visible controls and labels that run past the screen's left or right edge."""
    bad = []
    for w in screen.findChildren(QWidget):
        if not w.isVisibleTo(screen) or not isinstance(w, QAbstractButton | QLabel) or not w.width():
            continue
        left = w.mapTo(screen, QPoint(0, 0)).x()
        if left < -1 or left + w.width() > width + 1:
            bad.append(f"{type(w).__name__}#{w.objectName()} '{w.text()[:30]}' at {left}+{w.width()}")
    return bad


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("scale", "lang", "contrast"), [(1.0, "en", False), (1.5, "da", False),
                                                        (1.5, "ar", True), (1.25, "de", True)])
def test_layout_audit(qtbot, bundled: ContentReader, size: tuple[int, int], scale: float, lang: str,  # type: ignore[no-untyped-def]
                      contrast: bool) -> None:
    palette = HIGH_CONTRAST if contrast else palette_for("light", bundled.meta.branding.accent_color)
    theme = Theme(*size, palette, text_scale=scale)
    reader = bundled if lang in bundled.meta.languages else make_partner_reader(60, 30)
    for screen, route in ((PartnersScreen(theme), ""), (PartnersScreen(theme), "hofor"),
                          (NetworkScreen(theme), "hofor")):
        qtbot.addWidget(screen)
        rtl = lang == "ar"
        screen.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        screen.resize(*size)
        screen.set_content(reader, lang)
        screen.show_route(route if route in {p.id for p in reader.partners()} else "")
        screen.show()
        qtbot.waitExposed(screen)
        QApplication.processEvents()
        assert outside(screen, size[0]) == [], (type(screen).__name__, route)
        buttons = [b for b in screen.findChildren(QAbstractButton) if b.isVisibleTo(screen)]
        assert buttons or isinstance(screen, NetworkScreen)
        small = [b.text() for b in buttons if b.height() < theme.touch]
        assert small == []
        if isinstance(screen, NetworkScreen):
            view = screen.view
            assert view.scene().sceneRect().width() <= view.viewport().width() + 1
            assert all(n.rect.height() >= theme.touch for n in view.nodes.values())
            assert all(n.opacity() == 1.0 or n.opacity() == DIM for n in view.nodes.values())
        screen.close()


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_rtl_mirrors_the_network_columns(qtbot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    reader = make_partner_reader(10, 5)
    boxes = {}
    for lang in ("en", "ar"):
        screen = NetworkScreen(Theme(*size))
        qtbot.addWidget(screen)
        screen.resize(*size)
        screen.show()
        qtbot.waitExposed(screen)
        screen.view.set_network(build_network(reader), screen.theme, lang, "en", rtl=lang == "ar")
        boxes[lang] = {key: n.rect for key, n in screen.view.nodes.items()}
        width = screen.view.scene().sceneRect().width()
        screen.close()
    assert boxes["en"].keys() == boxes["ar"].keys()
    for key, ltr in boxes["en"].items():
        rtl = boxes["ar"][key]
        assert abs(rtl.x() - (width - ltr.right())) < 1.5, key  # the same box, mirrored
        assert rtl.y() == ltr.y()


def test_tour_end_card_names_the_partners_as_pills_that_open_their_page(window: KioskWindow) -> None:
    window.go("home")
    window.go("tour:energy-transition:end")
    screen = window.screens["tour"]
    card = screen.end_partners  # type: ignore[attr-defined]
    assert card.isVisibleTo(window)
    assert card.heading.text() == "Partners on this tour"
    assert card.hint.text() == "Tap a partner for their page and website"
    pills = [p for p in card.line.pills if p.isVisibleTo(window)]
    assert pills[0].accessibleName() == "Middelgrunden Wind Turbine Cooperative"
    assert card.line.ids[0] == "middelgrunden-cooperative"
    # One clear next step: the whole closing page shows one QR code, the tour's own link.
    codes = [q for q in screen.end_page.findChildren(QrView) if q.isVisibleTo(window)]  # type: ignore[attr-defined]
    assert codes == [screen.end_qr]  # type: ignore[attr-defined]
    QTest.mouseClick(pills[0], Qt.MouseButton.LeftButton)
    assert str(window.current_route) == "partners:middelgrunden-cooperative"
    window.set_language("da")
    window.go("tour:energy-transition:end")
    assert card.heading.text() == "Partnere på denne tur"
    assert card.line.pills[0].accessibleName() == "Middelgrundens Vindmøllelaug"


@pytest.mark.expect_log("kiosk.content")  # the fixture pack lacks a translation on purpose
def test_logos_from_the_pack_show_on_cards_and_pages(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from kiosk.content.loader import load_pack
    from kiosk.content.reader import PackContent
    from kiosk.content.sources import DirectorySource

    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "tests" / "fixtures" / "packs" / "valid", pack)
    (pack / "partners.yaml").write_text(
        "partners:\n  - {id: kredslob, name: Kredsløb, type: public, logo: media/logo.svg}\n"
        "  - {id: au, name: Aarhus University, type: knowledge}\n", encoding="utf-8")
    index = pack / "case-studies" / "harbour-cooling" / "index.en.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("[AffaldVarme Aarhus, Kredsløb]", "[AffaldVarme Aarhus, kredslob, au]"),
                     encoding="utf-8")
    reader = PackContent(load_pack(DirectorySource(pack)), DirectorySource(pack))
    screen = PartnersScreen(Theme(1280, 800))
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.set_content(reader, "en")
    screen.show()
    qtbot.waitExposed(screen)
    assert not screen.cards["kredslob"].icon().isNull() and screen.cards["au"].icon().isNull()
    screen.show_route("kredslob")
    assert screen.logo.isVisibleTo(screen) and not screen.logo.pixmap().isNull()
    screen.show_route("au")
    assert not screen.logo.isVisibleTo(screen)
    screen.close()


def test_network_nodes_speak_to_screen_readers_and_follow_the_keyboard(window: KioskWindow) -> None:
    window.go("network")
    view = network(window).view
    net = view.network
    assert net is not None
    assert view.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert view.accessibleName() == "Who works with whom"  # no node focused yet: the view itself
    assert view.order and set(view.order) == set(view.nodes)
    tops = [view.nodes[k].rect.top() for k in view.order]
    assert tops == sorted(tops)  # reading order: rows from the top
    QTest.keyClick(view, Qt.Key.Key_PageDown)
    first = view.nodes[view.order[0]]
    assert view.focus_key == view.order[0] and first.focused
    assert view.accessibleName() == first.full_text
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert view.focus_key == view.order[2] and not first.focused
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    assert view.focus_key == view.order[1]
    # A partner: its type, projects and co-partners; Enter lights it up like a tap.
    hofor = ("partner", "hofor")
    view.set_focus_node(hofor)
    projects, co = len(net.projects("hofor")), len(net.co_partners("hofor"))
    assert view.accessibleName() == "HOFOR"
    assert view.accessibleDescription() == f"Public sector, {projects} projects, {co} co-partners"
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert view.selected == "hofor"
    # A case study: Enter opens it.
    case = next(k for k in view.order if k[0] == "case")
    view.set_focus_node(case)
    partners_of_case = sum(1 for _, slug in net.edges if slug == case[1])
    assert view.accessibleDescription() == f"Case study with {partners_of_case} partners"
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert str(window.current_route) == f"case:{case[1]}"


def test_a_presenter_remote_walks_the_network_in_kiosk_mode(window: KioskWindow) -> None:
    from kiosk.ui.lockdown import Lockdown

    lock = Lockdown(kiosk_mode=True, cursor_hide_ms=60_000, parent=window)
    lock.presenter = window
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(lock)
    try:
        window.go("home")
        QTest.keyClick(window, Qt.Key.Key_PageDown)
        assert lock.blocked_count == 1  # outside the network and tours the remote's keys stay blocked
        window.go("network")
        view = network(window).view
        for _ in range(3):
            QTest.keyClick(window, Qt.Key.Key_PageDown)
        assert view.focus_key == view.order[2] and lock.blocked_count == 1
        view.set_focus_node(next(k for k in view.order if k[0] == "partner"))
        QTest.keyClick(window, Qt.Key.Key_Return)
        assert view.selected == view.focus_key[1]  # type: ignore[index]
    finally:
        app.removeEventFilter(lock)
        lock.release()


def test_network_keys_follow_the_mirrored_layout_in_arabic(qtbot) -> None:  # type: ignore[no-untyped-def]
    reader = make_partner_reader(12, 6)
    screen = NetworkScreen(Theme(1920, 1080))
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    screen.show()
    qtbot.waitExposed(screen)
    view = screen.view
    view.set_network(build_network(reader), screen.theme, "ar", "en", rtl=True)
    by_top: dict[float, list[float]] = {}
    for k in view.order:
        by_top.setdefault(view.nodes[k].rect.top(), []).append(view.nodes[k].rect.left())
    rows = [lefts for lefts in by_top.values() if len(lefts) > 1]
    assert rows and all(lefts == sorted(lefts, reverse=True) for lefts in rows)  # right to left
    assert screen.remote_key(int(Qt.Key.Key_Left))  # "forward" in a right-to-left layout
    assert view.focus_key == view.order[0]
    screen.remote_key(int(Qt.Key.Key_Left))
    assert view.focus_key == view.order[1]
    screen.remote_key(int(Qt.Key.Key_Right))
    assert view.focus_key == view.order[0]
    assert not screen.remote_key(int(Qt.Key.Key_B))  # not a key the network uses


def test_the_network_is_built_once_and_reused(window: KioskWindow) -> None:
    window.go("network")
    view = network(window).view
    nodes = view.nodes
    window.go("home")
    window.go("network")
    assert view.nodes is nodes  # shown again with the same content: the same scene
    window.go("home")
    window.set_language("da")  # while the network is hidden: nothing is drawn for it yet
    assert view.nodes is nodes
    window.go("network")
    assert view.nodes is not nodes and view.accessibleName() == "Hvem arbejder med hvem"
