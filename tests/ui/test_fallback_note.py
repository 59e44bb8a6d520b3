"""A case study missing in the visitor's language shows the default language's text with a small note
in the visitor's language saying so (DESIGN.md "Missing translation")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.content.reader import load_pack_content
from kiosk.ui.screens.case_study import CaseStudyScreen
from tests.helpers.windows import open_window

SCRIPTS = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "scripts"


@pytest.mark.expect_log("kiosk.content")  # the fixture pack lacks a translation on purpose
def test_fallback_text_says_it_is_not_translated(qtbot, tmp_path: Path) -> None:
    pack = tmp_path / "scripts"
    shutil.copytree(SCRIPTS, pack)
    (pack / "case-studies" / "harbour-bath" / "index.ar.md").unlink()  # not translated into Arabic yet
    reader = load_pack_content(pack)
    win = open_window(qtbot, reader, kiosk_mode=False)
    try:
        case = win.screens["case"]
        assert isinstance(case, CaseStudyScreen)
        win.set_language("ar")
        win.go("case:harbour-bath")
        assert case.fallback_note.isVisible()
        assert "لم تُترجم بعد" in case.fallback_note.text() and "English" in case.fallback_note.text()
        win.go("case:solar-market")  # translated: no note
        assert not case.fallback_note.isVisible()
    finally:
        win.allow_close()
        win.close()
        win.deleteLater()
