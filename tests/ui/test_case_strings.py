"""The case-study screen speaks through the Qt translations (no private string table)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import kiosk.ui.screens.case_study_parts as parts
from kiosk.ui.screens.case_study import CaseStudyScreen
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.strings import SOURCE, tr
from tests.fixtures.hostile.pack import RecordingContent, build_pack


@pytest.fixture
def screen(qtbot, tmp_path: Path) -> Iterator[CaseStudyScreen]:  # type: ignore[no-untyped-def]
    reader: RecordingContent = build_pack(tmp_path / "pack")
    s = CaseStudyScreen(Theme(1920, 1080))
    qtbot.addWidget(s)
    s.resize(1920, 1080)
    s.set_content(reader, "en")
    s.show_route("cooling")
    yield s
    s.reset()


def test_no_private_string_table() -> None:
    assert not hasattr(parts, "STRINGS")
    assert set(parts.CASE_KEYS) <= set(SOURCE)


@pytest.mark.parametrize(
    ("lang", "take_home", "related"),
    [
        ("en", "Take it home", "Related projects"),
        ("da", "Tag den med hjem", "Relaterede projekter"),
        ("de", "Zum Mitnehmen", "Verwandte Projekte"),
        ("ar", "خذها معك", "مشاريع ذات صلة"),
    ],
)
def test_headings_follow_the_language(
        screen: CaseStudyScreen, lang: str, take_home: str, related: str) -> None:
    screen.set_content(screen.reader, lang)  # type: ignore[arg-type]
    assert screen.qr_title.text() == take_home
    assert screen.related_title.text() == related
    assert screen.gallery_title.text() == tr("gallery", lang)
    assert screen.data_title.text() == tr("data", lang)


def test_partner_line_is_labelled_in_the_language(screen: CaseStudyScreen) -> None:
    line = screen.partner_line
    assert line.label.text() == "Partners"
    assert "HOFOR" in [p.accessibleName() for p in line.pills if p.isVisibleTo(screen)]
    screen.set_content(screen.reader, "da")  # type: ignore[arg-type]
    assert line.label.text() == "Partnere"


@pytest.mark.expect_log("kiosk.ui.case_study")
def test_missing_story_in_the_language(screen: CaseStudyScreen) -> None:
    screen.set_content(screen.reader, "de")  # type: ignore[arg-type]
    screen.show_route("no-such-story")
    assert screen.title.text() == "Diese Geschichte ist nicht verfügbar"
