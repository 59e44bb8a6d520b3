"""UI strings through Qt translations; the language switch on every screen; RTL mirroring; idle reset."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.content.reader import ContentReader, load_pack_content
from kiosk.ui.i18n import TRANSLATIONS_DIR, Translations, qm_path
from kiosk.ui.widgets.strings import CONTEXT, SOURCE, tr, trf
from kiosk.ui.window import KioskWindow
from tests.helpers.translations import available_languages
from tests.helpers.windows import open_window

ROOT = Path(__file__).resolve().parents[2]
COMPLETE = ("en", "da", "de", "ar")


def test_every_ts_is_compiled_and_the_required_languages_are_complete() -> None:
    sources = set(SOURCE.values())
    for lang in COMPLETE:
        assert lang in available_languages()
    for ts in sorted(TRANSLATIONS_DIR.glob("kiosk_*.ts")):
        lang = ts.stem.removeprefix("kiosk_")
        assert qm_path(lang).is_file(), f"{ts.name} has no compiled .qm (run pyside6-lrelease)"
        messages = ET.parse(ts).getroot().findall("./context/message")
        in_ts = {m.findtext("source") for m in messages}
        assert sources <= in_ts, f"{ts.name} lacks {sorted(sources - in_ts)} (run pyside6-lupdate)"
        if lang in COMPLETE:
            unfinished = [m.findtext("source") for m in messages if m.findtext("translation") == ""]
            assert not unfinished, f"{ts.name}: untranslated {unfinished}"


def test_compiled_qm_matches_its_source(tmp_path: Path) -> None:
    """Recompile every .ts and compare: each committed .qm is the current translation."""
    for ts in sorted(TRANSLATIONS_DIR.glob("kiosk_*.ts")):
        out = tmp_path / f"{ts.stem}.qm"
        subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(out)], check=True, capture_output=True)
        lang = ts.stem.removeprefix("kiosk_")
        assert out.read_bytes() == qm_path(lang).read_bytes(), f"recompile {ts.name}"


def test_tr_uses_the_translator_and_falls_back_to_english() -> None:
    assert tr("back", "da") == "Tilbage"
    assert tr("back", "de-AT") == "Zurück"
    assert tr("back", "ar") == "رجوع"
    assert tr("back", "xx") == "Back"
    assert tr("end_tour", "fi") == "End tour"  # Finnish has only the older strings so far
    assert trf("stop_of", "de", 3, 7) == "Station 3 von 7"
    assert trf("stop_of", "ar", 1, 2) == "المحطة 1 من 2"


def test_translations_install_the_visitor_language_on_the_application() -> None:
    translations = Translations()
    try:
        assert translations.set_language("de")
        assert QCoreApplication.translate(CONTEXT, "Home") == "Start"
        assert translations.set_language("da")
        assert QCoreApplication.translate(CONTEXT, "Home") == "Forside"
        assert not translations.set_language("ja")  # no UI translation: English
        assert QCoreApplication.translate(CONTEXT, "Home") == "Home"
    finally:
        translations.uninstall()


# The window --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def scripts() -> ContentReader:
    return load_pack_content(ROOT / "tests/fixtures/packs/scripts")


@pytest.fixture
def window(qtbot, scripts: ContentReader) -> Iterator[KioskWindow]:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, scripts)
    yield win
    win.allow_close()
    win.close()
    win.deleteLater()


def tap(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("route", ["home", "home:water", "case:harbour-bath", "tour", "tour:delegation:2"])
def test_the_language_switch_works_on_every_screen(window: KioskWindow, route: str) -> None:
    tap(window.attract)  # touching the attract loop opens home, where the switcher is
    assert str(window.current_route) == "home"
    window.go(route)
    for code, back in (("zh", "Back"), ("ar", "رجوع"), ("ja", "Back"), ("en", "Back")):
        button = window.navbar.languages.button(code)
        assert button is not None and button.isVisible() and button.text()  # each in its own name
        tap(button)
        assert window.lang == code and str(window.current_route) == route
        assert back in window.navbar.back.text()
    assert window.navbar.languages.button("zh").text() == "中文"  # type: ignore[union-attr]
    assert window.navbar.languages.button("ar").text() == "العربية"  # type: ignore[union-attr]


def test_screens_refill_in_the_chosen_language(window: KioskWindow) -> None:
    window.go("home")
    window.go("case:harbour-bath")
    window.set_language("ja")
    assert window.screens["case"].title.text() == "泳げるきれいな港"  # type: ignore[attr-defined]
    window.go("tour:delegation")
    tour = window.screens["tour"]
    assert tour.notes.text.text() == "港で泳いだことがある人を聞いてみましょう。"  # type: ignore[attr-defined]
    window.set_language("ar")
    assert tour.next_button.text().startswith("التالي")  # type: ignore[attr-defined]


def test_the_visitor_language_resets_when_idle(qtbot, scripts: ContentReader) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, scripts, idle_ms=50, warning_ms=0)
    try:
        win.go("home")
        win.set_language("ar")
        assert win.layoutDirection() == Qt.LayoutDirection.RightToLeft
        with qtbot.waitSignal(win.idle.expired, timeout=10_000):
            pass
        assert win.lang == "en" and win.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert str(win.current_route) == "attract" and win.i18n.lang == "en"
    finally:
        win.allow_close()
        win.close()
        win.deleteLater()


def x_in_window(widget: QWidget, window: QWidget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).x()


def test_arabic_mirrors_the_layout(qtbot, scripts: ContentReader) -> None:  # type: ignore[no-untyped-def]
    reader = scripts
    win = open_window(qtbot, reader)
    try:
        win.go("home")
        slug = reader.case_studies()[0].slug
        back_ltr = x_in_window(win.navbar.back, win)
        tile_ltr = x_in_window(win.home.tile(slug), win)  # type: ignore[arg-type]
        win.set_language("ar")
        QApplication.processEvents()
        assert win.layoutDirection() == Qt.LayoutDirection.RightToLeft
        back_rtl = x_in_window(win.navbar.back, win)
        assert back_ltr < win.width() / 4 and back_rtl > win.width() * 3 / 4  # Back moved to the right
        tile_rtl = x_in_window(win.home.tile(slug), win)  # type: ignore[arg-type]
        assert tile_ltr + win.home.tile(slug).width() / 2 < win.width() / 2 < tile_rtl  # type: ignore[union-attr]
        win.go(f"case:{slug}")
        QApplication.processEvents()
        case = win.screens["case"]
        hero = case.hero  # type: ignore[attr-defined]
        assert x_in_window(hero, win) > win.width() / 3  # the hero image sits on the right
        win.set_language("en")
        QApplication.processEvents()
        assert x_in_window(hero, win) < win.width() / 3
    finally:
        win.allow_close()
        win.close()
        win.deleteLater()
